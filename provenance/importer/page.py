"""Saved archive pages: recognise the layout, parse it, write the record."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ImportParseError
from ..refs import check_slug, slugify
from ..textio import decode_utf8, read_bytes
from . import fields, layout_current, layout_legacy, layout_pdf, sections
from .lines import Cursor, LayoutParser

if TYPE_CHECKING:
    from ..model import Document
    from ..store import Store


@dataclass
class PageImport:
    """What a page holds, ready to become a document and its first translation version."""

    meta: dict[str, Any]
    body: str
    translators: list[str]
    language: str
    layout: str
    warnings: list[str] = field(default_factory=list)
    kind: str = "translation"  # or "transcription", when the body is in an original language
    #: What the import did: ``imported`` (a new document), NEW_VERSION (another crawl of
    #: a document the store holds, added to its stream) or ALREADY (the store holds this
    #: text: nothing written); see :mod:`provenance.importer.identity`.
    outcome: str = "imported"
    version: str = ""  # the version written, or the one that holds this text already
    note: str = ""  # why the document's id is not the default one, or what it matched


#: Layout name -> its parser.  Each layout lives in its own module.
LAYOUTS: dict[str, LayoutParser] = {
    "digital-archive": layout_current.parse,
    "legacy": layout_legacy.parse_legacy,
    "legacy-caps": layout_legacy.parse_legacy_caps,
    "pdf": layout_pdf.parse,
}


_PDF_CITATION = re.compile(r"(?:^|\s)Citation:\s", re.MULTILINE)
_PDF_CONTENTS = re.compile(r"(?:^|\s)Contents:", re.MULTILINE)
_CAPS_LABELS = {"citation share download", "view document in"}
_BLOCK_LABELS = {"citation", "get citation", "citation share download"}


def detect_layout(text: str) -> str:
    """Which layout a saved page is in (the one place that decides), told by what the page
    carries rather than by one exact line: a PDF export's ``Citation:`` and ``Contents:``
    fields; an older page's citation sentence near the top; else the current layout's date
    and title."""
    from .layout_current import CHROME
    from .layout_legacy import BANNER, is_citation_line

    lines = [ln.strip() for ln in text.lstrip("\ufeff").splitlines() if ln.strip()]
    head = "\n".join(lines[:80])
    if _PDF_CITATION.search(head) and _PDF_CONTENTS.search(text):
        return "pdf"
    date_at = next(
        (j for j, ln in enumerate(lines[:12]) if fields.parse_printed_date(ln) is not None), None
    )
    if date_at is not None:
        chrome = all(BANNER.search(ln) or CHROME.match(ln) for ln in lines[:date_at])
        window = lines[date_at + 1 : date_at + 14]
        folded = {w.lstrip("\u2022 ").casefold() for w in window}
        for ln in window:
            if sections.is_body_end(ln):
                break
            if is_citation_line(ln) or ln.lstrip("\u2022 ").casefold() in _BLOCK_LABELS:
                return "legacy-caps" if folded & _CAPS_LABELS else "legacy"
        if chrome or date_at <= 2:
            return "digital-archive"
    raise ImportParseError(
        "not a saved archive page in a layout this importer knows: found no document date "
        "(like 'May 10, 1961') near the top, no citation sentence and no PDF export fields "
        "('Citation:', 'Contents:')"
    )


def parse_page(
    text: str,
    *,
    filename: str | None = None,
    url: str | None = None,
    publisher: str | None = None,
    config: Mapping[str, Any] | None = None,
) -> PageImport:
    """Parse a saved archive page (text, as saved) into a :class:`PageImport`.

    ``config`` is the store's ``provenance.yaml`` (its publisher and house citation style):
    where the page prints a citation sentence in a form that differs from the store's house
    style, the difference is recorded in the document's ``citation.house_style``, and the
    sentence rendered back from the record is compared with the printed one.
    """
    try:
        layout = detect_layout(text)
    except ImportParseError as exc:
        exc.path = filename
        raise
    config = dict(config or {})
    if publisher and not config.get("publisher"):
        config["publisher"] = publisher
    cur = Cursor(text, filename)
    result: dict[str, Any] = {}
    warnings: list[str] = []
    body, translators = LAYOUTS[layout](cur, result, warnings)
    if not body.strip():
        raise ImportParseError("the page's body is empty", path=filename)
    if "funders" not in result and result.get("_line_funders"):
        result["funders"] = result["_line_funders"]  # no funder list: the funder line's
    meta = _document_meta(result, layout, url, config)
    _date_as_printed(meta, result, config)
    from ..citation.creators import add_inferred_creators

    add_inferred_creators(meta)  # sender, recipients, participants the title states
    meta["imported"] = {"layout": layout}
    if filename:
        meta["imported"]["file"] = Path(filename).name
    meta["imported"]["sha256"] = hashlib.sha256(text.encode("utf-8")).hexdigest()
    if result.get("unplaced"):
        meta["unplaced"] = result["unplaced"]
    if not translators:
        warnings.append("no translator named on the page")
    warnings.extend(_placeholder_warnings(text))
    if "citation" in meta:
        _check_citation(meta, translators, config, warnings)
    page = PageImport(meta, body, translators, result.get("language", "en"), layout, warnings)
    page.kind = result.get("kind", "translation")
    if page.kind == "translation" and page.language in meta.get("languages", []):
        page.kind = "transcription"
    return page


def _document_meta(
    result: dict[str, Any], layout: str, url: str | None, config: Mapping[str, Any]
) -> dict[str, Any]:
    """The document's metadata, in the order ``document.yaml`` keeps it."""
    meta: dict[str, Any] = {"schema": "provenance/document/1", "id": "", "title": result["title"]}
    meta["date"] = result.get("date", "")
    kind = result["title"].split(",", 1)[0].strip()
    if result.get("type"):
        meta["type"] = result["type"].lower()  # Meeting Minutes -> meeting minutes
    elif kind and len(kind.split()) <= 3 and "," in result["title"]:
        meta["type"] = kind.lower()
    for key in ("summary", "languages", "source", "acquisition"):
        if key in result:
            meta[key] = result[key]
    if "source" in meta:  # in the schema's order
        order = ("archive", "reference", "pages", "note")
        meta["source"] = {k: meta["source"][k] for k in order if k in meta["source"]}
    meta["publisher"] = (
        result.get("publisher")
        or config.get("publisher")
        or "History and Public Policy Program Digital Archive"
    )
    for key in ("funders", "funder_line", "rights"):
        if key in result:
            meta[key] = result[key]
    meta["url"] = url if url is not None else result.get("url", "")
    if layout == "digital-archive":  # the layout prints these fields, empty or not
        meta["record_id"] = result.get("record_id", "")
        meta["uploaded"] = result.get("uploaded", "")
    for key in ("record_id", "uploaded", "subjects"):
        if key in result:
            meta[key] = result[key]
    if "citation" in result:
        meta["citation"] = dict(result["citation"])
        overrides = _style_overrides(result.get("_printed_style", {}), config)
        if overrides:
            meta["citation"]["house_style"] = overrides
    return meta


#: The e-mail protection placeholder some crawls of the site print instead of an address.
_PLACEHOLDER_RE = re.compile(r"\[email[\u00a0 ]protected\]")


def _placeholder_warnings(text: str) -> list[str]:
    """One warning per line holding the site's e-mail protection placeholder."""
    out = []
    seen = set()
    for m in _PLACEHOLDER_RE.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        if line not in seen:
            seen.add(line)
            out.append(
                f"line {line}: '{m[0]}' is the site's e-mail protection placeholder, not an "
                "address; kept verbatim"
            )
    return out


def _date_as_printed(
    meta: dict[str, Any], result: dict[str, Any], config: Mapping[str, Any]
) -> None:
    """Where the citation's date slot is not the document's date in house style (an empty
    slot, another date, a date in other words), keep the slot as printed."""
    printed = result.get("_citation_date_text")
    if "citation" not in meta or printed is None:
        return
    from ..citation.house import written_date
    from ..citation.style import document_style

    style = document_style(config, meta)
    expected = written_date(meta["date"], style.day) if meta.get("date") else None
    if printed != expected:
        meta["citation"]["date_as_printed"] = printed


def _style_overrides(printed: Mapping[str, Any], config: Mapping[str, Any]) -> dict[str, Any]:
    """The house-style settings a printed sentence shows that differ from the store's."""
    from ..citation.style import store_style

    base = store_style(config)
    return {k: v for k, v in printed.items() if getattr(base, k) != v}


def _check_citation(
    meta: dict[str, Any], translators: list[str], config: Mapping[str, Any], warnings: list[str]
) -> None:
    """Render the house sentence from the record and compare it with the printed one."""
    from ..citation.house import render_sentence
    from ..citation.record import fields_from_meta
    from ..citation.style import document_style

    rendered = render_sentence(
        fields_from_meta(meta, translators=translators, config=config), document_style(config, meta)
    )
    if rendered != meta["citation"]["as_printed"]:
        warnings.append(
            "the citation rendered from the imported fields differs from the "
            f"printed one (kept verbatim in citation.as_printed): {rendered!r}"
        )


def import_page(
    store: Store,
    path: str | Path,
    *,
    doc_id: str | None = None,
    url: str | None = None,
    stream_id: str | None = None,
    rights: str | None = None,
    as_new_version: bool = False,
) -> tuple[Document, PageImport]:
    """Read a saved page and add it to ``store`` as a document with its first version.

    ``rights``: a rights statement (URI, short name or SPDX expression) recorded as
    ``rights.statement``; it is checked before anything is read or written.

    A page of a document the store holds already (another crawl: see
    :mod:`provenance.importer.identity`) writes nothing when its text is a version the store
    has (``outcome`` ALREADY), and is refused when its text differs unless
    ``as_new_version``, which adds it to the stream as a new version (NEW_VERSION).  A
    different document whose default id is taken gets another id (``note`` says which)."""
    from ..model import Agent
    from ..store import NewStream
    from .rights import apply_statement, given_statement

    statement = given_statement(rights)
    raw = read_bytes(path, what="page")
    if not raw.strip():
        raise ImportParseError("page is empty", path=path)
    text = decode_utf8(raw, path, what="page")
    page = parse_page(text, filename=str(path), url=url, config=store.config)
    page.warnings.extend(apply_statement(page.meta, statement))
    page.meta["imported"]["sha256"] = hashlib.sha256(raw).hexdigest()
    from .identity import place

    base = check_slug(doc_id, "document id") if doc_id else default_id(page.meta)
    placement = place(store, page.meta, base, given=bool(doc_id))
    page.meta["id"] = placement.id
    page.note = placement.note
    sid = check_slug(stream_id or page.language, "stream id")
    if placement.existing is not None:
        page.note = placement.why
        again = _again(store, placement.existing, sid, page, path, placement.why, as_new_version)
        return placement.existing, again
    stream = NewStream(
        id=sid,
        kind=page.kind,
        language=page.language,
        text=page.body.encode("utf-8"),
        agents=[Agent(name, "translator") for name in page.translators],
        activity="imported",
        message=f"Imported from the archive page {Path(path).name}",
        date="",
        source={"file": Path(path).name, "sha256": page.meta["imported"]["sha256"]},
    )
    doc = store.add_document(page.meta, [stream])
    page.version = f"{doc.id}/{sid}@1"
    return doc, page


def _again(
    store: Store,
    doc: Document,
    sid: str,
    page: PageImport,
    path: str | Path,
    why: str,
    as_new: bool,
) -> PageImport:
    """Another crawl of ``doc``: nothing to write when its text is a version of the stream
    already, else a new version of it when ``as_new`` (or a refusal saying how)."""
    from ..errors import ConflictError
    from ..model import Agent
    from ..store import StreamSpec
    from .identity import ALREADY, NEW_VERSION

    data = page.body.encode("utf-8")
    digest = hashlib.sha256(data).hexdigest()
    held = store.versions(doc.id, sid) if sid in store.stream_ids(doc.id) else []
    same = next((v for v in held if v.sha256 == digest), None)
    if same is not None:
        page.outcome, page.version = ALREADY, same.ref
        page.warnings.clear()  # nothing is imported: the stored version stands
        return page
    if not as_new:
        latest = f"{doc.id}/{sid}@{held[-1].number}" if held else f"{doc.id} (no stream {sid})"
        raise ConflictError(
            f"{doc.id!r} is this document ({why}) and "
            f"holds another text ({latest}); --as-new-version adds this page's text as "
            f"{doc.id}/{sid}@{len(held) + 1}",
            path=path,
        )
    version = store.commit(
        doc.id,
        sid,
        data,
        agents=[Agent(name, "translator") for name in page.translators],
        message=f"Imported again from the archive page {Path(path).name} (another crawl)",
        activity="imported",
        source={"file": Path(path).name, "sha256": page.meta["imported"]["sha256"]},
        origin=path,
        create=StreamSpec(page.kind, page.language),
    )
    page.outcome, page.version = NEW_VERSION, version.ref
    differ = [  # what this crawl prints otherwise (a field it lacks is not a difference)
        key
        for key, value in page.meta.items()
        if key not in ("schema", "id", "imported") and value and doc.meta.get(key) != value
    ]
    if differ:
        page.warnings.append(
            "this crawl's fields differ from the stored record's ("
            + ", ".join(differ)
            + "): the record is kept as it is; 'provenance set' changes a field"
        )
    return page


def default_id(meta: dict[str, Any]) -> str:
    """``1961-05-10-cable-ministry-of-public-security-party``: date and the title's first words."""
    prefix = meta.get("date", "")
    return slugify(f"{prefix} {meta['title']}", limit=48)
