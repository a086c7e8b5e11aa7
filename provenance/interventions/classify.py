"""Classing the changes of a diff: in the bracket layer (editorial), in the translated words
(textual), or in spaces and punctuation only (whitespace).

``provenance diff`` calls :func:`categorize` on its result, which sets each change's
``category``; ``--only`` and ``--stat`` and the renderers work from that field::

    from provenance.diff import diff_texts
    from provenance.interventions.classify import categorize

    result = categorize(diff_texts(old, new))          # profile=..., config=store.config
    [ch.category for ch in result.changes]             # "editorial", "textual", ...

A change is **editorial** when it touches an intervention on either side and, leaving the
bracketed spans aside (or reading through their brackets), the words are the same: a bracket
added, removed, changed, or absorbed into the text (``[North] Korea`` -> ``North Korea``).
It is **textual** when the words outside the brackets differ, and **whitespace** when only
spaces, line breaks or punctuation differ (outside any bracket).
"""

from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .align import Opcode
from .model import Intervention, ParseResult
from .parser import Span, TopLevel
from .profile import Profile, load_profile

if TYPE_CHECKING:
    from ..diff import DiffResult

EDITORIAL = "editorial"
TEXTUAL = "textual"
WHITESPACE = "whitespace"
#: The classes, in the order summaries list them.
CLASSES = (TEXTUAL, EDITORIAL, WHITESPACE)

_TOKEN = re.compile(r"\S+")


def _iter_words(text: str) -> Iterator[str]:
    """The words of ``text``: runs of characters that are neither spaces nor punctuation
    (letters, digits, and symbols such as ``£`` or an emoji, which carry meaning)."""
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token.isalnum():
            yield token
            continue
        word: list[str] = []
        for ch in token:
            if ch.isalnum() or unicodedata.category(ch)[0] != "P":
                word.append(ch)
            elif word:
                yield "".join(word)
                word = []
        if word:
            yield "".join(word)


#: The words of an ASCII text as :func:`_iter_words` finds them: runs of what is neither
#: space nor punctuation (category P).
_ASCII_WORDS = re.compile(r"[^\s!\"#%&'()*,\-./:;?@\[\\\]_{}]+")


def _same_words(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` have the same words, compared composed (so a change of Unicode
    form alone is no change); stops at the first that differs."""
    if a.isascii() and b.isascii():  # no Unicode forms, no punctuation beyond ASCII's
        return _ASCII_WORDS.findall(a) == _ASCII_WORDS.findall(b)
    words_a = _iter_words(unicodedata.normalize("NFC", a))
    words_b = _iter_words(unicodedata.normalize("NFC", b))
    return all(x == y for x, y in itertools.zip_longest(words_a, words_b))


class _Parsed:
    """The outermost interventions of a text already parsed."""

    def __init__(self, result: ParseResult) -> None:
        self.text = result.text
        self.top = [i for i in result.interventions if i.depth == 0]
        self.starts = [i.start for i in self.top]

    def touching(self, lo: int, hi: int) -> list[Intervention | Span]:
        """Those overlapping ``[lo, hi)`` (for an empty range: strictly containing ``lo``)."""
        last = bisect.bisect_left(self.starts, hi if hi > lo else lo)
        out: list[Intervention | Span] = []
        for iv in reversed(self.top[:last]):
            if iv.end <= lo:
                break
            out.append(iv)
        return out[::-1]


class Classifier:
    """Classes the changes between two versions whose bracket layers are known: two
    :class:`ParseResult` objects, or two texts and a profile (then only the brackets near
    a change are typed, so a change in a whole volume costs little more than matching its
    brackets)."""

    def __init__(
        self, old: ParseResult | str, new: ParseResult | str, profile: Profile | None = None
    ) -> None:
        self.old = self._layer(old, profile)
        self.new = self._layer(new, profile)

    @staticmethod
    def _layer(side: ParseResult | str, profile: Profile | None) -> _Parsed | TopLevel:
        if isinstance(side, ParseResult):
            return _Parsed(side)
        if profile is None:
            raise TypeError("a profile is needed to class changes between two plain texts")
        return TopLevel(side, profile)

    def classify(self, old_start: int, old_end: int, new_start: int, new_end: int) -> str:
        """The class of the change of ``old[old_start:old_end]`` into
        ``new[new_start:new_end]``."""
        touched_a = self.old.touching(old_start, old_end)
        touched_b = self.new.touching(new_start, new_end)
        a0, a1 = _widen(touched_a, old_start, old_end)
        b0, b1 = _widen(touched_b, new_start, new_end)
        old_seg, new_seg = self.old.text[a0:a1], self.new.text[b0:b1]
        if not (touched_a or touched_b):
            return WHITESPACE if _same_words(old_seg, new_seg) else TEXTUAL
        outside_old = _outside(self.old.text, a0, a1, touched_a)
        outside_new = _outside(self.new.text, b0, b1, touched_b)
        if _same_words(outside_old, outside_new):
            return EDITORIAL
        touched = touched_a + touched_b
        signs = {s for i in touched if i.kind != "marker" for s in (i.open, i.close)}
        marks = {i.open for i in touched if i.kind == "marker"}
        if _same_words(_unbracketed(old_seg, signs, marks), _unbracketed(new_seg, signs, marks)):
            return EDITORIAL
        return TEXTUAL

    def classify_all(self, ops: Iterable[Opcode]) -> list[str | None]:
        """One class per opcode (``None`` for an equal one)."""
        return [
            None if tag == "equal" else self.classify(a0, a1, b0, b1) for tag, a0, a1, b0, b1 in ops
        ]

    def classify_texts(self, changes: Iterable[tuple[int, int, int, int, str, str]]) -> list[str]:
        """One class per change given as ``(old_start, old_end, new_start, new_end,
        old[old_start:old_end], new[new_start:new_end])``: what :meth:`classify` gives,
        found at the cost of one binary search per side for a change with no intervention
        on either side (most changes)."""
        old, new = self.old, self.new
        if not (isinstance(old, TopLevel) and isinstance(new, TopLevel)):
            return [self.classify(a0, a1, b0, b1) for a0, a1, b0, b1, _, _ in changes]
        # The outermost spans are in order and apart: the first to end after a change's
        # start touches it if it starts before the change's end (or, for an empty change,
        # before its place).  A span past each text's end stands for "none".
        ends_a, starts_a = [*old.ends, len(old.text) + 1], [*old.starts, len(old.text) + 1]
        ends_b, starts_b = [*new.ends, len(new.text) + 1], [*new.starts, len(new.text) + 1]
        right = bisect.bisect_right
        ascii_words = _ASCII_WORDS.findall
        out: list[str] = []
        append = out.append
        for a0, a1, b0, b1, text_a, text_b in changes:
            if starts_a[right(ends_a, a0)] < (a1 if a1 > a0 else a0) or starts_b[
                right(ends_b, b0)
            ] < (b1 if b1 > b0 else b0):
                append(self.classify(a0, a1, b0, b1))  # an intervention is touched
            elif text_a.isascii() and text_b.isascii():
                append(WHITESPACE if ascii_words(text_a) == ascii_words(text_b) else TEXTUAL)
            else:
                append(WHITESPACE if _same_words(text_a, text_b) else TEXTUAL)
        return out


def classify_changes(old: ParseResult, new: ParseResult, ops: Sequence[Opcode]) -> list[str | None]:
    """The class of each opcode of an edit script between two parsed versions."""
    return Classifier(old, new).classify_all(ops)


def classify_texts(
    old: str,
    new: str,
    ops: Sequence[Opcode],
    profile: Profile | str | Path | Mapping[str, Any] | None = None,
    *,
    config: Mapping[str, Any] | None = None,
    root: str | Path | None = None,
) -> list[str | None]:
    """The class of each opcode of an edit script between two texts (parsed here with
    ``profile``, or the store's profile from ``config``)."""
    prof = load_profile(profile, config=config, root=root)
    return Classifier(old, new, prof).classify_all(ops)


def classify_result(
    result: DiffResult,
    profile: Profile | str | Path | Mapping[str, Any] | None = None,
    *,
    config: Mapping[str, Any] | None = None,
    root: str | Path | None = None,
) -> list[str]:
    """One class per change of a :mod:`provenance.diff` result, in the order of its
    ``changes``."""
    prof = load_profile(profile, config=config, root=root)
    c = Classifier(result.old_text, result.new_text, prof)
    # an Operation is (op, old_start, old_end, new_start, new_end, old, new, ...)
    return c.classify_texts(map(itemgetter(1, 2, 3, 4, 5, 6), result.changes))


def categorize(
    result: DiffResult,
    profile: Profile | str | Path | Mapping[str, Any] | None = None,
    *,
    config: Mapping[str, Any] | None = None,
    root: str | Path | None = None,
) -> DiffResult:
    """The diff result with every change's ``category`` set (editorial, textual,
    whitespace)."""
    from ..diff.result import gc_paused

    with gc_paused():
        return result.with_categories(classify_result(result, profile, config=config, root=root))


def _widen(touched: Sequence[Intervention | Span], lo: int, hi: int) -> tuple[int, int]:
    """``[lo, hi)`` widened to the whole interventions it touches."""
    if touched:
        lo, hi = min(lo, touched[0].start), max(hi, touched[-1].end)
    return lo, hi


def _outside(text: str, lo: int, hi: int, spans: Sequence[Intervention | Span]) -> str:
    """``text[lo:hi]`` without the interventions in it (a bracketed span parts the words
    either side of it; a marker does not: ``Ки//тая`` is the word ``Китая``)."""
    out, pos = [], lo
    for iv in spans:
        if iv.end <= lo or iv.start >= hi:
            continue
        out.append(text[pos : max(pos, iv.start)])
        out.append("" if iv.kind == "marker" else " ")
        pos = max(pos, iv.end)
    out.append(text[pos:hi])
    return "".join(out)


def _unbracketed(segment: str, signs: set[str], marks: set[str]) -> str:
    """``segment`` with its bracket signs made spaces and its markers taken out."""
    for mark in marks:
        segment = segment.replace(mark, "")
    for sign in signs:
        segment = segment.replace(sign, " ")
    return segment
