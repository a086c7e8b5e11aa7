"""Aligning two long sequences that have nothing unique to anchor them, window by window.

Where every unit of a large region recurs (a small vocabulary, a periodic text, a long line
of Chinese with the same phrases again and again) and the region holds many changes, no
anchor splits it and an exact alignment of the whole costs time and memory growing with the
product of its length and its changes.  Here the two sequences are walked together from
their start instead: the next :data:`WINDOW` units of each side are aligned by an exact
longest common subsequence (RapidFuzz's bit-parallel LCS, compiled code), the alignment is
trusted up to the point where either side reaches the middle of its window (a change near
a window's far edge may have its counterpart beyond it), and the next window starts there.

Each window costs the same bounded work and moves at least half a window along one side,
so the whole costs time in proportion to the sequences' length, and memory in proportion to
one window.  The answer is an exact LCS of the two sequences when both fit in one window;
past that it is a common subsequence built of exact ones, as long as the exact one wherever
the changes are spread out (each is aligned with a half window of context on both sides),
possibly a little shorter where a long insertion or deletion shifts the two sides by more
than half a window.  Where nothing is in step before either middle of a window, or after
the last stretch in step (a long insertion or deletion, or a passage replaced), half a
window is passed over on the side whose skipping puts the two in step again, or else on the
side with more left to align, so that the walk catches up with a long insertion as with a
long deletion.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence

from rapidfuzz.distance import Indel, LCSseq

#: Units of each side aligned at a time: 4096 x 4096 unit pairs, one bit each (2 MiB), about
#: a millisecond of compiled code.
WINDOW = 4096

Run = tuple[int, int, int]  # (start in a, start in b, length), equal units
Items = Sequence[Hashable]


def _blocks(a: Items, b: Items) -> list[Run]:
    return [(i, j, k) for i, j, k in Indel.opcodes(a, b).as_matching_blocks() if k]


def windowed_runs(
    a: Items,
    b: Items,
    i0: int = 0,
    j0: int = 0,
    *,
    window: int | None = None,
    stop: Callable[[], bool] | None = None,
) -> list[Run] | None:
    """The runs of equal units of a common subsequence of ``a`` and ``b`` (offset by ``i0``
    and ``j0``), in order, found window by window (see the module's description): an exact
    LCS when both fit in one ``window`` (:data:`WINDOW` by default).  ``None`` if
    ``stop()``, asked between windows, said so."""
    window = window or WINDOW
    n, m = len(a), len(b)
    half = max(1, window // 2)
    runs: list[Run] = []
    i = j = 0  # where the two sides are in step
    while i < n and j < m:
        if n - i <= window and m - j <= window:  # the rest fits: all of it
            runs.extend((x + i, y + j, k) for x, y, k in _blocks(a[i:], b[j:]))
            break
        if stop is not None and stop():
            return None
        x_end, y_end = min(n, i + window), min(m, j + window)
        blocks = _blocks(a[i:x_end], b[j:y_end])
        if not blocks or (blocks[0][0] >= half and blocks[0][1] >= half):
            # Nothing in step before either middle: a long insertion, a long deletion, or
            # both.  Half a window of one side (or of both) is passed over, as :func:`_skip`
            # decides, so the walk catches up with a long insertion as with a long deletion.
            x, y = _skip(a, b, i, j, window, half)
            i, j = i + x, j + y
            continue
        # Trusted: up to the middle of each side's window (all of a side it reaches the end of).
        ta = half if x_end < n else x_end - i
        tb = half if y_end < m else y_end - j
        x = y = 0  # the end of what is committed so far, in the window
        for bx, by, k in blocks:
            if bx >= ta or by >= tb:
                # The gap before this block crosses the middle: its deletions come first,
                # so it is cut where the old side reaches the middle, or else the new side.
                x, y = (ta, y) if bx >= ta else (bx, tb)
                break
            k = min(k, ta - bx, tb - by)
            runs.append((i + bx, j + by, k))
            x, y = bx + k, by + k
            if x == ta or y == tb:
                break
        else:  # every block ends before both middles: nothing in step after the last one
            sx, sy = _skip(a, b, i + x, j + y, window, half)
            x, y = x + sx, y + sy
        i, j = i + x, j + y
    return [(i0 + x, j0 + y, k) for x, y, k in _joined(runs)]


def _skip(a: Items, b: Items, i: int, j: int, window: int, half: int) -> tuple[int, int]:
    """How far to move each side when the windows at ``i`` and ``j`` have nothing in step:
    ``(0, half)`` past an insertion, ``(half, 0)`` past a deletion, ``(half, half)`` past
    a replacement (never past either end).  The side whose skipping puts the two in step
    (two thirds of a window in common, where chance gives much less) is skipped; failing
    that, the side with more left to align, which holds the surplus."""
    n, m = len(a), len(b)
    step_a, step_b = min(half, n - i), min(half, m - j)
    past_insertion = LCSseq.similarity(a[i : i + window], b[j + step_b : j + step_b + window])
    past_deletion = LCSseq.similarity(a[i + step_a : i + step_a + window], b[j : j + window])
    in_step = 2 * min(window, n - i, m - j) // 3
    if max(past_insertion, past_deletion) >= in_step and past_insertion != past_deletion:
        return (0, step_b) if past_insertion > past_deletion else (step_a, 0)
    left_a, left_b = n - i, m - j
    if left_a == left_b:
        return step_a, step_b
    return (0, step_b) if left_b > left_a else (step_a, 0)


def _joined(runs: list[Run]) -> list[Run]:
    """Runs that continue one another (across a window's cut) made one."""
    out: list[Run] = []
    for x, y, k in runs:
        if out:
            px, py, pk = out[-1]
            if px + pk == x and py + pk == y:
                out[-1] = (px, py, pk + k)
                continue
        out.append((x, y, k))
    return out
