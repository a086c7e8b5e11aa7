"""A document exported as PDF and saved as text: a header, the date and title, then labelled
fields (``Citation:``, ``Summary:``, ``Credits:``, ``Original Language:``, ``Contents:``) and
the body.

A field's value runs to the next label and may be wrapped over several lines by the PDF; its
lines are joined with single spaces (the printed sentence, without the PDF's line breaks).  The
``Contents:`` field lists what the export holds (``Translation - English``, ``Original Scan``);
the body starts at the first line after it that is not such an item.
"""

from __future__ import annotations

import re
from typing import Any

from . import fields, printed
from .lines import Cursor, Line

LABELS = ("Citation", "Summary", "Credits", "Original Language", "Contents")
_LABEL = re.compile(rf"^(?P<label>{'|'.join(LABELS)}):\s*(?P<value>.*)$")
_CONTENTS_ITEM = re.compile(
    r"^(?:(?:Translation|Transcript|Transcription|Original)\s+-\s+\w+|Original Scan|"
    r"Original Document)$",
    re.IGNORECASE,
)
_SECTION = re.compile(r"^\[(.+)\]$")
_HEADER = re.compile(
    r"digital archive|wilsoncenter\.org|international history declassified", re.IGNORECASE
)


def parse(cur: Cursor, result: dict[str, Any], warnings: list[str]) -> tuple[str, list[str]]:
    first_label = cur.find(lambda t: _LABEL.match(t) is not None)
    if first_label is None:
        raise cur.error("no labelled fields (Citation:, Contents:) in the PDF export")
    _head(cur, cur.content(cur.i, first_label), result, warnings)

    # the labelled fields, up to the end of Contents:
    values: dict[str, list[tuple[Line, str]]] = {}
    label = ""
    body_start = None
    for j in range(first_label, len(cur.lines)):
        line = cur.lines[j]
        if not line.text:
            continue
        m = _LABEL.match(line.text)
        if m and m["label"] not in values:
            label = m["label"]
            values[label] = [(line, m["value"])] if m["value"] else []
        elif label == "Contents" and not _CONTENTS_ITEM.match(line.text):
            body_start = j
            break
        else:
            values[label].append((line, line.text))
    if body_start is None:
        raise cur.error("no body after the 'Contents:' field")

    def value(name: str) -> str:
        return " ".join(text for _, text in values.get(name, [])).strip()

    translators: list[str] = []
    if "Citation" in values:
        where = (
            f"line {cur.line_no(values['Citation'][0][0])}" if values["Citation"] else "Citation"
        )
        translators = printed.apply_citation(value("Citation"), result, warnings, where)
    else:
        warnings.append("no 'Citation:' field")
    if value("Summary"):
        result["summary"] = value("Summary")
    credits = value("Credits")
    if credits and not printed.apply_funder_line(credits, result):
        printed.unplaced(result, warnings, "Credits", credits, "credit line not understood")
    if value("Original Language"):
        tags = fields.language_tags(value("Original Language"))
        if tags is None:
            printed.unplaced(
                result,
                warnings,
                "Original Language",
                value("Original Language"),
                "original language not known",
            )
        else:
            result["languages"] = tags
    for line, _ in values.get("Contents", []):
        printed.apply_language(line.text, result)
    result.setdefault("language", "en")
    heading = result.pop("_heading", "")
    if "title" not in result:
        if not heading:
            raise cur.error("no title: neither a title line nor a citation sentence")
        result["title"] = heading
    elif heading and heading.casefold() != result["title"].casefold():
        printed.unplaced(
            result, warnings, "heading", heading, "the title line differs from the citation's title"
        )
    if result.get("_citation_date") and result["_citation_date"] != result.get("date"):
        warnings.append(
            f"the citation's date ({result['_citation_date']}) differs from the "
            f"page's ({result.get('date')}); kept the page's"
        )

    body_lines = cur.content(body_start, len(cur.lines))
    # The export heads the body with its section, ``[Translation - English]``: chrome.
    section = _SECTION.match(body_lines[0].text)
    if section and len(body_lines) > 1 and fields.parse_language_label(section[1]):
        printed.apply_language(section[1], result)
        body_lines = body_lines[1:]
    return cur.slice(body_lines[0], body_lines[-1]), translators


def _head(cur: Cursor, lines: list[Line], result: dict[str, Any], warnings: list[str]) -> None:
    """The export's header, the date and the title (which may wrap over lines)."""
    title: list[str] = []
    for line in lines:
        if "date" not in result:
            iso = fields.parse_printed_date(line.text)
            if iso is not None:
                result["date"] = iso
                continue
            if _HEADER.search(line.text):
                continue
        if "date" in result:
            title.append(line.text)
        else:
            printed.unplaced(
                result,
                warnings,
                "header",
                line.text,
                f"line {cur.line_no(line)}: text before the date not understood",
            )
    heading = " ".join(title)
    if heading:
        result["_heading"] = heading
