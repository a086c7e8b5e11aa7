"""The HTML rendering: one self-contained page (no script, no network), with an inline view
and a side-by-side view switched by CSS alone, readable when printed (the inline view prints;
deletions are struck through and insertions underlined, so no colour is needed).

A short text is shown whole; a long one in hunks of the lines around the changes.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from html import escape

from .present import RenderOptions, move_note, shown, summary, visible
from .result import EQUAL, DiffResult, Operation

#: Texts of at most this many lines are shown whole.
WHOLE_LINES = 400
#: Lines of context around the changes of a longer text.
CONTEXT_LINES = 3


def _e(text: str, whitespace: bool = False) -> str:
    if not whitespace and text.isprintable():  # (most pieces: nothing for visible() to do)
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return escape(visible(text, whitespace), quote=False)


def _last_line(op: Operation) -> int:
    text = op.old
    return op.old_line + (text.count("\n", 0, len(text) - 1) if text else 0)


@dataclass
class Hunk:
    first: int  # old lines, 1-based, inclusive
    last: int
    ops: list[tuple[Operation, str, str, bool]] = field(default_factory=list)
    # (operation, old text, new text, shown?) with equal text clipped to the hunk


def hunks(result: DiffResult, options: RenderOptions) -> list[Hunk]:
    """The line ranges to show, with the (clipped) operations inside each."""
    old = result.old_text
    starts = [0]
    pos = old.find("\n")
    while pos >= 0:
        starts.append(pos + 1)
        pos = old.find("\n", pos + 1)
    nlines = max(1, len(starts) - (1 if old.endswith("\n") else 0))  # none after the last
    show = set(shown(result, options))
    ops = result.operations
    if not show:
        return []
    ranges: list[list[int]] = []
    if nlines <= WHOLE_LINES:
        ranges = [[1, nlines]]
    else:
        for i in sorted(show):
            lo = max(1, min(ops[i].old_line, nlines) - CONTEXT_LINES)
            hi = min(nlines, _last_line(ops[i]) + CONTEXT_LINES)
            if ranges and lo <= ranges[-1][1] + 1:
                ranges[-1][1] = max(ranges[-1][1], hi)
            else:
                ranges.append([lo, hi])
    out = [Hunk(lo, hi) for lo, hi in ranges]
    op_starts = [op[1] for op in ops]  # op.old_start
    count = len(ops)
    for h in out:
        o1 = starts[h.first - 1]
        o2 = starts[h.last] if h.last < nlines else len(old)
        k = bisect_left(op_starts, o1)  # the first operation at or after the hunk's start ...
        if k and ops[k - 1].old_end > o1:  # ... or the one reaching into it
            k -= 1
        add = h.ops.append
        first, last = h.first, h.last
        while k < count:
            op = ops[k]
            kind, start, end = op[0], op[1], op[2]  # op, old_start, old_end
            if start > o2 or (start == o2 and kind == EQUAL):
                break
            if kind == EQUAL:
                lo = start if start > o1 else o1
                hi = end if end < o2 else o2
                if lo < hi:
                    text = old[lo:hi]
                    add((op, text, text, False))
            elif first <= min(op.old_line, nlines) <= last:  # an end insertion: last line
                add((op, op.old, op.new, k in show))
            k += 1
    return out


#: Notes on the changes that are ends of moved passages, by (old start, new start).
Notes = dict[tuple[int, int], str]


def _move_notes(result: DiffResult) -> Notes:
    notes: Notes = {}
    for m in result.moves:
        for k in (m.deleted, m.inserted):
            op = result.operations[k]
            note = move_note(result, k)
            if note:
                notes[op.old_start, op.new_start] = note
    return notes


def _attrs(op: Operation, notes: Notes | None = None) -> str:
    """A change's title (its labels, where a moved passage went or came from) and its class
    (editorial, moved)."""
    tags = (["editorial"] if op.category == "editorial" else []) + list(op.labels)
    note = notes.get((op.old_start, op.new_start)) if notes and op.move is not None else None
    if note:
        tags.append(note)
    title = f' title="{escape(", ".join(tags))}"' if tags else ""
    classes = (["editorial"] if op.category == "editorial" else []) + (["moved"] if note else [])
    return title + (f' class="{" ".join(classes)}"' if classes else "")


def _inline(h: Hunk, notes: Notes | None = None) -> str:
    parts = []
    for op, old, new, is_shown in h.ops:
        if op.op == EQUAL:
            parts.append(_e(old))
        elif not is_shown:
            parts.append(_e(new))
        else:
            ws = "whitespace" in op.labels
            title = _attrs(op, notes)
            if old:
                parts.append(f"<del{title}>{_e(old, ws)}</del>")
            if new:
                parts.append(f"<ins{title}>{_e(new, ws)}</ins>")
    return "".join(parts)


class _Sides:
    """Rows of the side-by-side view: old lines on the left, new on the right, kept level
    at every line break the two texts share."""

    def __init__(self, old_line: int, new_line: int) -> None:
        self.rows: tuple[list[tuple[int, str] | None], list[tuple[int, str] | None]] = ([], [])
        self.cur: tuple[list[str], list[str]] = ([], [])
        self.line = [old_line, new_line]

    def finish(self, side: int) -> None:
        self.rows[side].append((self.line[side], "".join(self.cur[side])))
        self.cur[side].clear()
        self.line[side] += 1

    def level(self) -> None:
        left, right = self.rows
        while len(left) < len(right):
            left.append(None)
        while len(right) < len(left):
            right.append(None)

    def add(
        self, side: int, text: str, tag: str = "", title: str = "", whitespace: bool = False
    ) -> None:
        if "\n" not in text:  # (most changes)
            if text or (tag and whitespace):
                body = _e(text, whitespace)
                self.cur[side].append(f"<{tag}{title}>{body}</{tag}>" if tag else body)
            return
        pieces = text.split("\n")
        for k, piece in enumerate(pieces):
            if piece or (tag and whitespace):
                body = _e(piece, whitespace)
                if whitespace and k < len(pieces) - 1:
                    body += "↵"
                self.cur[side].append(f"<{tag}{title}>{body}</{tag}>" if tag else body)
            if k < len(pieces) - 1:
                self.finish(side)

    def shared(self, text: str) -> None:
        if "\n" not in text:  # (most equal stretches between two changes)
            if text:
                body = _e(text)
                self.cur[0].append(body)
                self.cur[1].append(body)
            return
        pieces = text.split("\n")
        for k, piece in enumerate(pieces):
            if piece:
                body = _e(piece)
                self.cur[0].append(body)
                self.cur[1].append(body)
            if k < len(pieces) - 1:
                self.level()
                self.finish(0)
                self.finish(1)

    def close(self) -> None:
        for side in (0, 1):
            if self.cur[side]:
                self.finish(side)
        self.level()


def _side_by_side(h: Hunk, notes: Notes | None = None) -> str:
    if not h.ops:
        return ""
    first = h.ops[0][0]
    old_line, new_line = first.old_line, first.new_line
    if first.op == EQUAL:  # clipped to start at the hunk's first line, the same on both sides
        old_line, new_line = h.first, first.new_line + (h.first - first.old_line)
    sides = _Sides(old_line, new_line)
    for op, old, new, is_shown in h.ops:
        if op.op == EQUAL:
            sides.shared(old)
        elif not is_shown:
            sides.add(0, old)
            sides.add(1, new)
        else:
            ws = "whitespace" in op.labels
            title = _attrs(op, notes)
            sides.add(0, old, "del", title, ws)
            sides.add(1, new, "ins", title, ws)
    sides.close()
    rows = []
    for left, right in zip(*sides.rows, strict=True):
        cells = []
        for cell in (left, right):
            if cell is None:
                cells.append('<td class="n"></td><td class="t empty"></td>')
            else:
                cells.append(f'<td class="n">{cell[0]}</td><td class="t">{cell[1]}</td>')
        rows.append(f"<tr>{''.join(cells)}</tr>")
    return (
        '<table class="sbs"><colgroup><col class="n"><col><col class="n"><col>'
        "</colgroup>\n" + "\n".join(rows) + "\n</table>"
    )


_CSS = """
:root { color-scheme: light; }
body { font: 16px/1.55 Georgia, "Noto Serif", "Noto Serif CJK SC", serif; color: #1b1b1b;
  max-width: 78rem; margin: 1.5rem auto; padding: 0 1rem; }
h1 { font-size: 1.3rem; margin: 0 0 .3rem; }
p.summary { margin: 0 0 1rem; color: #333; }
code { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .9em; }
del { background: #ffe0e0; color: #8a0000; text-decoration: line-through; }
ins { background: #ddf5dd; color: #005a00; text-decoration: underline; }
del.editorial, ins.editorial { background: #efe6fb; color: #4b2380;
  text-decoration-style: dashed; }
del.moved, ins.moved { background: #e3edfb; color: #173f7a; text-decoration-style: double; }
.switch > input { position: absolute; opacity: 0; }
.switch > label { display: inline-block; padding: .25rem .8rem; border: 1px solid #999;
  border-radius: .3rem; cursor: pointer; margin-right: .3rem; }
.switch > input:checked + label { background: #1b1b1b; color: #fff; }
.switch > input:focus-visible + label { outline: 2px solid #36c; }
.view { display: none; margin-top: 1rem; }
#view-inline:checked ~ .inline, #view-side:checked ~ .side { display: block; }
.hunk { margin: 0 0 1.2rem; }
.hunk h2 { font: bold .8rem/1.4 ui-monospace, Menlo, Consolas, monospace; color: #555;
  margin: 0 0 .2rem; border-bottom: 1px solid #ccc; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0; }
table.sbs { border-collapse: collapse; width: 100%; table-layout: fixed; }
table.sbs col.n { width: 3.5rem; }
table.sbs td { vertical-align: top; padding: 0 .4rem; white-space: pre-wrap;
  overflow-wrap: anywhere; border-bottom: 1px solid #eee; }
table.sbs td.n { color: #777; text-align: right; font: .75rem/2 ui-monospace, monospace;
  user-select: none; }
table.sbs td.empty { background: #f4f4f4; }
@media print {
  body { max-width: none; margin: 0; font-size: 11pt; }
  .switch > input, .switch > label, .side { display: none !important; }
  .inline { display: block !important; }
  del, ins { background: none; color: #000; }
  del { text-decoration: line-through; }
  ins { text-decoration: underline; font-weight: bold; }
  .hunk { break-inside: avoid; }
}
"""


def format_html(result: DiffResult, options: RenderOptions) -> str:
    title = f"Word diff: {result.old_label} → {result.new_label}"
    parts = [
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n',
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
        '<meta name="generator" content="provenance diff">\n',
        f"<title>{escape(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n",
        f"<h1>Word diff: <code>{escape(result.old_label)}</code> → "
        f"<code>{escape(result.new_label)}</code></h1>\n",
        f'<p class="summary">{escape(summary(result))}</p>\n',
    ]
    if not options.stat:
        found = hunks(result, options)
        notes = _move_notes(result)
        inline, side = [], []
        for h in found:
            head = f"<h2>lines {h.first}–{h.last}</h2>\n"
            inline.append(
                f'<section class="hunk">{head}<p class="text">{_inline(h, notes)}</p></section>\n'
            )
            side.append(f'<section class="hunk">{head}{_side_by_side(h, notes)}</section>\n')
        if found:
            parts.append(
                '<div class="switch">\n'
                '<input type="radio" name="view" id="view-inline" checked>'
                '<label for="view-inline">Inline</label>\n'
                '<input type="radio" name="view" id="view-side">'
                '<label for="view-side">Side by side</label>\n'
                '<div class="view inline">\n' + "".join(inline) + "</div>\n"
                '<div class="view side">\n' + "".join(side) + "</div>\n</div>\n"
            )
    parts.append("</body>\n</html>\n")
    return "".join(parts)
