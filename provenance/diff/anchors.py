"""Telling anchors that mark where two texts agree from ones that agree by chance.

A run of a few units found once in each text is an anchor of "patience diff": where the
vocabulary is large, it marks a passage the two texts share.  Where it is small (a periodic
text, a few recurring words, brackets and phrases again and again), a run of ``k`` units can
be found once on each side by chance, far from where the texts agree, and aligning at it
would throw the rest out of step.  A shared passage goes on beyond its anchor; a chance one
does not: so an anchor is kept only where the two texts agree for ``2 * k`` units around it
along its diagonal.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence

from .lis import longest_increasing

Run = tuple[int, int, int]  # (start in a, start in b, length), equal units

#: Where no run of a pass's ``GRAM`` units is found once on each side, runs twice, four
#: times ... up to this many times as long are tried before a region is aligned window by
#: window (in a few words used again and again, a long enough run is still found once).
LONG_GRAMS = 8


def unique_anchors(a: Sequence[Hashable], b: Sequence[Hashable]) -> list[tuple[int, int]]:
    """Positions ``(i, j)`` of units (characters of a string, items of a list) that occur
    exactly once in ``a`` and once in ``b``, the longest run of them in the same order on
    both sides."""
    ca, cb = Counter(a), Counter(b)
    common = {x for x, n in ca.items() if n == 1 and cb.get(x) == 1}
    if not common:
        return []
    pos_b = {x: j for j, x in enumerate(b) if x in common}
    pairs = [(i, pos_b[x]) for i, x in enumerate(a) if x in common]
    return [pairs[t] for t in longest_increasing([y for _, y in pairs])]


def supported(a: Sequence[Hashable], b: Sequence[Hashable], runs: list[Run], k: int) -> list[Run]:
    """The runs of ``runs`` (in ``a`` and ``b``, made of ``k``-unit grams) that the texts
    extend, along their diagonal, to ``2 * k`` equal units or more (each looked at over at
    most ``2 * k`` units on either side, so the check costs ``O(k)`` a run)."""
    need = 2 * k
    out: list[Run] = []
    n, m = len(a), len(b)
    for x, y, size in runs:
        if size >= need:
            out.append((x, y, size))
            continue
        more = need - size
        left = 0
        while left < more and x - left > 0 and y - left > 0 and a[x - left - 1] == b[y - left - 1]:
            left += 1
        right = 0
        ex, ey = x + size, y + size
        while (
            left + right < more and ex + right < n and ey + right < m
            and a[ex + right] == b[ey + right]
        ):  # fmt: skip
            right += 1
        if left + right >= more:
            out.append((x, y, size))
    return out
