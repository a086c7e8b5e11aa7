"""Reading TEI P5: one document out of a TEI file, as plain text with the editorial layer in
square brackets, and the metadata its header and the document's own markup give.

What becomes what in the text:

* block elements (``head``, ``p``, ``dateline``, ``closer``, ``item``, ``row``, ...) are
  paragraphs separated by a blank line; ``lb`` is a line break; the markup's own indentation
  is not text and is collapsed (NBSP and every other character is kept as it is);
* ``supplied`` -> ``[words]``; ``ex`` inside ``expan`` -> ``F[oreign]``; ``choice`` of
  ``orig``/``reg`` -> ``orig [reg]``; ``abbr``/``expan`` without ``ex`` -> ``abbr [expan]``;
  ``sic`` -> ``word [sic]`` (with its ``corr``, when given, in brackets after it);
  ``gap`` -> ``[illegible]``, ``[N words not declassified]``, ``[N lines omitted]`` or
  ``[…]`` after its ``reason``, ``quantity`` and ``unit``; ``pb`` -> ``[Page N]``, and a
  ``pb`` with no ``n`` -> a ``//`` page-break marker (glued to the words with ``break="no"``);
* a footnote (``note`` with ``n`` or an id) -> its call ``[N]`` in place and ``[N] text`` at
  the end; an inline note (``rend="inline"``, ``type="source"``) is a paragraph of its own;
* ``del``, ``fw``, ``figure`` and comments are left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ImportParseError
from .inline import _T, TEI_NS, XML_NS, element_text, local, norm, render_text, xml_id

if TYPE_CHECKING:
    from lxml import etree

    from ..rights import Statement

_DATE_RE = re.compile(r"^-?[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?")


@dataclass
class TEIImport:
    """A TEI document read for the store: metadata, text, who made it and what it came from."""

    meta: dict[str, Any]
    text: str
    language: str
    agents: list[tuple[str, str]] = field(default_factory=list)
    div_id: str | None = None
    warnings: list[str] = field(default_factory=list)
    interventions: dict[str, int] = field(default_factory=dict)
    #: ``transcription`` or ``translation`` (a ``div type="translation"``).
    kind: str = "transcription"
    #: The records an export of this tool carried (``xenoData``), when present and intact:
    #: ``document``, ``stream``, ``version`` metadata and ``original`` (lineage).
    record: dict[str, Any] | None = None


def parse_xml(data: bytes, path: str | Path | None = None) -> etree._Element:
    """Parse XML safely: entities declared in the file itself are expanded (``&mdash;``
    declared in the internal subset is a dash, never dropped), libxml2 refusing runaway
    expansion; an entity declared outside the file is never fetched or read, and its use is
    an error naming the line, as is an undeclared one."""
    from lxml import etree

    parser = etree.XMLParser(
        resolve_entities="internal",
        no_network=True,
        load_dtd=False,
        remove_comments=True,
        remove_pis=True,
        huge_tree=False,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        line, column = exc.position if exc.position else (None, None)
        raise ImportParseError(
            f"not well-formed XML: {exc.msg}", path=path, line=line, column=column
        ) from None
    if root is None or local(root) != "TEI" or not str(root.tag).startswith(_T):
        name = local(root) if root is not None else "nothing"
        raise ImportParseError(
            f"not a TEI P5 document (the root element is <{name}>, expected <TEI> in the "
            f"namespace {TEI_NS})",
            path=path,
            line=getattr(root, "sourceline", None),
        )
    return root


def _documents(root: Any) -> list[Any]:
    return [d for d in root.iter(f"{_T}div") if d.get("type") == "document"]


def select_div(root: Any, div: str | None, path: str | Path | None = None) -> Any:
    """The element to import: ``div`` by its xml:id, else the only document ``div``, else the
    whole ``text``."""
    text = root.find(f"{_T}text")
    if text is None:
        raise ImportParseError("TEI document has no <text>", path=path)
    if div is not None:
        for el in text.iter():
            if xml_id(el) == div:
                return el
        ids = [i for i in (xml_id(d) for d in _documents(root)) if i]
        hint = f"; document divs here: {_sample(ids)}" if ids else ""
        raise ImportParseError(f"no element with xml:id {div!r} in the text{hint}", path=path)
    docs = _documents(root)
    if len(docs) == 1:
        return docs[0]
    if len(docs) > 1:
        ids = [i for i in (xml_id(d) for d in docs) if i]
        raise ImportParseError(
            f"the file holds {len(docs)} documents; choose one with --div ID ({_sample(ids)})",
            path=path,
        )
    body = text.find(f"{_T}body")
    return body if body is not None else text


def _sample(ids: list[str], limit: int = 8) -> str:
    more = f", ... ({len(ids)} in all)" if len(ids) > limit else ""
    return ", ".join(ids[:limit]) + more


# -- the text ------------------------------------------------------------------------------


def _date(value: str | None) -> str:
    m = _DATE_RE.match(value or "")
    return m.group(0) if m else ""


def _doc_date(el: Any, header: Any) -> str:
    for key, value in el.attrib.items():
        if str(key).endswith("doc-dateTime-min") and _date(value):
            return _date(value)
    for d in el.iter(f"{_T}date"):
        for attr in ("when", "from", "notBefore"):
            if _date(d.get(attr)):
                return _date(d.get(attr))
    if header is not None:
        for d in header.iter(f"{_T}date"):
            if d.get("type") == "created" and _date(d.get("when")):
                return _date(d.get("when"))
    return ""


def _pages(root: Any, el: Any) -> str:
    """The page range a document spans: the page it starts on to its last page break."""
    start = None
    for pb in root.iter(f"{_T}pb"):
        if pb is el or _is_after(pb, el):
            break
        start = pb.get("n")
    inside = [pb.get("n") for pb in el.iter(f"{_T}pb") if pb.get("n")]
    pages = [p for p in [start, *inside] if p]
    pages = [norm(p).strip("[]") for p in pages]
    if not pages:
        return ""
    return pages[0] if len(pages) == 1 else f"{pages[0]}-{pages[-1]}"


def _is_after(a: Any, b: Any) -> bool:
    """Whether element ``a`` starts after ``b`` starts (document order)."""
    return bool(a.sourceline and b.sourceline and a.sourceline > b.sourceline)


def read_tei(
    data: bytes,
    *,
    div: str | None = None,
    filename: str | None = None,
    rights: Statement | None = None,
) -> TEIImport:
    """Read one document out of TEI ``data`` (``div``: its xml:id when the file holds many;
    ``rights``: a statement the user gives, which wins over the header's; see
    :mod:`provenance.tei.rights` for where the rights come from)."""
    from .rights import tei_rights

    root = parse_xml(data, filename)
    el = select_div(root, div, filename)
    header = root.find(f"{_T}teiHeader")
    text, counts = render_text(el)
    if not text.strip():
        raise ImportParseError(
            "the selected TEI element holds no text", path=filename, line=el.sourceline
        )
    fd = header.find(f"{_T}fileDesc") if header is not None else None
    titles = fd.find(f"{_T}titleStmt") if fd is not None else None
    pub = fd.find(f"{_T}publicationStmt") if fd is not None else None
    volume_title = ""
    if titles is not None:
        complete = [t for t in titles.findall(f"{_T}title") if t.get("type") == "complete"]
        volume_title = element_text((complete or titles.findall(f"{_T}title") or [None])[0])

    head = el.find(f"{_T}head") if local(el) != "text" else None
    title = element_text(head) or volume_title or (filename and Path(filename).stem) or "Untitled"
    meta: dict[str, Any] = {"schema": "provenance/document/1", "id": "", "title": title}
    date = _doc_date(el, header)
    meta["date"] = date

    kind_note = [n for n in el.iter(f"{_T}note") if n.get("type") == "source"]
    doc_type = _doc_type(element_text(kind_note[0]) if kind_note else "")
    if doc_type:
        meta["type"] = doc_type

    language = _language(root, el)
    if language:
        meta["languages"] = [language]

    idnos: dict[str, str] = {}
    if pub is not None:
        for idno in pub.iter(f"{_T}idno"):
            value = element_text(idno)
            if value:
                idnos[idno.get("type") or "idno"] = value
    root_id = xml_id(root)
    volume_id = idnos.get("frus") or next(iter(idnos.values()), "") or root_id or ""
    source: dict[str, str] = {}
    el_id = xml_id(el) if local(el) != "text" else None
    if volume_id:
        number = el.get("n")
        source["reference"] = (
            f"{volume_id}, document {number}"
            if number
            else f"{volume_id}, {el_id}"
            if el_id
            else volume_id
        )
    pages = _pages(root, el)
    if pages:
        source["pages"] = pages
    source_note = (
        ""
        if "provenance" in idnos  # an export of this tool: its sourceDesc says it all
        else _source_note(
            volume_title, pub, idnos, volume_id, element_text(kind_note[0]) if kind_note else ""
        )
    )
    if source_note:
        source["note"] = source_note
    if source:
        meta["source"] = source
    if pub is not None and element_text(pub.find(f"{_T}publisher")):
        meta["publisher"] = element_text(pub.find(f"{_T}publisher"))
    if volume_title and volume_title != title:
        meta["collection"] = volume_title
    found, rights_warnings = tei_rights(header, rights)
    if found:
        meta["rights"] = found
    if el_id:
        meta["record_id"] = el_id
    if pub is not None:
        for d in pub.findall(f"{_T}date"):
            if d.get("type") == "posted" and _date(d.get("when")):
                meta["uploaded"] = _date(d.get("when"))
    url = _url(header)
    if url:
        meta["url"] = url

    _native(meta, header, fd)
    typed = [el, *el.iter(f"{_T}div")]
    kind = "translation" if any(d.get("type") == "translation" for d in typed) else "transcription"
    agents = [(n, r) for n, r in _agents(header) if r != "obtainer"]
    warnings = (
        [] if language else ["the TEI gives no language (xml:lang or langUsage); recorded as 'en'"]
    )
    parsed = TEIImport(
        meta=meta,
        text=text,
        language=language or "en",
        agents=agents,
        div_id=el_id,
        interventions=counts,
        warnings=warnings + rights_warnings,
        kind=kind,
    )
    if header is not None:
        given = (meta.get("rights") or {}).get("statement") if rights is not None else None
        _apply_record(parsed, header)
        if given:  # --rights wins over the exported record too
            parsed.meta["rights"] = {**(parsed.meta.get("rights") or {}), "statement": given}
    return parsed


def _native(meta: dict[str, Any], header: Any, fd: Any) -> None:
    """What an export of this tool (or any TEI that says it the same way) gives in the
    header: the source's date, archive, reference and pages in ``sourceDesc/bibl``, funders,
    who obtained it, the funder line and summary notes."""
    if fd is None:
        return
    bibl = fd.find(f"{_T}sourceDesc/{_T}bibl")
    if bibl is not None:
        source = dict(meta.get("source") or {})
        date = bibl.find(f"{_T}date")
        if date is not None and (_date(date.get("when")) or element_text(date)):
            meta["date"] = _date(date.get("when")) or element_text(date)
        for child in bibl:
            name = local(child)
            if name == "idno" and child.get("type") == "archival" and element_text(child):
                source["reference"] = element_text(child)
            elif name == "biblScope" and child.get("unit") == "page" and element_text(child):
                source["pages"] = element_text(child)
            elif name == "orgName" and child.get("role") == "archive" and element_text(child):
                source["archive"] = element_text(child)
            elif name == "note" and child.get("type") == "documentType" and element_text(child):
                meta["type"] = element_text(child)
        if source:
            meta["source"] = source
    titles = fd.find(f"{_T}titleStmt")
    if titles is not None:
        funders = [element_text(f) for f in titles.findall(f"{_T}funder") if element_text(f)]
        if funders:
            meta["funders"] = funders
        acquisition: dict[str, Any] = {}
        for resp in titles.findall(f"{_T}respStmt"):
            what = element_text(resp.find(f"{_T}resp")).lower()
            names = [
                element_text(w)
                for w in resp
                if local(w) in ("persName", "name") and element_text(w)
            ]
            if what.startswith("obtained by") and names:
                acquisition["obtained_by"] = names
            elif what.startswith("translated for"):
                org = element_text(resp.find(f"{_T}orgName"))
                if org:
                    acquisition["translated_for"] = org
        if acquisition:
            meta["acquisition"] = acquisition
    notes = fd.find(f"{_T}notesStmt")
    if notes is not None:
        for note in notes.findall(f"{_T}note"):
            if note.get("type") == "funding" and element_text(note):
                meta["funder_line"] = element_text(note)
            elif note.get("type") == "summary" and element_text(note):
                meta["summary"] = element_text(note)


def apply_edits(body: str, edits: Any) -> str:
    """``body`` changed by an export's ``[kept, deleted, inserted]`` steps (see
    :func:`provenance.tei.writer.text_edits`), in one pass; ValueError when they do not fit."""
    if not isinstance(edits, list):
        raise ValueError("its text edits are not a list")
    out: list[str] = []
    at = 0
    for step in edits:
        if not (isinstance(step, list) and len(step) == 3):
            raise ValueError("a text edit is not [kept, deleted, inserted]")
        kept, deleted, inserted = step
        if not (
            isinstance(kept, int)
            and isinstance(deleted, int)
            and isinstance(inserted, str)
            and kept >= 0
            and deleted >= 0
            and at + kept + deleted <= len(body)
        ):
            raise ValueError("its text edits do not fit the body")
        out.append(body[at : at + kept])
        out.append(inserted)
        at += kept + deleted
    out.append(body[at:])
    return "".join(out)


def _apply_record(parsed: TEIImport, header: Any) -> None:
    """Take the exact records from an export's ``xenoData``, when its text checks out."""
    import hashlib
    import json

    from diff_match_patch import diff_match_patch  # type: ignore[import-untyped]

    xeno = [x for x in header.findall(f"{_T}xenoData") if x.get("type") == "provenance-record"]
    if not xeno:
        return
    try:
        record = json.loads(xeno[0].text or "")
        if record.get("schema") != "provenance/tei-record/1":
            raise ValueError("unknown record schema")
        patch = str(record["text"].get("patch") or "")
        text = parsed.text
        if "edits" in record["text"]:
            text = apply_edits(parsed.text, record["text"]["edits"])
        elif patch:  # exports made before the edits were recorded
            dmp = diff_match_patch()
            text, applied = dmp.patch_apply(dmp.patch_fromText(patch), parsed.text)
            if not all(applied):
                raise ValueError("its text patch does not apply")
        if hashlib.sha256(text.encode("utf-8")).hexdigest() != record["text"]["sha256"]:
            raise ValueError("the body no longer gives the recorded text")
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        parsed.warnings.append(
            f"the export's record block (xenoData) was not used: {exc}; the metadata and text "
            "are read from the TEI markup"
        )
        return
    parsed.record = record
    parsed.text = text
    parsed.meta = {k: v for k, v in record["document"].items() if k != "imported"}
    stream = record.get("stream") or {}
    parsed.kind = str(stream.get("kind") or parsed.kind)
    parsed.language = str(stream.get("language") or parsed.language)
    parsed.agents = [(a["name"], a["role"]) for a in record["version"].get("agents") or []]


def _doc_type(note: str) -> str:
    """``[Telegram.]`` -> ``telegram`` (a one-word kind printed as the document's source note)."""
    word = note.strip().strip("[]").strip().rstrip(".")
    return word.lower() if re.fullmatch(r"[A-Za-z]+", word or "-") else ""


def _language(root: Any, el: Any) -> str:
    node = el
    while node is not None:
        lang = node.get(f"{{{XML_NS}}}lang")
        if lang:
            return str(lang)
        node = node.getparent()
    for lang in root.iter(f"{_T}language"):
        if lang.get("ident"):
            return str(lang.get("ident"))
    return ""


def _source_note(volume: str, pub: Any, idnos: dict[str, str], volume_id: str, kind: str) -> str:
    """``Printed in <volume> (Washington: GPO, 1895). ISBN-13 ...``, from the header."""
    if pub is None:
        return ""
    place = element_text(pub.find(f"{_T}pubPlace"))
    publisher = element_text(pub.find(f"{_T}publisher"))
    year = ""
    for d in pub.findall(f"{_T}date"):
        if d.get("type") in (None, "published", "publication"):
            year = element_text(d) or _date(d.get("when"))
            break
    imprint = ", ".join(x for x in (": ".join(y for y in (place, publisher) if y), year) if x)
    parts = []
    if volume and imprint:
        parts.append(f"Printed in {volume} ({imprint}).")
    others = [f"{k} {v}" for k, v in idnos.items() if v != volume_id]
    if others:
        parts.append("; ".join(others) + ".")
    return " ".join(parts)


def _url(header: Any) -> str:
    if header is None:
        return ""
    for idno in header.iter(f"{_T}idno"):
        if (idno.get("type") or "").upper() in ("URL", "URI") and element_text(idno):
            return element_text(idno)
    return ""


_RESP_ROLES = (
    ("obtain", "obtainer"),  # acquisition.obtained_by, not an agent of the text
    ("translated for", "obtainer"),  # acquisition.translated_for
    ("transcri", "transcriber"),
    ("transl", "translator"),
    ("encod", "encoder"),
    ("edit", "editor"),
    ("proof", "proofreader"),
    ("annot", "annotator"),
)


def _agents(header: Any) -> list[tuple[str, str]]:
    """Named people of the header's titleStmt (editors, respStmt) with their roles."""
    if header is None:
        return []
    out: list[tuple[str, str]] = []
    stmt = header.find(f"{_T}fileDesc/{_T}titleStmt")
    if stmt is None:
        return out
    for ed in stmt.findall(f"{_T}editor"):
        name = element_text(ed)
        if name:
            out.append((name, "editor"))
    for resp in stmt.findall(f"{_T}respStmt"):
        what = element_text(resp.find(f"{_T}resp")).lower()
        role = next((r for key, r in _RESP_ROLES if key in what), "contributor")
        for who in resp:
            if local(who) in ("name", "persName", "orgName") and element_text(who):
                out.append((element_text(who), role))
    return list(dict.fromkeys(out))
