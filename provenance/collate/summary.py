"""The one-line summary of a collation, which every renderer prints (:mod:`.render`,
:mod:`.html`)."""

from __future__ import annotations

from .model import Collation


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def summary(result: Collation) -> str:
    """One line: how many witnesses, locations of each type, transpositions."""
    st = result.stats
    kinds = ", ".join(
        f"{n} {name}"
        for n, name in ((st.textual, "textual"), (st.editorial, "editorial"), (st.formal, "formal"))
        if n
    )
    line = f"{_plural(st.witnesses, 'witness', 'witnesses')}, {_plural(st.tokens, 'token')}"
    line += f" in {_plural(st.columns, 'column')}; {_plural(st.locations, 'variant location')}"
    if kinds:
        line += f" ({kinds})"
    if st.transpositions:
        line += f"; {_plural(st.transpositions, 'transposition')}"
    return line
