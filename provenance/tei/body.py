"""A version's text as a TEI ``body``: paragraphs, line breaks, and each editorial
intervention as its TEI element.

The interventions come in as :class:`Span` values (kind, bracket offsets, content); this
module decides only how each kind is written:

==========  =========================================================================
supplied    ``[North] Korea`` -> ``<supplied>North</supplied> Korea``
expansion   ``F[oreign]`` -> ``<expan>F<ex>oreign</ex></expan>``
gloss       ``Andong [Dandong]`` -> ``<choice><orig>Andong</orig><reg>Dandong</reg></choice>``
sic         ``forth [sic]`` -> ``<sic>forth</sic>``
gap         ``[illegible]`` -> ``<gap reason="illegible"/>``; ``[1 line not declassified]``
            -> ``<gap reason="not-declassified" quantity="1" unit="line"/>``
note        ``[translator's note: ...]`` -> ``<note type="translator">...</note>``
page        ``[Page 152]`` -> ``<pb n="152"/>``; a ``//`` page-break marker -> ``<pb/>``, and
            ``<pb break="no"/>`` inside a word (``Ки//тая``)
footnote    a bare ``[2]`` -> ``<ptr type="noteAnchor" n="2"/>``
other       anything else, brackets kept -> ``<seg type="bracket">[...]</seg>``
==========  =========================================================================

A guessed type carries ``cert="low"``.  Every span gives exactly one element at its own level
(the ``ex`` of a multi-part expansion and the ``orig``/``reg`` of a gloss are its children).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

TEI_NS = "http://www.tei-c.org/ns/1.0"
_T = "{" + TEI_NS + "}"

KINDS = ("supplied", "expansion", "gloss", "sic", "gap", "note", "page", "footnote", "other")

#: The TEI element each kind becomes (one per intervention: an expansion is its ``ex``, so
#: ``F[oreign] M[inistry]`` is two of them, inside one ``expan`` per word).
ELEMENT_OF = {
    "supplied": "supplied",
    "expansion": "ex",
    "gloss": "choice",
    "sic": "sic",
    "gap": "gap",
    "note": "note",
    "page": "pb",
    "footnote": "ptr",
    "other": "seg",
}

_WORD = re.compile(r"\w", re.UNICODE)
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_PARA = re.compile(r"\n[ \t\u00a0\u3000]*(?:\r?\n[ \t\u00a0\u3000]*)+")
_GAP_AMOUNT = re.compile(r"^\s*(\d+|one|two|three|a|an)\s+([^\W\d_]+?)s?\b\s*(.*)$", re.I)
_NOTE_LABEL = re.compile(
    r"^\s*(?P<who>translator'?s?|trans\.?|tr\.?|editor'?s?|ed\.?|author'?s?)\s*"
    r"(?:note|n\.)?\s*[:—–-]\s*",
    re.I,
)


@dataclass
class Span:
    """One intervention: ``text[start:end]`` is the whole bracket, ``inner`` its content."""

    start: int
    end: int
    kind: str
    inner: str = ""
    uncertain: bool = False
    children: list[Span] = field(default_factory=list)
    # filled in while placing: the stretch of text the element covers
    xstart: int = -1
    xend: int = -1


def nest(spans: Sequence[Span]) -> list[Span]:
    """Spans inside other spans become their children; returns the top level, in order."""
    top: list[Span] = []
    stack: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        span.children = []
        while stack and span.start >= stack[-1].end:
            stack.pop()
        (stack[-1].children if stack else top).append(span)
        stack.append(span)
    return top


def clean(text: str) -> str:
    """Characters XML 1.0 cannot hold become U+FFFD; CR before LF goes (XML would drop it)."""
    return _XML_BAD.sub("\ufffd", text.replace("\r\n", "\n").replace("\r", "\n"))


class _Out:
    """Appends mixed content (text and elements) to an lxml element (remembering its last
    child: lxml counts children by walking them, which made long paragraphs quadratic)."""

    def __init__(self, el: Any) -> None:
        self.el = el
        self.last: Any = None

    def text(self, value: str) -> None:
        from lxml import etree

        parts = clean(value).split("\n")
        for i, part in enumerate(parts):
            if i:
                self.last = etree.SubElement(self.el, f"{_T}lb")
            if not part:
                continue
            if self.last is not None:
                self.last.tail = (self.last.tail or "") + part
            else:
                self.el.text = (self.el.text or "") + part

    def element(self, name: str, **attrs: str) -> Any:
        from lxml import etree

        self.last = etree.SubElement(
            self.el, f"{_T}{name}", {k.rstrip("_"): v for k, v in attrs.items() if v}
        )
        return self.last


def paragraphs(text: str, spans: Sequence[Span]) -> list[tuple[int, int]]:
    """Paragraph ranges (split at blank lines), never splitting inside an intervention
    (in time linear in the text and the spans: the spans' extents are merged once)."""
    import bisect

    covered: list[list[int]] = []
    for s in sorted(spans, key=lambda s: s.start):
        if covered and s.start < covered[-1][1]:
            covered[-1][1] = max(covered[-1][1], s.end)
        else:
            covered.append([s.start, s.end])
    starts = [c[0] for c in covered]

    def crosses(a: int, b: int) -> bool:
        i = bisect.bisect_left(starts, b) - 1  # the last extent starting before the cut ends
        return i >= 0 and covered[i][1] > a

    cuts = [(m.start(), m.end()) for m in _PARA.finditer(text)]
    cuts = [(a, b) for a, b in cuts if not crosses(a, b)]
    out, pos = [], 0
    for a, b in cuts:
        out.append((pos, a))
        pos = b
    out.append((pos, len(text)))
    return [(a, b) for a, b in out if text[a:b].strip()]


def build_body(parent: Any, text: str, spans: Sequence[Span]) -> int:
    """Write ``text`` as ``<p>`` elements under ``parent``; return the elements written for
    interventions."""
    if text.startswith("\ufeff"):
        text = text[1:]
        spans = [Span(s.start - 1, s.end - 1, s.kind, s.inner, s.uncertain) for s in spans]
    top = nest(spans)
    count = 0
    i = 0
    for a, b in paragraphs(text, spans):
        while i < len(top) and top[i].start < a:
            i += 1
        j = i
        while j < len(top) and top[j].end <= b:
            j += 1
        inside = [s for s in top[i:j] if a <= s.start]
        i = j
        while a < b and text[a] in " \t\n":
            a += 1
        while b > a and text[b - 1] in " \t\n\r":
            b -= 1
        p = _Out(_sub(parent, "p"))
        count += _write(p, text, a, b, inside)
    return count


def _sub(parent: Any, name: str, **attrs: str) -> Any:
    from lxml import etree

    return etree.SubElement(parent, f"{_T}{name}", attrs)


def _place(text: str, a: int, spans: list[Span]) -> None:
    """Decide the stretch each element covers: a gloss or sic takes the word(s) before it,
    an expansion the letters glued to it."""
    floor = a
    for i, s in enumerate(spans):
        s.xstart, s.xend = s.start, s.end
        if s.kind in ("gloss", "sic"):
            words = max(1, len(s.inner.split())) if s.kind == "gloss" else 1
            s.xstart = _words_before(text, floor, s.start, words)
        elif s.kind == "expansion":
            j = s.start
            while j > floor and _WORD.match(text[j - 1]):
                j -= 1
            s.xstart = j
            k = s.end
            limit = spans[i + 1].start if i + 1 < len(spans) else len(text)
            while k < limit and _WORD.match(text[k]):
                k += 1
            s.xend = k
        floor = max(floor, s.xend)


def _words_before(text: str, floor: int, at: int, words: int) -> int:
    """Start of the term right before ``at`` (separated from it by spaces only): one word, or
    up to ``words`` capitalised words (``Pak Heon-yeong [Pak Hon Yong]``), never crossing
    ``floor`` or punctuation."""
    j = at
    while j > floor and text[j - 1] in " \u00a0":
        j -= 1
    start = at
    for n in range(words):
        m = j
        while m > floor and not text[m - 1].isspace() and text[m - 1] not in "[](),;:":
            m -= 1
        word = text[m:j]
        if not word or not _WORD.search(word) or (n and not word[:1].isupper()):
            break
        start = m
        if n and text[m - 1 : m] != " ":
            break
        j = m
        while j > floor and text[j - 1] == " ":
            j -= 1
        if j == m or (n == 0 and words > 1 and not word[:1].isupper()):
            break
    return start


def _write(out: _Out, text: str, a: int, b: int, spans: list[Span]) -> int:
    """Mixed content for ``text[a:b]`` with ``spans`` (top level, in order) as elements."""
    _place(text, a, spans)
    count = 0
    pos = a
    i = 0
    while i < len(spans):
        s = spans[i]
        if s.kind == "expansion":  # letters and several brackets of one word: one <expan>
            group = [s]
            while (
                i + 1 < len(spans)
                and spans[i + 1].kind == "expansion"
                and spans[i + 1].start == group[-1].xend
            ):
                i += 1
                group.append(spans[i])
            out.text(text[pos : s.xstart])
            count += _expan(out, text, group)
            pos = group[-1].xend
        else:
            out.text(text[pos : s.xstart])
            count += _element(out, text, s)
            pos = s.xend
        i += 1
    out.text(text[pos:b])
    return count


def _inner(out: _Out, text: str, s: Span) -> int:
    """The content of a bracket, with any nested interventions."""
    a, b = s.start + 1, s.end - 1
    if not s.children:
        out.text(text[a:b])
        return 0
    return _write(out, text, a, b, s.children)


def _cert(s: Span) -> dict[str, str]:
    return {"cert": "low"} if s.uncertain else {}


def _expan(out: _Out, text: str, group: list[Span]) -> int:
    el = out.element("expan", **_cert(group[0]))
    sub = _Out(el)
    sub.text(text[group[0].xstart : group[0].start])
    count = 0
    for n, s in enumerate(group):
        count += 1 + _inner(_Out(sub.element("ex")), text, s)
        stop = group[n + 1].start if n + 1 < len(group) else s.xend
        sub.text(text[s.end : stop])
    return count


def _element(out: _Out, text: str, s: Span) -> int:
    kind = s.kind
    if kind == "supplied":
        return 1 + _inner(_Out(out.element("supplied", **_cert(s))), text, s)
    if kind == "gloss":
        term = text[s.xstart : s.start].rstrip(" \u00a0")
        if not term:
            return 1 + _inner(_Out(out.element("reg", **_cert(s))), text, s)
        choice = out.element("choice", **_cert(s))
        _Out(_sub(choice, "orig")).text(term)
        return 1 + _inner(_Out(_sub(choice, "reg")), text, s)
    if kind == "sic":
        _Out(out.element("sic", **_cert(s))).text(text[s.xstart : s.start].rstrip(" \u00a0"))
        return 1
    if kind == "gap":
        out.element("gap", **gap_attributes(s.inner), **_cert(s))
        return 1
    if kind == "note":
        label = _NOTE_LABEL.match(s.inner)
        who = label.group("who").lower() if label else ""
        note_type = (
            "translator"
            if who.startswith("tr")
            else "editor"
            if who.startswith("ed")
            else "author"
            if who.startswith("au")
            else ""
        )
        el = out.element("note", type=note_type, **_cert(s))
        skip = label.end() if label else 0
        return 1 + _write(_Out(el), text, s.start + 1 + skip, s.end - 1, s.children)
    if kind == "page":
        m = re.search(r"(\S+)\s*$", s.inner)
        inside_word = (
            s.start > 0
            and s.end < len(text)
            and text[s.start - 1].isalnum()
            and text[s.end].isalnum()
        )
        out.element(
            "pb",
            n=m.group(1) if m else s.inner,
            break_="no" if inside_word else "",
            **_cert(s),
        )
        return 1
    if kind == "footnote":
        out.element("ptr", type="noteAnchor", n=s.inner.strip(), **_cert(s))
        return 1
    el = out.element("seg", type="bracket", **_cert(s))
    _Out(el).text(text[s.start : s.end])
    return 1


def gap_attributes(inner: str) -> dict[str, str]:
    """``illegible`` -> reason; ``1 line not declassified`` -> reason, quantity and unit."""
    content = inner.strip()
    low = content.lower()
    attrs: dict[str, str] = {}
    m = _GAP_AMOUNT.match(content)
    rest = low
    if m and m.group(2).lower() not in ("text",):
        number = m.group(1).lower()
        attrs["quantity"] = {"one": "1", "a": "1", "an": "1", "two": "2", "three": "3"}.get(
            number, number
        )
        attrs["unit"] = m.group(2).lower()
        rest = m.group(3).lower()
    if "declassif" in low:
        attrs["reason"] = "not-declassified"
    elif "illegible" in low:
        attrs["reason"] = "illegible"
    elif rest.strip(" .…") and not set(content) <= set(".… "):
        attrs["reason"] = re.sub(r"[^\w-]+", "-", rest.strip()).strip("-") or "omitted"
    else:
        attrs["reason"] = "omitted"
    return {k: attrs[k] for k in ("reason", "quantity", "unit") if k in attrs}
