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
from .lines import Cursor

LABELS = ("Citation", "Summary", "Credits", "Original Language", "Contents")
_LABEL = re.compile(rf"(?:(?<=\s)|^)(?P<label>{'|'.join(LABELS)}):", re.MULTILINE)
_LANGS = "|".join(fields.LANGUAGE_TAGS)
_KIND = r"(?:Translation|Transcript|Transcription|Original)"
#: What ``Contents:`` lists: ``Translation - English``, ``English Translation``, ``Original
#: Scan`` ... (each on its own line, or one after another on a run-on line).
_CONTENTS_ITEM = re.compile(
    rf"\s*(?P<item>{_KIND}\s+-\s+(?:{_LANGS})|(?:{_LANGS})\s+{_KIND}(?!\s+-)|"
    r"Original Scan|Original Document)(?=\s|$)",
    re.IGNORECASE,
)
_SECTION = re.compile(r"^\[(.+)\]$")
_HEADER = re.compile(
    r"(?:Wilson Center )?Digital Archive|digitalarchive\.wilsoncenter\.org|"
    r"International History Declassified",
    re.IGNORECASE,
)
_DATE = re.compile(
    rf"(?<!\w)(?:(?:{'|'.join(fields.MONTHS)})\s+\d{{1,2}},\s*\d{{4}}|"
    rf"(?:{'|'.join(fields.MONTHS)}),?\s+\d{{4}})(?!\w)"
)


def _where(cur: Cursor, offset: int) -> str:
    return f"line {cur.text.count(chr(10), 0, offset) + 1}"


def parse(cur: Cursor, result: dict[str, Any], warnings: list[str]) -> tuple[str, list[str]]:
    text = cur.text
    labels = list(_LABEL.finditer(text))
    first = next((m for m in labels if m["label"] == "Citation"), labels[0] if labels else None)
    if first is None:
        raise cur.error("no labelled fields (Citation:, Contents:) in the PDF export")
    _head(cur, text[: first.start()], result, warnings)

    # the labelled fields, each once, up to the end of Contents:
    values: dict[str, tuple[int, str]] = {}
    found = [m for m in labels if m.start() >= first.start()]
    contents_end = None
    for k, m in enumerate(found):
        if m["label"] in values:
            continue
        if m["label"] == "Contents":
            pos = m.end()
            items = []
            while (item := _CONTENTS_ITEM.match(text, pos)) is not None:
                items.append(item["item"])
                pos = item.end()
            values["Contents"] = (m.start(), "\n".join(items))
            contents_end = pos
            break
        nxt = next((n for n in found[k + 1 :] if n["label"] not in values), None)
        raw = text[m.end() : nxt.start() if nxt else len(text)]
        values[m["label"]] = (m.start(), " ".join(raw.split()))
    if contents_end is None:
        raise cur.error("no 'Contents:' field: cannot tell where the body starts")

    def value(name: str) -> str:
        return values.get(name, (0, ""))[1]

    translators: list[str] = []
    if value("Citation"):
        where = _where(cur, values["Citation"][0])
        translators = printed.apply_citation(value("Citation"), result, warnings, where)
    else:
        warnings.append("no 'Citation:' field")
    if value("Summary"):
        result["summary"] = value("Summary")
    else:
        warnings.append("no 'Summary:' field")
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
    for listed in value("Contents").splitlines():
        printed.apply_language(listed, result)
    result.setdefault("language", "en")
    heading = result.pop("_heading", "")
    if "title" not in result:
        if not heading:
            raise cur.error("no title: neither a title line nor a citation sentence")
        result["title"] = heading
    elif heading and heading != result["title"]:
        # The title above Citation: is the document's; the sentence keeps its own wording.
        if _folded(heading) != _folded(result["title"]):
            warnings.append(
                f"the title above Citation: differs from the citation's ({result['title']!r}); "
                "the document takes the one above, the citation keeps its own"
            )
        if "citation" in result:
            result["citation"]["title_as_printed"] = result["title"]
        result["title"] = heading
    if result.get("_citation_date") and result["_citation_date"] != result.get("date"):
        warnings.append(
            f"the citation's date ({result['_citation_date']}) differs from the "
            f"page's ({result.get('date')}); kept the page's"
        )
    return _body(cur, contents_end, result), translators


def _folded(title: str) -> str:
    """A title compared across the export's line breaks (``Heon- yeong`` is ``Heon-yeong``)."""
    return re.sub(r"-\s+", "-", " ".join(title.split())).casefold()


def _body(cur: Cursor, start: int, result: dict[str, Any]) -> str:
    """The body from ``start`` (mid-line on a run-on export) to the end of the last line."""
    text = cur.text
    while start < len(text) and text[start] in " \t\r\n":
        start += 1
    lines = [ln for ln in cur.lines if ln.text and ln.end > start]
    if not lines:
        raise cur.error("no body after the 'Contents:' field")
    if lines[0].start >= start:
        # The export heads the body with its section, ``[Translation - English]``: chrome.
        section = _SECTION.match(lines[0].text)
        if section and len(lines) > 1 and fields.parse_language_label(section[1]):
            printed.apply_language(section[1], result)
            lines = lines[1:]
        start = lines[0].start
    return text[start : lines[-1].stop]


def _head(cur: Cursor, head: str, result: dict[str, Any], warnings: list[str]) -> None:
    """The export's header, the date and the title (which may wrap over lines)."""
    flat = " ".join(head.split())
    dates = list(_DATE.finditer(flat))  # the last: a saved copy may repeat title and date
    m = dates[-1] if dates else None
    if m is None:
        if flat:
            printed.unplaced(
                result, warnings, "header", flat, "line 1: no date in the export's header"
            )
        return
    result["date"] = fields.parse_printed_date(m[0])
    before = _HEADER.sub("", flat[: m.start()]).strip()
    if before:
        printed.unplaced(
            result, warnings, "header", before, "line 1: text before the date not understood"
        )
    heading = flat[m.end() :].strip()
    if heading:
        result["_heading"] = heading
