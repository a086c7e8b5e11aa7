"""The first, coarse pass of the word diff: space-separated chunks aligned in compiled code.

A changed region of lines is cut at its spaces (``str.split(" ")``, one C call: a chunk is a
word with the punctuation glued to it, or a run of characters with no space in it) and the
chunks are aligned by an exact longest common subsequence, computed by RapidFuzz's
bit-parallel LCS (C++) on the chunks' hashes.  Nothing here builds a Python object per token;
only the stretches between matched chunks are tokenised and compared word by word, by the
engine's exact pipeline (:mod:`provenance.diff.engine`).

Large regions (more than :data:`CELLS` chunk pairs) are first cut at chunks found once on
each side, then at runs of :data:`GRAM` chunks found once on each side (the anchors of
"patience diff"), into pieces small enough for the bit-parallel LCS, whose memory grows with
the product of the two lengths.  A large piece with no such anchors (every chunk recurs:
a small vocabulary, a periodic text) is aligned :data:`.window.WINDOW` chunks at a time
along the two sides (:func:`.window.windowed_runs`), in time and memory linear in its length.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Hashable, Iterator, Sequence
from itertools import islice

from rapidfuzz.distance import Indel

from .anchors import LONG_GRAMS, supported, unique_anchors
from .lis import longest_increasing
from .tokenize import WORD_CHARS_RE
from .window import windowed_runs

#: Largest number of chunk pairs (``len(a) * len(b)``) given to one LCS: one bit each, so
#: about 2 MB of memory and a few milliseconds.
CELLS = 1 << 24
#: Anchors made of this many chunks in a row, where no single chunk occurs once on each side.
GRAM = 4
#: How deep a large region is split (each level works on strictly smaller pieces).
DEPTH = 24

Run = tuple[int, int, int]  # (start in a, start in b, length), equal chunks
Items = Sequence[Hashable]  # chunks, or stand-ins that match nothing


def lcs_runs(a: Items, b: Items, i0: int = 0, j0: int = 0) -> list[Run]:
    """The runs of equal chunks of a longest common subsequence of ``a`` and ``b`` (offset
    by ``i0`` and ``j0``), in order."""
    return [
        (i0 + i, j0 + j, size) for i, j, size in Indel.opcodes(a, b).as_matching_blocks() if size
    ]


def _gram_runs(a: Items, b: Items, i0: int, j0: int, k: int) -> list[Run]:
    """Runs made of the ``k``-chunk grams found once in ``a`` and once in ``b`` (the longest
    chain of them in order), joined where they follow on one diagonal, never overlapping;
    only those the texts share beyond them (:func:`.anchors.supported`)."""
    if len(a) < k or len(b) < k:
        return []

    def grams(items: Items) -> Iterator[tuple[Hashable, ...]]:
        # one at a time: only the distinct ones are kept (a list of every gram would hold
        # a tuple per chunk, the largest part of a large region's memory)
        return zip(*(islice(items, t, None) for t in range(k)), strict=False)  # the shortest ends

    ca, cb = Counter(grams(a)), Counter(grams(b))
    common = {g for g, c in ca.items() if c == 1 and cb.get(g) == 1}
    del ca, cb
    if not common:
        return []
    pos_b = {g: j for j, g in enumerate(grams(b)) if g in common}
    pairs = [(i, pos_b[g]) for i, g in enumerate(grams(a)) if g in common]
    runs: list[Run] = []
    for t in longest_increasing([y for _, y in pairs]):
        x, y = pairs[t]
        if runs:
            rx, ry, size = runs[-1]
            if x - rx == y - ry and x <= rx + size:  # the same diagonal: one longer run
                runs[-1] = (rx, ry, x + k - rx)
                continue
            if x < rx + size or y < ry + size:
                continue
        runs.append((x, y, k))
    return [(i0 + x, j0 + y, size) for x, y, size in supported(a, b, runs, k)]


def matching_runs(a: Items, b: Items, moved_a: bytes = b"", moved_b: bytes = b"") -> list[Run]:
    """The runs of equal chunks of ``a`` and ``b``: an exact LCS where the region is small
    enough; large ones are first split at anchors, and a large piece with no anchor to
    split it at is aligned window by window (:mod:`.window`).

    Chunks marked in ``moved_a`` and ``moved_b`` (passages that moved, see
    :func:`moved_chunks`) match nothing, so that a paragraph moved elsewhere is one deletion
    here and one insertion there, not its common words matched with whatever now stands in
    its place (which would scatter it into pieces no move detection could pair)."""
    # A run of spaces splits into empty chunks: they match nothing here (an LCS of chunks
    # would count each as much as a word), and are compared as spaces between the words.
    # In a region small enough, chunks with no letter or digit match nothing either, so that
    # the LCS keeps the most words, not a dash or a quotation mark set apart in a word's place.
    words_only = len(a) + len(b) <= WORDS_ONLY_UP_TO
    a = _stand_ins(a, moved_a, 1, words_only)
    b = _stand_ins(b, moved_b, 1 << 40, words_only)
    out: list[Run] = []
    _solve(a, b, 0, len(a), 0, len(b), 0, out)
    return out


#: Regions of at most this many chunks (both sides together) are aligned on the chunks that
#: hold a word (see :func:`matching_runs`); larger ones on every chunk, which spares a look
#: at each chunk (the words between two matched chunks are aligned exactly anyway).
WORDS_ONLY_UP_TO = 20_000


def _stand_ins(items: Items, moved: bytes, base: int, words_only: bool) -> Items:
    """``items`` with the moved ones, the empty ones and (``words_only``) those with no
    letter or digit replaced by numbers found nowhere else (``base`` keeps the two sides'
    numbers apart); ``items`` itself where there are none."""
    if words_only:
        has_word = WORD_CHARS_RE.search
        gone = [
            i
            for i, x in enumerate(items)
            if not isinstance(x, str) or (not x.isalnum() and not has_word(x))
        ]
    else:
        gone = [i for i, x in enumerate(items) if x == ""] if "" in items else []
    if moved:
        gone = sorted({*gone, *(i for i, m in enumerate(moved) if m)})
    if not gone:
        return items
    out = list(items)
    for i in gone:
        out[i] = -base - i
    return out


#: A moved passage holds at least this many chunks (about as many words as a move needs).
MOVED_MIN = 8
#: Chunks between two moved ones, up to this many, moved with them (words edited on the way).
MOVED_GAP = 8


def moved_chunks(
    a: Sequence[str],
    b: Sequence[str],
    starts_a: Sequence[int] = (0,),
    starts_b: Sequence[int] = (0,),
) -> tuple[bytearray, bytearray]:
    """Which chunks of ``a`` and of ``b`` belong to passages that moved: the runs of
    :data:`GRAM` chunks found once on each side but in different regions (``a`` and ``b``
    are the changed regions of two texts one after the other, region ``k`` starting at
    ``starts_a[k]`` and ``starts_b[k]``) or out of the order of the longest chain of them,
    joined across gaps of up to :data:`MOVED_GAP` chunks, :data:`MOVED_MIN` chunks long or
    more.  Empty arrays when nothing moved."""
    k = GRAM
    if len(a) < k or len(b) < k:
        return bytearray(), bytearray()
    # Only grams that start with a long chunk (six characters or more): the same ones on
    # both sides, enough of them to mark a paragraph, a fraction of the work.
    at_a = [i for i in range(len(a) - k + 1) if len(a[i]) >= 6]
    at_b = [j for j in range(len(b) - k + 1) if len(b[j]) >= 6]
    grams_a = [tuple(a[i : i + k]) for i in at_a]
    grams_b = [tuple(b[j : j + k]) for j in at_b]
    ca, cb = Counter(grams_a), Counter(grams_b)
    common = {g for g, c in ca.items() if c == 1 and cb.get(g) == 1}
    pos_b = {g: j for j, g in zip(at_b, grams_b, strict=True) if g in common}
    pairs = [(i, pos_b[g]) for i, g in zip(at_a, grams_a, strict=True) if g in common]
    # A gram found in two different regions moved (equal text lies between regions); of
    # the rest, those out of the order of the longest chain.
    moved = [(i, j) for i, j in pairs if bisect_right(starts_a, i) != bisect_right(starts_b, j)]
    pairs = [(i, j) for i, j in pairs if bisect_right(starts_a, i) == bisect_right(starts_b, j)]
    kept = set(longest_increasing([y for _, y in pairs]))
    moved += [pair for t, pair in enumerate(pairs) if t not in kept]
    if not moved:
        return bytearray(), bytearray()
    out_a = sorted(x for x, _ in moved)
    out_b = sorted(y for _, y in moved)
    return _stretches(out_a, len(a), k), _stretches(out_b, len(b), k)


def _stretches(starts: list[int], size: int, k: int) -> bytearray:
    """Marks over ``size`` chunks: the ``k``-chunk runs at ``starts``, joined across small
    gaps, kept where :data:`MOVED_MIN` chunks long or more."""
    marks = bytearray(size)
    found = False
    lo = hi = -(MOVED_GAP + k + 1)  # no stretch yet
    for x in [*starts, size + MOVED_GAP + k + 1]:
        if x <= hi + MOVED_GAP:
            hi = max(hi, x + k)
            continue
        if hi - lo >= MOVED_MIN and lo >= 0:
            marks[lo:hi] = b"\x01" * (hi - lo)
            found = True
        lo, hi = x, x + k
    return marks if found else bytearray()


def _solve(
    a: Items,
    b: Items,
    i0: int,
    i1: int,
    j0: int,
    j1: int,
    depth: int,
    out: list[Run],
) -> None:
    n, m = i1 - i0, j1 - j0
    if not n or not m:
        return
    if n * m <= CELLS:
        out.extend(lcs_runs(a[i0:i1], b[j0:j1], i0, j0))
        return
    sub_a, sub_b = a[i0:i1], b[j0:j1]
    anchors = (
        [] if depth >= DEPTH else [(i0 + x, j0 + y, 1) for x, y in unique_anchors(sub_a, sub_b)]
    )
    k = GRAM
    while not anchors and depth < DEPTH and k <= GRAM * LONG_GRAMS and k < min(n, m):
        # runs of a few chunks found once on each side; failing those, longer runs (in a
        # few words used again and again, a long run is still found once)
        anchors = _gram_runs(sub_a, sub_b, i0, j0, k)
        k *= 2
    if not anchors:  # every chunk recurs: aligned window by window, in linear time
        out.extend(windowed_runs(sub_a, sub_b, i0, j0) or ())
        return
    # Cut at as few anchors as keep each piece small: the last anchor before the piece from
    # the previous cut would grow past CELLS (or the next one, if even it is too far: that
    # piece is split again, at anchors unique within it).
    ci, cj = i0, j0
    last: Run | None = None
    anchors.append((i1, j1, 0))  # the end, as an anchor of no length
    k = 0
    while k < len(anchors):
        run = anchors[k]
        x, y, size = run
        if (x - ci) * (y - cj) <= CELLS:
            last = run
            k += 1
            continue
        cut = last if last is not None else run
        cx, cy, size = cut
        _solve(a, b, ci, cx, cj, cy, depth + 1, out)
        if size:
            out.append(cut)
        ci, cj = cx + size, cy + size
        last = None
        if cut is run:
            k += 1
    if ci < i1 and cj < j1:  # the rest fits
        out.extend(lcs_runs(a[ci:i1], b[cj:j1], ci, cj))
