"""SPDX licence expressions, checked by a real SPDX parser (``license-expression``).

The parser and its licence list are loaded on first use only (they cost tens of milliseconds).
``LicenseRef-…`` and ``DocumentRef-…:LicenseRef-…`` identifiers are accepted as the SPDX
specification allows; any other identifier must be on the SPDX licence list.
"""

from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass
from typing import Any

_REF = re.compile(r"^(?:DocumentRef-[A-Za-z0-9.-]+:)?LicenseRef-[A-Za-z0-9.-]+$")


@functools.cache
def licensing() -> Any:
    """The SPDX licensing of ``license-expression`` (built once)."""
    from license_expression import get_spdx_licensing

    return get_spdx_licensing()


@functools.cache
def _keys_by_fold() -> dict[str, str]:
    return {k.casefold(): k for k in licensing().known_symbols}


@functools.cache
def _aliases() -> dict[str, str]:
    """Other names the parser accepts for a listed id (``GPL-2.0+`` -> ``GPL-2.0-or-later``)."""
    out: dict[str, str] = {}
    for key, symbol in licensing().known_symbols.items():
        for alias in getattr(symbol, "aliases", ()) or ():
            out.setdefault(alias.casefold(), key)
    return out


def is_known_id(key: str) -> bool:
    """Whether ``key`` is exactly an identifier on the SPDX licence or exception list."""
    return key in licensing().known_symbols


@dataclass(frozen=True)
class Parsed:
    """An expression the parser accepted: its canonical text and the licence keys it names."""

    canonical: str
    keys: tuple[str, ...]
    has_exception: bool
    #: What differs between the text given and the canonical form, said plainly.
    fixes: tuple[str, ...] = ()


class SPDXProblem(ValueError):
    """Why an expression is not valid SPDX, with a corrected form where one is likely."""

    def __init__(self, reason: str, suggestion: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.suggestion = suggestion


def parse(expression: str) -> Parsed:
    """Parse and check ``expression``; raise :class:`SPDXProblem` saying why it is not valid."""
    from boolean import ParseError
    from license_expression import ExpressionError

    lic = licensing()
    if expression.count("(") != expression.count(")"):
        raise SPDXProblem("unbalanced parentheses")
    try:
        parsed = lic.parse(expression, validate=False, strict=True)
        if parsed is None:
            raise SPDXProblem("empty expression")
        keys = tuple(lic.license_keys(parsed))
        unknown = [k for k in lic.unknown_license_keys(parsed) if not _REF.match(k)]
    except SPDXProblem:
        raise
    except (ExpressionError, ParseError) as exc:
        raise SPDXProblem(_reason(str(exc))) from None
    except Exception:  # the parser's own slips on odd input ("()", "( OR X)")
        raise SPDXProblem("not a valid SPDX licence expression") from None
    if unknown:
        names = ", ".join(repr(k) for k in unknown)
        noun = "identifier" if len(unknown) == 1 else "identifiers"
        raise SPDXProblem(f"unknown SPDX licence {noun} {names}", _suggest(expression, unknown))
    canonical = str(parsed)
    return Parsed(canonical, keys, " WITH " in canonical, _fixes(expression, canonical))


_TOKEN = re.compile(r"[^\s()]+")
_OPERATORS = ("AND", "OR", "WITH")


def _fixes(expression: str, canonical: str) -> tuple[str, ...]:
    """Say what the canonical form changed: letter case, deprecated ids, spacing, grouping."""
    if expression == canonical:
        return ()
    known = licensing().known_symbols
    folded = _keys_by_fold()
    out: list[str] = []
    for token in dict.fromkeys(_TOKEN.findall(expression)):
        if token in known or token in _OPERATORS or _REF.match(token):
            continue
        if token.upper() in _OPERATORS:
            out.append(f"operator {token!r} written {token.upper()!r}")
        elif token.casefold() in folded:
            out.append(f"{token!r} written {folded[token.casefold()]!r} (SPDX letter case)")
        elif token.casefold() in _aliases():
            out.append(
                f"{token!r} is an older name; the SPDX id is {_aliases()[token.casefold()]!r}"
            )
    if not out:
        out.append(f"spacing or grouping: the SPDX form is {canonical!r}")
    return tuple(out)


def _reason(message: str) -> str:
    text = " ".join(message.split()).rstrip(".")
    text = re.sub(r"\.\s*for token:\s*", "; at token ", text)
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        text = text[0].lower() + text[1:]
    return text or "not a valid SPDX licence expression"


def _suggest(expression: str, unknown: list[str]) -> str | None:
    """The expression with each unknown id replaced by its closest SPDX id, where close."""
    keys = _keys_by_fold()
    out = expression
    for key in unknown:
        match = difflib.get_close_matches(key.casefold(), list(keys), n=1, cutoff=0.85)
        if not match:
            return None
        out = re.sub(rf"(?<![A-Za-z0-9.+-]){re.escape(key)}(?![A-Za-z0-9.+-])", keys[match[0]], out)
    try:
        return str(licensing().parse(out, validate=True, strict=True))
    except Exception:  # the suggestion is a courtesy: never fail because of it
        return None
