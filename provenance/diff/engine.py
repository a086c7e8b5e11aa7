"""The diff engine: align lines, then compare words inside the regions that differ.

How a diff is computed:

1. The common beginning and end of the two texts are found by comparing memory (a binary
   search over slices), and moved back to line boundaries.  Only the middle is looked at.
2. The middle is split into lines, and the lines are aligned.  Each distinct line is mapped to
   one character so that diff-match-patch can work on lines; a large region is first split at
   lines that occur exactly once on each side (the anchors of "patience diff"), so that a
   4 MB volume with a handful of edits costs little more than reading it.
   Blank lines never pair changed lines: the changes on both sides of a run of blank lines
   are compared as one region, so that paragraphs are matched by their words (step 3), not
   by their places between blank lines (one inserted or moved paragraph would otherwise
   put every paragraph after it out of step).
3. Every region of lines that differ is split into tokens (:mod:`.tokenize`: words,
   whitespace, punctuation, one token per Chinese, Japanese or Korean character); each
   distinct token is mapped to one character and diff-match-patch's Myers diff runs on those,
   with ``Diff_Timeout = 0`` and its half-match shortcut switched off, so the answer is the
   exact shortest edit script, never a time-out's "everything changed".  A region with no
   common token occurring once on each side and a long edit script goes to an exact
   bit-parallel LCS instead, which costs ``len(a) * len(b) / 64`` machine words rather than
   Myers' ``(len(a) + len(b)) * edits`` Python steps.  A large region where every token
   recurs (every paragraph edited) is first split at runs of a few words found once on
   each side (:func:`gram_anchors`): this is what pairs paragraphs by content (a run
   kept only where the texts agree beyond it: :mod:`.anchors`).  A region
   still too large for the bit-parallel LCS (:data:`LCS_MAX_BITS` token pairs) with
   nothing unique in it (a small vocabulary, a periodic text, a long line with no spaces
   or all Chinese, changed all through) is aligned window by window (:mod:`.window`), in
   time and memory linear in its length instead of its length times its changes.
   Large texts take a faster first pass over their space-separated chunks
   (:meth:`Engine._words_fast`, :mod:`.chunks`), which does the same with chunks.
4. diff-match-patch's semantic clean-up then merges edits split by a short stretch of
   spaces or punctuation, so that a changed phrase reads as one change; it runs in linear
   time (:func:`fold_equalities`) and never folds a kept word or a blank line.

Joining the result's pieces always gives both texts back.  Every step is exact but one:
a region aligned window by window (of tokens, of chunks in the first pass, or of lines: the
line pass takes the same way) gets a common subsequence built from exact ones, window by
window; it keeps as many words as the exact answer where the changes are spread out, and may
keep fewer where a long insertion or deletion shifts the two sides by more than half a
window (2,048 units) inside such a region (up to about a tenth of them, measured on random
text of eight letters).  Only regions in which no unit, no run of :data:`GRAM` units and no
longer run (up to :data:`LONG_GRAMS` times as long) is found once on each side take that
way: real text has unique words to anchor it, and in a text of a few words used again and
again a long enough run of them is still unique.  The only other way to get less than the
word-level answer is a time limit set by the caller; then regions not reached in time are
compared by whole lines and the result says so (``degraded``).
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Sequence
from itertools import accumulate

from diff_match_patch import diff_match_patch  # type: ignore[import-untyped]

from ..affix import common_prefix, common_suffix
from .anchors import LONG_GRAMS, supported, unique_anchors
from .lis import longest_increasing
from .normalize import token_key
from .options import DiffOptions
from .tokenize import WORD_CHARS_RE, is_word, tokenize

DELETE, INSERT, EQUAL = -1, 1, 0
Diffs = list[tuple[int, str]]
#: ``(kind, old_start, old_end, new_start, new_end)``: kind ``equal``, ``change``, or
#: ``ignored`` (equal only once normalised as the options ask).
Span = tuple[str, int, int, int, int]
KeyFn = Callable[[str], str]

#: Regions of more units than this (both sides together) are first split at anchors.
ANCHOR_ABOVE = 2000
#: How deep anchor splitting recurses (each level works on strictly smaller regions).
ANCHOR_DEPTH = 48
#: Line regions with at most this many lines on each side go to the word level whole (one
#: line changed into one line needs no line-level alignment).
LINE_BLOCK = 1
#: A large word region with no word found once on each side is split at runs of this many
#: tokens (about four words and the spaces between them) found once on each side.
GRAM = 8
#: Changed regions of at least this many characters in all (both texts together) are
#: compared chunk by chunk first (:meth:`Engine._words_fast`).
FAST_ABOVE = 40_000
#: Regions whose chunk pairs outnumber this are looked at for moved passages (the size above
#: which :mod:`.chunks` splits a region at anchors).
CHUNK_CELLS = 1 << 24
#: ... and so are regions whose lines average this many characters (paragraphs on one line).
PARAGRAPH_LINE = 160
#: The bit-parallel LCS keeps one row per unit of the longer side: at most this many bits.
LCS_MAX_BITS = 400_000_000

# Each distinct unit becomes one character: first the 131,072 private-use characters of
# planes 15 and 16 (all alike to diff-match-patch's boundary scoring), then the rest of the
# code space from U+0100 without the surrogates.  Past that, a region falls back to lines.
_PUA_START = 0xF0000
_PUA_SIZE = 0x110000 - _PUA_START
MAX_CODES = _PUA_SIZE + (_PUA_START - 0x100 - 0x800)


class TooManyUnits(Exception):
    """More distinct units in one region than there are characters to stand for them."""


def _code(index: int) -> str:
    if index < _PUA_SIZE:
        return chr(_PUA_START + index)
    point = 0x100 + index - _PUA_SIZE
    if point >= 0xD800:
        point += 0x800
    return chr(point)


def encode(
    units_a: Sequence[str], units_b: Sequence[str], limit: int | None = None
) -> tuple[str, str]:
    """Both unit sequences as strings, one character per distinct unit."""
    cap = MAX_CODES if limit is None else limit
    distinct = dict.fromkeys(units_a)
    distinct.update(dict.fromkeys(units_b))
    count = len(distinct)
    if count > cap:
        raise TooManyUnits
    if count <= _PUA_SIZE:
        codes = dict(zip(distinct, map(chr, range(_PUA_START, _PUA_START + count)), strict=True))
    else:
        codes = dict(zip(distinct, map(_code, range(count)), strict=True))
    get = codes.__getitem__
    return "".join(map(get, units_a)), "".join(map(get, units_b))


class _ExactDMP(diff_match_patch):  # type: ignore[misc]
    """diff-match-patch without its one inexact shortcut (the half match, which it only
    takes when a time-out is set: a caller's time limit must not make results inexact)."""

    def diff_halfMatch(self, text1: str, text2: str) -> None:
        return None


def gram_anchors(a: str, b: str, k: int) -> list[tuple[int, int, int]]:
    """Runs ``(i, j, length)`` with ``a[i:i + length] == b[j:j + length]``, in order on both
    sides and not overlapping, made of the ``k``-unit substrings that occur exactly once in
    ``a`` and once in ``b`` (the longest chain of them in the same order on both sides).

    Where every unit recurs (a small vocabulary, a text whose every line was edited), single
    units cannot anchor, but a few words in a row seldom recur: these runs align paragraphs
    by their content, wherever they moved to, before the words are compared between them.
    A run the texts do not share beyond it (found once on each side by chance, in a text
    of a few recurring words) is dropped (:func:`.anchors.supported`).
    """
    if len(a) < k or len(b) < k:
        return []
    ca = Counter(a[i : i + k] for i in range(len(a) - k + 1))
    cb = Counter(b[j : j + k] for j in range(len(b) - k + 1))
    common = {g for g, c in ca.items() if c == 1 and cb[g] == 1}
    del ca, cb
    if not common:
        return []
    pos_b = {g: j for j in range(len(b) - k + 1) if (g := b[j : j + k]) in common}
    pairs = [(i, pos_b[g]) for i in range(len(a) - k + 1) if (g := a[i : i + k]) in common]
    chosen = [pairs[t] for t in longest_increasing([y for _, y in pairs])]
    runs: list[tuple[int, int, int]] = []
    for x, y in chosen:
        if runs:
            rx, ry, size = runs[-1]
            if x - rx == y - ry and x <= rx + size:  # the same diagonal: one longer run
                runs[-1] = (rx, ry, x + k - rx)
                continue
            if x < rx + size or y < ry + size:  # overlaps the run before on one side
                continue
        runs.append((x, y, k))
    return supported(a, b, runs, k)


def _merge(diffs: Diffs) -> Diffs:
    """Adjacent pieces of the same kind joined; between two equal pieces, deletions first."""
    out: Diffs = []
    dels: list[str] = []
    ins: list[str] = []
    eq: list[str] = []
    for op, text in diffs:
        if not text:
            continue
        if op == EQUAL:
            if dels or ins:
                if dels:
                    out.append((DELETE, "".join(dels)))
                if ins:
                    out.append((INSERT, "".join(ins)))
                dels, ins = [], []
            eq.append(text)
        else:
            if eq:
                out.append((EQUAL, "".join(eq)))
                eq = []
            (dels if op == DELETE else ins).append(text)
    if dels:
        out.append((DELETE, "".join(dels)))
    if ins:
        out.append((INSERT, "".join(ins)))
    if eq:
        out.append((EQUAL, "".join(eq)))
    return out


class Differ:
    """Exact diffs of encoded strings (one character per unit), with an optional deadline
    (a ``time.time()`` value) after which regions are given up as whole replacements."""

    def __init__(self, deadline: float | None = None) -> None:
        self.deadline = deadline
        self.timed_out = False
        self.dmp = _ExactDMP()
        self.dmp.Diff_Timeout = 0

    def expired(self) -> bool:
        if self.deadline is not None and time.time() >= self.deadline:
            self.timed_out = True
        return self.timed_out

    def diff(self, a: str, b: str, *, small: int = 0, grams: int = 0) -> Diffs:
        """The edit script from ``a`` to ``b``; with ``small``, regions of at most that many
        units on both sides are left as one replacement (for a finer pass to take); with
        ``grams``, a large region with no unit found once on each side is split at runs of
        that many units found once on each side (see :func:`gram_anchors`)."""
        return _merge(self._diff(a, b, small, 0, grams))

    def _diff(self, a: str, b: str, small: int, depth: int, grams: int = 0) -> Diffs:
        if a == b:
            return [(EQUAL, a)] if a else []
        if not a:
            return [(INSERT, b)]
        if not b:
            return [(DELETE, a)]
        dmp = self.dmp
        p = dmp.diff_commonPrefix(a, b)
        head, a, b = a[:p], a[p:], b[p:]
        s = dmp.diff_commonSuffix(a, b)
        tail = ""
        if s:
            tail, a, b = a[len(a) - s :], a[: len(a) - s], b[: len(b) - s]
        out: Diffs = [(EQUAL, head)] if head else []
        out.extend(self._middle(a, b, small, depth, grams))
        if tail:
            out.append((EQUAL, tail))
        return out

    def _middle(self, a: str, b: str, small: int, depth: int, grams: int = 0) -> Diffs:
        n, m = len(a), len(b)
        if not n or not m or (n <= small and m <= small) or self.expired():
            return [(DELETE, a), (INSERT, b)]
        if n + m > ANCHOR_ABOVE and depth < ANCHOR_DEPTH:
            runs = [(x, y, 1) for x, y in unique_anchors(a, b)]
            k = grams
            while not runs and k and k <= grams * LONG_GRAMS and k < min(n, m):
                # runs of a few units found once on each side; failing those, longer runs
                # (in a few words used again and again, a long run is still found once)
                runs = gram_anchors(a, b, k)
                k *= 2
            if runs:
                out: Diffs = []
                i = j = 0  # where the next gap starts
                for x, y, size in runs:
                    if x > i or y > j:
                        out.extend(self._diff(a[i:x], b[j:y], small, depth + 1, grams))
                    out.append((EQUAL, a[x : x + size]))
                    i, j = x + size, y + size
                out.extend(self._diff(a[i:], b[j:], small, depth + 1, grams))
                return out
        if n * m > LCS_MAX_BITS:
            # Nothing unique splits it and an exact alignment would cost its length times
            # its changes: aligned window by window instead (linear time and memory).
            return self._windowed(a, b)
        if _myers_costlier(a, b):
            return self._lcs(a, b)
        return self._myers(a, b)

    def _windowed(self, a: str, b: str) -> Diffs:
        """A common subsequence found window by window (:mod:`.window`)."""
        from .window import windowed_runs

        runs = windowed_runs(a, b, stop=None if self.deadline is None else self.expired)
        if runs is None:
            return [(DELETE, a), (INSERT, b)]
        out: Diffs = []
        i = j = 0
        for x, y, k in runs:
            if x > i:
                out.append((DELETE, a[i:x]))
            if y > j:
                out.append((INSERT, b[j:y]))
            out.append((EQUAL, a[x : x + k]))
            i, j = x + k, y + k
        if i < len(a):
            out.append((DELETE, a[i:]))
        if j < len(b):
            out.append((INSERT, b[j:]))
        return out

    def _myers(self, a: str, b: str) -> Diffs:
        dmp = self.dmp
        if self.deadline is None:
            dmp.Diff_Timeout = 0
            return list(dmp.diff_main(a, b, False))
        remaining = self.deadline - time.time()
        if remaining <= 0:
            self.timed_out = True
            return [(DELETE, a), (INSERT, b)]
        dmp.Diff_Timeout = remaining
        diffs = list(dmp.diff_main(a, b, False))
        self.expired()  # a region cut short by the deadline is a whole replacement: flag it
        return diffs

    def _lcs(self, a: str, b: str) -> Diffs:
        """A longest common subsequence by the bit-parallel algorithm (Allison-Dix, Hyyrö):
        one bit per unit of the shorter side, one row per unit of the longer."""
        swap = len(a) > len(b)
        x, y = (b, a) if swap else (a, b)  # x: the shorter side, along the bits
        masks: dict[str, int] = {}
        bit = 1
        for ch in x:
            masks[ch] = masks.get(ch, 0) | bit
            bit <<= 1
        full = bit - 1
        v = full
        rows = [v]
        get = masks.get
        for k, ch in enumerate(y):
            if not k & 2047 and self.expired():
                return [(DELETE, a), (INSERT, b)]
            u = v & get(ch, 0)
            v = ((v + u) | (v - u)) & full
            rows.append(v)
        only_x, only_y = (INSERT, DELETE) if swap else (DELETE, INSERT)
        match_x: list[int] = []  # the matched positions, from the end
        match_y: list[int] = []
        i, j = len(x), len(y)
        while i and j:
            if x[i - 1] == y[j - 1]:
                i -= 1
                j -= 1
                match_x.append(i)
                match_y.append(j)
                continue
            # L(row, col) = col - popcount(row & low col bits): the LCS of x[:col], y[:row]
            up = i - (rows[j - 1] & ((1 << i) - 1)).bit_count()
            left = i - 1 - (rows[j] & ((1 << (i - 1)) - 1)).bit_count()
            if up >= left:
                j -= 1
            else:
                i -= 1
        out: Diffs = []
        px = py = 0  # where the text after the last match starts
        run = 0  # where the current run of matches started (in x)
        for mx, my in zip(reversed(match_x), reversed(match_y), strict=True):
            if mx != px or my != py:
                if run < px:
                    out.append((EQUAL, x[run:px]))
                if mx > px:
                    out.append((only_x, x[px:mx]))
                if my > py:
                    out.append((only_y, y[py:my]))
                run = mx
            px, py = mx + 1, my + 1
        if run < px:
            out.append((EQUAL, x[run:px]))
        if px < len(x):
            out.append((only_x, x[px:]))
        if py < len(y):
            out.append((only_y, y[py:]))
        return out


def _myers_costlier(a: str, b: str) -> bool:
    """Whether Myers' algorithm (about ``edits**2`` Python steps, ``edits`` estimated from
    below by the units one side has more of) would cost more than the bit-parallel LCS
    (about ``n + m`` steps on integers of ``min(n, m)`` bits)."""
    n, m = len(a), len(b)
    edits = n + m - 2 * (Counter(a) & Counter(b)).total()  # a lower bound of the edit distance
    # Measured on word tokens: the LCS wins from about edits**2 > 0.3 * (n + m) on.
    return edits * edits * 10 > 3 * (n + m) * (1 + min(n, m) // 4096)


def semantic_cleanup(diffs: Diffs, weight: Callable[[str], int]) -> Diffs:
    """diff-match-patch's semantic clean-up (its first phase), with each piece weighed by
    the characters its tokens hold rather than by the number of tokens: an equality no
    heavier than the edits on both sides of it is folded into them, so that a changed phrase
    reads as one change (``Darien Strait`` -> ``Darién Gap``) while a word kept between a
    re-spaced gap and an added line stays kept.  ``weight`` is asked once per piece."""
    return fold_equalities(diffs, [weight(text) for _, text in diffs])


def fold_equalities(diffs: Diffs, weights: Sequence[int]) -> Diffs:
    """:func:`semantic_cleanup` given the weight of each piece, in linear time.

    diff-match-patch walks the pieces and, after each fold, steps back two equalities and
    walks again; the decisions it takes depend only on the weights of the equalities and of
    the edits between them, so the same folds are found here with a stack: the equalities
    not folded so far, and the inserted and deleted weight of the edits before each and
    after the last.  Each new edit piece is checked against the last equality; a fold joins
    that equality and the edits on both sides of it into one group of edits, and the
    equality before it is checked in turn (as diff-match-patch's step back does).  Every
    piece is pushed once and popped at most once.
    """
    eq_at: list[int] = []  # indices (into diffs) of the equalities still standing
    eq_w: list[int] = []  # their weights
    ins = [0]  # inserted weight of the edits before each equality and after the last
    dels = [0]
    folded: list[int] = []
    for k, (op, _) in enumerate(diffs):
        w = weights[k]
        if op == EQUAL:
            eq_at.append(k)
            eq_w.append(w)
            ins.append(0)
            dels.append(0)
            continue
        if op == INSERT:
            ins[-1] += w
        else:
            dels[-1] += w
        while eq_at:
            e = eq_w[-1]
            if e > max(ins[-2], dels[-2]) or e > max(ins[-1], dels[-1]):
                break
            folded.append(eq_at.pop())
            eq_w.pop()
            i2, d2 = ins.pop(), dels.pop()
            ins[-1] += e + i2
            dels[-1] += e + d2
    if not folded:
        return list(diffs)
    out = list(diffs)
    for k in folded:
        out[k] = (DELETE, diffs[k][1])
    expanded: Diffs = []
    marks = set(folded)
    for k, piece in enumerate(out):
        expanded.append(piece)
        if k in marks:
            expanded.append((INSERT, piece[1]))
    return _merge(expanded)


def _boundary_score(left: str, right: str) -> int:
    """diff-match-patch's score of a boundary between two texts (6: an end of the text,
    5: a blank line, 4: a line break, 3: the end of a sentence, 2: whitespace, 1: other
    punctuation, 0: inside a word)."""
    if not left or not right:
        return 6
    c1, c2 = left[-1], right[0]
    other1, other2 = not c1.isalnum(), not c2.isalnum()
    space1, space2 = other1 and c1.isspace(), other2 and c2.isspace()
    break1, break2 = space1 and c1 in "\r\n", space2 and c2 in "\r\n"
    if (break1 and left.endswith(("\n\n", "\n\r\n"))) or (
        break2 and right.startswith(("\n\n", "\r\n\n", "\n\r\n", "\r\n\r\n"))
    ):
        return 5
    if break1 or break2:
        return 4
    if other1 and not space1 and space2:
        return 3
    if space1 or space2:
        return 2
    return 1 if other1 or other2 else 0


def slide_edits(diffs: Diffs, token: Callable[[str], str]) -> Diffs:
    """diff-match-patch's lossless clean-up on tokens: an insertion or deletion between two
    equal stretches moves, over tokens equal on both of its sides, to the best boundary
    (a line start rather than a line end, a word start rather than a word end)."""

    def score(left: str, right: str) -> int:
        return _boundary_score(token(left[-1]) if left else "", token(right[0]) if right else "")

    diffs = list(diffs)
    changed = False
    pointer = 1
    while pointer < len(diffs) - 1:
        if diffs[pointer - 1][0] != EQUAL or diffs[pointer + 1][0] != EQUAL:
            pointer += 1
            continue
        eq1, edit, eq2 = diffs[pointer - 1][1], diffs[pointer][1], diffs[pointer + 1][1]
        k = 0  # shift the edit as far left as it goes
        while k < len(eq1) and k < len(edit) and eq1[len(eq1) - 1 - k] == edit[len(edit) - 1 - k]:
            k += 1
        if k:
            common = edit[len(edit) - k :]
            eq1, edit, eq2 = eq1[: len(eq1) - k], common + edit[: len(edit) - k], common + eq2
        best = (eq1, edit, eq2)
        best_score = score(eq1, edit) + score(edit, eq2)
        while edit and eq2 and edit[0] == eq2[0]:  # then right, one token at a time
            eq1, edit, eq2 = eq1 + edit[0], edit[1:] + eq2[0], eq2[1:]
            value = score(eq1, edit) + score(edit, eq2)
            if value >= best_score:
                best_score, best = value, (eq1, edit, eq2)
        if best[0] != diffs[pointer - 1][1]:
            diffs[pointer - 1] = (EQUAL, best[0])
            diffs[pointer] = (diffs[pointer][0], best[1])
            diffs[pointer + 1] = (EQUAL, best[2])
            changed = True
        pointer += 1
    return _merge(diffs) if changed else diffs


def _pair_edits(spans: list[Span], old: str, new: str) -> list[Span]:
    """A deletion and an insertion on either side of an equal stretch that one of them
    repeats, made one replacement beside it: ``[-x -]y {+y +}`` is ``[-x-]{+y+} y`` (the
    same words kept, the other copy of the repeated text matched).  Which copy an LCS
    keeps is arbitrary; the word-level pass pairs them like this."""
    joined: list[Span] = []
    for span in spans:
        if span[1] == span[2] and span[3] == span[4]:
            continue
        if joined and joined[-1][0] == span[0]:
            kind, a0, _, b0, _ = joined[-1]
            joined[-1] = (kind, a0, span[2], b0, span[4])
        else:
            joined.append(span)
    spans = joined
    out: list[Span] = []
    k = 0
    last = len(spans) - 2
    while k < len(spans):
        if k < last:
            xk, xa0, xa1, xb0, xb1 = spans[k]
            ek, ea0, ea1, eb0, eb1 = spans[k + 1]
            yk, ya0, ya1, yb0, yb1 = spans[k + 2]
            if xk == yk == "change" and ek == "equal":
                if xb0 == xb1 and ya0 == ya1 and xa0 < xa1 and yb0 < yb1:  # delete, insert
                    if old[ea0:ea1] == new[yb0:yb1]:
                        out += [("change", xa0, xa1, eb0, eb1), ("equal", ea0, ea1, yb0, yb1)]
                        k += 3
                        continue
                    if old[xa0:xa1] == new[eb0:eb1]:
                        out += [("equal", xa0, xa1, eb0, eb1), ("change", ea0, ea1, yb0, yb1)]
                        k += 3
                        continue
                elif xa0 == xa1 and yb0 == yb1 and xb0 < xb1 and ya0 < ya1:  # insert, delete
                    if old[ya0:ya1] == new[eb0:eb1]:
                        out += [("change", ea0, ea1, xb0, xb1), ("equal", ya0, ya1, eb0, eb1)]
                        k += 3
                        continue
                    if new[xb0:xb1] == old[ea0:ea1]:
                        out += [("equal", ea0, ea1, xb0, xb1), ("change", ya0, ya1, eb0, eb1)]
                        k += 3
                        continue
        out.append(spans[k])
        k += 1
    return out


def _slide(toks: list[str], p: int, k: int, before: str = "", after: str = "") -> int:
    """Where :func:`slide_edits` puts an edit of the tokens ``toks[p:p + k]`` (all other
    tokens of ``toks`` equal on both sides): as far left as it goes, then right one token at
    a time to the best boundary score, the rightmost of equal scores.  ``before`` and
    ``after`` are the text just outside ``toks`` (empty at an end of the region)."""
    if not k or p + k > len(toks):
        return p
    shift = 0
    while shift < p and shift < k and toks[p - 1 - shift] == toks[p + k - 1 - shift]:
        shift += 1
    p -= shift
    end = len(toks)

    def score(q: int) -> int:
        left = toks[q - 1] if q else before
        right = toks[q + k] if q + k < end else after
        return _boundary_score(left, toks[q]) + _boundary_score(toks[q + k - 1], right)

    best, best_score = p, score(p)
    q = p
    while q + k < end and toks[q] == toks[q + k]:
        q += 1
        value = score(q)
        if value >= best_score:
            best, best_score = q, value
    return best


# -- the whole pipeline ----------------------------------------------------------------------


class Engine:
    """One diff computation.  :meth:`run` returns spans covering both texts in order."""

    def __init__(self, old: str, new: str, options: DiffOptions) -> None:
        self.old = old
        self.new = new
        self.options = options
        self.key: KeyFn | None = token_key(options)
        deadline = None if options.time_limit is None else time.time() + options.time_limit
        self.differ = Differ(deadline)
        self.coarse_regions = 0
        self.warnings: list[str] = []
        self.fast = False
        #: Regions holding moved passages: (a0, b0) -> their chunks and which moved.
        self.moved: dict[tuple[int, int], tuple[list[str], list[str], bytes, bytes]] = {}

    @property
    def degraded(self) -> bool:
        return self.differ.timed_out

    def run(self) -> list[Span]:
        old, new = self.old, self.new
        la, lb = len(old), len(new)
        if old == new:
            return [("equal", 0, la, 0, lb)] if la else []
        p = common_prefix(old, new)
        p = old.rfind("\n", 0, p) + 1  # back to the start of its line
        s = common_suffix(old, new, min(la, lb) - p)
        e = la - s
        if s and e > 0 and old[e - 1] != "\n":  # forward to the start of a line (in old)
            nl = old.find("\n", e)
            e = la if nl < 0 else nl + 1
            s = la - e
        spans: list[Span] = []
        if p:
            spans.append(("equal", 0, p, 0, p))
        spans.extend(self._lines(p, la - s, p, lb - s))
        if s:
            spans.append(("equal", la - s, la, lb - s, lb))
        if self.differ.timed_out:
            self.warnings.append(
                f"the time limit of {self.options.time_limit:g} s ran out: "
                f"{self.coarse_regions} region(s) were compared by whole lines, not word by "
                "word (the result is exact but coarser; run without --time-limit for the "
                "full diff)"
            )
        return spans

    # -- lines -------------------------------------------------------------------------------

    def _line_key(self, line: str) -> str:
        key = self.key
        assert key is not None
        return "\x00".join(k for k in map(key, tokenize(line)) if k)

    def _lines(self, a0: int, a1: int, b0: int, b1: int) -> list[Span]:
        lines_a = self.old[a0:a1].splitlines(True)
        lines_b = self.new[b0:b1].splitlines(True)
        off_a = list(accumulate(map(len, lines_a), initial=a0))
        off_b = list(accumulate(map(len, lines_b), initial=b0))
        if self.key is not None:
            keys_a: list[str] = [self._line_key(x) for x in lines_a]
            keys_b: list[str] = [self._line_key(x) for x in lines_b]
        else:
            keys_a, keys_b = lines_a, lines_b
        try:
            sa, sb = encode(keys_a, keys_b)
        except TooManyUnits:  # pragma: no cover - over a million distinct lines
            self.warnings.append("too many distinct lines to align: compared as one region")
            return self._words(a0, a1, b0, b1)
        spans: list[Span] = []
        i = j = 0
        pending_a = pending_b = 0
        diffs = self.differ.diff(sa, sb, small=LINE_BLOCK)
        last = len(diffs) - 1
        for t, (op, text) in enumerate(diffs):
            k = len(text)
            if op == DELETE:
                pending_a += k
                continue
            if op == INSERT:
                pending_b += k
                continue
            if (pending_a or pending_b) and t < last and _all_blank(lines_a, i + pending_a, k):
                # Blank lines between changed lines pair nothing: the changes on both sides
                # of them are compared as one region, so that paragraphs are matched by
                # their words, not by their places between blank lines.
                pending_a += k
                pending_b += k
                continue
            if pending_a or pending_b:  # compared word by word below
                spans.append(
                    ("words", off_a[i], off_a[i + pending_a], off_b[j], off_b[j + pending_b])
                )
                i += pending_a
                j += pending_b
                pending_a = pending_b = 0
            x0, x1, y0, y1 = off_a[i], off_a[i + k], off_b[j], off_b[j + k]
            if self.key is not None and self.old[x0:x1] != self.new[y0:y1]:
                spans.extend(self._words(x0, x1, y0, y1))  # equal only once normalised
            else:
                spans.append(("equal", x0, x1, y0, y1))
            i += k
            j += k
        if pending_a or pending_b:
            spans.append(("words", off_a[i], off_a[i + pending_a], off_b[j], off_b[j + pending_b]))
        return self._resolve(spans)

    def _resolve(self, spans: list[Span]) -> list[Span]:
        """The regions of changed lines (``words`` spans) compared word by word.  On the
        chunk pass with large regions, the passages that moved between any two of them are
        found first (:func:`.chunks.moved_chunks`, over all the changed regions at once)."""
        regions = [sp for sp in spans if sp[0] == "words"]
        # Large changed regions take the chunk pass first (see _words_fast), and so do
        # paragraphs that may have moved between regions (found first); small ones go word
        # by word at once, without loading the compiled LCS.
        moving = len(regions) > 1 and any(map(self._paragraphs, regions))
        self.fast = (
            self.key is None
            and self.differ.deadline is None
            and (moving or sum(a1 - a0 + b1 - b0 for _, a0, a1, b0, b1 in regions) >= FAST_ABOVE)
        )
        if self.fast and moving:
            self._find_moved(regions)
        out: list[Span] = []
        for span in spans:
            if span[0] == "words":
                out.extend(self._words(span[1], span[2], span[3], span[4]))
            else:
                out.append(span)
        return out

    def _paragraphs(self, region: Span) -> bool:
        """Whether a changed region is large (see :data:`CHUNK_CELLS`) or holds paragraphs
        kept on one line each (lines of :data:`PARAGRAPH_LINE` characters on average):
        where a moved paragraph can be taken apart by the word diff."""
        _, a0, a1, b0, b1 = region
        if (a1 - a0) * (b1 - b0) > 36 * CHUNK_CELLS:
            return True
        old = self.old
        lines = old.count("\n", a0, a1) - old.count("\n\n", a0, a1)  # blank ones aside
        return a1 - a0 >= PARAGRAPH_LINE * max(1, lines)

    def _find_moved(self, regions: list[Span]) -> None:
        """Chunks of moved passages, for :meth:`_words_fast`, region by region."""
        from .chunks import moved_chunks

        all_a: list[str] = []
        all_b: list[str] = []
        parts = []
        for _, a0, a1, b0, b1 in regions:
            ca, cb = self.old[a0:a1].split(" "), self.new[b0:b1].split(" ")
            parts.append((a0, b0, len(all_a), len(all_b), ca, cb))
            all_a += ca
            all_b += cb
        moved_a, moved_b = moved_chunks(
            all_a, all_b, [part[2] for part in parts], [part[3] for part in parts]
        )
        if not moved_a and not moved_b:
            return
        for a0, b0, ia, ib, ca, cb in parts:
            ma = moved_a[ia : ia + len(ca)] if moved_a else b""
            mb = moved_b[ib : ib + len(cb)] if moved_b else b""
            if any(ma) or any(mb):
                self.moved[a0, b0] = (ca, cb, bytes(ma), bytes(mb))

    # -- words -------------------------------------------------------------------------------

    def _units(self, text: str) -> tuple[list[str], list[str], list[int], str]:
        """Units to compare, their keys, the length of each unit's ignored lead-in, and the
        ignored text after the last unit.  Without options each token is a unit."""
        tokens = tokenize(text)
        key = self.key
        if key is None:
            return tokens, tokens, [], ""
        units: list[str] = []
        keys: list[str] = []
        leads: list[int] = []
        pending = ""
        for tok in tokens:
            k = key(tok)
            if not k:
                pending += tok
                continue
            units.append(pending + tok)
            keys.append(k)
            leads.append(len(pending))
            pending = ""
        return units, keys, leads, pending

    def _words_first(self, sa: str, sb: str, tokens: dict[str, str]) -> Diffs:
        """The edit script of two encoded token strings that keeps the most words.

        The shortest edit script of all tokens counts a space or a comma as much as a word,
        and may trade a kept word for a kept space.  So the words alone are also aligned (an
        exact LCS of the words), then the spaces and punctuation between two kept words on
        their own; that script is taken where it keeps more words, the script of all tokens
        otherwise (it places punctuation better where both keep as many words)."""
        whole = self.differ.diff(sa, sb, grams=GRAM)
        wordy = {ch for ch, unit in tokens.items() if is_word(unit)}
        if len(wordy) == len(tokens):  # nothing but words (Chinese, say)
            return whole
        kept = sum(sum(1 for ch in text if ch in wordy) for op, text in whole if op == EQUAL)
        if kept == sum(1 for ch in sa if ch in wordy) or kept == sum(1 for ch in sb if ch in wordy):
            return whole  # every word of one side kept: none can be kept more
        first = self._by_words(sa, sb, wordy)
        if sum(sum(1 for ch in text if ch in wordy) for op, text in first if op == EQUAL) > kept:
            return first
        return whole

    def _by_words(self, sa: str, sb: str, wordy: set[str]) -> Diffs:
        """The words aligned first, then what lies between two kept words."""
        ia = [i for i, ch in enumerate(sa) if ch in wordy]
        ib = [j for j, ch in enumerate(sb) if ch in wordy]
        wa = "".join([sa[i] for i in ia])
        wb = "".join([sb[j] for j in ib])
        differ = self.differ

        def diff(a: str, b: str) -> Diffs:
            if a == b:
                return [(EQUAL, a)] if a else []
            if not a or not b:
                return [(INSERT, b)] if b else [(DELETE, a)]
            return differ.diff(a, b)

        out: Diffs = []
        pa = pb = 0  # where the tokens not yet placed start
        x = y = 0  # the words not yet placed
        for op, text in differ.diff(wa, wb, grams=GRAM // 2):
            k = len(text)
            if op == DELETE:
                x += k
                continue
            if op == INSERT:
                y += k
                continue
            first_a, first_b = ia[x], ib[y]
            out.extend(diff(sa[pa:first_a], sb[pb:first_b]))
            last_a, last_b = ia[x + k - 1] + 1, ib[y + k - 1] + 1
            if sa[first_a:last_a] == sb[first_b:last_b]:  # the usual case: one equal run
                out.append((EQUAL, sa[first_a:last_a]))
            else:
                for t in range(k):
                    i, j = ia[x + t], ib[y + t]
                    if t:
                        out.extend(diff(sa[ia[x + t - 1] + 1 : i], sb[ib[y + t - 1] + 1 : j]))
                    out.append((EQUAL, sa[i]))
            pa, pb = last_a, last_b
            x += k
            y += k
        out.extend(diff(sa[pa:], sb[pb:]))
        return _merge(out)

    def _words(self, a0: int, a1: int, b0: int, b1: int) -> list[Span]:
        if a0 == a1 or b0 == b1:
            return [("change", a0, a1, b0, b1)]
        if self.fast:
            return self._words_fast(a0, a1, b0, b1)
        return self._words_exact(a0, a1, b0, b1)

    # -- the chunk pass ----------------------------------------------------------------------

    def _words_fast(self, a0: int, a1: int, b0: int, b1: int) -> list[Span]:
        """A region compared first by its space-separated chunks (:mod:`.chunks`: an exact
        LCS in compiled code, no Python object per token), then word by word only between
        matched chunks.

        A run of two or more matched chunks holding a word is a wall: it is kept whole, but
        for its first and last chunk, which go with the stretches beside it as context (so
        that an edit next to a wall is placed, and cleaned up, as the word-level pass would
        place it).  Shorter runs are compared again with the stretch they stand in.  Each stretch is
        tokenised and aligned by :meth:`_refine`."""
        from .chunks import matching_runs

        has_word = WORD_CHARS_RE.search
        old, new = self.old, self.new
        moved_a = moved_b = b""
        if (a0, b0) in self.moved:
            ca, cb, moved_a, moved_b = self.moved[a0, b0]
        else:
            ca, cb = old[a0:a1].split(" "), new[b0:b1].split(" ")
        n, m = len(ca), len(cb)
        if n + m <= 4:
            return self._words_exact(a0, a1, b0, b1)
        runs = matching_runs(ca, cb, moved_a, moved_b)
        # start of chunk i: a0 + (lengths of the chunks before) + (the spaces between them)
        pos_a = [a0 + c + i for i, c in enumerate(accumulate(map(len, ca), initial=0))]
        pos_b = [b0 + c + j for j, c in enumerate(accumulate(map(len, cb), initial=0))]
        pos_a[n] = a1  # the end (no space after the last chunk)
        pos_b[m] = b1
        spans: list[Span] = []
        x, y = a0, b0  # where the text not yet placed starts
        ci = cj = 0  # ... and its first chunks

        def refine(e0: int, f0: int, i: int, j: int) -> list[Span]:
            """The stretch from (x, y) to (e0, f0), chunks ci.. to i and cj.. to j: a moved
            passage in it is left whole (for the move detection), the rest word by word."""
            if (moved_a and any(moved_a[ci:i])) or (moved_b and any(moved_b[cj:j])):
                return [("change", x, e0, y, f0)]
            return self._refine(x, e0, y, f0, a0, a1)

        for i, j, size in runs:
            left = 0 if i == 0 and j == 0 else 1
            right = 0 if i + size == n and j + size == m else 1
            if size < left + right:
                if size == 1 and has_word(old, pos_a[i], pos_a[i + 1]):
                    # One word between two edits: the stretch before it is compared with it
                    # as its context and, if it is kept, the stretch after it starts there.
                    part = refine(pos_a[i + 1], pos_b[j + 1], i + 1, j + 1)
                    kind, e0, e1, f0, f1 = part[-1]
                    if kind == "equal" and e0 <= pos_a[i]:
                        part[-1] = (kind, e0, pos_a[i], f0, pos_b[j])
                        spans.extend(part)
                        x, y, ci, cj = pos_a[i], pos_b[j], i, j
                continue  # too short to stand alone: compared with the stretch around it
            if not has_word(old, pos_a[i], pos_a[i + size]):
                continue  # spaces and punctuation may be folded into the edits around them
            e0, e1 = pos_a[i + left], pos_a[i + size - right]
            f0, f1 = pos_b[j + left], pos_b[j + size - right]
            if old[e0:e1] != new[f0:f1]:  # two chunks of one hash: never seen, but be exact
                return self._words_exact(a0, a1, b0, b1)
            if e0 > x or f0 > y:
                spans.extend(refine(e0, f0, i + left, j + left))
            if e1 > e0:
                spans.append(("equal", e0, e1, f0, f1))
            x, y, ci, cj = e1, f1, i + size - right, j + size - right
        if x < a1 or y < b1:
            spans.extend(refine(a1, b1, n, m))
        return _pair_edits(spans, old, new)

    def _refine(self, a0: int, a1: int, b0: int, b1: int, r0: int, r1: int) -> list[Span]:
        """A stretch between walls, word by word: the common tokens at both ends kept; then
        an insertion or deletion alone is slid to its best place as :func:`slide_edits`
        slides it, and two runs with no token in common are one replacement (what the
        word-level pass gives them); anything else goes through that pass.  ``r0`` and ``r1``
        bound the region in the old text: the text beside the stretch, up to them, scores
        the places an edit may slide to."""
        if a0 == a1 or b0 == b1:
            return [("change", a0, a1, b0, b1)]
        ta, tb = tokenize(self.old[a0:a1]), tokenize(self.new[b0:b1])
        na, nb = len(ta), len(tb)
        lim = min(na, nb)
        p = 0
        while p < lim and ta[p] == tb[p]:
            p += 1
        q = 0
        while q < lim - p and ta[na - 1 - q] == tb[nb - 1 - q]:
            q += 1
        mid_a, mid_b = ta[p : na - q], tb[p : nb - q]
        if not mid_a and not mid_b:
            return [("equal", a0, a1, b0, b1)]
        if mid_a and mid_b:
            if not set(mid_a).isdisjoint(mid_b):
                return self._words_exact(a0, a1, b0, b1)
            head = sum(map(len, ta[:p]))
            tail = sum(map(len, ta[na - q :]))
            return [
                ("equal", a0, a0 + head, b0, b0 + head),
                ("change", a0 + head, a1 - tail, b0 + head, b1 - tail),
                ("equal", a1 - tail, a1, b1 - tail, b1),
            ]
        # One insertion (or deletion): toks holds the side with it, the edit at [p, p + k).
        toks = tb if nb > na else ta
        k = len(mid_b) + len(mid_a)
        old = self.old  # the text on both sides of the stretch is the same
        p = _slide(toks, p, k, old[max(r0, a0 - 3) : a0], old[a1 : min(r1, a1 + 4)])
        head = sum(map(len, toks[:p]))
        size = sum(map(len, toks[p : p + k]))
        if nb > na:
            return [
                ("equal", a0, a0 + head, b0, b0 + head),
                ("change", a0 + head, a0 + head, b0 + head, b0 + head + size),
                ("equal", a0 + head, a1, b0 + head + size, b1),
            ]
        return [
            ("equal", a0, a0 + head, b0, b0 + head),
            ("change", a0 + head, a0 + head + size, b0 + head, b0 + head),
            ("equal", a0 + head + size, a1, b0 + head, b1),
        ]

    # -- word by word ------------------------------------------------------------------------

    def _words_exact(self, a0: int, a1: int, b0: int, b1: int) -> list[Span]:
        if a0 == a1 or b0 == b1:
            return [("change", a0, a1, b0, b1)]
        if self.differ.expired():
            self.coarse_regions += 1
            return [("change", a0, a1, b0, b1)]
        a, b = self.old[a0:a1], self.new[b0:b1]
        units_a, keys_a, leads_a, rest_a = self._units(a)
        units_b, keys_b, leads_b, rest_b = self._units(b)
        keyed = self.key is not None
        try:
            sa, sb = encode(keys_a, keys_b)
        except TooManyUnits:
            self.warnings.append(
                f"a region of {len(units_a) + len(units_b):,} words has more distinct words "
                "than the engine can map; it was compared line by line"
            )
            units_a, units_b = a.splitlines(True), b.splitlines(True)
            keys_a, keys_b, rest_a, rest_b = units_a, units_b, "", ""
            keyed = False
            try:
                sa, sb = encode(keys_a, keys_b)
            except TooManyUnits:  # pragma: no cover - over a million distinct lines
                return [("change", a0, a1, b0, b1)]
        tokens = dict(zip(sa, units_a, strict=True))
        tokens.update(zip(sb, units_b, strict=True))
        # Normalised keys (ignore options) stand for tokens of several kinds: one pass.
        diffs = self._words_first(sa, sb, tokens) if not keyed else None
        if diffs is None:
            diffs = self.differ.diff(sa, sb, grams=GRAM)
        if self.differ.timed_out:
            self.coarse_regions += 1
        if len(diffs) > 2:
            diffs = fold_equalities(diffs, _piece_weights(diffs, sa, sb, tokens))
            diffs = slide_edits(diffs, tokens.__getitem__)
        off_a = list(accumulate(map(len, units_a), initial=a0))
        off_b = list(accumulate(map(len, units_b), initial=b0))
        spans: list[Span] = []
        i = j = 0
        for op, text in diffs:
            k = len(text)
            if op == EQUAL:
                if keyed:
                    spans.extend(
                        _keyed_equal(units_a, units_b, leads_a, leads_b, off_a, off_b, i, j, k)
                    )
                else:
                    spans.append(("equal", off_a[i], off_a[i + k], off_b[j], off_b[j + k]))
                i += k
                j += k
            elif op == DELETE:
                spans.append(("change", off_a[i], off_a[i + k], off_b[j], off_b[j]))
                i += k
            else:
                spans.append(("change", off_a[i], off_a[i], off_b[j], off_b[j + k]))
                j += k
        if rest_a or rest_b:
            kind = "equal" if rest_a == rest_b else "ignored"
            spans.append((kind, a1 - len(rest_a), a1, b1 - len(rest_b), b1))
        return spans


#: The weight of an equality that holds a word or a blank line: never folded into the edits
#: around it.
KEEP = 1 << 62


def _piece_weights(diffs: Diffs, sa: str, sb: str, tokens: dict[str, str]) -> list[int]:
    """The characters each piece's tokens hold (a unit's size taken from ``tokens``), from
    prefix sums over both encoded sides: every token is sized once.  An equal piece that
    holds a word or a blank line weighs :data:`KEEP`: a kept word is never counted as
    changed to make a change read as one (only spaces and punctuation between two changed
    words are joined into them), so the words a diff reports changed stay the fewest there
    are, and a change never runs on from one paragraph into the next."""
    size = {ch: len(unit) for ch, unit in tokens.items()}.__getitem__
    wordy = {ch: is_word(unit) or unit.count("\n") > 1 for ch, unit in tokens.items()}.__getitem__
    pa = list(accumulate(map(size, sa), initial=0))
    pb = list(accumulate(map(size, sb), initial=0))
    wa = list(accumulate(map(wordy, sa), initial=0))
    weights: list[int] = []
    i = j = 0
    for op, text in diffs:
        k = len(text)
        if op == INSERT:
            weights.append(pb[j + k] - pb[j])
            j += k
        else:
            if op == EQUAL and wa[i + k] != wa[i]:
                weights.append(KEEP)
            else:
                weights.append(pa[i + k] - pa[i])
            i += k
            if op == EQUAL:
                j += k
    return weights


def _all_blank(lines: list[str], start: int, count: int) -> bool:
    """Whether ``lines[start:start + count]`` are all blank (whitespace only)."""
    return all(not line or line.isspace() for line in lines[start : start + count])


def _keyed_equal(
    units_a: list[str],
    units_b: list[str],
    leads_a: list[int],
    leads_b: list[int],
    off_a: list[int],
    off_b: list[int],
    i: int,
    j: int,
    k: int,
) -> list[Span]:
    """Units equal once normalised: equal where the raw text is, ignored where it is not,
    the ignored lead-in and the token apart."""
    spans: list[Span] = []
    for t in range(k):
        ua, ub = units_a[i + t], units_b[j + t]
        x0, y0 = off_a[i + t], off_b[j + t]
        if ua == ub:
            spans.append(("equal", x0, x0 + len(ua), y0, y0 + len(ub)))
            continue
        la, lb = leads_a[i + t], leads_b[j + t]
        lead_kind = "equal" if ua[:la] == ub[:lb] else "ignored"
        tok_kind = "equal" if ua[la:] == ub[lb:] else "ignored"
        spans.append((lead_kind, x0, x0 + la, y0, y0 + lb))
        spans.append((tok_kind, x0 + la, x0 + len(ua), y0 + lb, y0 + len(ub)))
    return spans


def compute(old: str, new: str, options: DiffOptions) -> tuple[list[Span], bool, list[str]]:
    """Spans covering both texts in order, whether a time limit cut the work short, and
    warnings for the user."""
    engine = Engine(old, new, options)
    spans = engine.run()
    return spans, engine.degraded, engine.warnings


__all__ = [
    "Differ",
    "Engine",
    "Span",
    "compute",
    "encode",
    "fold_equalities",
    "semantic_cleanup",
    "slide_edits",
    "unique_anchors",
]
