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

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from .align import Opcode
from .model import Intervention, ParseResult
from .profile import Profile, load_profile

EDITORIAL = "editorial"
TEXTUAL = "textual"
WHITESPACE = "whitespace"
#: The classes, in the order summaries list them.
CLASSES = (TEXTUAL, EDITORIAL, WHITESPACE)

_WORD = re.compile(r"\w+")


def _words(text: str) -> list[str]:
    """The words of ``text`` (composed, so a change of Unicode form alone is no change)."""
    return _WORD.findall(unicodedata.normalize("NFC", text))


class Classifier:
    """Classes the changes between two parsed versions (their bracket layers known)."""

    def __init__(self, old: ParseResult, new: ParseResult) -> None:
        self.old = old
        self.new = new
        self._old_top = [i for i in old.interventions if i.depth == 0]
        self._new_top = [i for i in new.interventions if i.depth == 0]

    def classify(self, old_start: int, old_end: int, new_start: int, new_end: int) -> str:
        """The class of the change of ``old[old_start:old_end]`` into
        ``new[new_start:new_end]``."""
        a0, a1, touched_a = _widen(self._old_top, old_start, old_end)
        b0, b1, touched_b = _widen(self._new_top, new_start, new_end)
        old_seg, new_seg = self.old.text[a0:a1], self.new.text[b0:b1]
        if not (touched_a or touched_b):
            return WHITESPACE if _words(old_seg) == _words(new_seg) else TEXTUAL
        outside_old = _outside(self.old.text, a0, a1, self._old_top)
        outside_new = _outside(self.new.text, b0, b1, self._new_top)
        if _words(outside_old) == _words(outside_new):
            return EDITORIAL
        signs = {s for i in self._old_top + self._new_top for s in (i.open, i.close)}
        if _words(_unbracketed(old_seg, signs)) == _words(_unbracketed(new_seg, signs)):
            return EDITORIAL
        return TEXTUAL

    def classify_all(self, ops: Iterable[Opcode]) -> list[str | None]:
        """One class per opcode (``None`` for an equal one)."""
        return [None if tag == "equal" else self.classify(a0, a1, b0, b1)
                for tag, a0, a1, b0, b1 in ops]


def classify_changes(old: ParseResult, new: ParseResult,
                     ops: Sequence[Opcode]) -> list[str | None]:
    """The class of each opcode of an edit script between two parsed versions."""
    return Classifier(old, new).classify_all(ops)


def classify_texts(old: str, new: str, ops: Sequence[Opcode],
                   profile: Profile | str | Path | Mapping[str, Any] | None = None, *,
                   config: Mapping[str, Any] | None = None,
                   root: str | Path | None = None) -> list[str | None]:
    """The class of each opcode of an edit script between two texts (parsed here with
    ``profile``, or the store's profile from ``config``)."""
    from .parser import parse

    prof = load_profile(profile, config=config, root=root)
    return classify_changes(parse(old, prof), parse(new, prof), ops)


def classify_result(result: Any, profile: Profile | str | Path | Mapping[str, Any] | None = None,
                    *, config: Mapping[str, Any] | None = None,
                    root: str | Path | None = None) -> list[str]:
    """One class per change of a :mod:`provenance.diff` result, in the order of its
    ``changes``."""
    from .parser import parse

    prof = load_profile(profile, config=config, root=root)
    c = Classifier(parse(result.old_text, prof), parse(result.new_text, prof))
    return [c.classify(ch.old_start, ch.old_end, ch.new_start, ch.new_end)
            for ch in result.changes]


def categorize(result: Any, profile: Profile | str | Path | Mapping[str, Any] | None = None,
               *, config: Mapping[str, Any] | None = None,
               root: str | Path | None = None) -> Any:
    """The diff result with every change's ``category`` set (editorial, textual,
    whitespace)."""
    return result.with_categories(classify_result(result, profile, config=config, root=root))


def _widen(spans: list[Intervention], lo: int, hi: int) -> tuple[int, int, bool]:
    """``[lo, hi)`` widened to whole interventions it touches (an empty range touches one
    it falls strictly inside), and whether it touched any."""
    touched = False
    for iv in spans:
        if iv.start >= max(hi, lo + 1):
            break
        hit = iv.start < hi and iv.end > lo if hi > lo else iv.start < lo < iv.end
        if hit:
            touched = True
            lo, hi = min(lo, iv.start), max(hi, iv.end)
    return lo, hi, touched


def _outside(text: str, lo: int, hi: int, spans: list[Intervention]) -> str:
    """``text[lo:hi]`` without the interventions in it."""
    out, pos = [], lo
    for iv in spans:
        if iv.end <= lo or iv.start >= hi:
            continue
        out.append(text[pos:max(pos, iv.start)])
        out.append(" ")
        pos = max(pos, iv.end)
    out.append(text[pos:hi])
    return "".join(out)


def _unbracketed(segment: str, signs: set[str]) -> str:
    for sign in signs:
        segment = segment.replace(sign, " ")
    return segment
