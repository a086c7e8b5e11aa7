"""Collating witnesses: tokens, alignment, segments, variant locations, transpositions."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..diff.normalize import labels as diff_labels
from ..diff.normalize import normalize
from ..errors import UsageError
from .align import Column, Graph, Moved, check_order
from .model import (
    EDITORIAL_VARIANT,
    FORMAL,
    TEXTUAL,
    Collation,
    Reading,
    Segment,
    Transposition,
    Witness,
)
from .tokens import EDITORIAL, Token, TokenOptions, tokenize_witness

if TYPE_CHECKING:
    from ..interventions import ProfileSpec


def collate(
    witnesses: Sequence[Witness],
    options: TokenOptions | None = None,
    *,
    base: str | None = None,
    profile: ProfileSpec = None,
    config: Mapping[str, Any] | None = None,
    root: str | Path | None = None,
) -> Collation:
    """Align two or more witnesses; ``base`` (a sigil) is aligned first and gives the lemma."""
    opts = options or TokenOptions()
    if len(witnesses) < 2:
        raise UsageError("a collation needs at least two witnesses")
    sigla = [w.sigil for w in witnesses]
    dupes = sorted({s for s in sigla if sigla.count(s) > 1})
    if dupes:
        raise UsageError(f"two witnesses have the sigil {dupes[0]!r}; give each its own --sigil")
    base_index: int | None = None
    if base is not None:
        if base not in sigla:
            raise UsageError(f"no witness has the sigil {base!r}; the sigla are {', '.join(sigla)}")
        base_index = sigla.index(base)
    if opts.brackets:
        from ..interventions import load_profile

        profile = load_profile(profile, config=config, root=root)
    prefixes: list[str] = []
    tokens: list[list[Token]] = []
    for w in witnesses:
        prefix, toks = tokenize_witness(w.text, opts, profile=profile, config=config, root=root)
        prefixes.append(prefix)
        tokens.append(toks)
    width = len(witnesses)
    order = list(range(width))
    if base_index is not None:
        order.remove(base_index)
        order.insert(0, base_index)
    graph = Graph(tokens)
    for k in order:
        graph.add(k)
    cols = graph.columns()
    check_order(cols, width)
    segments, transpositions = _segments(cols, tokens, graph.moved, opts)
    return Collation(
        witnesses,
        prefixes,
        tokens,
        [c.cells for c in cols],
        segments,
        transpositions,
        opts,
        base_index,
    )


def _reading(tokens: Sequence[Token], first: int, last: int) -> Reading:
    if first < 0:
        return Reading(0, 0, "")
    parts = [t.text + t.ws for t in tokens[first : last + 1]]
    parts[-1] = tokens[last].text
    return Reading(first, last + 1, "".join(parts))


def _classify(
    readings: Sequence[Reading],
    tokens: Sequence[Sequence[Token]],
    columns: Sequence[Sequence[int]],
) -> tuple[str | None, tuple[str, ...]]:
    """The type of a variant location, and for a formal one what differs."""
    texts = {r.text for r in readings}
    if len(texts) == 1:
        return None, ()
    spans = [toks[r.start : r.end] for r, toks in zip(readings, tokens, strict=True)]
    keys = {tuple(t.key for t in span if t.kind != EDITORIAL) for span in spans}
    if len(keys) > 1:
        return TEXTUAL, ()
    layers = {
        tuple((t.key, t.marks) if t.kind == EDITORIAL else t.marks for t in span) for span in spans
    }
    if len(layers) > 1:
        return EDITORIAL_VARIANT, ()
    found: set[str] = set()
    for cells in columns:
        plains = sorted({tokens[w][i].plain for w, i in enumerate(cells) if i >= 0})
        for a in plains[1:]:
            found.update(_formal_labels(plains[0], a))
    if not found:
        found.add("whitespace")
    return FORMAL, tuple(sorted(found))


def _formal_labels(a: str, b: str) -> tuple[str, ...]:
    """What separates two tokens that share a key: punctuation, then case, quotes, ... of
    the words, or (none of those) a spelling the user's table made equivalent."""
    got = diff_labels(a, b)
    if got:
        return got
    out: list[str] = []
    pa, pb = normalize(a, ("punctuation",)), normalize(b, ("punctuation",))
    if pa != a or pb != b:
        out.append("punctuation")
    if pa != pb:
        out.extend(diff_labels(pa, pb) or ("spelling",))
    return tuple(out)


def _segments(
    cols: list[Column],
    tokens: Sequence[Sequence[Token]],
    moved: list[Moved],
    opts: TokenOptions,
) -> tuple[list[Segment], list[Transposition]]:
    width = len(tokens)
    # which transposition (and side) each column belongs to
    mark: dict[int, tuple[str, str]] = {}
    for k, mv in enumerate(moved, 1):
        for v in mv.source:
            mark.setdefault(id(cols[v.rank]), (f"t{k}", "source"))
        for v in mv.target:
            mark[id(cols[v.rank])] = (f"t{k}", "target")

    def invariant(c: Column) -> bool:
        if len(c.keys) != 1 or -1 in c.cells or id(c) in mark:
            return False
        texts = {tokens[w][i].text for w, i in enumerate(c.cells)}
        return len(texts) == 1

    # runs of columns: (start, end, variant?, mark)
    runs: list[list[Any]] = []
    for i, c in enumerate(cols):
        var = not invariant(c)
        m = mark.get(id(c))
        if runs and runs[-1][2] == var and runs[-1][3] == m:
            runs[-1][1] = i + 1
        else:
            runs.append([i, i + 1, var, m])
    segments: list[Segment] = []
    location = 0
    seg_of_col: dict[int, int] = {}
    for start, end, var, m in runs:
        readings = []
        for w in range(width):
            idx = [cols[i].cells[w] for i in range(start, end) if cols[i].cells[w] >= 0]
            readings.append(_reading(tokens[w], idx[0], idx[-1]) if idx else Reading(0, 0, ""))
        # an empty reading stands at the place of the witness's next token
        for w, r in enumerate(readings):
            if r.empty:
                nxt = next(
                    (cols[i].cells[w] for i in range(end, len(cols)) if cols[i].cells[w] >= 0),
                    len(tokens[w]),
                )
                readings[w] = Reading(nxt, nxt, "")
        kind, labels = (
            _classify(readings, tokens, [cols[i].cells for i in range(start, end)])
            if var
            else (None, ())
        )
        if var and kind is None and m is None:
            var = False
        loc = None
        if kind is not None or m is not None:
            location += 1
            loc = location
            if kind is None:
                kind = FORMAL if len({r.text for r in readings}) > 1 else TEXTUAL
        for i in range(start, end):
            seg_of_col[i] = len(segments)
        segments.append(
            Segment(
                start,
                end,
                tuple(readings),
                kind,
                labels,
                loc,
                m[0] if m else None,
                m[1] if m else None,
            )
        )
    segments = _merge_invariant(segments, tokens)
    col_seg: dict[int, int] = {}
    for k, seg in enumerate(segments):
        for i in range(seg.start, seg.end):
            col_seg[i] = k
    transpositions: list[Transposition] = []
    for k, mv in enumerate(moved, 1):
        src = sorted({col_seg[v.rank] for v in mv.source})
        tgt = sorted({col_seg[v.rank] for v in mv.target})
        src_w = sorted({w for v in mv.source for w in range(width) if v.cells[w] >= 0})
        tgt_w = sorted({w for v in mv.target for w in range(width) if v.cells[w] >= 0})
        toks = tokens[mv.witness]
        text = _reading(toks, mv.start, mv.end - 1).text
        transpositions.append(
            Transposition(f"t{k}", tuple(src), tuple(tgt), tuple(src_w), tuple(tgt_w), text)
        )
    return segments, transpositions


def _merge_invariant(segments: list[Segment], tokens: Sequence[Sequence[Token]]) -> list[Segment]:
    """Neighbouring segments without variants become one."""
    out: list[Segment] = []
    for seg in segments:
        if out and not seg.variant and not out[-1].variant:
            prev = out[-1]
            readings = []
            for w, (a, b) in enumerate(zip(prev.readings, seg.readings, strict=True)):
                if a.empty or b.empty:
                    readings.append(b if a.empty else a)
                else:
                    readings.append(_reading(tokens[w], a.start, b.end - 1))
            out[-1] = prev._replace(end=seg.end, readings=tuple(readings))
        else:
            out.append(seg)
    return out
