"""Aligning an original and its translation: paragraphs, then the sentences inside them.

A dynamic programme over the two lists of segments, as Gale and Church (1993) align
sentences: each step pairs one segment with one (1-1), one with two (1-2, 2-1) or leaves one
unpaired (1-0, 0-1).  A step costs what its lengths make unlikely (the translation's length
is about ``ratio`` times the original's, with a variance that grows with the length), less a
bonus for every anchor both sides share (numbers, dates, names: :mod:`.anchors`), plus a
little for numbers only one side has.  The ratio is measured on the two texts themselves, so
Chinese against English (about three letters a character) needs no setting.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from .anchors import anchors
from .segment import Segment, paragraphs, sentences

#: Prior probabilities of each kind of step (Gale and Church's, 1-1 being by far the most
#: common); the cost is their negative logarithm.
PRIORS = {
    (1, 1): 0.89,
    (1, 0): 0.0099 / 2,
    (0, 1): 0.0099 / 2,
    (2, 1): 0.089 / 2,
    (1, 2): 0.089 / 2,
}
#: Variance of the translation's length per character of the original (Gale and Church: 6.8
#: for languages of one script; scaled by the ratio).
VARIANCE = 6.8
#: What one shared anchor takes off a step's cost, and what a number on one side only adds.
ANCHOR_BONUS = 1.5
ANCHOR_CAP = 8
NUMBER_PENALTY = 0.4
#: What a list item's number on one side only adds (``2.`` paired with ``三、``).
ITEM_PENALTY = 6.0
#: The most a length can add to leaving a segment unpaired (its prior already says how rare
#: that is; a short omitted paragraph must not be forced into its neighbour).
UNPAIRED_LENGTH_CAP = 3.0

_BRACKETED = re.compile(r"\[[^\[\]]*\]")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Bead:
    """One step of an alignment: the (1-based) numbers of the original's and translation's
    segments paired, its cost, the anchors both share, and (for paragraphs) the sentence
    alignment inside it."""

    source: tuple[int, ...]
    target: tuple[int, ...]
    cost: float
    anchors: tuple[str, ...] = ()
    sentences: tuple[Bead, ...] = field(default=(), compare=False)

    @property
    def kind(self) -> str:
        return f"{len(self.source)}-{len(self.target)}"


@dataclass(frozen=True)
class Alignment:
    """Two texts aligned: their paragraphs and the beads pairing them."""

    source: tuple[Segment, ...]
    target: tuple[Segment, ...]
    beads: tuple[Bead, ...]
    ratio: float

    def targets_of(self, source_index: int) -> tuple[int, ...]:
        """The translation's paragraphs paired with paragraph ``source_index`` of the
        original (empty when it was left unpaired)."""
        for bead in self.beads:
            if source_index in bead.source:
                return bead.target
        return ()

    def sentence_of(self, paragraph: int, side: str, index: int) -> Segment:
        segs = self.source if side == "source" else self.target
        return sentences(segs[paragraph - 1])[index - 1]


def length(text: str) -> int:
    """What a segment's length is measured in: its characters, less spaces and what a
    translator added in square brackets."""
    return len(_SPACE.sub("", _BRACKETED.sub("", text)))


def _delta_cost(l1: int, l2: int, ratio: float) -> float:
    if l1 == 0 and l2 == 0:
        return 0.0
    mean = (l1 + l2 / ratio) / 2
    delta = (l2 - l1 * ratio) / math.sqrt(max(mean, 1.0) * VARIANCE * ratio)
    p = math.erfc(abs(delta) / math.sqrt(2))
    return -math.log(max(p, 1e-300))


def _anchor_cost(a: Counter[str], b: Counter[str]) -> tuple[float, tuple[str, ...]]:
    both = a & b
    matched = sum(both.values())
    unmatched = (a - b) + (b - a)
    lonely = sum(v for k, v in unmatched.items() if k[0] in "#m")
    items = sum(v for k, v in unmatched.items() if k[0] == "L")
    bonus = ANCHOR_BONUS * min(matched, ANCHOR_CAP)
    penalty = NUMBER_PENALTY * min(lonely, 10) + ITEM_PENALTY * min(items, 2)
    return penalty - bonus, tuple(sorted(both))


def align_segments(
    source: Sequence[Segment], target: Sequence[Segment], ratio: float | None = None
) -> list[Bead]:
    """The cheapest sequence of beads pairing ``source`` with ``target``."""
    n, m = len(source), len(target)
    ls = [length(s.text) for s in source]
    lt = [length(t.text) for t in target]
    if ratio is None:
        ratio = (sum(lt) or 1) / (sum(ls) or 1)
    ratio = max(ratio, 0.05)
    an_s = [anchors(s.text) for s in source]
    an_t = [anchors(t.text) for t in target]
    band = max(12, (max(n, m) - min(n, m)) + max(n, m) // 5)
    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int, float, tuple[str, ...]] | None]] = [
        [None] * (m + 1) for _ in range(n + 1)
    ]
    cost[0][0] = 0.0
    for i in range(n + 1):
        centre = i * m / n if n else 0
        lo, hi = max(0, int(centre) - band), min(m, int(centre) + band)
        for j in range(lo, hi + 1):
            if i == 0 and j == 0:
                continue
            best = inf
            step = None
            for (di, dj), prior in PRIORS.items():
                if di > i or dj > j:
                    continue
                before = cost[i - di][j - dj]
                if before == inf:
                    continue
                l1 = sum(ls[i - di : i])
                l2 = sum(lt[j - dj : j])
                length_cost = _delta_cost(l1, l2, ratio)
                if not (di and dj):
                    length_cost = min(length_cost, UNPAIRED_LENGTH_CAP)
                c = before - math.log(prior) + length_cost
                shared: tuple[str, ...] = ()
                if di and dj:
                    a = sum((an_s[k] for k in range(i - di, i)), Counter())
                    b = sum((an_t[k] for k in range(j - dj, j)), Counter())
                    extra, shared = _anchor_cost(a, b)
                    c += extra
                else:
                    lonely = an_s[i - 1] if di else an_t[j - 1]
                    c += NUMBER_PENALTY * min(sum(v for k, v in lonely.items() if k[0] in "#m"), 10)
                if c < best:
                    best = c
                    step = (di, dj, c - before, shared)
            cost[i][j] = best
            back[i][j] = step
    beads: list[Bead] = []
    i, j = n, m
    while i > 0 or j > 0:
        step = back[i][j]
        if step is None:  # outside the band: should not happen, but never loop
            raise RuntimeError("alignment band too narrow")
        di, dj, c, shared = step
        beads.append(
            Bead(tuple(range(i - di + 1, i + 1)), tuple(range(j - dj + 1, j + 1)), c, shared)
        )
        i, j = i - di, j - dj
    beads.reverse()
    return beads


def align_texts(source_text: str, target_text: str, *, with_sentences: bool = True) -> Alignment:
    """Align two texts by paragraph and, inside each paired group of paragraphs, by sentence."""
    src = paragraphs(source_text)
    tgt = paragraphs(target_text)
    ratio = (sum(length(t.text) for t in tgt) or 1) / (sum(length(s.text) for s in src) or 1)
    beads = align_segments(src, tgt, ratio)
    if with_sentences:
        beads = [_with_sentences(b, src, tgt, ratio) for b in beads]
        beads = _regroup(beads, src, tgt, ratio)
    return Alignment(tuple(src), tuple(tgt), tuple(beads), ratio)


def _unpaired_cost(paras: Sequence[Segment], ratio: float, side: str) -> float:
    """What leaving every sentence of these paragraphs unpaired costs."""
    prior = PRIORS[(1, 0)] if side == "source" else PRIORS[(0, 1)]
    total = 0.0
    for p in paras:
        for s in sentences(p):
            n = length(s.text)
            length_cost = _delta_cost(n, 0, ratio) if side == "source" else _delta_cost(0, n, ratio)
            total += -math.log(prior) + min(length_cost, UNPAIRED_LENGTH_CAP)
    return total


def _regroup(beads: list[Bead], src: list[Segment], tgt: list[Segment], ratio: float) -> list[Bead]:
    """Where a paragraph was left unpaired next to a paired one, the two texts may only be
    paragraphed differently (a letter's salutation on a line of its own in one, run into the
    first sentence in the other): align the sentences of the group as a whole, and keep that
    when it pairs them better than the paragraphs did."""
    out: list[Bead] = []
    i = 0
    while i < len(beads):
        j = i
        while j < len(beads) and (not beads[j].source or not beads[j].target):
            j += 1  # unpaired beads before a paired one
        k = j + 1 if j < len(beads) else j
        while k < len(beads) and (not beads[k].source or not beads[k].target):
            k += 1  # and after it
        group = beads[i:k]
        if j >= len(beads) or len(group) == 1 or not any(b.source and b.target for b in group):
            out.extend(group)
            i = k
            continue
        s_paras = [src[n - 1] for b in group for n in b.source]
        t_paras = [tgt[n - 1] for b in group for n in b.target]
        hier = sum(sum(x.cost for x in b.sentences) for b in group if b.source and b.target)
        hier += sum(
            _unpaired_cost([src[n - 1] for n in b.source], ratio, "source")
            + _unpaired_cost([tgt[n - 1] for n in b.target], ratio, "target")
            for b in group
            if not (b.source and b.target)
        )
        ss = _renumber([s for p in s_paras for s in sentences(p)])
        ts = _renumber([s for p in t_paras for s in sentences(p)])
        flat = align_segments(ss, ts, ratio)
        if sum(b.cost for b in flat) < hier - 1.0:
            out.append(
                Bead(
                    tuple(p.index for p in s_paras),
                    tuple(p.index for p in t_paras),
                    sum(b.cost for b in group),
                    tuple(sorted({a for b in group for a in b.anchors})),
                    tuple(flat),
                )
            )
        else:
            out.extend(group)
        i = k
    return out


def _with_sentences(bead: Bead, src: list[Segment], tgt: list[Segment], ratio: float) -> Bead:
    if not bead.source or not bead.target:
        return bead
    ss = _renumber([s for k in bead.source for s in sentences(src[k - 1])])
    ts = _renumber([s for k in bead.target for s in sentences(tgt[k - 1])])
    if len(ss) == 1 and len(ts) == 1:
        inner = [Bead((1,), (1,), 0.0, bead.anchors)]
    else:
        inner = align_segments(ss, ts, ratio)
    return Bead(bead.source, bead.target, bead.cost, bead.anchors, tuple(inner))


def _renumber(segs: list[Segment]) -> list[Segment]:
    return [Segment(i + 1, s.text, s.start, s.end, s.line) for i, s in enumerate(segs)]
