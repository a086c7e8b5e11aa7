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
the product of the two lengths.  A region with no such anchors is left to the caller.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from rapidfuzz.distance import Indel

from .lis import longest_increasing

#: Largest number of chunk pairs (``len(a) * len(b)``) given to one LCS: one bit each, so
#: about 2 MB of memory and a few milliseconds.
CELLS = 1 << 24
#: Anchors made of this many chunks in a row, where no single chunk occurs once on each side.
GRAM = 4
#: How deep a large region is split (each level works on strictly smaller pieces).
DEPTH = 24

Run = tuple[int, int, int]  # (start in a, start in b, length), equal chunks


def lcs_runs(a: Sequence[str], b: Sequence[str], i0: int = 0, j0: int = 0) -> list[Run]:
    """The runs of equal chunks of a longest common subsequence of ``a`` and ``b`` (offset
    by ``i0`` and ``j0``), in order."""
    return [
        (i0 + i, j0 + j, size) for i, j, size in Indel.opcodes(a, b).as_matching_blocks() if size
    ]


def _unique_runs(a: Sequence[str], b: Sequence[str], i0: int, j0: int) -> list[Run]:
    """Chunks found once in ``a`` and once in ``b``, the longest chain of them in the same
    order on both sides, as runs of one."""
    ca, cb = Counter(a), Counter(b)
    common = {x for x, c in ca.items() if c == 1 and cb.get(x) == 1}
    if not common:
        return []
    pos_b = {x: j for j, x in enumerate(b) if x in common}
    pairs = [(i, pos_b[x]) for i, x in enumerate(a) if x in common]
    chosen = longest_increasing([y for _, y in pairs])
    return [(i0 + pairs[t][0], j0 + pairs[t][1], 1) for t in chosen]


def _gram_runs(a: Sequence[str], b: Sequence[str], i0: int, j0: int, k: int) -> list[Run]:
    """Runs made of the ``k``-chunk grams found once in ``a`` and once in ``b`` (the longest
    chain of them in order), joined where they follow on one diagonal, never overlapping."""
    if len(a) < k or len(b) < k:
        return []
    grams_a = list(zip(*(a[t : len(a) - k + 1 + t] for t in range(k)), strict=True))
    grams_b = list(zip(*(b[t : len(b) - k + 1 + t] for t in range(k)), strict=True))
    ca, cb = Counter(grams_a), Counter(grams_b)
    common = {g for g, c in ca.items() if c == 1 and cb.get(g) == 1}
    if not common:
        return []
    pos_b = {g: j for j, g in enumerate(grams_b) if g in common}
    pairs = [(i, pos_b[g]) for i, g in enumerate(grams_a) if g in common]
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
    return [(i0 + x, j0 + y, size) for x, y, size in runs]


def matching_runs(a: Sequence[str], b: Sequence[str]) -> list[Run] | None:
    """The runs of equal chunks of ``a`` and ``b`` (an exact LCS where the region is small
    enough; large ones are first split at anchors), or ``None`` where a large region has no
    anchor to split it at."""
    out: list[Run] = []
    if _solve(a, b, 0, len(a), 0, len(b), 0, out):
        return out
    return None


def _solve(
    a: Sequence[str],
    b: Sequence[str],
    i0: int,
    i1: int,
    j0: int,
    j1: int,
    depth: int,
    out: list[Run],
) -> bool:
    n, m = i1 - i0, j1 - j0
    if not n or not m:
        return True
    if n * m <= CELLS:
        out.extend(lcs_runs(a[i0:i1], b[j0:j1], i0, j0))
        return True
    if depth >= DEPTH:
        return False
    sub_a, sub_b = a[i0:i1], b[j0:j1]
    anchors = _unique_runs(sub_a, sub_b, i0, j0) or _gram_runs(sub_a, sub_b, i0, j0, GRAM)
    if not anchors:
        return False
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
        if not _solve(a, b, ci, cx, cj, cy, depth + 1, out):
            return False
        if size:
            out.append(cut)
        ci, cj = cx + size, cy + size
        last = None
        if cut is run:
            k += 1
    if ci < i1 and cj < j1:  # the rest fits
        out.extend(lcs_runs(a[ci:i1], b[cj:j1], ci, cj))
    return True
