"""The editorial bracket rules: :func:`provenance.interventions.lint` on the latest version of
each stream (earlier versions are published; a fix to their brackets is a new version).

Every lint code of :data:`provenance.interventions.CODES` is a rule here with the same code and
default severity; a profile's ``lint:`` settings (``interventions:`` in ``provenance.yaml``)
still decide a finding's severity unless the check settings name that code.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from ..interventions.lint import CODES
from .context import TextContext
from .registry import Raw, register

if TYPE_CHECKING:
    from ..interventions.model import Finding

DESCRIPTIONS = {
    "bracket-unbalanced": "A ']' that closes nothing or a '[' never closed.",
    "bracket-empty": "Empty brackets, or brackets holding only space.",
    "bracket-nested": "A bracket inside another bracket.",
    "bracket-unknown-type": "A bracket that no rule of the store's bracket profile recognises.",
    "bracket-across-paragraphs": "A bracket that runs over a blank line (a ']' forgotten?).",
    "gloss-inconsistent": "The same term glossed two ways in one text.",
    "sic-orphan": "A [sic] with no word before it.",
}
_SEVERITY = {"error": "error", "warning": "warning", "info": "note", "note": "note"}

_memo: tuple[TextContext | None, list[Finding]] = (None, [])


def _lint(ctx: TextContext) -> list[Finding]:
    """Lint a text once for all the bracket rules (they are run one after the other)."""
    global _memo
    if _memo[0] is not ctx:
        from ..interventions import lint

        profile = ctx.settings.profile
        found = lint(
            ctx.text or "", profile, config=ctx.settings.config, root=ctx.settings.root or None
        )
        _memo = (ctx, found)
    return _memo[1]


def _make(code: str) -> Callable[[TextContext], Iterator[Raw]]:
    def bracket_rule(ctx: TextContext) -> Iterator[Raw]:
        if not ctx.latest or ctx.text is None:
            return
        for f in _lint(ctx):
            if f.code == code:
                yield Raw(f.message, line=f.line, severity=_SEVERITY.get(f.severity))

    bracket_rule.__name__ = code.replace("-", "_")
    return bracket_rule


for _code, _severity in CODES.items():
    register(
        _code,
        _SEVERITY.get(_severity, "warning"),
        DESCRIPTIONS.get(_code, f"Bracket lint: {_code}."),
        "text",
        origin="provenance.interventions",
        func=_make(_code),
    )
