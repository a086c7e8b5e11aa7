"""The older layouts: a search banner, the date, the title, an optional funder line, a citation
block holding the summary and the full citation sentence, a language label, then the body.

* ``legacy``: the block opens with ``Citation`` / ``get citation``; a label such as
  ``English HTML`` comes before the body.
* ``legacy-caps``: the later variant, with the title in capitals, the block opening with
  ``CITATION SHARE DOWNLOAD`` and ``VIEW DOCUMENT IN`` before the language labels.

After the body may come ``Document Information`` or ``Related Documents`` and labelled fields
(``Original Archive``, ``Original Language``, ``Subjects Discussed``, ``Record ID``, ...).
"""

from __future__ import annotations

import re
from typing import Any

from . import fields, printed
from .lines import Cursor, Line

BANNER = re.compile(r"\bsearch\b|digital archive", re.IGNORECASE)
_BLOCK_OPEN = {"legacy": "citation", "legacy-caps": "citation share download"}
_SECTION_OPEN = ("Document Information", "Related Documents")


def parse_legacy(cur: Cursor, result: dict[str, Any], warnings: list[str]) -> tuple[str, list[str]]:
    return _parse(cur, result, warnings, "legacy")


def parse_legacy_caps(
    cur: Cursor, result: dict[str, Any], warnings: list[str]
) -> tuple[str, list[str]]:
    return _parse(cur, result, warnings, "legacy-caps")


def _where(cur: Cursor, line: Line) -> str:
    return f"line {cur.line_no(line)}"


def _parse(
    cur: Cursor, result: dict[str, Any], warnings: list[str], layout: str
) -> tuple[str, list[str]]:
    # 1. the search banner, up to the date
    date_line = None
    while (line := cur.peek()) is not None:
        cur.take()
        iso = fields.parse_printed_date(line.text)
        if iso is not None:
            result["date"], date_line = iso, line
            break
        if not BANNER.search(line.text):
            printed.unplaced(
                result,
                warnings,
                "before the date",
                line.text,
                f"{_where(cur, line)}: text before the date that is not the search banner",
            )
    if date_line is None:
        raise cur.error("no document date (like 'May 10, 1961') after the search banner")

    # 2. the title and the funder line, up to the citation block
    block = cur.find(lambda t: t.casefold() == _BLOCK_OPEN[layout])
    if block is None:
        raise cur.error(f"no citation block ({_BLOCK_OPEN[layout]!r}) after the date")
    headings = []
    for line in cur.content(cur.i, block):
        if not printed.apply_funder_line(line.text, result):
            headings.append(line)
    cur.i = block + 1
    if cur.peek() is not None and cur.peek().text.casefold() == "get citation":  # type: ignore[union-attr]
        cur.take()

    # 3. the citation block: the summary and the citation sentence, up to the labels
    if layout == "legacy-caps":
        labels_at = cur.find(lambda t: t.casefold() == "view document in")
        if labels_at is None:
            raise cur.error("no 'VIEW DOCUMENT IN' before the body")
        block_end, labels_start = labels_at, labels_at + 1
    else:
        labels_at = cur.find(lambda t: fields.parse_language_label(t) is not None)
        if labels_at is None:
            raise cur.error("no language label (like 'English HTML') before the body")
        block_end = labels_start = labels_at
    translators: list[str] = []
    summary: list[Line] = []
    sentence = None
    for line in cur.content(cur.i, block_end):
        if sentence is None and line.text[:1] in '"\u201c':
            sentence = line
        else:
            summary.append(line)
    if sentence is not None:
        translators = printed.apply_citation(sentence.text, result, warnings, _where(cur, sentence))
    else:
        warnings.append("no citation sentence in the citation block")
    if summary:
        result["summary"] = cur.text[summary[0].start : summary[-1].end]
    _check_heading(cur, headings, result, warnings, layout)

    # 4. the language labels, then the body up to the sections after it
    cur.i = labels_start
    while (line := cur.peek()) is not None and printed.apply_language(line.text, result):
        cur.take()
    if "language" not in result:
        raise cur.error("no language label (like 'English HTML') before the body")
    ends = cur.find(lambda t: printed.trailing_label(t) in _SECTION_OPEN)
    body_lines = cur.content(cur.i, ends if ends is not None else len(cur.lines))
    if not body_lines:
        raise cur.error("the page has no body text after its language label")
    body = cur.slice(body_lines[0], body_lines[-1])
    if ends is not None:
        printed.apply_trailing(_sections(cur, ends), result, warnings)
    return body, translators


def _check_heading(
    cur: Cursor, headings: list[Line], result: dict[str, Any], warnings: list[str], layout: str
) -> None:
    """The title line(s) must agree with the citation's title; the citation's wins, since the
    capitals of ``legacy-caps`` are typography."""
    heading = " ".join(line.text for line in headings)
    if "title" not in result:
        if not heading:
            raise cur.error("no title: neither a title line nor a citation sentence")
        result["title"] = heading
        if layout == "legacy-caps":
            warnings.append("title known only in capitals (no citation sentence); kept as printed")
        return
    if heading and heading.casefold() != result["title"].casefold():
        printed.unplaced(
            result,
            warnings,
            "heading",
            heading,
            f"{_where(cur, headings[0])}: the title line differs from the citation's title",
        )
    if result.get("_citation_date") and result["_citation_date"] != result.get("date"):
        warnings.append(
            f"the citation's date ({result['_citation_date']}) differs from the "
            f"page's ({result.get('date')}); kept the page's"
        )


def _sections(cur: Cursor, start: int) -> list[tuple[str, list[str], int]]:
    """Split the lines from ``start`` into labelled sections."""
    out: list[tuple[str, list[str], int]] = []
    for line in cur.content(start, len(cur.lines)):
        label = printed.trailing_label(line.text)
        if label is not None:
            out.append((label, [], cur.line_no(line)))
        else:
            out[-1][1].append(line.text)
    return out
