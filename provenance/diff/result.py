"""The result of a diff: one frozen object that every renderer and caller works from.

Offsets count Unicode code points (Python string indices) and ``end`` is exclusive; lines and
columns are 1-based, lines counted by ``\\n``.  ``operations`` covers both texts in order
(equal ones included); ``changes`` are the operations that are not equal.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cached_property
from typing import Any, NamedTuple

from .normalize import is_ignored, labels
from .options import DiffOptions
from .tokenize import count_words

EQUAL = "equal"
INSERT = "insert"
DELETE = "delete"
REPLACE = "replace"
#: The kinds of operation, as ``Operation.op`` holds them.
OPS = (EQUAL, INSERT, DELETE, REPLACE)

#: Version of the JSON output (``diff-output.schema.json``).
FORMAT_VERSION = 1


class Operation(NamedTuple):
    """One stretch of the edit script: ``old[old_start:old_end]`` becomes
    ``new[new_start:new_end]``.

    ``labels`` names what a change is confined to (``whitespace``, ``unicode``, ``quotes``,
    ``case``, ``punctuation``; empty for a change of the words); ``ignored`` is true when the
    diff's options hide it (it is kept so that :meth:`DiffResult.apply` stays exact);
    ``category`` is left ``None`` here for later classing (editorial, textual, ...).
    """

    op: str
    old_start: int
    old_end: int
    new_start: int
    new_end: int
    old: str
    new: str
    old_line: int
    old_column: int
    new_line: int
    new_column: int
    labels: tuple[str, ...] = ()
    ignored: bool = False
    category: str | None = None

    @property
    def is_change(self) -> bool:
        return self.op != EQUAL

    def as_dict(self) -> dict[str, Any]:
        """The change as JSON output carries it (``diff-output.schema.json``)."""
        return {
            "op": self.op,
            "old": self.old,
            "new": self.new,
            "old_start": self.old_start,
            "old_end": self.old_end,
            "new_start": self.new_start,
            "new_end": self.new_end,
            "old_line": self.old_line,
            "old_column": self.old_column,
            "new_line": self.new_line,
            "new_column": self.new_column,
            "labels": list(self.labels),
            "ignored": self.ignored,
            "category": self.category,
        }


class Stats(NamedTuple):
    """What a diff amounts to.  Ignored changes are not counted (only in ``ignored``).

    A replacement of ``k`` words by ``j`` counts ``min(k, j)`` words changed and the rest as
    inserted or deleted; each Chinese, Japanese or Korean character counts as a word.  A
    change confined to whitespace, quotes, case, punctuation or Unicode form counts no words:
    it is counted in ``labelled``, per label.
    """

    changes: int
    words_changed: int
    words_inserted: int
    words_deleted: int
    lines_old: int  # lines of the old text touched by a change
    lines_new: int  # lines of the new text touched by a change
    ignored: int
    labelled: dict[str, int]  # changes per label

    def as_dict(self) -> dict[str, Any]:
        return {
            "changes": self.changes,
            "words_changed": self.words_changed,
            "words_inserted": self.words_inserted,
            "words_deleted": self.words_deleted,
            "lines_old": self.lines_old,
            "lines_new": self.lines_new,
            "ignored": self.ignored,
            "labelled": dict(self.labelled),
        }


def _lines_touched(spans: Iterable[tuple[int, int]]) -> int:
    """How many distinct lines the (first line, last line) spans cover together."""
    total = 0
    last = 0
    for first, final in sorted(spans):
        first = max(first, last + 1)
        if final >= first:
            total += final - first + 1
            last = final
    return total


def _sha256(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


class DiffResult:
    """A word-level diff of two texts (see the module docstring for offsets and positions).

    ``degraded`` is true only when a caller's time limit cut the word-level work short; the
    result is then still exact (``apply`` gives the new text) but some regions are whole
    lines, and ``warnings`` says so.
    """

    def __init__(
        self,
        old_text: str,
        new_text: str,
        operations: tuple[Operation, ...],
        options: DiffOptions | None = None,
        old_label: str = "old",
        new_label: str = "new",
        degraded: bool = False,
        warnings: tuple[str, ...] = (),
    ) -> None:
        setattr_ = object.__setattr__
        setattr_(self, "old_text", old_text)
        setattr_(self, "new_text", new_text)
        setattr_(self, "operations", operations)
        setattr_(self, "options", options if options is not None else DiffOptions())
        setattr_(self, "old_label", old_label)
        setattr_(self, "new_label", new_label)
        setattr_(self, "degraded", degraded)
        setattr_(self, "warnings", warnings)

    old_text: str
    new_text: str
    operations: tuple[Operation, ...]
    options: DiffOptions
    old_label: str
    new_label: str
    degraded: bool
    warnings: tuple[str, ...]

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"a DiffResult is read-only (cannot set {name!r})")

    def _fields(self) -> dict[str, Any]:
        return {
            "old_text": self.old_text,
            "new_text": self.new_text,
            "operations": self.operations,
            "options": self.options,
            "old_label": self.old_label,
            "new_label": self.new_label,
            "degraded": self.degraded,
            "warnings": self.warnings,
        }

    def replace(self, **changes: Any) -> DiffResult:
        """A copy with some fields changed."""
        return DiffResult(**{**self._fields(), **changes})

    def __eq__(self, other: object) -> bool:
        return isinstance(other, DiffResult) and self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(tuple(self._fields().values()))

    def __repr__(self) -> str:
        return (
            f"DiffResult(old_label={self.old_label!r}, new_label={self.new_label!r}, "
            f"changes={len(self.changes)}, degraded={self.degraded!r})"
        )

    @cached_property
    def changes(self) -> tuple[Operation, ...]:
        """Every operation that is not equal, ignored ones included, in order."""
        return tuple(op for op in self.operations if op.op != EQUAL)

    @cached_property
    def reported(self) -> tuple[Operation, ...]:
        """The changes to show and count: those the options do not ignore."""
        return tuple(op for op in self.changes if not op.ignored)

    @property
    def differs(self) -> bool:
        """Whether the texts differ (in what the options do not ignore)."""
        return bool(self.reported)

    @cached_property
    def stats(self) -> Stats:
        changed = inserted = deleted = 0
        old_spans: list[tuple[int, int]] = []
        new_spans: list[tuple[int, int]] = []
        labelled: dict[str, int] = {}
        for ch in self.reported:
            wo = count_words(ch.old) if ch.old and not ch.labels else 0
            wn = count_words(ch.new) if ch.new and not ch.labels else 0
            common = min(wo, wn)
            changed += common
            deleted += wo - common
            inserted += wn - common
            span = _touched(ch.old, ch.old_line, ch.old_column, ch.new)
            if span:
                old_spans.append(span)
            span = _touched(ch.new, ch.new_line, ch.new_column, ch.old)
            if span:
                new_spans.append(span)
            for label in ch.labels:
                labelled[label] = labelled.get(label, 0) + 1
        return Stats(
            changes=len(self.reported),
            words_changed=changed,
            words_inserted=inserted,
            words_deleted=deleted,
            lines_old=_lines_touched(old_spans),
            lines_new=_lines_touched(new_spans),
            ignored=len(self.changes) - len(self.reported),
            labelled=labelled,
        )

    def apply(self, old: str | None = None) -> str:
        """The new text, made by applying the changes to ``old`` (the old text by default).

        Raises :class:`~provenance.errors.InputError` when ``old`` does not hold, where a
        change says it should, the text that change replaces.
        """
        text = self.old_text if old is None else old
        parts: list[str] = []
        pos = 0
        for ch in self.changes:
            if text[ch.old_start : ch.old_end] != ch.old:
                from ..errors import InputError

                raise InputError(
                    f"the diff does not apply: the text at {ch.old_line}:"
                    f"{ch.old_column} is not {ch.old[:40]!r}",
                    line=ch.old_line,
                    column=ch.old_column,
                )
            parts.append(text[pos : ch.old_start])
            parts.append(ch.new)
            pos = ch.old_end
        parts.append(text[pos:])
        return "".join(parts)

    def with_categories(self, categories: Sequence[str | None]) -> DiffResult:
        """A copy with ``category`` set on each change (``categories`` in the order of
        :attr:`changes`)."""
        if len(categories) != len(self.changes):
            raise ValueError("one category per change is needed")
        it = iter(categories)
        ops = tuple(
            op if op.op == EQUAL else op._replace(category=next(it)) for op in self.operations
        )
        return self.replace(operations=ops)

    def side(self, which: str) -> dict[str, Any]:
        text, label = (
            (self.old_text, self.old_label) if which == "old" else (self.new_text, self.new_label)
        )
        return {
            "label": label,
            "chars": len(text),
            "lines": text.count("\n") + (1 if text and not text.endswith("\n") else 0),
            "sha256": _sha256(text),
        }

    def as_dict(self) -> dict[str, Any]:
        """The result as ``provenance diff --format json`` prints it."""
        return {
            "format_version": FORMAT_VERSION,
            "changes": [ch.as_dict() for ch in self.changes],
            "subject": "text",
            "old": self.side("old"),
            "new": self.side("new"),
            "differs": self.differs,
            "stats": self.stats.as_dict(),
            "options": self.options.as_dict(),
            "degraded": self.degraded,
            "warnings": list(self.warnings),
        }


def _touched(text: str, line: int, column: int, other: str) -> tuple[int, int] | None:
    """The lines of one side a change touches: those its text spans (a line break at its
    very end does not reach the next line); with no text on this side, the line the other
    side's text goes into, unless that text is whole lines put in at a line start."""
    if text:
        return line, line + text.count("\n", 0, len(text) - 1)
    if column == 1 and other.endswith("\n"):
        return None
    return line, line


def build(
    old: str,
    new: str,
    spans: Sequence[tuple[str, int, int, int, int]],
    options: DiffOptions,
    **fields: Any,
) -> DiffResult:
    """The result object from the engine's spans: adjacent spans of one kind joined (a change
    the options ignore stays apart from a change beside it), each change labelled, every
    operation given its line and column on both sides."""
    ignoring = bool(options.ignored)
    merged: list[list[Any]] = []  # [kind, a0, a1, b0, b1], kind "equal" | "change" | "ignored"
    for kind, a0, a1, b0, b1 in spans:
        if a0 == a1 and b0 == b1:
            continue
        if kind != "equal":
            kind = (
                "ignored" if ignoring and is_ignored(old[a0:a1], new[b0:b1], options) else "change"
            )
        if merged and merged[-1][0] == kind:
            merged[-1][2] = a1
            merged[-1][4] = b1
        else:
            merged.append([kind, a0, a1, b0, b1])
    merged = _trim_spaces(old, new, merged)
    ops: list[Operation] = []
    pos_old = _Positions(old)
    pos_new = _Positions(new)
    for kind, a0, a1, b0, b1 in merged:
        la, ca = pos_old.at(a0)
        lb, cb = pos_new.at(b0)
        if kind == "equal":
            text = old[a0:a1]
            ops.append(Operation(EQUAL, a0, a1, b0, b1, text, text, la, ca, lb, cb))
            continue
        o, n = old[a0:a1], new[b0:b1]
        op = REPLACE if o and n else DELETE if o else INSERT
        ignored = kind == "ignored" and is_ignored(o, n, options)
        ops.append(
            Operation(
                op, a0, a1, b0, b1, o, n, la, ca, lb, cb, labels(o, n, options.ignored), ignored
            )
        )
    return DiffResult(old, new, tuple(ops), options, **fields)


_LEAD_SPACE = re.compile(r"\s+")
_TAIL_SPACE = re.compile(r"\s+$")


def _trim_spaces(old: str, new: str, merged: list[list[Any]]) -> list[list[Any]]:
    """Whitespace that starts (or ends) both sides of a change alike moved out of it, into
    the equal text beside it (``[- Department-]{+ department+}`` -> `` [-Department-]...``)."""
    out: list[list[Any]] = []
    for entry in merged:
        kind, a0, a1, b0, b1 = entry
        if kind == "equal" or a0 == a1 or b0 == b1:
            out.append(entry)
            continue
        lead = _LEAD_SPACE.match(old, a0, a1)
        if (
            lead
            and lead.end() < a1
            and old[a0 : lead.end()] == new[b0 : b0 + lead.end() - a0]
            and (lead.end() - a0 < b1 - b0)
        ):
            k = lead.end() - a0
            if out and out[-1][0] == "equal":
                out[-1][2] += k
                out[-1][4] += k
            else:
                out.append(["equal", a0, a0 + k, b0, b0 + k])
            a0, b0 = a0 + k, b0 + k
        tail = _TAIL_SPACE.search(old, a0, a1)
        k = tail.end() - tail.start() if tail else 0
        follow: list[Any] | None = None
        if (
            k
            and k < a1 - a0
            and k < b1 - b0
            and old[a1 - k : a1] == new[b1 - k : b1]
            and (not new[b1 - k - 1].isspace())
        ):
            follow = ["equal", a1 - k, a1, b1 - k, b1]
            a1, b1 = a1 - k, b1 - k
        out.append([kind, a0, a1, b0, b1])
        if follow:
            out.append(follow)
    joined: list[list[Any]] = []
    for entry in out:
        if joined and joined[-1][0] == "equal" == entry[0]:
            joined[-1][2], joined[-1][4] = entry[2], entry[4]
        else:
            joined.append(entry)
    return joined


class _Positions:
    """Line and column of offsets asked in increasing order (one pass over the text)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.line = 1
        self.line_start = 0

    def at(self, offset: int) -> tuple[int, int]:
        text = self.text
        newlines = text.count("\n", self.pos, offset)
        if newlines:
            self.line += newlines
            self.line_start = text.rfind("\n", self.pos, offset) + 1
        self.pos = offset
        return self.line, offset - self.line_start + 1


__all__ = [
    "DELETE",
    "EQUAL",
    "INSERT",
    "OPS",
    "REPLACE",
    "DiffResult",
    "Operation",
    "Stats",
    "build",
]
