"""Progressive alignment of witnesses against a growing variant graph, ranked into the
columns of the alignment table, with transpositions detected.

The model
---------
The collation is a **variant graph**: each vertex holds tokens of one key (normalised form,
:mod:`.tokens`), at most one per witness, and each witness is a path through it in its own
order.  **Ranking** the graph (a vertex's rank is the length of the longest path to it) gives
the alignment table: the vertices of one rank are one column, so every witness can be read
off the table unchanged, and a token one witness has in place of another's (``quick`` /
``slow``) shares its column.

The first witness (the base, if one is named) makes one vertex per token.  Each further
witness is aligned against the ranked graph so far:

1. **Match.**  A token matches a rank when one of the rank's vertices has its key, so a
   witness agrees with any earlier witness at that place, not only with the first.  Tokens
   are matched to ranks by an exact longest common subsequence under that rule, computed
   bit-parallel (one machine word holds 64 ranks; each token costs a few big-integer
   operations over the row); a common beginning and end are matched first, and a very large
   region is first split at keys that occur once on each side (as "patience diff" does).
   Where several alignments are equally long, matches nearer the end are preferred.
2. **Stray matches.**  Runs of :data:`STRONG` or more consecutive matches stand; between them
   the alignment is scored again (:func:`_scored`: two for a match, nothing for a
   replacement, minus one for each token or rank left unpaired), so that a lone ``the`` in a
   rewritten sentence is not bought with a cascade of gaps around it.
3. **Transpositions.**  Runs of the witness's unmatched tokens are compared with runs of the
   ranks it does not reach; a block of the same keys in both is a passage moved, not an
   omission here and an addition there.  Longest blocks are taken first; a block counts when
   it holds at least three words, or (within :data:`NEAR` ranks of where it stood) at least
   one word of four or more letters and is all the witness adds at its new place or all it
   lacks at its old one (so a word reused in a rewritten sentence is not "moved").  The
   moved tokens stay where the witness has them, and the collation records which tokens
   they correspond to.
4. Matched tokens join their vertex; every other token is a new vertex; the graph is ranked
   again.

The result depends on the order the witnesses are added in (as any progressive alignment
does): the base (or the first witness) goes first, then the others in the order given.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from itertools import pairwise

from ..diff.lis import longest_increasing
from .tokens import PUNCT, WORD, Token

#: Regions larger than this many cells (columns x tokens) are first split at unique anchors.
SPLIT_ABOVE = 1 << 27
#: A block of one or two words counts as moved only within this many columns of its place.
NEAR = 12
#: Runs of at least this many consecutive matches are kept as they are; between them the
#: alignment is scored (see :func:`_scored`).
STRONG = 2
#: Regions larger than this many cells (columns x tokens) keep the longest common subsequence.
SCORE_MAX = 250_000
#: How many places of one key a transposition search looks at (frequent words need a
#: longer block around them to be found in any case).
MAX_SEEDS = 64


class Vertex:
    """One node of the variant graph: tokens of one key, at most one per witness."""

    __slots__ = ("cells", "key", "rank")

    def __init__(self, width: int, witness: int, index: int, key: str) -> None:
        self.cells = [-1] * width
        self.cells[witness] = index
        self.key = key
        self.rank = 0


class Column:
    """One column of the alignment table: a rank of the graph, a token index (or -1) per
    witness and the keys of its tokens."""

    __slots__ = ("cells", "keys")

    def __init__(self, vertices: Sequence[Vertex]) -> None:
        width = len(vertices[0].cells)
        self.cells = [-1] * width
        self.keys = {v.key for v in vertices}
        for v in vertices:
            for w, i in enumerate(v.cells):
                if i >= 0:
                    self.cells[w] = i


class Moved:
    """A transposition found while adding ``witness``: its tokens ``[start, end)`` (the
    ``target`` vertices) correspond to the ``source`` vertices."""

    __slots__ = ("end", "source", "start", "target", "witness")

    def __init__(self, witness: int, start: int, end: int, source: list[Vertex]) -> None:
        self.witness = witness
        self.start = start
        self.end = end
        self.source = source
        self.target: list[Vertex] = []


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
    chosen = longest_increasing([j for _, j in pairs])
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
    cols: Sequence[dict[str, Vertex]],
    tokens: Sequence[Token],
    pairs: list[tuple[int, int]],
    witness: int,
) -> list[Moved]:
    matched_c = {i for i, _ in pairs}
    matched_t = {j for _, j in pairs}
    free_t = [j for j in range(len(tokens)) if j not in matched_t]
    free_c = [i for i in range(len(cols)) if i not in matched_c]
    if not free_t or not free_c:
        return []
    run_t, run_c = _runs(free_t), _runs(free_c)
    size_t, size_c = Counter(run_t.values()), Counter(run_c.values())
    wanted = {tokens[j].key for j in free_t if tokens[j].kind != PUNCT}
    where: dict[str, list[int]] = {}
    for i in free_c:
        for key in cols[i]:
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
                and tokens[j - 1].key in cols[i - 1]
            ):
                continue  # inside a longer block
            length = 1
            while (
                j + length in run_t
                and i + length in run_c
                and run_t[j + length] == run_t[j]
                and run_c[i + length] == run_c[i]
                and tokens[j + length].key in cols[i + length]
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
            if size_t[run_t[j]] != length and size_c[run_c[i]] != length:
                continue  # part of a rewritten passage, not a passage moved
        used_t.update(span_t)
        used_c.update(span_c)
        source = [cols[i + k][tokens[j + k].key] for k in range(length)]
        out.append(Moved(witness, j, j + length, source))
    return out


class Graph:
    """The variant graph as witnesses are added, and its ranking (the alignment table).

    A vertex's rank is the length of the longest path to it; the vertices of one rank make
    one column, so a token a witness has in place of another's (a replacement) stands in the
    same column as it, as far as the witnesses' order allows."""

    def __init__(self, tokens: Sequence[Sequence[Token]]) -> None:
        self.tokens = tokens
        self.width = len(tokens)
        self.path: list[list[Vertex]] = [[] for _ in tokens]  # each witness's vertices
        self.ranks: list[list[Vertex]] = []
        self.moved: list[Moved] = []

    def add(self, witness: int) -> None:
        tokens = self.tokens[witness]
        width = self.width
        if not self.ranks:
            path = [Vertex(width, witness, j, t.key) for j, t in enumerate(tokens)]
            self.path[witness] = path
            self.ranks = [[v] for v in path]
            return
        lookup = [{v.key: v for v in rank} for rank in self.ranks]
        pairs = match([set(d) for d in lookup], [t.key for t in tokens])
        moved = _transpositions(lookup, tokens, pairs, witness)
        found: list[Vertex | None] = [None] * len(tokens)
        for i, j in pairs:
            vertex = lookup[i][tokens[j].key]
            vertex.cells[witness] = j
            found[j] = vertex
        path = [
            v if v is not None else Vertex(width, witness, j, tokens[j].key)
            for j, v in enumerate(found)
        ]
        for mv in moved:
            mv.target = path[mv.start : mv.end]
        self.moved.extend(moved)
        self.path[witness] = path
        self._rank()

    def _rank(self) -> None:
        """Longest-path ranks (Kahn's order over the witnesses' successions)."""
        index: dict[int, int] = {}
        vertices: list[Vertex] = []
        for path in self.path:
            for v in path:
                if id(v) not in index:
                    index[id(v)] = len(vertices)
                    vertices.append(v)
        succ: list[set[int]] = [set() for _ in vertices]
        for path in self.path:
            for left, right in pairwise(path):
                succ[index[id(left)]].add(index[id(right)])
        indeg = [0] * len(vertices)
        for nexts in succ:
            for b in nexts:
                indeg[b] += 1
        rank = [0] * len(vertices)
        queue = [k for k, d in enumerate(indeg) if d == 0]
        done = 0
        while queue:
            a = queue.pop()
            done += 1
            for b in succ[a]:
                if rank[a] + 1 > rank[b]:
                    rank[b] = rank[a] + 1
                indeg[b] -= 1
                if not indeg[b]:
                    queue.append(b)
        if done != len(vertices):  # pragma: no cover - the alignment is monotone
            raise AssertionError("the variant graph has a cycle")
        ranks: list[list[Vertex]] = [[] for _ in range(max(rank) + 1 if rank else 0)]
        for k, v in enumerate(vertices):
            v.rank = rank[k]
            ranks[rank[k]].append(v)
        self.ranks = ranks

    def columns(self) -> list[Column]:
        return [Column(rank) for rank in self.ranks]


def check_order(cols: Sequence[Column], width: int) -> None:
    """Every witness's tokens in the columns in order (a debugging aid; raises AssertionError)."""
    for w in range(width):
        seen = [c.cells[w] for c in cols if c.cells[w] >= 0]
        if any(a >= b for a, b in pairwise(seen)):  # pragma: no cover - a bug if it happens
            raise AssertionError(f"witness {w} out of order")
