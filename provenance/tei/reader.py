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
  ``[…]`` after its ``reason``, ``quantity`` and ``unit``; ``pb`` -> ``[Page N]``;
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

if TYPE_CHECKING:
    from lxml import etree

    from ..rights import Statement

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
_T = "{" + TEI_NS + "}"

BLOCKS = frozenset(
    {
        "head",
        "p",
        "dateline",
        "closer",
        "opener",
        "salute",
        "item",
        "row",
        "byline",
        "docDate",
        "trailer",
        "ab",
        "l",
        "sp",
        "speaker",
        "stage",
        "epigraph",
        "argument",
        "titlePart",
        "docTitle",
        "docImprint",
        "bibl",
    }
)
CONTAINERS = frozenset(
    {
        "div",
        "div1",
        "div2",
        "div3",
        "div4",
        "div5",
        "div6",
        "div7",
        "body",
        "front",
        "back",
        "attachment",
        "postscript",
        "list",
        "table",
        "lg",
        "quote",
        "floatingText",
        "group",
        "titlePage",
        "listBibl",
        "text",
    }
)
SKIPPED = frozenset({"del", "fw", "figure", "graphic", "facsimile", "media", "binaryObject"})

_DATE_RE = re.compile(r"^-?[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?")
_LB = "\u2028"  # stands for <lb/> while whitespace is collapsed (restored as "\n")


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


def local(el: Any) -> str:
    """An element's name without its namespace (``frus:attachment`` -> ``attachment``)."""
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def norm(text: str) -> str:
    """Markup whitespace (spaces, tabs, newlines) collapsed; other characters kept."""
    return re.sub(r"[ \t\r\n]+", " ", text).strip(" ")


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


def xml_id(el: Any) -> str | None:
    value = el.get(f"{{{XML_NS}}}id")
    return str(value) if value is not None else None


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


class _Writer:
    """Walks the markup and collects paragraphs, with footnotes kept for the end."""

    def __init__(self) -> None:
        self.blocks: list[str] = []
        self.buf: list[str] = []
        self.notes: list[str] = []
        self.counts: dict[str, int] = {}

    def count(self, kind: str) -> None:
        self.counts[kind] = self.counts.get(kind, 0) + 1

    def flush(self) -> None:
        text = norm("".join(self.buf))
        text = re.sub(f" *{_LB} *", "\n", text).strip("\n ")
        if text:
            self.blocks.append(text)
        self.buf = []

    def tail(self, el: Any) -> None:
        if el.tail:
            self.buf.append(el.tail)

    def inline(self, el: Any) -> str:
        """The text of ``el`` rendered inline (no paragraph breaks), for brackets and notes."""
        sub = _Writer()
        sub.counts = self.counts
        sub.children(el, inline=True)
        text = norm("".join(sub.buf))
        self.notes.extend(sub.notes)
        return re.sub(f" *{_LB} *", " ", text)

    def children(self, el: Any, inline: bool = False) -> None:
        if el.text:
            self.buf.append(el.text)
        for child in el:
            self.node(child, inline)
            self.tail(child)

    def node(self, el: Any, inline: bool = False) -> None:
        name = local(el)
        if not name or name in SKIPPED:
            return
        handler = getattr(self, f"_{name}", None)
        if handler is not None:
            handler(el, inline)
        elif not inline and (name in BLOCKS or name in CONTAINERS):
            self.flush()
            self.children(el)
            self.flush()
        else:
            self.children(el, inline)

    # editorial elements ---------------------------------------------------------------

    def _lb(self, el: Any, inline: bool) -> None:
        self.buf.append(" " if inline else _LB)

    def _cell(self, el: Any, inline: bool) -> None:
        if self.buf and norm("".join(self.buf)):
            self.buf.append(" | ")
        self.children(el, inline)

    def _pb(self, el: Any, inline: bool) -> None:
        n = el.get("n")
        if n:
            self.count("pb")
            self.buf.append(f" [Page {norm(n).strip('[]')}] ")

    def _supplied(self, el: Any, inline: bool) -> None:
        self.count("supplied")
        self.buf.append(f"[{self.inline(el)}]")

    def _ex(self, el: Any, inline: bool) -> None:
        self.count("expan")
        self.buf.append(f"[{self.inline(el)}]")

    def _expan(self, el: Any, inline: bool) -> None:
        if el.find(f".//{_T}ex") is None:
            self.count("expan")
            self.buf.append(f"[{self.inline(el)}]")
        else:
            self.children(el, inline)

    def _sic(self, el: Any, inline: bool) -> None:
        self.count("sic")
        self.buf.append(f"{self.inline(el)} [sic]")

    def _gap(self, el: Any, inline: bool) -> None:
        self.count("gap")
        self.buf.append(f"[{gap_text(el)}]")

    def _choice(self, el: Any, inline: bool) -> None:
        parts = {local(c): c for c in el}
        if "sic" in parts:
            self._sic(parts["sic"], inline)
            if "corr" in parts:
                self.buf.append(f" [{self.inline(parts['corr'])}]")
        elif "orig" in parts and "reg" in parts:
            self.count("gloss")
            self.buf.append(f"{self.inline(parts['orig'])} [{self.inline(parts['reg'])}]")
        elif "abbr" in parts and "expan" in parts:
            if parts["expan"].find(f".//{_T}ex") is not None:
                self.children(parts["expan"], True)
            else:
                self.count("expan")
                self.buf.append(f"{self.inline(parts['abbr'])} [{self.inline(parts['expan'])}]")
        else:
            first = next(iter(el), None)
            if first is not None:
                self.buf.append(self.inline(first))

    def _note(self, el: Any, inline: bool) -> None:
        if el.get("rend") == "inline" or el.get("type") == "source":
            if inline:
                self.buf.append(self.inline(el))
            else:
                self.flush()
                self.children(el)
                self.flush()
            return
        mark = el.get("n") or (
            str(len(self.notes) + 1) if xml_id(el) or el.get("place") == "foot" else None
        )
        if mark is None:  # an unnumbered note printed in the flow of the text
            self.buf.append(self.inline(el))
            return
        self.count("note")
        self.buf.append(f"[{mark}]")
        self.notes.append(f"[{mark}] {self.inline(el)}")


def gap_text(el: Any) -> str:
    """The bracket text for a ``gap``: what its attributes say, or an ellipsis."""
    reason = norm(el.get("reason") or "")
    quantity = norm(el.get("quantity") or el.get("extent") or "")
    unit = norm(el.get("unit") or "")
    if quantity and unit and quantity != "1" and not unit.endswith("s"):
        unit += "s"
    elif quantity == "1" and unit.endswith("s"):
        unit = unit[:-1]
    amount = f"{quantity} {unit}".strip() if quantity else ""
    low = reason.lower()
    if "illegible" in low:
        return f"{amount} illegible" if amount else "illegible"
    if "declassif" in low:
        return f"{amount} not declassified" if amount else "text not declassified"
    if amount:
        return f"{amount} omitted"
    return "…"


def render_text(el: Any) -> tuple[str, dict[str, int]]:
    """``el``'s text with the editorial layer in brackets, and a count of each kind."""
    writer = _Writer()
    writer.node(el)
    writer.flush()
    blocks = writer.blocks + writer.notes
    return "\n\n".join(blocks) + "\n", writer.counts


# -- the metadata --------------------------------------------------------------------------


def _text(el: Any) -> str:
    if el is None:
        return ""
    writer = _Writer()
    return writer.inline(el)


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
        volume_title = _text((complete or titles.findall(f"{_T}title") or [None])[0])

    head = el.find(f"{_T}head") if local(el) != "text" else None
    title = _text(head) or volume_title or (filename and Path(filename).stem) or "Untitled"
    meta: dict[str, Any] = {"schema": "provenance/document/1", "id": "", "title": title}
    date = _doc_date(el, header)
    meta["date"] = date

    kind_note = [n for n in el.iter(f"{_T}note") if n.get("type") == "source"]
    doc_type = _doc_type(_text(kind_note[0]) if kind_note else "")
    if doc_type:
        meta["type"] = doc_type

    language = _language(root, el)
    if language:
        meta["languages"] = [language]

    idnos: dict[str, str] = {}
    if pub is not None:
        for idno in pub.iter(f"{_T}idno"):
            value = _text(idno)
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
    source_note = _source_note(
        volume_title, pub, idnos, volume_id, _text(kind_note[0]) if kind_note else ""
    )
    if source_note:
        source["note"] = source_note
    if source:
        meta["source"] = source
    if pub is not None and _text(pub.find(f"{_T}publisher")):
        meta["publisher"] = _text(pub.find(f"{_T}publisher"))
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

    warnings = (
        [] if language else ["the TEI gives no language (xml:lang or langUsage); recorded as 'en'"]
    )
    return TEIImport(
        meta=meta,
        text=text,
        language=language or "en",
        agents=_agents(header),
        div_id=el_id,
        interventions=counts,
        warnings=warnings + rights_warnings,
    )


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
    place = _text(pub.find(f"{_T}pubPlace"))
    publisher = _text(pub.find(f"{_T}publisher"))
    year = ""
    for d in pub.findall(f"{_T}date"):
        if d.get("type") in (None, "published", "publication"):
            year = _text(d) or _date(d.get("when"))
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
        if (idno.get("type") or "").upper() in ("URL", "URI") and _text(idno):
            return _text(idno)
    return ""


_RESP_ROLES = (
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
        name = _text(ed)
        if name:
            out.append((name, "editor"))
    for resp in stmt.findall(f"{_T}respStmt"):
        what = _text(resp.find(f"{_T}resp")).lower()
        role = next((r for key, r in _RESP_ROLES if key in what), "contributor")
        for who in resp:
            if local(who) in ("name", "persName", "orgName") and _text(who):
                out.append((_text(who), role))
    return list(dict.fromkeys(out))
