"""The common beginning and end of two texts, found by binary search over slice comparisons
(each a memory comparison, not a loop over characters): used by the diff engine and by
blame to set aside what two versions share before comparing the rest."""

from __future__ import annotations


def common_prefix(a: str, b: str) -> int:
    """Length of the common beginning of ``a`` and ``b``."""
    lo, hi = 0, min(len(a), len(b))
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[lo:mid] == b[lo:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def common_suffix(a: str, b: str, limit: int) -> int:
    """Length of the common end of ``a`` and ``b``, at most ``limit`` (pass the length left
    after the common beginning, so that the two never overlap)."""
    lo, hi = 0, min(len(a), len(b), limit)
    la, lb = len(a), len(b)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[la - mid : la - lo] == b[lb - mid : lb - lo]:
            lo = mid
        else:
            hi = mid - 1
    return lo
