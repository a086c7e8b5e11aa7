"""A collation as a TEI P5 critical apparatus in parallel segmentation.

The text the witnesses share stands as it is; each variant location is an ``<app>`` (``@n``
its number, ``@type`` textual, editorial or formal, ``@subtype`` what a formal variant
differs in, joined by ``+``) holding one ``<rdg wit="#A #B">`` per distinct reading, or, where a
base witness is named, a ``<lem>`` with the base's reading first.  A witness with nothing at a
location has an empty ``<rdg>``.  Readings are the witnesses' own texts, each with the
whitespace that follows it in that witness, so reading the shared text and one witness's
readings gives that witness's words back in order.  The witnesses are listed in
``<listWit>``; transpositions pair the ``<app>`` elements of the two places in a
``<listTranspose>``.  Paragraphs follow the blank lines of the base (or first) witness's shared
text.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

from .model import Collation, Segment

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
_T = "{" + TEI_NS + "}"
_NCNAME_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_.\-]*$")
_PARAGRAPH_RE = re.compile(r"\n[ \t\u00a0]*(?:\r?\n)\s*")
# characters XML 1.0 cannot hold (C0 controls other than tab, LF, CR; U+FFFE, U+FFFF; lone
# surrogates): each is written as a visible replacement character.
_NOT_XML_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_ids(sigla: tuple[str, ...]) -> list[str]:
    """An ``xml:id`` for each sigil: itself where it is a valid name, else made one
    (``1859`` -> ``w1859``), unique."""
    out: list[str] = []
    for s in sigla:
        cand = s if _NCNAME_RE.match(s) else "w" + re.sub(r"[^A-Za-z0-9_.\-]", "_", s)
        base, n = cand, 2
        while cand in out:
            cand = f"{base}-{n}"
            n += 1
        out.append(cand)
    return out


def _clean(text: str) -> str:
    return _NOT_XML_RE.sub("\ufffd", text)


def _el(parent: Any, tag: str, text: str | None = None, **attrs: str) -> Any:
    el = etree.SubElement(parent, _T + tag)
    for k, v in attrs.items():
        el.set(XML_ID if k == "xml_id" else k, v)
    if text:
        el.text = _clean(text)
    return el


def _append_text(parent: Any, text: str) -> None:
    if not text:
        return
    text = _clean(text)
    children = list(parent)
    if children:
        children[-1].tail = (children[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def _with_ws(result: Collation, w: int, seg: Segment) -> str:
    r = seg.readings[w]
    if r.empty:
        return ""
    return r.text + result.tokens[w][r.end - 1].ws


def _header(result: Collation, root: Any, ids: list[str]) -> None:
    header = _el(root, "teiHeader")
    file_desc = _el(header, "fileDesc")
    title_stmt = _el(file_desc, "titleStmt")
    _el(title_stmt, "title", f"Collation of {len(result.witnesses)} witnesses")
    pub = _el(file_desc, "publicationStmt")
    _el(pub, "p", "Made with provenance collate.")
    source = _el(file_desc, "sourceDesc")
    list_wit = _el(source, "listWit")
    for w, wit in enumerate(result.witnesses):
        label = wit.sigil
        if wit.source:
            label += f": {wit.source}"
        label += f" (sha256 {wit.sha256})"
        if result.base == w:
            label += "; the base text"
        _el(list_wit, "witness", label, xml_id=ids[w], n=wit.sigil)
    enc = _el(header, "encodingDesc")
    _el(enc, "variantEncoding", method="parallel-segmentation", location="internal")


def build_tei(result: Collation) -> Any:
    """The TEI document as an lxml element."""
    root = etree.Element(_T + "TEI", nsmap={None: TEI_NS})
    ids = xml_ids(result.sigla)
    _header(result, root, ids)
    body = _el(_el(root, "text"), "body")
    main = result.base if result.base is not None else 0
    paragraph = _el(body, "p")
    _append_text(paragraph, result.prefixes[main].strip())
    app_ids: dict[tuple[str, str], list[str]] = {}
    for seg in result.segments:
        if not seg.variant:
            parts = _PARAGRAPH_RE.split(_with_ws(result, main, seg))
            for k, part in enumerate(parts):
                if k:
                    paragraph = _el(body, "p")
                _append_text(paragraph, part)
            continue
        attrs = {"n": str(seg.location), "type": seg.type or "textual"}
        if seg.labels:
            attrs["subtype"] = "+".join(seg.labels)
        if seg.transposition and seg.role:
            xml_id = f"{seg.transposition}-{seg.role}-{seg.location}"
            attrs["xml_id"] = xml_id
            app_ids.setdefault((seg.transposition, seg.role), []).append(xml_id)
        app = _el(paragraph, "app", **attrs)
        groups: dict[str, list[int]] = {}
        for w in range(len(result.witnesses)):
            groups.setdefault(_with_ws(result, w, seg), []).append(w)
        items = list(groups.items())
        if result.base is not None:
            items.sort(key=lambda item: result.base not in item[1])
        for k, (text, wits) in enumerate(items):
            tag = "lem" if k == 0 and result.base is not None else "rdg"
            _el(app, tag, text, wit=" ".join("#" + ids[w] for w in wits))
    if result.transpositions:
        listing = _el(body, "listTranspose")
        for t in result.transpositions:
            source = app_ids.get((t.id, "source"), [])
            target = app_ids.get((t.id, "target"), [])
            if source and target:
                pair = _el(listing, "transpose")
                _el(pair, "ptr", target=" ".join("#" + i for i in source))
                _el(pair, "ptr", target=" ".join("#" + i for i in target))
        if not len(listing):
            body.remove(listing)
    return root


def format_tei(result: Collation) -> str:
    """The TEI document as a string (UTF-8 XML with its declaration)."""
    data: bytes = etree.tostring(build_tei(result), encoding="UTF-8", xml_declaration=True)
    return data.decode("utf-8") + "\n"
