"""A stored version as a TEI P5 document: a ``teiHeader`` from the record's metadata and a
``body`` in which each intervention of the bracket layer is its TEI element (see
:mod:`provenance.tei.body`)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .body import TEI_NS, Span, build_body, clean

if TYPE_CHECKING:
    from ..model import Document, Stream, Version
    from ..store import Store

_T = "{" + TEI_NS + "}"
XML_NS = "http://www.w3.org/XML/1998/namespace"
_W3C_DATE = re.compile(r"^-?[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?$")

#: A role -> the words of its responsibility statement.
RESP = {
    "translator": "Translated by",
    "transcriber": "Transcribed by",
    "editor": "Edited by",
    "proofreader": "Proofread by",
    "reviewer": "Reviewed by",
    "annotator": "Annotated by",
    "encoder": "Encoded by",
    "contributor": "Contributions by",
}


@dataclass(frozen=True)
class TEIExport:
    """The TEI document of one version, and how many intervention elements its body holds."""

    xml: str
    version: str  # DOC/STREAM@N
    elements: int
    spans: tuple[Span, ...]


def export_tei(store: Store, target: str) -> str:
    """The TEI P5 document of the version ``target`` names (``DOC``: the latest of its
    default stream)."""
    return build_tei(store, target).xml


def build_tei(
    store: Store, target: str, *, spans: Callable[[Store, Document, str], list[Span]] | None = None
) -> TEIExport:
    """The TEI document of ``target``; ``spans`` finds the interventions (default: the
    interventions parser with the store's profile)."""
    from lxml import etree

    from .ledger import ledger_spans

    version = store.resolve(target)
    doc = store.document(version.doc_id)
    stream = store.stream(version.doc_id, version.stream_id)
    text = store.read_text(version)
    spans_found = (spans or ledger_spans)(store, doc, text)

    root = etree.Element(f"{_T}TEI", nsmap={None: TEI_NS})
    root.set(f"{{{XML_NS}}}lang", stream.language)
    root.append(header(store, doc, stream, version))
    body = etree.SubElement(etree.SubElement(root, f"{_T}text"), f"{_T}body")
    div = etree.SubElement(body, f"{_T}div", {"type": stream.kind})
    count = build_body(div, text, spans_found)
    if not len(div):
        etree.SubElement(div, f"{_T}p")
    _add_record(root, store, doc, stream, version, text)
    xml = etree.tostring(root, encoding="unicode", pretty_print=True)
    return TEIExport(
        '<?xml version="1.0" encoding="UTF-8"?>\n' + xml, version.ref, count, tuple(spans_found)
    )


#: ``xenoData/@type`` of the record block an export carries for a lossless import.
RECORD_TYPE = "provenance-record"


def _add_record(
    root: Any, store: Store, doc: Document, stream: Stream, version: Version, text: str
) -> None:
    """Carry the records exactly, for ``provenance import``: the document's, the stream's
    and the version's metadata as JSON in ``xenoData`` (before ``revisionDesc``), with the
    version of the original a translation was made from (and its sha256), and a
    diff-match-patch patch from the text the body reads back as to the exact text."""
    import json

    from lxml import etree

    from ..lineage import made_from
    from .inline import render_text
    from .reader import parse_xml, select_div

    # the text as an import will read it back from the serialised body
    reread = parse_xml(etree.tostring(root, encoding="utf-8", pretty_print=True))
    body_text, _ = render_text(select_div(reread, None))
    record: dict[str, Any] = {
        "schema": "provenance/tei-record/1",
        "document": doc.meta,
        "stream": stream.meta,
        "version": version.as_dict(),
    }
    origin = made_from(stream, version)
    if origin:
        name, _, number = origin.partition("@")
        record["original"] = {"ref": origin}
        if name in store.stream_ids(doc.id):
            record["original"]["language"] = store.stream(doc.id, name).language
            for candidate in store.versions(doc.id, name):
                if str(candidate.number) == number:
                    record["original"]["sha256"] = candidate.sha256
    record["text"] = {"sha256": version.sha256, "patch": "", "edits": text_edits(body_text, text)}
    header = root.find(f"{_T}teiHeader")
    xeno = etree.Element(f"{_T}xenoData", {"type": RECORD_TYPE})
    xeno.text = json.dumps(record, ensure_ascii=False, sort_keys=False)
    revision = header.find(f"{_T}revisionDesc")
    if revision is not None:
        revision.addprevious(xeno)
    else:
        header.append(xeno)


def _el(parent: Any, name: str, text: str = "", **attrs: str) -> Any:
    from lxml import etree

    el = etree.SubElement(
        parent,
        f"{_T}{name}",
        {(f"{{{XML_NS}}}id" if k == "xml_id" else k.rstrip("_")): v for k, v in attrs.items() if v},
    )
    if text:
        el.text = clean(text)
    return el


def _xml_id(name: str, taken: dict[str, str]) -> str:
    """An xml:id for a person (``pers-jeffrey-wang``), unique within the document."""
    from ..refs import slugify

    base = "pers-" + (slugify(name, 40) if name.isascii() else f"{len(taken) + 1}")
    ident, n = base, 2
    while ident in taken.values():
        ident, n = f"{base}-{n}", n + 1
    taken[name] = ident
    return ident


def _chain(store: Store, version: Version) -> list[Version]:
    """The versions from the first to ``version``, following parents."""
    by_number = {v.number: v for v in store.versions(version.doc_id, version.stream_id)}
    out = [version]
    while out[-1].parent is not None and out[-1].parent in by_number:
        out.append(by_number[out[-1].parent])
    return list(reversed(out))


def _rights(doc: Document, stream: Stream) -> dict[str, Any]:
    rights = stream.meta.get("rights") or doc.meta.get("rights") or {}
    return dict(rights)


def _licence_uri(statement: str) -> str:
    """The canonical URI of a rights statement, as ``provenance.rights`` (and so ``check``)
    reads it: empty when it is not one check recognises, or an SPDX expression of several
    licences, which has no URI."""
    from ..rights import Statement, StatementError

    if not statement.strip():
        return ""
    try:
        return Statement.from_string(statement).uri or ""
    except StatementError:
        return ""


def header(store: Store, doc: Document, stream: Stream, version: Version) -> Any:
    from lxml import etree

    meta = doc.meta
    chain = _chain(store, version)
    ids: dict[str, str] = {}
    hdr = etree.Element(f"{_T}teiHeader")
    fd = _el(hdr, "fileDesc")

    ts = _el(fd, "titleStmt")
    _el(ts, "title", doc.title, type="main")
    if stream.kind == "translation":
        _el(ts, "title", f"{_language(stream.language)} translation", type="sub")
    by_role: dict[str, list[str]] = {}
    for v in chain:
        for agent in v.agents:
            names = by_role.setdefault(agent.role, [])
            if agent.name not in names:
                names.append(agent.name)
    for funder in meta.get("funders") or []:
        _el(ts, "funder", str(funder))
    for role in sorted(by_role, key=lambda r: list(RESP).index(r) if r in RESP else 99):
        rs = _el(ts, "respStmt")
        _el(rs, "resp", RESP.get(role, role.capitalize() + " by"))
        for name in by_role[role]:
            _el(rs, "persName", name, xml_id="" if name in ids else _xml_id(name, ids))
    obtained = (meta.get("acquisition") or {}).get("obtained_by") or []
    if obtained:
        rs = _el(ts, "respStmt")
        _el(rs, "resp", "Obtained by")
        for name in obtained:
            _el(
                rs,
                "persName",
                str(name),
                xml_id="" if str(name) in ids else _xml_id(str(name), ids),
            )
    translated_for = (meta.get("acquisition") or {}).get("translated_for")
    if translated_for:
        rs = _el(ts, "respStmt")
        _el(rs, "resp", "Translated for")
        _el(rs, "orgName", str(translated_for))

    es = _el(fd, "editionStmt")
    edition = _el(es, "edition", f"Version {version.number} of {stream.ref} ")
    _el(edition, "idno", version.sha256, type="sha256")
    if version.date and _W3C_DATE.match(version.date):
        _el(edition, "date", version.date, when=version.date)

    ps = _el(fd, "publicationStmt")
    publisher = meta.get("publisher") or store.config.get("publisher")
    if publisher:
        _el(ps, "publisher", str(publisher))
    if meta.get("collection"):
        _el(ps, "distributor", str(meta["collection"]))
    if not publisher and not meta.get("collection"):
        _el(ps, "authority", str(store.config.get("name") or "Unpublished record"))
    _el(ps, "idno", f"{doc.id}", type="provenance")
    _el(ps, "idno", version.ref, type="version")
    if meta.get("url"):
        _el(ps, "idno", str(meta["url"]), type="URI")
    if meta.get("record_id"):
        _el(ps, "idno", str(meta["record_id"]), type="record")
    rights = _rights(doc, stream)
    if rights:
        av = _el(ps, "availability")
        uri = _licence_uri(str(rights.get("statement") or ""))
        if rights.get("text") or uri:
            _el(av, "licence", str(rights.get("text") or rights.get("statement") or ""), target=uri)
        if rights.get("holder"):
            _el(av, "p", f"Rights holder: {rights['holder']}")
        if rights.get("contact"):
            _el(av, "p", str(rights["contact"]))
    if meta.get("uploaded") and _W3C_DATE.match(str(meta["uploaded"])):
        _el(ps, "date", str(meta["uploaded"]), when=str(meta["uploaded"]), type="uploaded")

    notes = []
    if meta.get("funder_line"):
        notes.append(("funding", str(meta["funder_line"])))
    citation = _citation(store, version)
    if citation:
        notes.append(("citation", citation))
    if meta.get("summary"):
        notes.append(("summary", str(meta["summary"])))
    if notes:
        ns = _el(fd, "notesStmt")
        for kind, value in notes:
            _el(ns, "note", value, type=kind)

    sd = _el(fd, "sourceDesc")
    _source(sd, doc)

    pd = _el(hdr, "profileDesc")
    lu = _el(pd, "langUsage")
    languages = [
        stream.language,
        *[str(x) for x in meta.get("languages") or [] if str(x) != stream.language],
    ]
    for tag in languages:
        _el(lu, "language", _language(tag), ident=tag)
    if meta.get("subjects"):
        kw = _el(_el(pd, "textClass"), "keywords")
        for subject in meta["subjects"]:
            _el(kw, "term", str(subject))

    rd = _el(hdr, "revisionDesc")
    lc = _el(rd, "listChange")
    for v in chain:
        who = " ".join(f"#{ids[a.name]}" for a in v.agents if a.name in ids)
        when = (
            v.date
            if v.date and _W3C_DATE.match(v.date)
            else (v.recorded[:10] if v.recorded else "")
        )
        _el(
            lc,
            "change",
            f"{v.activity}: {v.message} (sha256 {v.short_hash})",
            n=str(v.number),
            when=when if _W3C_DATE.match(when or "-") else "",
            who=who,
        )
    return hdr


def _source(sd: Any, doc: Document) -> None:
    meta = doc.meta
    source = meta.get("source") or {}
    bibl = _el(sd, "bibl")
    _el(bibl, "title", doc.title)
    if doc.date and _W3C_DATE.match(doc.date):
        _el(bibl, "date", doc.date, when=doc.date)
    elif doc.date:
        _el(bibl, "date", doc.date)
    if source.get("archive"):
        _el(bibl, "orgName", str(source["archive"]), role="archive")
    if source.get("reference"):
        _el(bibl, "idno", str(source["reference"]), type="archival")
    if source.get("pages"):
        _el(bibl, "biblScope", str(source["pages"]), unit="page")
    if meta.get("type"):
        _el(bibl, "note", str(meta["type"]), type="documentType")
    if source.get("note"):
        _el(bibl, "note", str(source["note"]))
    obtained = (meta.get("acquisition") or {}).get("obtained_by") or []
    if obtained:
        _el(
            bibl,
            "note",
            "Obtained by " + _join([str(x) for x in obtained]) + ".",
            type="acquisition",
        )


def _join(names: Sequence[str]) -> str:
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + ", and " + names[-1]


def _language(tag: str) -> str:
    try:
        from ..citation.record import language_name

        return str(language_name(tag))
    except ImportError:  # pragma: no cover
        return tag


def _citation(store: Store, version: Version) -> str:
    """The house citation of the version, pinned (empty when the record cannot be cited)."""
    try:
        from ..citation import cite

        return str(cite(store, version.ref, pinned=True).text)
    except ImportError:  # pragma: no cover - the citation package is optional here
        return ""
    except Exception:  # a record missing what the house style needs still exports
        return ""


def text_edits(body: str, text: str) -> list[list[Any]]:
    """How to get ``text`` from ``body`` (the text the TEI body reads back as): a list of
    ``[kept, deleted, inserted]`` steps, each keeping ``kept`` characters, dropping the next
    ``deleted`` and inserting the string ``inserted``.  Computed window by window
    (:func:`provenance.blame.windowed_opcodes`), so it costs time in proportion to the text
    and never depends on a time limit; applied in one pass by the reader."""
    if body == text:
        return []
    from ..blame import windowed_opcodes

    edits: list[list[Any]] = []
    kept = 0
    for tag, a0, a1, b0, b1 in windowed_opcodes(body, text):
        if tag == "equal":
            kept += a1 - a0
            continue
        edits.append([kept, a1 - a0, text[b0:b1]])
        kept = 0
    return edits
