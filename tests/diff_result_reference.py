"""The result's statistics, its operations, and the text and Markdown renderings as they were
before they were made faster (one pass per stage, the texts sliced rather than gathered): a
test-only reference.  ``tests/test_diff_result_fast.py`` checks that today's code gives the
same output on random edits.

Kept as it was (imports made absolute); not part of the package.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from provenance.diff.normalize import is_ignored, labels
from provenance.diff.options import DiffOptions
from provenance.diff.present import PLAIN, RenderOptions, move_note, shown, summary, visible
from provenance.diff.render import (
    BOLD,
    DIM,
    EDITORIAL_NEW,
    EDITORIAL_OLD,
    GREEN,
    RED,
    RESET,
    Group,
)
from provenance.diff.result import (
    DELETE,
    EQUAL,
    INSERT,
    REPLACE,
    DiffResult,
    Move,
    Operation,
    Stats,
    _moved_side,
    place_moves,
)
from provenance.diff.tokenize import WORD_RE, count_words, is_word, tokenize


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


def _touched(text: str, line: int, column: int, other: str) -> tuple[int, int] | None:
    """The lines of one side a change touches: those its text spans (a line break at its
    very end does not reach the next line); with no text on this side, the line the other
    side's text goes into, unless that text is whole lines put in at a line start."""
    if text:
        return line, line + text.count("\n", 0, len(text) - 1)
    if column == 1 and other.endswith("\n"):
        return None
    return line, line


def reference_stats(result: DiffResult) -> Stats:
    """What ``result.stats`` was."""
    changed = inserted = deleted = 0
    old_spans: list[tuple[int, int]] = []
    new_spans: list[tuple[int, int]] = []
    labelled: dict[str, int] = {}
    moved = 0
    for ch in result.reported:
        wo = count_words(ch.old) if ch.old and not ch.labels else 0
        wn = count_words(ch.new) if ch.new and not ch.labels else 0
        if ch.move is not None:  # the moved passage is counted as moved, not deleted
            if _moved_side(ch) == "old":
                moved += wo
                wo = 0
            else:
                wn = 0
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
        changes=len(result.reported),
        words_changed=changed,
        words_inserted=inserted,
        words_deleted=deleted,
        lines_old=_lines_touched(old_spans),
        lines_new=_lines_touched(new_spans),
        ignored=len(result.changes) - len(result.reported),
        labelled=labelled,
        moves=len(result.moves),
        words_moved=moved,
    )


def reference_build(
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
    operation given its line and column on both sides (as :func:`build` was)."""
    prefer = options.ignored
    ignoring = bool(prefer)
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
            Operation(op, a0, a1, b0, b1, o, n, la, ca, lb, cb, labels(o, n, prefer), ignored)
        )
    found: list[Move] = []
    if moves:
        ops, found = place_moves(ops, options)
    return DiffResult(old, new, tuple(ops), options, moves=tuple(found), **fields)


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


def _ctx_text(op: Operation) -> str:
    """What an operation contributes to the context around shown changes."""
    return op.old if op.op == EQUAL else op.new


def _left(text: str, words: int) -> str:
    """The end of ``text`` holding up to ``words`` words, not reaching back past a line
    break."""
    line = text[text.rfind("\n") + 1 :]
    if words <= 0 or not line:
        return ""
    tail = line[-2000:]
    if tail.isascii():
        # The words' ends (in ASCII each match is one word token), from the last few dozen
        # characters first: most lines hold the words wanted there, and a word cut short at
        # the start of them is never the one wanted.
        short = tail[-(16 * words + 40) :]
        ends = [m.end() for m in WORD_RE.finditer(short)]
        if len(ends) > words:
            return short[ends[-words - 1] :].lstrip()
        if len(short) == len(tail):
            return tail.lstrip()
        ends = [m.end() for m in WORD_RE.finditer(tail)]
        return (tail[ends[-words - 1] :] if len(ends) > words else tail).lstrip()
    toks = tokenize(tail)
    n = 0
    k = len(toks)
    while k > 0:
        if is_word(toks[k - 1]):
            if n == words:
                break
            n += 1
        k -= 1
    return "".join(toks[k:]).lstrip()


def _right(text: str, words: int) -> str:
    cut = text.find("\n")
    line = text if cut < 0 else text[:cut]
    if words <= 0 or not line:
        return ""
    head = line[:2000]
    if head.isascii():
        short = head[: 16 * words + 40]
        starts = [m.start() for m in WORD_RE.finditer(short)]
        if len(starts) > words:
            return short[: starts[words]].rstrip()
        if len(short) == len(head):
            return head.rstrip()
        starts = [m.start() for m in WORD_RE.finditer(head)]
        return (head[: starts[words]] if len(starts) > words else head).rstrip()
    toks = tokenize(head)
    n = 0
    k = 0
    while k < len(toks):
        if is_word(toks[k]):
            if n == words:
                break
            n += 1
        k += 1
    return "".join(toks[:k]).rstrip()


def reference_groups(result: DiffResult, options: RenderOptions) -> Iterator[Group]:
    """The shown changes gathered into groups: two changes join when the text between them
    has no line break and at most twice the context in words, and they carry the same
    labels."""
    ops = result.operations
    idx = shown(result, options)
    ctx = options.context
    k = 0
    while k < len(idx):
        first = idx[k]
        members = [first]
        head = ops[first]
        while k + 1 < len(idx) and head.move is None:
            nxt = idx[k + 1]
            op = ops[nxt]
            if op.labels != head.labels or op.category != head.category or op.move is not None:
                break
            between = "".join([_ctx_text(ops[i]) for i in range(members[-1] + 1, nxt)])
            if "\n" in between or count_words(between) > 2 * ctx:
                break
            members.append(nxt)
            k += 1
        k += 1
        before = _left(_gather(ops, first - 1, -1), ctx)
        after = _right(_gather(ops, members[-1] + 1, 1), ctx)
        yield Group(members, before, after)


def _gather(ops: Sequence[Operation], start: int, step: int, limit: int = 2000) -> str:
    """Context text from ``start`` onwards (``step`` 1) or backwards (-1), up to a line break
    or ``limit`` characters."""
    parts: list[str] = []
    size = 0
    i = start
    while 0 <= i < len(ops) and size < limit:
        text = _ctx_text(ops[i])
        text = text[-limit:] if step < 0 else text[:limit]
        parts.append(text)
        size += len(text)
        if "\n" in text:
            break
        i += step
    if step < 0:
        parts.reverse()
    return "".join(parts)


def _tags(op: Operation) -> list[str]:
    """What a change's line is marked with: editorial changes say so, then the labels."""
    return (["editorial"] if op.category == "editorial" else []) + list(op.labels)


# -- text -------------------------------------------------------------------------------------


def reference_text(result: DiffResult, options: RenderOptions = PLAIN) -> str:
    """Inline ``[-old-]{+new+}`` with a few words of context, one group per line, each led by
    its position in the old and the new text (``-line:column +line:column``)."""
    opts = options
    red, green, dim, bold, reset = (
        (RED, GREEN, DIM, BOLD, RESET) if opts.color else ("", "", "", "", "")
    )
    out = [f"{bold}--- {result.old_label}{reset}\n", f"{bold}+++ {result.new_label}{reset}\n"]
    if not opts.stat:
        ops = result.operations
        for g in reference_groups(result, opts):
            first = ops[g.indices[0]]
            ws = "whitespace" in first.labels
            red, green = (
                (EDITORIAL_OLD, EDITORIAL_NEW)
                if first.category == "editorial" and opts.color
                else (RED, GREEN)
                if opts.color
                else ("", "")
            )
            line = [
                f"{dim}-{first.old_line}:{first.old_column} "
                f"+{first.new_line}:{first.new_column}{reset}  ",
                visible(g.before),
            ]
            prev = None
            for i in g.indices:
                if prev is not None:
                    line.append(visible("".join(_ctx_text(ops[j]) for j in range(prev + 1, i))))
                ch = ops[i]
                if ch.old:
                    line.append(f"{red}[-{visible(ch.old, ws)}-]{reset}")
                if ch.new:
                    line.append(f"{green}{{+{visible(ch.new, ws)}+}}{reset}")
                prev = i
            line.append(visible(g.after))
            tags = _tags(first)
            note = move_note(result, g.indices[0])
            if note:
                tags.append(note)
            if tags:
                line.append(f"  {dim}({', '.join(tags)}){reset}")
            out.append("".join(line) + "\n")
    out.append(summary(result) + "\n")
    return "".join(out)


_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]|~#"})
_MD_LIMIT = 400


def _md(text: str, whitespace: bool = False) -> str:
    text = visible(text, whitespace)
    extra = ""
    if len(text) > _MD_LIMIT:
        extra = f" … ({len(text) - _MD_LIMIT:,} more characters)"
        text = text[:_MD_LIMIT]
    text = (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .translate(_MD_SPECIAL)
        .replace("\n", " ↵ ")
    )
    return text + extra


def reference_markdown(result: DiffResult, options: RenderOptions = PLAIN) -> str:
    """A list for a pull-request comment: each change with its position and context, deleted
    text in ``<del>``, inserted text in ``<ins>`` (changes over 400 characters shortened)."""
    opts = options
    from provenance.mdtext import md_code

    old, new = md_code(result.old_label), md_code(result.new_label)
    head = f"**Word diff** {old} → {new}: {_md(summary(result))}\n"
    out = [head]
    if not opts.stat:
        ops = result.operations
        items = []
        for g in reference_groups(result, opts):
            first = ops[g.indices[0]]
            ws = "whitespace" in first.labels
            parts = [f"- **{first.old_line}:{first.old_column}** ", _md(g.before)]
            prev = None
            for i in g.indices:
                if prev is not None:
                    parts.append(_md("".join(_ctx_text(ops[j]) for j in range(prev + 1, i))))
                ch = ops[i]
                if ch.old:
                    parts.append(f"<del>{_md(ch.old, ws)}</del>")
                if ch.new:
                    parts.append(f"<ins>{_md(ch.new, ws)}</ins>")
                prev = i
            parts.append(_md(g.after))
            tags = _tags(first)
            note = move_note(result, g.indices[0])
            if note:
                tags.append(note)
            if tags:
                parts.append(f" *({', '.join(tags)})*")
            items.append("".join(parts) + "\n")
        if items:
            out.append("\n")
            out.extend(items)
    return "".join(out)
