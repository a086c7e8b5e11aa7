"""The text of TEI markup: the reading of one element (a document's body, a header's
title) as plain text with the editorial layer in square brackets, as :mod:`.reader`
describes; used by the reader for bodies and by :mod:`.rights` for header fields."""

from __future__ import annotations

import re
from typing import Any

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

_LB = "\u2028"  # stands for <lb/> while whitespace is collapsed (restored as "\n")


def local(el: Any) -> str:
    """An element's name without its namespace (``frus:attachment`` -> ``attachment``)."""
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def norm(text: str) -> str:
    """Markup whitespace (spaces, tabs, newlines) collapsed; other characters kept."""
    return re.sub(r"[ \t\r\n]+", " ", text).strip(" ")


def xml_id(el: Any) -> str | None:
    value = el.get(f"{{{XML_NS}}}id")
    return str(value) if value is not None else None


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
        else:  # a break with no number: a transcription's // marker (inside a word, break="no")
            self.count("pb")
            self.buf.append("//" if el.get("break") == "no" else " // ")

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


def element_text(el: Any) -> str:
    """The text of ``el`` (``""`` for none), inline markup read as in a body."""
    if el is None:
        return ""
    writer = _Writer()
    return writer.inline(el)
