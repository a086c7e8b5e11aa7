""" "Did you mean": the known names closest to a mistyped one, for error messages."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def close_names(given: str, known: Iterable[str], *, n: int = 3, cutoff: float = 0.6) -> list[str]:
    """The names of ``known`` closest to ``given`` (case aside), best first."""
    names = list(dict.fromkeys(known))
    folded = {name.casefold(): name for name in names}
    found = difflib.get_close_matches(given.casefold(), list(folded), n=n, cutoff=cutoff)
    return [folded[f] for f in found]


def did_you_mean(given: str, known: Iterable[str], *, cutoff: float = 0.6) -> str:
    """``"; did you mean 'chicago'?"`` to end a message with, or ``""`` when nothing is
    close."""
    found = close_names(given, known, cutoff=cutoff)
    if not found:
        return ""
    return "; did you mean " + " or ".join(repr(name) for name in found) + "?"
