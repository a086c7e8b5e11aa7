"""The result of a diff: one frozen object that every renderer and caller works from.

Offsets count Unicode code points (Python string indices) and ``end`` is exclusive; lines and
columns are 1-based, lines counted by ``\\n``.  ``operations`` covers both texts in order
(equal ones included); ``changes`` are the operations that are not equal.
"""

from __future__ import annotations

import gc
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import cached_property
from itertools import chain, pairwise
from typing import Any, NamedTuple

from .normalize import is_ignored, labels
from .options import DiffOptions
from .tokenize import (
    WORD_CHARS_RE,
    WORD_RE,
    count_words,
    is_word,
    may_hold_no_space_script,
    tokenize,
)

EQUAL = "equal"
INSERT = "insert"
DELETE = "delete"
REPLACE = "replace"
#: The kinds of operation, as ``Operation.op`` holds them.
OPS = (EQUAL, INSERT, DELETE, REPLACE)

#: Version of the JSON output (``diff-output.schema.json``).
FORMAT_VERSION = 1

#: Builds a named tuple from a tuple of all its fields, without the generated ``__new__``
#: (a result of a large diff makes hundreds of thousands of operations).
_new = tuple.__new__
#: Every ASCII character but the letters and digits (what :func:`.normalize.labels`
#: compares first: where the letters and digits differ, a change has no label).
_ASCII_OTHER = dict.fromkeys(i for i in range(128) if not chr(i).isalnum())


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
    move: int | None = None

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
            "move": self.move,
        }


class Move(NamedTuple):
    """A passage deleted in one place and inserted, unchanged or nearly so, in another.

    ``deleted`` and ``inserted`` index :attr:`DiffResult.operations`: the deletion (in the
    old text's order) and the insertion (in the new text's); both operations carry this
    move's ``id`` in their ``move``.  ``words`` counts the passage's words (as deleted),
    ``words_changed`` how many of them differ where it arrived (0: moved unchanged).
    """

    id: int
    deleted: int
    inserted: int
    words: int
    words_changed: int
    unchanged: bool = False  # the same text, but for the whitespace around it

    def as_dict(self, operations: Sequence[Operation]) -> dict[str, Any]:
        d, i = operations[self.deleted], operations[self.inserted]
        return {
            "id": self.id,
            "old_start": d.old_start,
            "old_end": d.old_end,
            "old_line": d.old_line,
            "old_column": d.old_column,
            "new_start": i.new_start,
            "new_end": i.new_end,
            "new_line": i.new_line,
            "new_column": i.new_column,
            "words": self.words,
            "words_changed": self.words_changed,
            "unchanged": self.unchanged,
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
    moves: int = 0  # passages moved (their words are not counted as inserted or deleted)
    words_moved: int = 0

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
            "moves": self.moves,
            "words_moved": self.words_moved,
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
        moves: tuple[Move, ...] = (),
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
        setattr_(self, "moves", moves)

    old_text: str
    new_text: str
    operations: tuple[Operation, ...]
    options: DiffOptions
    old_label: str
    new_label: str
    degraded: bool
    warnings: tuple[str, ...]
    #: Passages moved unchanged or nearly so (see :class:`Move`).
    moves: tuple[Move, ...]

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
            "moves": self.moves,
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
        return tuple([op for op in self.operations if op[0] != EQUAL])

    @cached_property
    def reported(self) -> tuple[Operation, ...]:
        """The changes to show and count: those the options do not ignore."""
        return tuple([op for op in self.changes if not op[12]])  # not op.ignored

    @property
    def differs(self) -> bool:
        """Whether the texts differ (in what the options do not ignore)."""
        return bool(self.reported)

    @cached_property
    def stats(self) -> Stats:
        changed = inserted = deleted = moved = 0
        labelled: dict[str, int] = {}
        findall = WORD_RE.findall  # count_words() of a text in ASCII
        # The lines touched on each side (see _touched), counted as the changes come, in the
        # order of both texts; should a change come out of order, all are counted again.
        lines_a = lines_b = last_a = last_b = 0
        prev_a = prev_b = (0, 0)
        in_order = True
        for ch in self.reported:
            old, new, tags = ch[5], ch[6], ch[11]
            if tags:
                wo = wn = 0
                for label in tags:
                    labelled[label] = labelled.get(label, 0) + 1
            else:
                wo = (len(findall(old)) if old.isascii() else count_words(old)) if old else 0
                wn = (len(findall(new)) if new.isascii() else count_words(new)) if new else 0
            if ch[14] is not None:  # the moved passage is counted as moved, not deleted
                if _moved_side(ch) == "old":
                    moved += wo
                    wo = 0
                else:
                    wn = 0
            common = wo if wo < wn else wn
            changed += common
            deleted += wo - common
            inserted += wn - common
            # the old side's lines, then the new side's (written out twice: this loop runs
            # once per change of a diff of whole volumes)
            first = ch[7]
            if old:
                final = first + old.count("\n", 0, len(old) - 1)
            elif ch[8] == 1 and new.endswith("\n"):
                first = 0
            else:
                final = first
            if first:
                if (first, final) < prev_a:
                    in_order = False
                prev_a = (first, final)
                if first <= last_a:
                    first = last_a + 1
                if final >= first:
                    lines_a += final - first + 1
                    last_a = final
            first = ch[9]
            if new:
                final = first + new.count("\n", 0, len(new) - 1)
            elif ch[10] == 1 and old.endswith("\n"):
                first = 0
            else:
                final = first
            if first:
                if (first, final) < prev_b:
                    in_order = False
                prev_b = (first, final)
                if first <= last_b:
                    first = last_b + 1
                if final >= first:
                    lines_b += final - first + 1
                    last_b = final
        if not in_order:
            lines_a = _lines_touched(
                span
                for ch in self.reported
                if (span := _touched(ch.old, ch.old_line, ch.old_column, ch.new))
            )
            lines_b = _lines_touched(
                span
                for ch in self.reported
                if (span := _touched(ch.new, ch.new_line, ch.new_column, ch.old))
            )
        return Stats(
            changes=len(self.reported),
            words_changed=changed,
            words_inserted=inserted,
            words_deleted=deleted,
            lines_old=lines_a,
            lines_new=lines_b,
            ignored=len(self.changes) - len(self.reported),
            labelled=labelled,
            moves=len(self.moves),
            words_moved=moved,
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
        ops = list(self.operations)
        where = [i for i, op in enumerate(ops) if op[0] != EQUAL]
        for i, category in zip(where, categories, strict=True):
            op = ops[i]
            ops[i] = _new(Operation, (*op[:13], category, op[14]))  # op._replace(category=...)
        result = self.replace(operations=tuple(ops))
        if "stats" in self.__dict__:  # the statistics do not depend on the categories
            result.__dict__["stats"] = self.__dict__["stats"]
        return result

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
        return self._as_dict([ch.as_dict() for ch in self.changes])

    def _as_dict(self, changes: list[dict[str, Any]]) -> dict[str, Any]:
        """:meth:`as_dict` with the changes given (the JSON renderer writes them itself)."""
        return {
            "format_version": FORMAT_VERSION,
            "changes": changes,
            "subject": "text",
            "old": self.side("old"),
            "new": self.side("new"),
            "differs": self.differs,
            "stats": self.stats.as_dict(),
            "options": self.options.as_dict(),
            "degraded": self.degraded,
            "warnings": list(self.warnings),
            "moves": [m.as_dict(self.operations) for m in self.moves],
        }


@contextmanager
def gc_paused() -> Iterator[None]:
    """Python's cyclic garbage collector held off while a large result is made (and left as
    it was found).  The result of a diff of whole volumes is hundreds of thousands of tuples
    and strings in no reference cycle; the collector, which runs after every few hundred
    new objects, would walk them all again and again as they are made: a third of the time
    of building and classing the changes of a 5 MB text with 80,000 of them."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


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
    *,
    moves: bool = True,
    **fields: Any,
) -> DiffResult:
    """The result object from the engine's spans: adjacent spans of one kind joined (a change
    the options ignore stays apart from a change beside it), each change labelled, every
    operation given its line and column on both sides."""
    with gc_paused():
        ops, found = _operations(old, new, spans, options, moves)
        return DiffResult(old, new, tuple(ops), options, moves=tuple(found), **fields)


def _operations(
    old: str,
    new: str,
    spans: Sequence[tuple[str, int, int, int, int]],
    options: DiffOptions,
    moves: bool,
) -> tuple[list[Operation], list[Move]]:
    """The operations and moves of :func:`build`."""
    prefer = options.ignored
    ignoring = bool(prefer)
    merged: list[list[Any]] = []  # [kind, a0, a1, b0, b1], kind "equal" | "change" | "ignored"
    last: list[Any] = [None]
    append = merged.append
    for kind, a0, a1, b0, b1 in spans:
        if a0 == a1 and b0 == b1:
            continue
        if kind != "equal":
            kind = (
                "ignored" if ignoring and is_ignored(old[a0:a1], new[b0:b1], options) else "change"
            )
        if last[0] == kind:
            last[2] = a1
            last[4] = b1
        else:
            last = [kind, a0, a1, b0, b1]
            append(last)
    merged = _trim_spaces(old, new, merged)
    ops: list[Operation] = []
    add = ops.append
    # Each operation's line and column on both sides, counted on from the previous one's.
    line_a = line_b = 1
    start_a = start_b = pos_a = pos_b = 0
    count_a, count_b, rfind_a, rfind_b = old.count, new.count, old.rfind, new.rfind
    movable: list[int] = []  # changes long enough to hold a moved passage
    short = 2 * MOVE_MIN_WORDS - 1
    for kind, a0, a1, b0, b1 in merged:
        if a0 != pos_a:
            breaks = count_a("\n", pos_a, a0)
            if breaks:
                line_a += breaks
                start_a = rfind_a("\n", pos_a, a0) + 1
            pos_a = a0
        if b0 != pos_b:
            breaks = count_b("\n", pos_b, b0)
            if breaks:
                line_b += breaks
                start_b = rfind_b("\n", pos_b, b0) + 1
            pos_b = b0
        if kind == "equal":
            text = old[a0:a1]
            # fmt: off
            add(_new(Operation, (
                EQUAL, a0, a1, b0, b1, text, text,
                line_a, a0 - start_a + 1, line_b, b0 - start_b + 1, (), False, None, None,
            )))
            # fmt: on
            continue
        o, n = old[a0:a1], new[b0:b1]
        if o and n:
            op = REPLACE
            if o.isascii() and n.isascii():
                # labels() finds none where the letters and digits differ (most changes)
                tags = (
                    ()
                    if o.lower().translate(_ASCII_OTHER) != n.lower().translate(_ASCII_OTHER)
                    else labels(o, n, prefer)
                )
            else:
                tags = labels(o, n, prefer)
        else:
            op = DELETE if o else INSERT
            tags = () if WORD_CHARS_RE.search(o or n) else labels(o, n, prefer)
        ignored = kind == "ignored" and is_ignored(o, n, options)
        if not (ignored or tags) and (
            (len(o) >= short or (len(o) >= MOVE_MIN_WORDS and not o.isascii()))
            or (len(n) >= short or (len(n) >= MOVE_MIN_WORDS and not n.isascii()))
        ):
            movable.append(len(ops))
        # fmt: off
        add(_new(Operation, (
            op, a0, a1, b0, b1, o, n,
            line_a, a0 - start_a + 1, line_b, b0 - start_b + 1, tags, ignored, None, None,
        )))
        # fmt: on
    found: list[Move] = []
    if moves and movable:
        ops, found = place_moves(ops, options, movable)
    return ops, found


#: A passage of fewer words is not reported as moved (a word or two recurs by chance).
MOVE_MIN_WORDS = 8
#: A change of more paragraphs (or lines) than this is looked at whole, not piece by piece.
MOVE_PIECES = 50
#: How alike a deleted and an inserted passage must be to be one passage moved: the share
#: of their words in common (twice the common words over the words of both).
MOVE_SIMILARITY = 0.8


def _words_of(text: str) -> list[str]:
    """The words of ``text``, to compare passages by (outside the scripts written without
    spaces one regular expression finds them: a word token that starts with underscores
    followed by a combining mark is read from its first letter, no matter here)."""
    if not may_hold_no_space_script(text):
        return WORD_RE.findall(text)
    return [t for t in tokenize(text) if is_word(t)]


def _piece_words(text: str) -> Callable[[int, int], list[str]]:
    """The words of ``text[p0:p1]`` (:func:`_words_of`) for pieces that start and end at
    line boundaries.  Paragraphs, lines and the whole text share their lines' words: in
    ASCII text (no script without spaces, no word across a line break) each line is
    searched once."""
    if "\n" not in text or not text.isascii():
        return lambda p0, p1: _words_of(text[p0:p1])
    findall = WORD_RE.findall
    starts: list[int] = []
    found: list[list[str]] = []
    pos = 0
    while pos < len(text):
        end = text.find("\n", pos) + 1 or len(text)
        starts.append(pos)
        found.append(findall(text, pos, end))
        pos = end
    line = {start: k for k, start in enumerate(starts)}
    count = len(starts)

    def words(p0: int, p1: int) -> list[str]:
        out: list[str] = []
        k = line[p0]
        while k < count and starts[k] < p1:
            out += found[k]
            k += 1
        return out

    return words


_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` of each paragraph of ``text``, the blank lines after one with it."""
    if "\n" not in text:
        return [(0, len(text))]
    out = []
    pos = 0
    for m in _BLANK_LINE.finditer(text):
        if m.end() > pos:
            out.append((pos, m.end()))
            pos = m.end()
    if pos < len(text):
        out.append((pos, len(text)))
    return out


def _lines_of(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` of each line of ``text`` that is not the whole of it."""
    out = []
    pos = 0
    while pos < len(text):
        end = text.find("\n", pos) + 1 or len(text)
        out.append((pos, end))
        pos = end
    return out if len(out) > 1 else []


#: A passage that may have moved: (operation, "old" or "new", start, end in its text, words).
_Passage = tuple[int, str, int, int, list[str]]


def find_moves(ops: Sequence[Operation], options: DiffOptions | None = None) -> list[Move]:
    """The moves :func:`place_moves` finds, as the operations it is given stand (a change
    it would split is not split: only moves between whole changes are returned)."""
    placed, moves = place_moves(list(ops), options)
    return moves if len(placed) == len(ops) else []


def place_moves(
    ops: list[Operation],
    options: DiffOptions | None = None,
    candidates: Iterable[int] | None = None,
) -> tuple[list[Operation], list[Move]]:
    """Passages deleted in one place and inserted in another that hold the same text, or
    nearly (:data:`MOVE_SIMILARITY` of their words in common); each passage is used once,
    the most alike pairs first.  Only passages of :data:`MOVE_MIN_WORDS` words or more are
    looked at: the deleted or inserted text of each change, and each of its paragraphs
    apart (a moved paragraph may land beside a new one, or where another was replaced, and
    be one change with it).  A change whose moved passage is not all of it is split into a
    deletion and an insertion per passage; the operations are returned with each move's
    ends marked.  ``candidates``, when given, are the indices of the only operations that
    may hold a moved passage (:func:`build` knows them as it makes the operations)."""
    gone: list[_Passage] = []
    came: list[_Passage] = []
    for k in range(len(ops)) if candidates is None else candidates:
        op = ops[k]
        if op.op == EQUAL or op.ignored or op.labels:
            continue
        for side, text in (("old", op.old), ("new", op.new)):
            if len(text) < 2 * MOVE_MIN_WORDS - 1 and (
                len(text) < MOVE_MIN_WORDS or text.isascii()
            ):
                continue  # too short to hold that many words (most changes)
            pieces = _paragraphs(text)
            if len(pieces) > MOVE_PIECES:
                pieces = []
            pieces.append((0, len(text)))  # the whole change too
            if 1 < text.count("\n") <= MOVE_PIECES:  # and each line, where paragraphs are lines
                pieces += _lines_of(text)
            words_of = _piece_words(text)
            for p0, p1 in pieces:
                words = words_of(p0, p1)
                if len(words) >= MOVE_MIN_WORDS:
                    (gone if side == "old" else came).append((k, side, p0, p1, words))
    # Two passages can be alike only if neither has over half as many words again as the
    # other (2 * common / (x + y) >= 0.8): passages with no partner of a fitting size on
    # the other side are left out before any are compared.
    gone, came = _sized(gone, came), _sized(came, gone)
    if not gone or not came:
        return ops, []

    # Candidates share a run of three words; alike pairs are taken best first.
    index: dict[tuple[str, ...], set[int]] = {}
    for d, passage in enumerate(gone):
        words = passage[4]
        for gram in zip(words, words[1:], words[2:], strict=False):
            index.setdefault(gram, set()).add(d)
    scored: list[tuple[float, int, int]] = []
    bags: dict[int, Counter[str]] = {}
    get = index.get
    for n, passage in enumerate(came):
        words = passage[4]
        found = [get(gram) for gram in zip(words, words[1:], words[2:], strict=False)]
        # a phrase found everywhere tells nothing
        hits = Counter(chain.from_iterable(f for f in found if f and len(f) <= 50))
        if not hits:
            continue
        bag = Counter(words)
        for d, _ in hits.most_common(5):
            if gone[d][0] == passage[0]:
                continue  # a change's own two sides: an edit in place, not a move
            other = bags.get(d)
            if other is None:
                other = bags[d] = Counter(gone[d][4])
            common = _common(other, bag)
            score = 2 * common / (len(gone[d][4]) + len(words))
            if score >= MOVE_SIMILARITY:
                scored.append((score, d, n))
    scored.sort(key=lambda x: (-x[0], x[1], x[2]))
    taken: dict[tuple[int, str], list[tuple[int, int]]] = {}  # chosen spans per change side

    def free(p: _Passage) -> bool:
        return not any(p[2] < e and s < p[3] for s, e in taken.get((p[0], p[1]), ()))

    chosen: list[tuple[_Passage, _Passage]] = []
    for _score, d, n in scored:
        pd, pn = gone[d], came[n]
        if free(pd) and free(pn):
            taken.setdefault((pd[0], pd[1]), []).append((pd[2], pd[3]))
            taken.setdefault((pn[0], pn[1]), []).append((pn[2], pn[3]))
            chosen.append((pd, pn))
    if not chosen:
        return ops, []
    # Split the changes whose moved passages are not the whole of their moved side.
    split = {k for (k, side), spans in taken.items() if not _whole(ops[k], side, spans)}
    where: dict[tuple[int, str, int], int] = {}  # (change, side, start) -> new index
    out: list[Operation] = []
    done = 0  # the operations before this one are in ``out``
    for k in sorted({k for k, _ in taken}):  # the changes a passage is taken from
        out += ops[done:k]
        done = k + 1
        op = ops[k]
        if k not in split:
            for side in ("old", "new"):
                for p0, _ in taken.get((k, side), ()):
                    where[k, side, p0] = len(out)
            out.append(op)
            continue
        for side in ("old", "new"):
            text = op.old if side == "old" else op.new
            cuts = sorted({0, len(text), *(c for span in taken.get((k, side), ()) for c in span)})
            for c0, c1 in pairwise(cuts):
                if (k, side) in taken and any(s == c0 for s, _ in taken[k, side]):
                    where[k, side, c0] = len(out)
                out.append(_part(op, side, c0, c1))
    out += ops[done:]
    moves = []
    pairs = sorted(
        (where[pd[0], "old", pd[2]], where[pn[0], "new", pn[2]], pd, pn) for pd, pn in chosen
    )
    marks: dict[int, int] = {}
    for number, (kd, kn, pd, pn) in enumerate(pairs, start=1):
        a = ops[pd[0]].old[pd[2] : pd[3]]
        b = ops[pn[0]].new[pn[2] : pn[3]]
        same = a.strip() == b.strip()
        changed = 0 if same else _words_changed(a, b)
        moves.append(Move(number, kd, kn, count_words(a), changed, same))
        marks[kd] = marks[kn] = number
    for i, number in marks.items():
        out[i] = out[i]._replace(move=number)
    return out, moves


def _common(a: Counter[str], b: Counter[str]) -> int:
    """How many words two bags have in common (``(a & b).total()``, without making the
    bag)."""
    if len(b) < len(a):
        a, b = b, a
    get = b.get
    return sum([c if c <= (m := get(w, 0)) else m for w, c in a.items()])


def _sized(these: list[_Passage], others: list[_Passage]) -> list[_Passage]:
    """The passages of ``these`` with a passage of ``others`` of a size they may match."""
    from bisect import bisect_left

    ratio = MOVE_SIMILARITY / (2 - MOVE_SIMILARITY)  # the smaller over the larger, at least
    sizes = sorted(len(p[4]) for p in others)
    out = []
    for p in these:
        n = len(p[4])
        k = bisect_left(sizes, n * ratio)
        if k < len(sizes) and sizes[k] * ratio <= n:
            out.append(p)
    return out


def _whole(op: Operation, side: str, spans: list[tuple[int, int]]) -> bool:
    """Whether one passage is all the words of a change that may move whole: its moved side
    (:func:`_moved_side`), with no word outside the passage."""
    if len(spans) != 1 or _moved_side(op) != side:
        return False
    text = op.old if side == "old" else op.new
    s, e = spans[0]
    return count_words(text[:s]) == 0 and count_words(text[e:]) == 0


def _part(op: Operation, side: str, c0: int, c1: int) -> Operation:
    """The deletion (``side`` old) or insertion of ``[c0, c1)`` of a change's text, with
    its place in both texts."""
    if side == "old":
        text = op.old
        line, column = _advance(text, c0, op.old_line, op.old_column)
        return Operation(
            "delete",
            op.old_start + c0,
            op.old_start + c1,
            op.new_start,
            op.new_start,
            text[c0:c1],
            "",
            line,
            column,
            op.new_line,
            op.new_column,
        )
    text = op.new
    old_line, old_column = _advance(op.old, len(op.old), op.old_line, op.old_column)
    line, column = _advance(text, c0, op.new_line, op.new_column)
    return Operation(
        "insert",
        op.old_end,
        op.old_end,
        op.new_start + c0,
        op.new_start + c1,
        "",
        text[c0:c1],
        old_line,
        old_column,
        line,
        column,
    )


def _advance(text: str, offset: int, line: int, column: int) -> tuple[int, int]:
    """Line and column ``offset`` characters into ``text``, which starts at (line, column)."""
    breaks = text.count("\n", 0, offset)
    if not breaks:
        return line, column + offset
    return line + breaks, offset - text.rfind("\n", 0, offset)


def _moved_side(op: Operation) -> str | None:
    """Which side of a change may be a passage moved: the deleted text of a deletion, the
    inserted text of an insertion, or of a replacement the side with
    :data:`MOVE_MIN_WORDS` words or more where the other has under a quarter as many (a word
    edited next to a moved paragraph joins it in one change)."""
    if len(op.old) < MOVE_MIN_WORDS and len(op.new) < MOVE_MIN_WORDS:
        return None  # too short to hold that many words (most changes)
    wo = count_words(op.old) if op.old else 0
    wn = count_words(op.new) if op.new else 0
    if wo >= MOVE_MIN_WORDS and 4 * wn < wo:
        return "old"
    if wn >= MOVE_MIN_WORDS and 4 * wo < wn:
        return "new"
    return None


def moved_text(op: Operation) -> str:
    """The text of a change that moved (see :func:`find_moves`): its old side where it was
    the passage's source, its new side where it was the passage's destination."""
    return op.old if _moved_side(op) == "old" else op.new


def _words_changed(a: str, b: str) -> int:
    """Words of ``a`` not kept in ``b`` or of ``b`` not in ``a``, by the word diff (of the
    passage alone: no moves looked for inside it)."""
    from .engine import compute

    options = DiffOptions()
    spans, _, _ = compute(a, b, options)
    stats = build(a, b, spans, options, moves=False).stats
    return stats.words_changed + max(stats.words_inserted, stats.words_deleted)


_LEAD_SPACE = re.compile(r"\s+")
_TAIL_SPACE = re.compile(r"\s+$")


def _trim_spaces(old: str, new: str, merged: list[list[Any]]) -> list[list[Any]]:
    """Whitespace that starts (or ends) both sides of a change alike moved out of it, into
    the equal text beside it (``[- Department-]{+ department+}`` -> `` [-Department-]...``)."""
    out: list[list[Any]] = []
    append = out.append
    for entry in merged:
        kind, a0, a1, b0, b1 = entry
        if kind == "equal":
            if out and out[-1][0] == "equal":  # after a change's trailing whitespace
                out[-1][2], out[-1][4] = a1, b1
            else:
                append(entry)
            continue
        if a0 == a1 or b0 == b1 or not (old[a0].isspace() or old[a1 - 1].isspace()):
            append(entry)  # (most changes: no whitespace at either end)
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
        append([kind, a0, a1, b0, b1])
        if follow:
            append(follow)
    return out


__all__ = [
    "DELETE",
    "EQUAL",
    "INSERT",
    "OPS",
    "REPLACE",
    "DiffResult",
    "Move",
    "Operation",
    "Stats",
    "build",
    "find_moves",
    "gc_paused",
    "place_moves",
]
