"""Lint rules for the bracket layer, each with a stable code (CI relies on the codes).

``bracket-unbalanced``  a ``]`` that closes nothing or a ``[`` never closed (error)
``bracket-empty``       ``[]`` or brackets holding only space
``bracket-nested``      a bracket inside another (off in profiles where nesting is a sign,
                        such as Leiden's ``[[erased]]``)
``bracket-unknown-type`` a bracket no rule of the profile recognises
``bracket-across-paragraphs`` a bracket that runs over a blank line: usually a ``]``
                        forgotten and another one, much later, closing it
``gloss-inconsistent``  the same term glossed two ways in one text (``Andong [Dandong]``
                        and later ``Andong [Tantung]``)
``sic-orphan``          a ``[sic]`` with no word before it

Severities default to those above (``warning`` unless said) and can be changed or turned
``off`` per profile under ``lint:``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .model import Finding, Intervention, ParseResult, Stray
from .profile import IGNORE, UNKNOWN, Profile, load_profile

if TYPE_CHECKING:
    from .parser import LineIndex

#: Every lint code with its default severity.
CODES: dict[str, str] = {
    "bracket-unbalanced": "error",
    "bracket-empty": "warning",
    "bracket-nested": "warning",
    "bracket-unknown-type": "warning",
    "bracket-across-paragraphs": "warning",
    "gloss-inconsistent": "warning",
    "sic-orphan": "warning",
}

_OPENERS = "([{“‘«„‹\"'"
_BLANK_LINE = re.compile(r"\n[ \t\u00a0]*\r?\n")


def lint(
    text: str | ParseResult,
    profile: Profile | str | Path | Mapping[str, Any] | None = None,
    *,
    config: Mapping[str, Any] | None = None,
    root: str | Path | None = None,
) -> list[Finding]:
    """Every problem of the bracket layer of ``text`` (or of an existing parse), in text
    order.  ``profile``, ``config`` and ``root`` are as for :func:`parse`."""
    prof = load_profile(profile, config=config, root=root)
    if isinstance(text, ParseResult):
        return _lint(text.text, prof, list(text.findings), text.interventions)
    return _lint(text, prof, *_brackets(text, prof))


class _Bracket:
    """What lint needs of an intervention, without building one: its line and column are
    worked out only when a finding names them."""

    __slots__ = ("close", "depth", "end", "lines", "start", "text", "type")

    #: Markers (``//``) stand outside every bracket and no lint rule is about them.
    is_marker = False

    def __init__(
        self, text: str, start: int, close: int, depth: int, type_: str, lines: _LazyLines
    ) -> None:
        self.text = text[start : close + 1]
        self.start, self.close, self.end, self.depth = start, close, close + 1, depth
        self.type = type_
        self.lines = lines

    @property
    def content(self) -> str:
        return self.text[1:-1]

    @property
    def line(self) -> int:
        return self.lines.at(self.start)[0]

    @property
    def column(self) -> int:
        return self.lines.at(self.start)[1]

    @property
    def end_line(self) -> int:
        return self.lines.at(self.close)[0]

    @property
    def end_column(self) -> int:
        return self.lines.at(self.close)[1]


class _LazyLines:
    """A :class:`~provenance.interventions.parser.LineIndex` made on first use (most texts
    have no finding)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.made: LineIndex | None = None

    def at(self, offset: int) -> tuple[int, int]:
        if self.made is None:
            from .parser import LineIndex

            self.made = LineIndex(self.text)
        return self.made.at(offset)


def _brackets(text: str, prof: Profile) -> tuple[list[Finding], list[_Bracket]]:
    """The unbalanced-bracket findings and the interventions of ``text``, as
    :func:`~provenance.interventions.parser.parse` finds them (nesting beyond ``MAX_DEPTH``
    kept as text; nothing inside an ignored or opaque bracket), in text order, typed."""
    from .parser import MAX_DEPTH, _match, _sign_positions, unbalanced_findings
    from .rules import context, first_match

    lines = _LazyLines(text)
    signs = _sign_positions(text, prof.open, prof.close)
    pairs, strays = _match(text, prof, signs)
    kept: list[tuple[int, int, int]] = []
    loose: list[Stray] = []
    stack: list[int] = []
    skip_until = -1
    for pos in signs:
        if pos <= skip_until:
            continue
        if pos in pairs:
            if len(stack) >= MAX_DEPTH:
                skip_until = pairs[pos]
                continue
            kept.append((pos, pairs[pos], len(stack)))
            stack.append(pos)
        elif stack and pairs[stack[-1]] == pos:
            stack.pop()
        elif pos in strays:
            line, column = lines.at(pos)
            loose.append(Stray(text[pos], pos, line, column))
    out: list[_Bracket] = []
    hidden_until = -1
    for start, close, depth in kept:
        if start < hidden_until:
            continue  # inside an ignored or opaque bracket
        rule = first_match(context(text, start, close + 1, text[start + 1 : close]), prof)
        kind = rule.type if rule else UNKNOWN
        if kind == IGNORE or (rule is not None and rule.opaque):
            hidden_until = close
        if kind != IGNORE:
            out.append(_Bracket(text, start, close, depth, kind, lines))
    return unbalanced_findings(tuple(loose), prof), out


def _lint(
    source: str,
    prof: Profile,
    out: list[Finding],
    brackets: Sequence[Intervention | _Bracket],
) -> list[Finding]:
    def severity(code: str) -> str:
        return prof.lint.get(code, CODES[code])

    glossed: dict[str, Intervention | _Bracket] = {}
    for iv in brackets:
        if iv.is_marker:
            continue  # a sign standing alone: none of these rules is about it

        def add(code: str, message: str, iv: Intervention | _Bracket = iv) -> None:
            level = severity(code)
            if level != "off":
                out.append(Finding(code, level, message, iv.start, iv.end, iv.line, iv.column))

        content = iv.content
        if not content.strip():
            add("bracket-empty", f"empty brackets {iv.text!r}")
        elif iv.type == UNKNOWN:
            add(
                "bracket-unknown-type",
                f"{iv.text!r}: profile {prof.name!r} has no rule for this bracket",
            )
        if iv.depth > 0:
            add("bracket-nested", f"{iv.text!r} is nested inside another bracket")
        if _BLANK_LINE.search(content):
            add(
                "bracket-across-paragraphs",
                f"bracket opened at {iv.line}:{iv.column} runs over a blank line to "
                f"{iv.end_line}:{iv.end_column}: is a {prof.close!r} missing?",
            )
        if iv.type == "sic" and _orphan(source, iv, prof):
            add("sic-orphan", f"{iv.text!r} has no word before it")
        if iv.type == "gloss":
            term = _term(source, iv.start)
            if term:
                first = glossed.get(term.casefold())
                if first is None:
                    glossed[term.casefold()] = iv
                elif _norm(first.content) != _norm(content):
                    add(
                        "gloss-inconsistent",
                        f"{term!r} is glossed {iv.text!r} here but {first.text!r} at "
                        f"{first.line}:{first.column}",
                    )
    out.sort(key=lambda f: (f.start, f.code))
    return out


def _norm(content: str) -> str:
    return " ".join(content.split()).casefold()


def _term(text: str, start: int) -> str:
    """The word a gloss glosses: the one just before the bracket."""
    m = re.search(r"(\w[\w'’-]*)\W{0,2}\s*$", text[max(0, start - 80) : start])
    return m.group(1) if m else ""


def _orphan(text: str, iv: Intervention | _Bracket, prof: Profile) -> bool:
    i = iv.start
    while i > 0 and text[i - 1] in " \t\u00a0":
        i -= 1
    if i == 0 or text[i - 1] in "\r\n":
        return True
    prev = text[i - 1]
    return prev in _OPENERS or prev == prof.close or prev == prof.open
