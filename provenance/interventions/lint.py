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
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .model import Finding, Intervention, ParseResult
from .profile import UNKNOWN, Profile, load_profile

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


def lint(
    text: str | ParseResult,
    profile: Profile | str | Path | Mapping[str, Any] | None = None,
    *,
    config: Mapping[str, Any] | None = None,
    root: str | Path | None = None,
) -> list[Finding]:
    """Every problem of the bracket layer of ``text`` (or of an existing parse), in text
    order.  ``profile``, ``config`` and ``root`` are as for :func:`parse`."""
    from .parser import parse

    prof = load_profile(profile, config=config, root=root)
    result = text if isinstance(text, ParseResult) else parse(text, prof)
    source = result.text

    def severity(code: str) -> str:
        return prof.lint.get(code, CODES[code])

    out: list[Finding] = list(result.findings)
    glossed: dict[str, Intervention] = {}
    for iv in result.interventions:
        if iv.is_marker:
            continue  # a sign standing alone: none of these rules is about it

        def add(code: str, message: str, iv: Intervention = iv) -> None:
            level = severity(code)
            if level != "off":
                out.append(Finding(code, level, message, iv.start, iv.end, iv.line, iv.column))

        if not iv.content.strip():
            add("bracket-empty", f"empty brackets {iv.text!r}")
        elif iv.type == UNKNOWN:
            add(
                "bracket-unknown-type",
                f"{iv.text!r}: profile {prof.name!r} has no rule for this bracket",
            )
        if iv.depth > 0:
            add("bracket-nested", f"{iv.text!r} is nested inside another bracket")
        if re.search(r"\n[ \t\u00a0]*\r?\n", iv.content):
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
                elif _norm(first.content) != _norm(iv.content):
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


def _orphan(text: str, iv: Intervention, prof: Profile) -> bool:
    i = iv.start
    while i > 0 and text[i - 1] in " \t\u00a0":
        i -= 1
    if i == 0 or text[i - 1] in "\r\n":
        return True
    prev = text[i - 1]
    return prev in _OPENERS or prev == prof.close or prev == prof.open
