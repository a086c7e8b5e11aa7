"""The labelled blocks archive pages print after the body, in every layout and crawl.

After the body (and the summary) pages print blocks such as ``Associated People &
Organizations``, ``Subjects Discussed`` and ``Document Information`` with ``Source``,
``Rights``, ``Original Uploaded Date``, ``Type``, ``Language``, ``Record ID``.  Crawls differ:
the labels may be printed each on its own line, run together on one line
(``Original Uploaded Date 2011-11-20 Type Telegram Record ID 113636``) or be missing, the
values following one another directly.  :func:`split_sections` cuts the lines into
``(label, values)`` blocks; :func:`apply_sections` puts each value where it belongs, telling
an unlabelled value by its shape, and keeps what it cannot place under ``unplaced`` with a
warning naming the line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from . import fields
from .lines import Cursor, Line
from .printed import repeats_citation_source

#: Blocks that end the body: the summary is the paragraph just before the first of them.
BODY_END = (
    "Document Information",
    "Author(s)",
    "Authors",
    "Associated People & Organizations",
    "Associated People and Organizations",
    "Associated Places",
    "Associated Topics",
    "Associated Documents",
    "Subjects Discussed",
    "Related Documents",
)
#: Field labels of the ``Document Information`` block.
FIELD_LABELS = (
    "Source",
    "Rights",
    "Original Uploaded Date",
    "Type",
    "Language",
    "Languages",
    "Original Archive",
    "Original Language",
    "Record ID",
)
LABELS = BODY_END + FIELD_LABELS
_BY_FOLDED = {label.casefold(): label for label in LABELS}
_BULLET = re.compile(r"^[\s\u2022\u00b7*\-]*")

#: Labels that may run together on one line with their values.
_RUN_LABELS = (
    "Original Uploaded Date",
    "Original Archive",
    "Original Language",
    "Subjects Discussed",
    "Record ID",
    "Type",
    "Languages",
    "Language",
    "Source",
    "Rights",
)
_RUN = re.compile(r"(?<![\w-])(" + "|".join(re.escape(x) for x in _RUN_LABELS) + r")(?![\w-]):?")

#: Document types the archive prints in its ``Type`` field.
DOCUMENT_TYPES = frozenset(
    t.casefold()
    for t in (
        "Agreement",
        "Article",
        "Cable",
        "Chart",
        "Conversation",
        "Decree",
        "Diary",
        "Diary Entry",
        "Directive",
        "Instruction",
        "Interview",
        "Intelligence Report",
        "Journal",
        "Letter",
        "Map",
        "Meeting Minutes",
        "Memo",
        "Memorandum",
        "Memorandum of Conversation",
        "Minutes",
        "Note",
        "Order",
        "Photograph",
        "Protocol",
        "Record of Conversation",
        "Report",
        "Resolution",
        "Speech",
        "Statement",
        "Summary",
        "Table",
        "Telegram",
        "Transcript",
        "Treaty",
    )
)
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2})?)?$")
_RECORD_ID = re.compile(r"^\d{3,}$")
_RIGHTS = re.compile(r"welcomes reuse|\bcopyright\b|\brights? holders?\b|\bpublic domain\b", re.I)
_CONTACT = re.compile(r"^(?:To enquire|For |Please|Contact)\b.*\bcontact\b", re.I | re.S)
_FUNDER = re.compile(
    r"Foundation|Corporation|Endowment|\bFund\b|Ministry of Unification|Carnegie|MacArthur|"
    r"Levy|Blavatnik|Korea Foundation|\bInc\b",
)


def label_of(text: str) -> str | None:
    """The label a whole line is (``• Subjects Discussed``, ``RECORD ID:`` ...), or None."""
    bare = _BULLET.sub("", text).strip().rstrip(":").strip()
    return _BY_FOLDED.get(bare.casefold())


def is_body_end(text: str) -> bool:
    label = label_of(text)
    return label is not None and label in BODY_END


@dataclass
class Value:
    text: str
    line_no: int
    line: Line | None = None  # the whole line, when the value is one


@dataclass
class Section:
    label: str | None
    line_no: int
    values: list[Value] = field(default_factory=list)


def split_sections(cur: Cursor, start: int, end: int | None = None) -> list[Section]:
    """The lines ``[start, end)`` cut into labelled blocks (the first may be unlabelled)."""
    out: list[Section] = []
    for line in cur.content(start, len(cur.lines) if end is None else end):
        no = cur.line_no(line)
        label = label_of(line.text)
        if label is not None:
            out.append(Section(label, no))
            continue
        pieces = _run_together(line.text)
        if pieces:
            for piece_label, value in pieces:
                out.append(Section(piece_label, no))
                if value:
                    out[-1].values.append(Value(value, no))
            continue
        if not out:
            out.append(Section(None, no))
        out[-1].values.append(Value(line.text, no, line))
    return out


def _run_together(text: str) -> list[tuple[str, str]]:
    """``Original Uploaded Date 2011-11-20 Type Telegram`` -> its labels and values; [] when
    the line does not open with a label or holds only one."""
    hits = list(_RUN.finditer(text))
    if len(hits) < 2 or hits[0].start() != 0:
        return []
    out = []
    for m, nxt in zip(hits, [*hits[1:], None], strict=True):
        value = text[m.end() : nxt.start() if nxt else len(text)].strip()
        out.append((m[1], value))
    return out


def apply_sections(
    cur: Cursor, sections: list[Section], result: dict[str, Any], warnings: list[str]
) -> None:
    """Put each block's values where they belong in ``result``."""
    seen_source = "source" in result and bool(result["source"].get("reference"))
    rights: list[Value] = []
    contact: list[Value] = []
    funders: list[str] = []
    for section in sections:
        label = section.label
        values = section.values
        text = " ".join(v.text for v in values)
        where = f"line {section.line_no}"
        if label in (None, "Document Information"):
            for value in values:
                kind = _shape(value.text, seen_source, bool(rights))
                if kind == "source":
                    seen_source = True
                    apply_source(value.text, result, warnings, f"line {value.line_no}")
                elif kind == "rights":
                    rights.append(value)
                elif kind == "contact":
                    contact.append(value)
                elif kind == "funders":
                    funders.append(value.text)
                elif kind is not None:
                    _set(result, kind, value.text, warnings, f"line {value.line_no}")
                else:
                    _unplaced(result, warnings, label or "after the body", value)
        elif label == "Source":
            if values:
                seen_source = True
                apply_source(text, result, warnings, where)
        elif label == "Rights":
            for value in values:
                (contact if _CONTACT.match(value.text) else rights).append(value)
        elif label == "Original Uploaded Date":
            if values:
                _set(result, "uploaded", values[0].text, warnings, where)
                _rest(result, warnings, label, values[1:])
        elif label == "Record ID":
            if (
                values
                and re.fullmatch(r"[\w.:-]+", values[0].text)
                and not values[0].text.isalpha()
            ):
                result["record_id"] = values[0].text
                values = values[1:]
            else:
                result.setdefault("record_id", "")
            funders.extend(v.text for v in values)  # the funder list follows the record id
        elif label == "Type":
            if values:
                result["type"] = text
        elif label == "Original Language":
            if values:
                _set(result, "languages", text, warnings, where)
                result["_original_language"] = True
        elif label in ("Language", "Languages"):  # the original language's field wins
            if values and not result.get("_original_language"):
                _set(result, "languages", text, warnings, where)
        elif label == "Original Archive":
            if values:
                result.setdefault("source", {})["archive"] = text
        elif label == "Subjects Discussed":
            result["subjects"] = [v.text for v in values]
        else:  # Author(s), Associated ..., Related Documents: not document fields here
            if values:
                _unplaced(result, warnings, label, *values)
    result.pop("_original_language", None)
    if rights or contact:
        out: dict[str, str] = {}
        if rights:
            out["text"] = _joined(cur, rights)
        if contact:
            out["contact"] = _joined(cur, contact)
        result["rights"] = out
    if funders:
        result["funders"] = fields.split_funders(" ".join(funders))


def _joined(cur: Cursor, values: list[Value]) -> str:
    """Paragraphs as printed when they are whole lines in a row, else joined by a space."""
    first, last = values[0].line, values[-1].line
    if first is not None and last is not None and all(v.line is not None for v in values):
        return cur.text[first.start : last.end]
    return " ".join(v.text for v in values)


def _shape(text: str, seen_source: bool, seen_rights: bool) -> str | None:
    """What an unlabelled value is, told by its shape."""
    if _CONTACT.match(text):
        return "contact"
    if _RIGHTS.search(text):
        return "rights"
    if _ISO_DAY.match(text):
        return "uploaded"
    if _RECORD_ID.match(text):
        return "record_id"
    if text.casefold() in DOCUMENT_TYPES:
        return "type"
    if fields.language_tags(text):
        return "languages"
    if not seen_source and not seen_rights:
        return "source"
    if _FUNDER.search(text):
        return "funders"
    return None


def _set(result: dict[str, Any], key: str, text: str, warnings: list[str], where: str) -> None:
    if key == "languages":
        tags = fields.language_tags(text)
        if tags is None:
            result.setdefault("unplaced", []).append({"label": "Original Language", "text": text})
            warnings.append(f"{where}: language {text!r} not known; kept verbatim in 'unplaced'")
            return
        result["languages"] = tags
    elif key == "uploaded":
        m = re.match(r"^(\d{4}-\d{2}-\d{2})", text)
        iso = fields.parse_printed_date(text)
        result["uploaded"] = m[1] if m else (iso or text)
    else:
        result[key] = text


def _rest(result: dict[str, Any], warnings: list[str], label: str, values: list[Value]) -> None:
    if values:
        _unplaced(result, warnings, label, *values)


def _unplaced(result: dict[str, Any], warnings: list[str], label: str, *values: Value) -> None:
    text = "\n".join(v.text for v in values)
    result.setdefault("unplaced", []).append({"label": label, "text": text})
    warnings.append(
        f"line {values[0].line_no}: {label!r} is not a document field here; "
        "kept verbatim in 'unplaced'"
    )


def apply_source(text: str, result: dict[str, Any], warnings: list[str], where: str) -> None:
    """A source line (reference, pages and credit) into ``result``; its translators go to
    ``result['_translators']``."""
    if result.get("_source_from_citation"):  # the citation gave the source: check, not twice
        if repeats_citation_source(text, result):
            return
        result.setdefault("unplaced", []).append({"label": "Source", "text": text})
        warnings.append(
            f"{where}: the Source field does not match the citation; kept verbatim in 'unplaced'"
        )
        return
    parsed = fields.parse_source_sentence(text)
    if parsed is None or (not parsed["reference"] and not parsed["translators"]):
        result.setdefault("unplaced", []).append({"label": "source", "text": text})
        warnings.append(f"{where}: source line not understood; kept verbatim in 'unplaced'")
        return
    source = result.setdefault("source", {})
    if parsed["reference"]:
        source["reference"] = parsed["reference"]
    if parsed["pages"]:
        source["pages"] = parsed["pages"]
    acquisition = result.get("acquisition", {})
    for key in ("obtained_by", "translated_for", "contributed_by"):
        if parsed[key]:
            acquisition[key] = parsed[key]
    if acquisition:
        result["acquisition"] = acquisition
    if parsed["translators"]:
        result["_translators"] = list(parsed["translators"])  # type: ignore[call-overload]
