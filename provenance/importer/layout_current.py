"""The current layout (the seed page's): ``Skip to content``, date, title, funder line, body,
summary, ``Document Information``, source sentence, rights, ``Original Uploaded Date``,
``Record ID``, funders."""

from __future__ import annotations

import re
from typing import Any

from . import fields
from .lines import Cursor

_LABELS = ("Document Information", "Original Uploaded Date", "Record ID")


def parse(cur: Cursor, result: dict[str, Any], warnings: list[str]) -> tuple[str, list[str]]:
    """Read a page in the current layout into ``result``; return its body and translators."""
    first = cur.take()
    if first.text != "Skip to content":
        raise cur.error("expected the page to open with 'Skip to content'", first)
    date_line = cur.take()
    iso = fields.parse_printed_date(date_line.text)
    if iso is None:
        raise cur.error(
            f"expected the document date (like 'May 10, 1961'), found {date_line.text[:60]!r}",
            date_line,
        )
    result["date"] = iso
    title = cur.take()
    result["title"] = title.text
    nxt = cur.peek()
    if nxt is not None:
        m = fields.FUNDER_LINE.match(nxt.text)
        if m:
            result["funder_line"] = nxt.text
            cur.take()
    info = cur.find(lambda t: t == "Document Information")
    if info is None:
        raise cur.error("no 'Document Information' section: cannot tell where the body ends")
    # The summary is the last paragraph before "Document Information"; the body runs from
    # here to the paragraph before it.
    content = [j for j in range(cur.i, info) if cur.lines[j].text]
    if len(content) < 2:
        raise cur.error("the page has no body text before 'Document Information'")
    summary_line = cur.lines[content[-1]]
    result["summary"] = summary_line.text
    body_first, body_last = cur.lines[content[0]], cur.lines[content[-2]]
    body = cur.text[body_first.start : body_last.stop]
    cur.i = info + 1

    translators: list[str] = []
    src = cur.peek()
    if src is not None and src.text not in _LABELS:
        parsed = fields.parse_source_sentence(src.text)
        if parsed is None:
            warnings.append(
                f"line {cur.line_no(src)}: source line not understood; kept verbatim in 'unplaced'"
            )
            result.setdefault("unplaced", []).append({"label": "source", "text": src.text})
        else:
            result["source"] = {"reference": parsed["reference"]}
            if parsed["pages"]:
                result["source"]["pages"] = parsed["pages"]
            if parsed["obtained_by"]:
                result.setdefault("acquisition", {})["obtained_by"] = parsed["obtained_by"]
            if parsed["translated_for"]:
                result.setdefault("acquisition", {})["translated_for"] = parsed["translated_for"]
            translators = list(parsed["translators"])  # type: ignore[call-overload]
        cur.take()

    # Rights paragraphs (and the contact line) run to "Original Uploaded Date".
    upload = cur.find(lambda t: t == "Original Uploaded Date")
    end = upload if upload is not None else len(cur.lines)
    paras = [cur.lines[j] for j in range(cur.i, end) if cur.lines[j].text]
    contact = [
        p
        for p in paras
        if re.search(r"\bcontact\b", p.text, re.I)
        and re.match(r"^(?:To enquire|For|Please|Contact)\b", p.text)
    ]
    rights_paras = [p for p in paras if p not in contact]
    rights: dict[str, str] = {}
    if rights_paras:
        rights["text"] = cur.text[rights_paras[0].start : rights_paras[-1].end]
    if contact:
        rights["contact"] = cur.text[contact[0].start : contact[-1].end]
    if rights:
        result["rights"] = rights
    if upload is None:
        warnings.append("no 'Original Uploaded Date' field")
        return body, translators
    cur.i = upload + 1
    record = cur.find(lambda t: t == "Record ID")
    values = [
        cur.lines[j]
        for j in range(cur.i, record if record is not None else len(cur.lines))
        if cur.lines[j].text
    ]
    result["uploaded"] = " ".join(v.text for v in values)
    if record is None:
        warnings.append("no 'Record ID' field")
        return body, translators
    cur.i = record + 1
    rest = [cur.lines[j] for j in range(cur.i, len(cur.lines)) if cur.lines[j].text]
    record_id = ""
    if rest and re.fullmatch(r"[\w.:-]+", rest[0].text) and not rest[0].text.isalpha():
        record_id = rest.pop(0).text
    result["record_id"] = record_id
    if rest:
        funders_text = " ".join(r.text for r in rest)
        result["funders"] = fields.split_funders(funders_text)
    return body, translators
