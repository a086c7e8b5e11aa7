"""The longest increasing subsequence, shared by the diff's anchors and collation."""

from __future__ import annotations

from bisect import bisect_left
from itertools import pairwise


def longest_increasing(ys: list[int]) -> list[int]:
    """Indices of a longest strictly increasing subsequence of ``ys``."""
    if all(x < y for x, y in pairwise(ys)):
        return list(range(len(ys)))
    tails: list[int] = []
    tail_idx: list[int] = []
    prev = [-1] * len(ys)
    for k, y in enumerate(ys):
        pos = bisect_left(tails, y)
        if pos == len(tails):
            tails.append(y)
            tail_idx.append(k)
        else:
            tails[pos] = y
            tail_idx[pos] = k
        prev[k] = tail_idx[pos - 1] if pos else -1
    out = []
    k = tail_idx[-1]
    while k >= 0:
        out.append(k)
        k = prev[k]
    out.reverse()
    return out
