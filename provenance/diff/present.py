"""What every renderer of a diff shares (:mod:`provenance.diff.render` for text, JSON and
Markdown, :mod:`provenance.diff.html` for HTML): the options, which changes are shown, text
made safe to show, and the one-line summary."""

from __future__ import annotations

import re
from typing import NamedTuple

from .result import EQUAL, DiffResult, Stats


class RenderOptions(NamedTuple):
    """The options of a diff's renderers (:mod:`provenance.rendering`).  ``context``: words
    of context on each side of a change (text, Markdown).  ``color``: ANSI colours (text).
    ``stat``: the summary only.  ``only``: show only changes whose ``category`` is one of
    these (``None``: all)."""

    context: int = 3
    color: bool = False
    stat: bool = False
    only: frozenset[str] | None = None


#: The default options.
PLAIN = RenderOptions()


def shown(result: DiffResult, options: RenderOptions) -> list[int]:
    """Indices (into ``result.operations``) of the changes to show."""
    only = options.only
    return [
        i
        for i, op in enumerate(result.operations)
        if op.op != EQUAL and not op.ignored and (only is None or op.category in only)
    ]


# -- making text visible ----------------------------------------------------------------------

_WS_VISIBLE = {" ": "·", "\t": "→", "\n": "↵", "\r": "␍", "\u00a0": "⍽"}


def _codepoint(ch: str) -> str:
    return f"⟨U+{ord(ch):04X}⟩"


#: Characters a terminal would not show: controls (a line feed, a tab and the carriage return
#: of a CRLF apart), format characters (BOM, zero-width space and joiners, direction marks,
#: tags), separators other than spaces, surrogates, and the like.
_INVISIBLE_RE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f"
    "\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb\U000e0000-\U000e007f\ud800-\udfff]"
    "|\r(?!\n|\\Z)"
)  # a carriage return alone, not one of a CRLF or at the end


def visible(text: str, whitespace: bool = False) -> str:
    """``text`` safe for a terminal: control and invisible characters spelled out; with
    ``whitespace``, every space, tab and line break too (for whitespace-only changes)."""
    if whitespace:
        return "".join(
            _WS_VISIBLE.get(ch) or (_codepoint(ch) if _invisible(ch) or ch.isspace() else ch)
            for ch in text
        )
    if text.isprintable() or not _INVISIBLE_RE.search(text):
        return text
    return _INVISIBLE_RE.sub(lambda m: _codepoint(m.group()), text)


def _invisible(ch: str) -> bool:
    return _INVISIBLE_RE.match(ch) is not None or (not ch.isprintable() and not ch.isspace())


# -- the summary ------------------------------------------------------------------------------


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def summary(result: DiffResult) -> str:
    """One line: what the diff amounts to, and what it ignored."""
    s: Stats = result.stats
    if not s.changes:
        text = "No changes"
    else:
        text = (
            f"{_plural(s.changes, 'change')}: {_plural(s.words_changed, 'word')} changed, "
            f"{s.words_inserted:,} inserted, {s.words_deleted:,} deleted; lines touched: "
            f"{s.lines_old:,} old, {s.lines_new:,} new"
        )
        if s.labelled:
            text += " (" + ", ".join(f"{n:,} {label}-only" for label, n in s.labelled.items()) + ")"
        if s.moves:
            text += f"; {_plural(s.moves, 'passage')} moved ({_plural(s.words_moved, 'word')})"
    ignoring = sorted(result.options.ignored)
    if ignoring:
        text += f"; ignoring {', '.join(ignoring)}"
        if s.ignored:
            text += f" ({_plural(s.ignored, 'change')} ignored)"
    if result.degraded:
        text += "; INCOMPLETE: the time limit ran out (some regions compared by whole lines)"
    classes = category_counts(result)
    if classes:
        text += "; " + ", ".join(f"{n:,} {name}" for name, n in classes.items())
    return text + "."


def category_counts(result: DiffResult) -> dict[str, int]:
    """Reported changes per class (textual, editorial, whitespace) once they are classed."""
    counts: dict[str, int] = {}
    for ch in result.reported:
        if ch.category is not None:
            counts[ch.category] = counts.get(ch.category, 0) + 1
    if not counts:
        return {}
    order = ("textual", "editorial", "whitespace")
    return {name: counts.get(name, 0) for name in order} | {
        k: v for k, v in counts.items() if k not in order
    }


def move_note(result: DiffResult, index: int) -> str | None:
    """For a change that is one end of a moved passage (``result.operations[index]``): where
    the passage went (``moved to +40:1``) or came from (``moved from -12:1``), and whether
    it changed on the way; otherwise ``None``."""
    op = result.operations[index]
    if op.move is None:
        return None
    for m in result.moves:
        if m.id != op.move:
            continue
        if index == m.deleted:
            other = result.operations[m.inserted]
            where = f"moved to +{other.new_line}:{other.new_column}"
        else:
            other = result.operations[m.deleted]
            where = f"moved from -{other.old_line}:{other.old_column}"
        how = (
            "unchanged"
            if m.unchanged
            else _plural(m.words_changed, "word") + " changed"
            if m.words_changed
            else "punctuation or spacing changed"
        )
        return f"{where}, {_plural(m.words, 'word')}, {how}"
    return None
