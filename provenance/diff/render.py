"""Renderers of a :class:`~provenance.diff.result.DiffResult`: text, JSON, Markdown, HTML.

Each renderer takes the result and :class:`RenderOptions` and returns a string; the
``--format`` choices are the keys of :data:`FORMATS`.  They show the changes the result
reports (ignored ones are not shown, and ``RenderOptions.only``, when set, keeps the changes
whose ``category`` is in it); the text around them is taken from the texts themselves.
"""

from __future__ import annotations

import re
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
from .result import FORMAT_VERSION, DiffResult, Operation
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


def _left(text: str, words: int) -> str:
    """The end of ``text`` holding up to ``words`` words, not reaching back past a line
    break."""
    line = text[text.rfind("\n") + 1 :]
    if words <= 0 or not line:
        return ""
    tail = line[-2000:]
    if tail.isascii():
        # The words (in ASCII each match of WORD_RE is one word token) in the last few dozen
        # characters first: most lines hold the words wanted there, and a word cut short at
        # the start of them is never the one wanted.
        short = tail[-(16 * words + 40) :]
        cut = _last_words(short, words)
        if cut >= 0:
            return short[cut:].lstrip()
        if len(short) == len(tail):
            return tail.lstrip()
        cut = _last_words(tail, words)
        return (tail[cut:] if cut >= 0 else tail).lstrip()
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


#: In ASCII text, read forwards or backwards: a word (a run of ``\w`` with a letter or digit
#: in it, which is one match of :data:`WORD_RE`), and what lies between words (any other
#: characters, and runs of underscores alone).
_WORD = r"_*[^\W_]\w*(?!\w)"
_GAP = r"(?:\W|_+(?!\w))*"
_spans: dict[int, re.Pattern[str]] = {}


def _words_span(text: str, words: int) -> int:
    """How far into an ASCII ``text`` its first ``words`` words and what follows them
    reach: where the next word starts (the ``words``-th match of :data:`WORD_RE`), or the
    text's length when it has no more words (or fewer than ``words``).  One match, rather
    than a match object per word."""
    match = _span_pattern(words).match(text)
    return len(text) if match is None else match.end()


def _span_pattern(words: int) -> re.Pattern[str]:
    """The pattern of :func:`_words_span`."""
    pattern = _spans.get(words)
    if pattern is None:
        pattern = _spans[words] = re.compile(f"(?:{_GAP}{_WORD}){{{words}}}{_GAP}")
    return pattern


def _last_words(text: str, words: int) -> int:
    """Where the last ``words`` words of an ASCII ``text`` and what precedes them begin: at
    the end of the word before them (the ``-(words + 1)``-th match of :data:`WORD_RE`), or
    -1 when there is none (the text read backwards has the same words, backwards)."""
    cut = _words_span(text[::-1], words)
    return -1 if cut == len(text) else len(text) - cut


def _right(text: str, words: int) -> str:
    cut = text.find("\n")
    line = text if cut < 0 else text[:cut]
    if words <= 0 or not line:
        return ""
    head = line[:2000]
    if head.isascii():
        short = head[: 16 * words + 40]
        cut = _words_span(short, words)
        if cut < len(short):
            return short[:cut].rstrip()
        if len(short) == len(head):
            return head.rstrip()
        cut = _words_span(head, words)
        return head[:cut].rstrip()
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
    for members, before, after in _groups(result, options):
        yield Group(members, before, after)


def _groups(result: DiffResult, options: RenderOptions) -> Iterator[tuple[list[int], str, str]]:
    """:func:`groups` as plain tuples.

    The context shown around changes is the new text's (an equal operation's text, or a
    change's new text), and the operations cover the new text in order, each from its
    ``new_start`` to its ``new_end``: so the text between two operations, or up to a
    line break before or after one, is a slice of the new text, found without gathering
    the operations' pieces."""
    ops = result.operations
    new = result.new_text
    find, rfind = new.find, new.rfind
    idx = shown(result, options)
    ctx = options.context
    most = 2 * ctx
    words = WORD_RE.findall  # count_words() of ASCII text
    if ctx > 0:  # (_left and _right, their common case written out)
        span = _span_pattern(ctx).match
        window = 16 * ctx + 40
        ascii = new.isascii()  # then so is every line of it
    k = 0
    count = len(idx)
    while k < count:
        first = idx[k]
        members = [first]
        head = last = ops[first]
        if head[14] is None:  # (a moved passage is a group of its own)
            tags, category = head[11], head[13]
            while k + 1 < count:
                op = ops[idx[k + 1]]
                if op[11] != tags or op[13] != category or op[14] is not None:
                    break
                start, end = last[4], op[3]  # the new text between the two
                if start < end:
                    if find("\n", start, end) >= 0:
                        break
                    between = new[start:end]
                    if (len(words(between)) if between.isascii() else count_words(between)) > most:
                        break
                elif most < 0:
                    break
                members.append(idx[k + 1])
                last = op
                k += 1
        k += 1
        if ctx <= 0:
            yield members, "", ""
            continue
        # The context: up to a line break or 2,000 characters (see _left and _right).
        end = head[3]
        lo = end - _REACH if end > _REACH else 0
        begin = (rfind("\n", lo, end) + 1) or lo
        before = ""
        if ascii or new[begin:end].isascii():
            short = new[begin if begin > end - window else end - window : end]
            match = span(short[::-1])
            if match is not None and match.end() < len(short):
                before = short[len(short) - match.end() :].lstrip()
        if not before:
            before = _left(new[begin:end], ctx)
        start = last[4]
        stop = find("\n", start, start + _REACH)
        if stop < 0:
            stop = start + _REACH
        after = ""
        if ascii or new[start:stop].isascii():
            short = new[start : stop if stop < start + window else start + window]
            match = span(short)
            if match is not None and match.end() < len(short):
                after = short[: match.end()].rstrip()
        if not after:
            after = _right(new[start:stop], ctx)
        yield members, before, after


#: How far the context of a change is looked for, before and after it.
_REACH = 2000


def _tags(op: Operation) -> list[str]:
    """What a change's line is marked with: editorial changes say so, then the labels."""
    return (["editorial"] if op.category == "editorial" else []) + list(op.labels)


# -- text -------------------------------------------------------------------------------------


def format_text(result: DiffResult, options: RenderOptions = PLAIN) -> str:
    """Inline ``[-old-]{+new+}`` with a few words of context, one group per line, each led by
    its position in the old and the new text (``-line:column +line:column``)."""
    opts = options
    dim, bold, reset = (DIM, BOLD, RESET) if opts.color else ("", "", "")
    out = [f"{bold}--- {result.old_label}{reset}\n", f"{bold}+++ {result.new_label}{reset}\n"]
    if not opts.stat:
        ops = result.operations
        new = result.new_text
        plain = (RED, GREEN) if opts.color else ("", "")
        editorial = (EDITORIAL_OLD, EDITORIAL_NEW) if opts.color else plain
        add = out.append
        for members, before, after in _groups(result, opts):
            first = ops[members[0]]
            ws = "whitespace" in first[11]
            red, green = editorial if first[13] == "editorial" else plain
            add(f"{dim}-{first[7]}:{first[8]} +{first[9]}:{first[10]}{reset}  ")
            add(before if before.isprintable() else visible(before))  # (visible's own test)
            prev = None
            for i in members:
                ch = ops[i]
                if prev is not None:
                    between = new[prev[4] : ch[3]]
                    add(between if between.isprintable() else visible(between))
                if ch[5]:
                    add(f"{red}[-{visible(ch[5], ws)}-]{reset}")
                if ch[6]:
                    add(f"{green}{{+{visible(ch[6], ws)}+}}{reset}")
                prev = ch
            add(after if after.isprintable() else visible(after))
            if first[13] == "editorial" or first[11] or first[14] is not None:
                tags = _tags(first)
                note = move_note(result, members[0])
                if note:
                    tags.append(note)
                if tags:
                    add(f"  {dim}({', '.join(tags)}){reset}")
            add("\n")
    out.append(summary(result) + "\n")
    return "".join(out)


# -- JSON -------------------------------------------------------------------------------------


def format_json(result: DiffResult, options: RenderOptions = PLAIN) -> str:
    """The result's :meth:`~DiffResult.as_dict` (``diff-output.schema.json``)."""
    import json

    text = json.dumps(result._as_dict([]), ensure_ascii=False, indent=2)
    if not result.changes:
        return text + "\n"
    # The changes, most of the output, written as json.dumps(indent=2) writes them (with an
    # indent it has no compiled encoder: a dict per change and its Python encoder took four
    # times as long).  They are the second key, after the format's version.
    head = f'{{\n  "format_version": {FORMAT_VERSION},\n  "changes": []'
    assert text.startswith(head)
    parts = [head[:-1], "\n"]
    parts += _json_changes(result.changes)
    parts.append("\n  ]")
    parts.append(text[len(head) :])
    parts.append("\n")
    return "".join(parts)


def _json_changes(changes: Sequence[Operation]) -> list[str]:
    """Each change as ``json.dumps(op.as_dict(), ensure_ascii=False, indent=2)`` writes it
    two levels down, the changes separated by commas."""
    from json.encoder import encode_basestring as string  # the encoder's, without ASCII

    out = []
    for op, a0, a1, b0, b1, old, new, la, ca, lb, cb, labels, ignored, category, move in changes:
        tags = (
            "[\n        " + ",\n        ".join(map(string, labels)) + "\n      ]"
            if labels
            else "[]"
        )
        out.append(
            f'    {{\n      "op": {string(op)},\n      "old": {string(old)},\n'
            f'      "new": {string(new)},\n      "old_start": {a0},\n      "old_end": {a1},\n'
            f'      "new_start": {b0},\n      "new_end": {b1},\n      "old_line": {la},\n'
            f'      "old_column": {ca},\n      "new_line": {lb},\n      "new_column": {cb},\n'
            f'      "labels": {tags},\n      "ignored": {"true" if ignored else "false"},\n'
            f'      "category": {"null" if category is None else string(category)},\n'
            f'      "move": {"null" if move is None else move}\n    }}'
        )
        out.append(",\n")
    out.pop()
    return out


# -- Markdown ---------------------------------------------------------------------------------

#: What Markdown and HTML would read as their own, escaped in one pass: HTML's three
#: characters, Markdown's with a backslash, and a line break shown as `` ↵ `` (none of the
#: replacements holds a character another one replaces).
_MD_ESCAPE = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        "\n": " ↵ ",
        **{c: "\\" + c for c in "\\`*_[]|~#"},
    }
)
_MD_LIMIT = 400


def _md(text: str, whitespace: bool = False) -> str:
    text = visible(text, whitespace)
    extra = ""
    if len(text) > _MD_LIMIT:
        extra = f" … ({len(text) - _MD_LIMIT:,} more characters)"
        text = text[:_MD_LIMIT]
    return text.translate(_MD_ESCAPE) + extra


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
        new = result.new_text
        for members, before, after in _groups(result, opts):
            first = ops[members[0]]
            ws = "whitespace" in first.labels
            parts = [f"- **{first.old_line}:{first.old_column}** ", _md(before)]
            prev = None
            for i in members:
                ch = ops[i]
                if prev is not None:
                    parts.append(_md(new[prev.new_end : ch.new_start]))
                if ch.old:
                    parts.append(f"<del>{_md(ch.old, ws)}</del>")
                if ch.new:
                    parts.append(f"<ins>{_md(ch.new, ws)}</ins>")
                prev = ch
            parts.append(_md(after))
            tags = _tags(first)
            note = move_note(result, members[0])
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
