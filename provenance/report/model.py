"""What a review report holds: two versions, their word changes (each classed as editorial,
textual or whitespace), their intervention ledgers compared, their metadata changes and the
citation of each side."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..blame import Opcode, engine_opcodes

if TYPE_CHECKING:
    from ..model import Document, Stream, Version
    from ..store import Store
    from ..tei.body import Span

#: change classes, in the order the legend lists them
CLASSES = ("textual", "editorial", "whitespace")


@dataclass(frozen=True)
class Side:
    """One version under review."""

    version: Version
    document: Document
    stream: Stream
    text: str
    interventions: tuple[Span, ...]
    citation: str


@dataclass(frozen=True)
class Change:
    """One non-equal stretch of the word diff."""

    number: int
    tag: str  # insert, delete, replace
    cls: str  # textual, editorial, whitespace
    old_start: int
    old_end: int
    new_start: int
    new_end: int
    old: str
    new: str


@dataclass(frozen=True)
class LedgerRow:
    """One intervention of either side and what became of it."""

    status: str  # kept, added, removed, changed, absorbed
    kind: str
    old: str  # the bracket as it stood in the old version ('' when added)
    new: str  # ... and in the new one ('' when removed or absorbed)
    line: int  # where it is (new side; old side when removed or absorbed)
    column: int


@dataclass(frozen=True)
class MetaChange:
    pointer: str
    old: Any
    new: Any


@dataclass(frozen=True)
class Report:
    old: Side
    new: Side
    opcodes: tuple[Opcode, ...]
    changes: tuple[Change, ...]
    ledger: tuple[LedgerRow, ...]
    metadata: tuple[MetaChange, ...]
    generated: str
    notes: tuple[str, ...] = field(default=())

    def count(self, cls: str) -> int:
        return sum(1 for c in self.changes if c.cls == cls)


def build_report(store: Store, old_ref: str, new_ref: str, *, generated: str = "",
                 differ: Callable[[str, str], Sequence[Opcode]] | None = None,
                 spans: Callable[[Store, Document, str], list[Span]] | None = None) -> Report:
    """Compare two versions (``DOC/STREAM@N`` each) for review."""
    from ..tei.ledger import ledger_spans

    find = spans or ledger_spans
    refs = [store.resolve(ref).ref for ref in (old_ref, new_ref)]  # both exist, or say which
    sides = [_side(store, ref, find) for ref in refs]
    old, new = sides
    ops = tuple((differ or engine_opcodes)(old.text, new.text))
    changes = tuple(_changes(old, new, ops))
    ledger = tuple(compare_ledgers(old, new, ops))
    metadata = tuple(metadata_changes(old, new))
    if not generated:
        from ..store import today

        generated = today()
    return Report(old, new, ops, changes, ledger, metadata, generated)


def _side(store: Store, ref: str, find: Callable[[Store, Document, str], list[Span]]) -> Side:
    version = store.resolve(ref)
    doc = store.document(version.doc_id)
    stream = store.stream(version.doc_id, version.stream_id)
    text = store.read_text(version)
    return Side(version, doc, stream, text, tuple(find(store, doc, text)),
                _citation(store, version.ref))


def _citation(store: Store, ref: str) -> str:
    try:
        from ..citation import cite

        return str(cite(store, ref, pinned=True).text)
    except ImportError:  # pragma: no cover
        return ""
    except Exception as exc:  # the record lacks what the house style needs
        return f"(no citation: {exc})"


def _touches(spans: Sequence[Span], lo: int, hi: int) -> bool:
    """Whether ``[lo, hi)`` overlaps a bracket (an insertion point counts when strictly
    inside one, or right against a bracket sign)."""
    for s in spans:
        if lo < s.end and s.start < hi:
            return True
        if lo == hi and s.start < lo < s.end:
            return True
    return False


_BRACKETS = re.compile(r"[\[\]]")


def classify(old: Side, new: Side, a0: int, a1: int, b0: int, b1: int) -> str:
    """``whitespace`` when only spacing differs, ``editorial`` when the change is in the
    bracket layer (inside a bracket, or a bracket sign added or dropped), else ``textual``."""
    before, after = old.text[a0:a1], new.text[b0:b1]
    if "".join(before.split()) == "".join(after.split()):
        return "whitespace"
    if _BRACKETS.search(before) or _BRACKETS.search(after):
        return "editorial"
    if _touches(old.interventions, a0, a1) or _touches(new.interventions, b0, b1):
        return "editorial"
    return "textual"


def _changes(old: Side, new: Side, ops: Sequence[Opcode]) -> list[Change]:
    out: list[Change] = []
    for tag, a0, a1, b0, b1 in ops:
        if tag == "equal":
            continue
        out.append(Change(len(out) + 1, tag, classify(old, new, a0, a1, b0, b1), a0, a1, b0, b1,
                          old.text[a0:a1], new.text[b0:b1]))
    return out


def _map_offset(ops: Sequence[Opcode], at: int) -> tuple[int, bool]:
    """Where old offset ``at`` lands in the new text, and whether it sits in kept text."""
    for tag, a0, a1, b0, _b1 in ops:
        if a0 <= at < a1 or (at == a1 == a0):
            if tag == "equal":
                return b0 + (at - a0), True
            return b0, False
    return (ops[-1][4] if ops else at), False


def _line_col(text: str, at: int) -> tuple[int, int]:
    line = text.count("\n", 0, at) + 1
    return line, at - (text.rfind("\n", 0, at) + 1) + 1


def compare_ledgers(old: Side, new: Side, ops: Sequence[Opcode]) -> list[LedgerRow]:
    """Each intervention kept, changed, added, removed, or absorbed into the text (its words
    kept without brackets), matched through the word diff."""
    rows: list[LedgerRow] = []
    claimed: set[int] = set()
    by_start = {s.start: i for i, s in enumerate(new.interventions)}
    for s in old.interventions:
        start, kept = _map_offset(ops, s.start)
        end, kept_end = _map_offset(ops, s.end - 1)
        bracket = old.text[s.start:s.end]
        if kept and kept_end and start in by_start:
            i = by_start[start]
            claimed.add(i)
            n = new.interventions[i]
            rows.append(LedgerRow("kept", n.kind, bracket, new.text[n.start:n.end],
                                  *_line_col(new.text, n.start)))
            continue
        lo, hi = start - 2, end + 2
        match = next((i for i, n in enumerate(new.interventions)
                      if i not in claimed and n.start < hi and lo < n.end), None)
        if match is not None:
            claimed.add(match)
            n = new.interventions[match]
            rows.append(LedgerRow("changed", n.kind, bracket, new.text[n.start:n.end],
                                  *_line_col(new.text, n.start)))
        elif s.inner.strip() and s.inner in new.text[max(0, lo - len(s.inner)):hi + 2]:
            rows.append(LedgerRow("absorbed", s.kind, bracket, "",
                                  *_line_col(old.text, s.start)))
        else:
            rows.append(LedgerRow("removed", s.kind, bracket, "", *_line_col(old.text, s.start)))
    for i, n in enumerate(new.interventions):
        if i not in claimed:
            rows.append(LedgerRow("added", n.kind, "", new.text[n.start:n.end],
                                  *_line_col(new.text, n.start)))
    order = {"changed": 0, "added": 1, "removed": 2, "absorbed": 3, "kept": 4}
    return sorted(rows, key=lambda r: (order[r.status], r.line, r.column))


def _flatten(value: Any, pointer: str = "") -> dict[str, Any]:
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for k, v in value.items():
            out.update(_flatten(v, f"{pointer}/{k}"))
        return out
    if isinstance(value, list) and value and all(isinstance(x, dict) for x in value):
        return {pointer: json.dumps(value, ensure_ascii=False)}
    return {pointer: value}


def metadata_changes(old: Side, new: Side) -> list[MetaChange]:
    """Fields of the version records (and of the stream and document records when the two
    sides differ in them) that differ, as JSON pointers."""
    pairs: list[tuple[str, dict[str, Any], dict[str, Any]]] = []
    ov, nv = old.version.as_dict(), new.version.as_dict()
    for key in ("number", "parent", "schema"):
        ov.pop(key, None)
        nv.pop(key, None)
    ov["agents"] = [f"{a['name']} ({a['role']})" for a in ov["agents"]]
    nv["agents"] = [f"{a['name']} ({a['role']})" for a in nv["agents"]]
    pairs.append(("/version", ov, nv))
    if old.stream.meta != new.stream.meta:
        pairs.append(("/stream", old.stream.meta, new.stream.meta))
    if old.document.meta != new.document.meta:
        pairs.append(("/document", old.document.meta, new.document.meta))
    out: list[MetaChange] = []
    for prefix, a, b in pairs:
        fa, fb = _flatten(a, prefix), _flatten(b, prefix)
        for pointer in list(dict.fromkeys([*fa, *fb])):
            if fa.get(pointer) != fb.get(pointer):
                out.append(MetaChange(pointer, fa.get(pointer), fb.get(pointer)))
    return out
