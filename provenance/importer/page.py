"""Saved archive pages: recognise the layout, parse it, write the record."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ImportParseError
from ..refs import check_slug, slugify
from ..textio import decode_utf8, read_bytes
from . import fields

if TYPE_CHECKING:
    from ..model import Document
    from ..store import Store


@dataclass
class Line:
    """One line of a page: where it starts and ends in the page text, and its stripped text."""

    start: int
    end: int  # end of the text, before the line break
    stop: int  # after the line break
    text: str


def split_lines(text: str) -> list[Line]:
    out = []
    for m in re.finditer(r"([^\r\n]*)(\r\n|\r|\n|$)", text):
        if m.start() == len(text) and not m.group(0):
            break
        out.append(Line(m.start(1), m.end(1), m.end(2), m.group(1).strip()))
    return out


@dataclass
class PageImport:
    """What a page holds, ready to become a document and its first translation version."""

    meta: dict[str, Any]
    body: str
    translators: list[str]
    language: str
    layout: str
    warnings: list[str] = field(default_factory=list)


class Cursor:
    """Walks the non-empty lines of a page."""

    def __init__(self, text: str, path: str | None) -> None:
        self.text = text
        self.path = path
        self.lines = split_lines(text)
        self.i = 0

    def line_no(self, line: Line) -> int:
        return self.text.count("\n", 0, line.start) + 1

    def skip_blank(self) -> None:
        while self.i < len(self.lines) and not self.lines[self.i].text:
            self.i += 1

    def peek(self) -> Line | None:
        self.skip_blank()
        return self.lines[self.i] if self.i < len(self.lines) else None

    def take(self) -> Line:
        line = self.peek()
        if line is None:
            raise ImportParseError("page ends too early", path=self.path)
        self.i += 1
        return line

    def find(self, pred: Callable[[str], bool], start: int | None = None) -> int | None:
        for j in range(self.i if start is None else start, len(self.lines)):
            if self.lines[j].text and pred(self.lines[j].text):
                return j
        return None

    def error(self, message: str, line: Line | None = None) -> ImportParseError:
        return ImportParseError(message, path=self.path,
                                line=self.line_no(line) if line else None)


_LABELS = ("Document Information", "Original Uploaded Date", "Record ID")


def _parse_current(cur: Cursor, result: dict[str, Any], warnings: list[str]) -> tuple[str, list[str]]:
    """The layout of the seed page (``Skip to content``, date, title, funder line, body,
    summary, ``Document Information``, source sentence, rights, upload date, record id,
    funders)."""
    first = cur.take()
    if first.text != "Skip to content":
        raise cur.error("expected the page to open with 'Skip to content'", first)
    date_line = cur.take()
    iso = fields.parse_printed_date(date_line.text)
    if iso is None:
        raise cur.error(f"expected the document date (like 'May 10, 1961'), found "
                        f"{date_line.text[:60]!r}", date_line)
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
    body = cur.text[body_first.start:body_last.stop]
    cur.i = info + 1

    translators: list[str] = []
    src = cur.peek()
    if src is not None and src.text not in _LABELS:
        parsed = fields.parse_source_sentence(src.text)
        if parsed is None:
            warnings.append(f"line {cur.line_no(src)}: source line not understood; kept "
                            "verbatim in 'unplaced'")
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
    contact = [p for p in paras if re.search(r"\bcontact\b", p.text, re.I)
               and re.match(r"^(?:To enquire|For|Please|Contact)\b", p.text)]
    rights_paras = [p for p in paras if p not in contact]
    rights: dict[str, str] = {}
    if rights_paras:
        rights["text"] = cur.text[rights_paras[0].start:rights_paras[-1].end]
    if contact:
        rights["contact"] = cur.text[contact[0].start:contact[-1].end]
    if rights:
        result["rights"] = rights
    if upload is None:
        warnings.append("no 'Original Uploaded Date' field")
        return body, translators
    cur.i = upload + 1
    record = cur.find(lambda t: t == "Record ID")
    values = [cur.lines[j] for j in range(cur.i, record if record is not None else len(cur.lines))
              if cur.lines[j].text]
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


_LAYOUTS: dict[str, Callable[[Cursor, dict[str, Any], list[str]], tuple[str, list[str]]]] = {
    "digital-archive": _parse_current,
}


def detect_layout(text: str) -> str:
    head = text.lstrip("\ufeff \t\r\n")
    if head.startswith("Skip to content"):
        return "digital-archive"
    raise ImportParseError(
        "not a saved archive page in a layout this importer knows (expected it to open with "
        "'Skip to content')"
    )


def parse_page(text: str, *, filename: str | None = None, url: str | None = None,
               publisher: str | None = None) -> PageImport:
    """Parse a saved archive page (text, as saved) into a :class:`PageImport`."""
    try:
        layout = detect_layout(text)
    except ImportParseError as exc:
        exc.path = filename
        raise
    cur = Cursor(text, filename)
    result: dict[str, Any] = {}
    warnings: list[str] = []
    body, translators = _LAYOUTS[layout](cur, result, warnings)
    if not body.strip():
        raise ImportParseError("the page's body is empty", path=filename)
    meta: dict[str, Any] = {"schema": "provenance/document/1", "id": "", "title": result["title"]}
    meta["date"] = result.get("date", "")
    kind = result["title"].split(",", 1)[0].strip()
    if kind and len(kind.split()) <= 3 and "," in result["title"]:
        meta["type"] = kind.lower()
    for key in ("summary", "source", "acquisition"):
        if key in result:
            meta[key] = result[key]
    meta["publisher"] = result.get("publisher") or publisher or \
        "History and Public Policy Program Digital Archive"
    for key in ("funders", "funder_line", "rights"):
        if key in result:
            meta[key] = result[key]
    meta["url"] = url if url is not None else result.get("url", "")
    meta["record_id"] = result.get("record_id", "")
    meta["uploaded"] = result.get("uploaded", "")
    if "citation" in result:
        meta["citation"] = result["citation"]
    meta["imported"] = {"layout": layout}
    if filename:
        meta["imported"]["file"] = Path(filename).name
    meta["imported"]["sha256"] = hashlib.sha256(text.encode("utf-8")).hexdigest()
    if result.get("unplaced"):
        meta["unplaced"] = result["unplaced"]
    if not translators:
        warnings.append("no translator named on the page")
    return PageImport(meta, body, translators, result.get("language", "en"), layout, warnings)


def import_page(store: Store, path: str | Path, *, doc_id: str | None = None,
                url: str | None = None, stream_id: str | None = None
                ) -> tuple[Document, PageImport]:
    """Read a saved page and add it to ``store`` as a document with its translation v1."""
    from ..model import Agent
    from ..store import NewStream

    raw = read_bytes(path, what="page")
    if not raw.strip():
        raise ImportParseError("page is empty", path=path)
    text = decode_utf8(raw, path, what="page")
    page = parse_page(text, filename=str(path), url=url,
                      publisher=store.config.get("publisher"))
    page.meta["imported"]["sha256"] = hashlib.sha256(raw).hexdigest()
    page.meta["id"] = check_slug(doc_id, "document id") if doc_id else \
        _default_id(page.meta)
    sid = check_slug(stream_id or page.language, "stream id")
    stream = NewStream(
        id=sid,
        kind="translation",
        language=page.language,
        text=page.body.encode("utf-8"),
        agents=[Agent(name, "translator") for name in page.translators],
        activity="imported",
        message=f"Imported from the archive page {Path(path).name}",
        date="",
        source={"file": Path(path).name, "sha256": page.meta["imported"]["sha256"]},
    )
    doc = store.add_document(page.meta, [stream])
    return doc, page


def _default_id(meta: dict[str, Any]) -> str:
    """``1961-05-10-cable-ministry-of-public-security-party``: date and the title's first words."""
    prefix = meta.get("date", "")
    return slugify(f"{prefix} {meta['title']}", limit=48)
