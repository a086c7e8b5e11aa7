"""Paragraphs and sentences of a text, with their places in it (character offsets, lines).

A paragraph is a block between blank lines; a text with no blank line between its lines (one
paragraph a line, as many transcriptions are kept) has one paragraph per line.  Sentences end
at 。！？ (and ；…), or at . ! ? followed by a space, a quote or the end, unless the full stop
closes a number (``1.``), an initial or a common abbreviation.  Nothing is changed in the
text: each segment is a slice of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: A line holding only whitespace (NBSP and the ideographic space included).
_BLANK = re.compile(r"(?:\r\n|\r(?!\n)|\n)[ \t\u00a0\u3000\ufeff]*(?=\r\n|\r(?!\n)|\n)")
_LINE = re.compile(r"[^\r\n]+")
_CJK_END = re.compile(r"[。！？!?；;…]+[”’」』）)\]]*")
_LATIN_END = re.compile(r"[.!?…]+[\"”’'»)\]]*(?=\s|$)")
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "no",
        "nos",
        "vol",
        "vols",
        "p",
        "pp",
        "cf",
        "e.g",
        "i.e",
        "etc",
        "gen",
        "col",
        "lt",
        "capt",
        "jr",
        "sr",
        "ed",
        "eds",
        "trans",
        "ul",
        "ул",
        "г",
        "гг",
        "т",
        "тт",
        "с",
        "см",
        "др",
        "тов",
        "им",
    ]
)


@dataclass(frozen=True)
class Segment:
    """A paragraph or sentence: its number (1-based), its text and where it lies."""

    index: int
    text: str
    start: int
    end: int
    line: int


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while (start < end and text[start].isspace()) or (start < end and text[start] == "\ufeff"):
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def paragraphs(text: str) -> list[Segment]:
    """The paragraphs of ``text`` (blocks between blank lines, else lines)."""
    spans: list[tuple[int, int]] = []
    if _BLANK.search(text):
        pos = 0
        for m in _BLANK.finditer(text):
            spans.append((pos, m.start()))
            pos = m.end()
        spans.append((pos, len(text)))
    else:
        spans = [(m.start(), m.end()) for m in _LINE.finditer(text)]
    out: list[Segment] = []
    for start, end in spans:
        s, e = _strip(text, start, end)
        if s < e:
            line = text.count("\n", 0, s) + 1
            out.append(Segment(len(out) + 1, text[s:e], s, e, line))
    return out


def _ends_abbreviation(text: str, dot: int) -> bool:
    """Whether the full stop at ``dot`` closes an abbreviation, an initial or a number."""
    m = re.search(r"([^\s(\[\"“]+)$", text[:dot])
    if not m:
        return False
    word = m.group(1)
    if word.lower().rstrip(".") in _ABBREVIATIONS:
        return True
    if len(word) == 1 and word.isalpha() and word.isupper():
        return True  # an initial: J. Smith
    return word.isdigit() and len(word) <= 2  # a list number ("1. First"), not a year


def sentences(paragraph: Segment) -> list[Segment]:
    """The sentences of a paragraph (offsets stay those of the whole text)."""
    text = paragraph.text
    cuts: list[int] = []
    for m in _CJK_END.finditer(text):
        if m.group(0)[0] in "。！？；…" or m.end() == len(text):
            cuts.append(m.end())
    for m in _LATIN_END.finditer(text):
        if m.group(0).startswith(".") and _ends_abbreviation(text, m.start()):
            continue
        rest = text[m.end() :].lstrip()
        if rest and rest[0].islower():
            continue
        cuts.append(m.end())
    cuts = [*sorted(set(c for c in cuts if 0 < c < len(text))), len(text)]
    out: list[Segment] = []
    pos = 0
    for cut in cuts:
        s, e = _strip(text, pos, cut)
        if s < e:
            out.append(
                Segment(
                    len(out) + 1,
                    text[s:e],
                    paragraph.start + s,
                    paragraph.start + e,
                    paragraph.line + text.count("\n", 0, s),
                )
            )
        pos = cut
    return out
