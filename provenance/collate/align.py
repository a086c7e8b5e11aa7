"""Progressive alignment of witnesses against a growing table of columns (a linearised variant
graph), with transpositions detected.

The model
---------
The collation is a sequence of **columns**.  A column holds at most one token of each
witness, and the set of keys (normalised forms, :mod:`.tokens`) its tokens have.  Every
witness's tokens stand in the columns in their own order, so each witness can be read off
the table unchanged.

The first witness (the base, if one is named) makes one column per token.  Each further
witness is aligned against the columns so far:

1. A token *matches* a column when its key is one of the column's keys, so a witness agrees
   with any earlier witness at that place, not only with the first.  The witness's tokens are
   matched to columns by a longest common subsequence under that rule, which is computed
   exactly, bit-parallel (one machine word holds 64 columns; each token costs a few big-integer
   operations over the row); a common beginning and end are matched first, and a very large
   region is first split at tokens that occur once on each side (as "patience diff" does).
   Where several alignments are equally long, matches nearer the end are preferred.
2. **Transpositions.**  Runs of the witness's unmatched tokens are compared with runs of the
   columns it does not reach; a block of the same keys in both is a passage moved, not an
   omission here and an addition there.  Longest blocks are taken first; a block counts when
   it holds at least three words, or (within :data:`NEAR` columns of where it stood) at least
   one word of four or more letters.  The moved tokens get columns of their own where the
   witness has them, and the collation records that they correspond to the columns they
   were moved from.
3. The witness's other unmatched tokens fill, left to right, the columns it does not reach
   in the same gap (a replacement: ``quick`` and ``slow`` share a column), punctuation only
   with punctuation and words only with words; what is left gets new columns.

The result depends on the order the witnesses are added in (as any progressive alignment
does): the base (or the first witness) goes first, then the others in the order given.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from itertools import pairwise

from .tokens import PUNCT, WORD, Token

#: Regions larger than this many cells (columns x tokens) are first split at unique anchors.
SPLIT_ABOVE = 1 << 27
#: A block of one or two words counts as moved only within this many columns of its place.
NEAR = 12
#: Runs of at least this many consecutive matches are kept as they are; between them the
#: alignment is scored (see :func:`_scored`).
STRONG = 3
#: Regions larger than this many cells (columns x tokens) keep the longest common subsequence.
SCORE_MAX = 250_000
#: How many places of one key a transposition search looks at (frequent words need a
#: longer block around them to be found in any case).
MAX_SEEDS = 64


class Column:
    """One column of the alignment: a token index (or -1) per witness, and their keys."""

    __slots__ = ("cells", "keys", "moved", "punct")

    def __init__(self, width: int, witness: int, index: int, token: Token) -> None:
        self.cells = [-1] * width
        self.cells[witness] = index
        self.keys = {token.key}
        self.punct = token.kind == PUNCT
        self.moved = False  # part of a transposition: never filled by a replacement

    def add(self, witness: int, index: int, token: Token) -> None:
        self.cells[witness] = index
        self.keys.add(token.key)


class Moved:
    """A transposition found while adding ``witness``: its tokens ``[start, end)`` stand in
    ``target`` columns and correspond to the ``source`` columns."""

    __slots__ = ("end", "source", "start", "target", "witness")

    def __init__(self, witness: int, start: int, end: int, source: list[Column]) -> None:
        self.witness = witness
        self.start = start
        self.end = end
        self.source = source
        self.target: list[Column] = []


def _masks(cols: Sequence[set[str]], wanted: set[str]) -> dict[str, int]:
    """For each wanted key, the bit set of the columns that hold it."""
    where: dict[str, list[int]] = {}
    for i, keys in enumerate(cols):
        for key in keys:
            if key in wanted:
                where.setdefault(key, []).append(i)
    size = (len(cols) + 8) // 8
    out: dict[str, int] = {}
    for key, places in where.items():
        bits = bytearray(size)
        for i in places:
            bits[i >> 3] |= 1 << (i & 7)
        out[key] = int.from_bytes(bits, "little")
    return out


def _lcs(cols: Sequence[set[str]], keys: Sequence[str]) -> list[tuple[int, int]]:
    """Matched (column, token) pairs of a longest common subsequence, bit-parallel: row j's
    bit i is 0 exactly where the LCS of columns[:i+1] and keys[:j+1] grows at column i."""
    n = len(cols)
    if not n or not keys:
        return []
    masks = _masks(cols, set(keys))
    full = (1 << n) - 1
    size = (n + 7) // 8
    v = full
    rows: list[bytes] = []
    get = masks.get
    for key in keys:
        u = v & get(key, 0)
        v = ((v + u) | (v - u)) & full
        rows.append(v.to_bytes(size, "little"))
    out: list[tuple[int, int]] = []
    i, j = n - 1, len(keys) - 1
    while i >= 0 and j >= 0:
        if keys[j] in cols[i]:
            out.append((i, j))
            i -= 1
            j -= 1
        elif (rows[j][i >> 3] >> (i & 7)) & 1:
            i -= 1
        else:
            j -= 1
    out.reverse()
    return out


def _lis(ys: list[int]) -> list[int]:
    """Indices of a longest strictly increasing subsequence of ``ys``."""
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
    out: list[int] = []
    k = tail_idx[-1] if tail_idx else -1
    while k >= 0:
        out.append(k)
        k = prev[k]
    out.reverse()
    return out


def _anchors(cols: Sequence[set[str]], keys: Sequence[str]) -> list[tuple[int, int]]:
    """Pairs of a key found in exactly one column and once among the tokens, in an order
    both sides agree on."""
    count: dict[str, int] = {}
    for key in keys:
        count[key] = count.get(key, 0) + 1
    once_tok = {key: j for j, key in enumerate(keys) if count[key] == 1}
    seen: dict[str, int] = {}
    for i, ks in enumerate(cols):
        for key in ks:
            if key in once_tok:
                seen[key] = -1 if key in seen else i
    pairs = sorted((i, once_tok[key]) for key, i in seen.items() if i >= 0)
    chosen = _lis([j for _, j in pairs])
    return [pairs[k] for k in chosen]


def match(cols: Sequence[set[str]], keys: Sequence[str]) -> list[tuple[int, int]]:
    """Matched (column, token) pairs, increasing on both sides."""
    n, m = len(cols), len(keys)
    p = 0
    while p < n and p < m and keys[p] in cols[p]:
        p += 1
    s = 0
    while s < n - p and s < m - p and keys[m - 1 - s] in cols[n - 1 - s]:
        s += 1
    out = [(k, k) for k in range(p)]
    out.extend(_split(cols, keys, p, n - s, p, m - s, 0))
    out.extend((n - s + k, m - s + k) for k in range(s))
    return _refine(cols, keys, out)


def _refine(
    cols: Sequence[set[str]], keys: Sequence[str], pairs: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Keep runs of :data:`STRONG` or more consecutive matches; re-align what lies between
    them by :func:`_scored`, which drops a stray match that would cost more gaps than
    it is worth."""
    runs: list[list[tuple[int, int]]] = []
    for pair in pairs:
        if runs and pair[0] == runs[-1][-1][0] + 1 and pair[1] == runs[-1][-1][1] + 1:
            runs[-1].append(pair)
        else:
            runs.append([pair])
    out: list[tuple[int, int]] = []
    weak: list[tuple[int, int]] = []
    c0 = t0 = 0

    def flush(c1: int, t1: int) -> None:
        if weak and (c1 - c0) * (t1 - t0) <= SCORE_MAX:
            out.extend((c0 + i, t0 + j) for i, j in _scored(cols[c0:c1], keys[t0:t1]))
        else:
            out.extend(weak)
        weak.clear()

    for run in runs:
        if len(run) < STRONG:
            weak.extend(run)
            continue
        flush(run[0][0], run[0][1])
        out.extend(run)
        c0, t0 = run[-1][0] + 1, run[-1][1] + 1
    flush(len(cols), len(keys))
    return out


def _scored(cols: Sequence[set[str]], keys: Sequence[str]) -> list[tuple[int, int]]:
    """Matches of a global alignment scored two for a match, nothing for a replacement and
    minus one for each token or column left unpaired (ties: more matches), so that a stray
    match in a rewritten passage is not bought with a cascade of gaps around it."""
    n, m = len(cols), len(keys)
    unit = min(n, m) + 1
    hit = 2 * unit + 1
    gap = -unit
    prev = [gap * i for i in range(n + 1)]
    moves: list[bytearray] = []  # per token: 0 diagonal, 1 skip a column, 2 skip the token
    for j in range(1, m + 1):
        key = keys[j - 1]
        cur = [gap * j] + [0] * n
        move = bytearray(n + 1)
        move[0] = 2
        for i in range(1, n + 1):
            diag = prev[i - 1] + (hit if key in cols[i - 1] else 0)
            left = cur[i - 1] + gap
            up = prev[i] + gap
            if diag >= left and diag >= up:
                cur[i] = diag
            elif left >= up:
                cur[i] = left
                move[i] = 1
            else:
                cur[i] = up
                move[i] = 2
        moves.append(move)
        prev = cur
    out: list[tuple[int, int]] = []
    i, j = n, m
    while i > 0 and j > 0:
        step = moves[j - 1][i]
        if step == 0:
            if keys[j - 1] in cols[i - 1]:
                out.append((i - 1, j - 1))
            i -= 1
            j -= 1
        elif step == 1:
            i -= 1
        else:
            j -= 1
    out.reverse()
    return out


def _split(
    cols: Sequence[set[str]], keys: Sequence[str], c0: int, c1: int, t0: int, t1: int, depth: int
) -> list[tuple[int, int]]:
    if c0 >= c1 or t0 >= t1:
        return []
    sub_c, sub_t = cols[c0:c1], keys[t0:t1]
    if (c1 - c0) * (t1 - t0) <= SPLIT_ABOVE or depth > 32:
        return [(c0 + i, t0 + j) for i, j in _lcs(sub_c, sub_t)]
    anchors = _anchors(sub_c, sub_t)
    if not anchors:
        return [(c0 + i, t0 + j) for i, j in _lcs(sub_c, sub_t)]
    out: list[tuple[int, int]] = []
    pc, pt = c0, t0
    for i, j in anchors:
        out.extend(_split(cols, keys, pc, c0 + i, pt, t0 + j, depth + 1))
        out.append((c0 + i, t0 + j))
        pc, pt = c0 + i + 1, t0 + j + 1
    out.extend(_split(cols, keys, pc, c1, pt, t1, depth + 1))
    return out


def _runs(items: list[int]) -> dict[int, int]:
    """Each item -> the number of its run of consecutive integers."""
    out: dict[int, int] = {}
    run = 0
    for k, x in enumerate(items):
        if k and x != items[k - 1] + 1:
            run += 1
        out[x] = run
    return out


def _transpositions(
    cols: list[Column], tokens: Sequence[Token], pairs: list[tuple[int, int]], witness: int
) -> list[Moved]:
    matched_c = {i for i, _ in pairs}
    matched_t = {j for _, j in pairs}
    free_t = [j for j in range(len(tokens)) if j not in matched_t]
    free_c = [i for i in range(len(cols)) if i not in matched_c]
    if not free_t or not free_c:
        return []
    run_t, run_c = _runs(free_t), _runs(free_c)
    wanted = {tokens[j].key for j in free_t if tokens[j].kind != PUNCT}
    where: dict[str, list[int]] = {}
    for i in free_c:
        for key in cols[i].keys:
            if key in wanted:
                where.setdefault(key, []).append(i)
    # the column before which each free token would stand (for the distance of a move)
    before = [i for i, _ in pairs]
    before_t = [j for _, j in pairs]
    blocks: list[tuple[int, int, int]] = []
    for j in free_t:
        places = where.get(tokens[j].key)
        if not places:
            continue
        for i in places[:MAX_SEEDS]:
            if (
                j - 1 in run_t
                and i - 1 in run_c
                and run_t[j - 1] == run_t[j]
                and run_c[i - 1] == run_c[i]
                and tokens[j - 1].key in cols[i - 1].keys
            ):
                continue  # inside a longer block
            length = 1
            while (
                j + length in run_t
                and i + length in run_c
                and run_t[j + length] == run_t[j]
                and run_c[i + length] == run_c[i]
                and tokens[j + length].key in cols[i + length].keys
            ):
                length += 1
            blocks.append((length, j, i))
    blocks.sort(key=lambda b: (-b[0], b[1], b[2]))
    used_t: set[int] = set()
    used_c: set[int] = set()
    out: list[Moved] = []
    for length, j, i in blocks:
        span_t = range(j, j + length)
        span_c = range(i, i + length)
        if any(x in used_t for x in span_t) or any(x in used_c for x in span_c):
            continue
        words = [tokens[x] for x in span_t if tokens[x].kind == WORD]
        if len(words) < 3:
            k = bisect_left(before_t, j)
            here = before[k] if k < len(before) else len(cols)
            if not words or max(len(w.key) for w in words) < 4:
                continue
            if min(abs(here - i), abs(here - (i + length))) > NEAR:
                continue
        used_t.update(span_t)
        used_c.update(span_c)
        out.append(Moved(witness, j, j + length, [cols[x] for x in span_c]))
    return out


def add_witness(
    cols: list[Column], tokens: Sequence[Token], witness: int, width: int
) -> tuple[list[Column], list[Moved]]:
    """The columns with ``witness`` aligned into them, and the passages it moved."""
    if not cols:
        return [Column(width, witness, j, t) for j, t in enumerate(tokens)], []
    keys = [t.key for t in tokens]
    pairs = match([c.keys for c in cols], keys)
    moved = _transpositions(cols, tokens, pairs, witness)
    moved_at: dict[int, Moved] = {}
    for mv in moved:
        for j in range(mv.start, mv.end):
            moved_at[j] = mv
        for c in mv.source:
            c.moved = True
    out: list[Column] = []
    ci = 0
    prev_j = -1
    for i, j in [*pairs, (len(cols), len(tokens))]:
        region = cols[ci:i]
        k = 0
        for t in range(prev_j + 1, j):
            token = tokens[t]
            moving = moved_at.get(t)
            if moving is None:
                while k < len(region) and region[k].moved:
                    out.append(region[k])
                    k += 1
                if k < len(region):
                    region[k].add(witness, t, token)
                    out.append(region[k])
                    k += 1
                    continue
            col = Column(width, witness, t, token)
            if moving is not None:
                col.moved = True
                moving.target.append(col)
            out.append(col)
        out.extend(region[k:])
        if i < len(cols):
            cols[i].add(witness, j, tokens[j])
            out.append(cols[i])
        ci = i + 1
        prev_j = j
    return out, moved


def check_order(cols: Sequence[Column], width: int) -> None:
    """Every witness's tokens in the columns in order (a debugging aid; raises AssertionError)."""
    for w in range(width):
        seen = [c.cells[w] for c in cols if c.cells[w] >= 0]
        if any(a >= b for a, b in pairwise(seen)):  # pragma: no cover - a bug if it happens
            raise AssertionError(f"witness {w} out of order")
