"""Renderers of a :class:`~provenance.diff.result.DiffResult`: text, JSON, Markdown, HTML.

Each renderer takes the result and :class:`RenderOptions` and returns a string; the
``--format`` choices are the keys of :data:`FORMATS`.  They show the changes the result
reports (ignored ones are not shown, and ``RenderOptions.only``, when set, keeps the changes
whose ``category`` is in it); the text around them is taken from the texts themselves.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, NamedTuple

from .present import (
    PLAIN,
    RenderOptions,
    category_counts,
    move_note,
    shown,
    summary,
    visible,
)
from .result import EQUAL, DiffResult, Operation
from .tokenize import WORD_RE, count_words, is_word, tokenize

if TYPE_CHECKING:
    from ..rendering import Formats

__all__ = [
    "FORMATS",
    "PLAIN",
    "RENDERERS",
    "RenderOptions",
    "category_counts",
    "format_html",
    "format_json",
    "format_markdown",
    "format_text",
    "groups",
    "move_note",
    "shown",
    "summary",
    "visible",
]

RED, GREEN, DIM, BOLD, RESET = "\x1b[31m", "\x1b[32m", "\x1b[2m", "\x1b[1m", "\x1b[0m"
#: Editorial changes (in the bracket layer) are drawn in these instead of red and green.
EDITORIAL_OLD, EDITORIAL_NEW = "\x1b[35m", "\x1b[36m"


# -- context and grouping ---------------------------------------------------------------------


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


class Group(NamedTuple):
    """Shown changes close enough to print on one line, with their context."""

    indices: list[int]
    before: str
    after: str


def groups(result: DiffResult, options: RenderOptions) -> Iterator[Group]:
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


def format_text(result: DiffResult, options: RenderOptions = PLAIN) -> str:
    """Inline ``[-old-]{+new+}`` with a few words of context, one group per line, each led by
    its position in the old and the new text (``-line:column +line:column``)."""
    opts = options
    red, green, dim, bold, reset = (
        (RED, GREEN, DIM, BOLD, RESET) if opts.color else ("", "", "", "", "")
    )
    out = [f"{bold}--- {result.old_label}{reset}\n", f"{bold}+++ {result.new_label}{reset}\n"]
    if not opts.stat:
        ops = result.operations
        for g in groups(result, opts):
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


# -- JSON -------------------------------------------------------------------------------------


def format_json(result: DiffResult, options: RenderOptions = PLAIN) -> str:
    """The result's :meth:`~DiffResult.as_dict` (``diff-output.schema.json``)."""
    import json

    return json.dumps(result.as_dict(), ensure_ascii=False, indent=2) + "\n"


# -- Markdown ---------------------------------------------------------------------------------

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


def format_markdown(result: DiffResult, options: RenderOptions = PLAIN) -> str:
    """A list for a pull-request comment: each change with its position and context, deleted
    text in ``<del>``, inserted text in ``<ins>`` (changes over 400 characters shortened)."""
    opts = options
    from ..mdtext import md_code

    old, new = md_code(result.old_label), md_code(result.new_label)
    head = f"**Word diff** {old} → {new}: {_md(summary(result))}\n"
    out = [head]
    if not opts.stat:
        ops = result.operations
        items = []
        for g in groups(result, opts):
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


def format_html(result: DiffResult, options: RenderOptions = PLAIN) -> str:
    """One self-contained HTML page (see :mod:`provenance.diff.html`)."""
    from .html import format_html as _format_html

    return _format_html(result, options)


#: ``--format`` value -> renderer(result, options) -> text (:mod:`provenance.rendering`).
FORMATS: Formats[DiffResult, RenderOptions] = {
    "text": format_text,
    "json": format_json,
    "markdown": format_markdown,
    "html": format_html,
}
#: The former name of :data:`FORMATS`.
RENDERERS = FORMATS
