"""Finding every bracketed span of a text, typing it by profile, and never failing on it.

Brackets are matched like parentheses: each ``]`` closes the nearest open ``[``.  A ``]``
with nothing open, and a ``[`` still open at the end, are *strays*: they stay in the text as
they are, are reported as ``bracket-unbalanced`` findings, and never raise.  Nesting deeper
than :data:`MAX_DEPTH` is kept as plain text inside the outer bracket (and reported).

A profile's *markers* are signs that are interventions by themselves, with no bracket: the
``//`` page break of a transcription.  One is found only outside every bracket, and only
where it stands alone (:func:`marker_at`); it becomes an :class:`Intervention` with
``kind="marker"``, ``open`` the sign and no content.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from .model import Finding, Intervention, Node, ParseResult, Stray
from .profile import IGNORE, UNKNOWN, Marker, Profile, load_profile
from .rules import context, first_match, ignored

#: Brackets nested deeper than this are not analysed (their text stays in the outer span).
MAX_DEPTH = 64
#: How many words of context ``before`` and ``after`` hold.
CONTEXT_WORDS = 5
_CONTEXT_CHARS = 100


def _sign_positions(text: str, open_: str, close: str) -> list[int]:
    """Where ``open_`` and ``close`` (one character each) occur, in order: found with
    ``str.find``, which skips a volume with few brackets at memory speed."""
    found = []
    for sign in dict.fromkeys((open_, close)):
        pos = text.find(sign)
        while pos >= 0:
            found.append(pos)
            pos = text.find(sign, pos + 1)
    found.sort()
    return found


#: A protocol-relative URL after the sign: ``//cdn.example.org/...``.
_DOMAIN = re.compile(r"[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}(?:[:/?#]|$)")
#: Quotation marks: a sign between two of them is named, not used (``'//'``).
_QUOTES = "'\"`‘’“”«»„‚‹›"
#: How far, either side of a sign, the word it stands in is looked at.
_TOKEN_REACH = 200


def marker_at(text: str, start: int, sign: str) -> bool:
    """Whether the ``sign`` at ``start`` stands alone as a marker: not part of a longer
    run of its own characters (``///``), not named in quotes (``'//'``), and not in a URL or
    a path: the word it stands in (the characters around it up to a space) has no scheme
    before it (``http://``, ``file:///``), no ``www.``, no other of its characters
    (``a//b/c``), and no domain right after it (``//cdn.example.org``)."""
    end = start + len(sign)
    chars = set(sign)
    prev = text[start - 1] if start > 0 else ""
    nxt = text[end] if end < len(text) else ""
    if prev == ":" or (prev and prev in chars) or (nxt and nxt in chars):
        return False  # a URL's scheme (http://), or a longer run (///)
    if prev and nxt and prev in _QUOTES and nxt in _QUOTES:
        return False  # the sign named, not used: '//'
    lo = start
    while lo > 0 and start - lo < _TOKEN_REACH and not text[lo - 1].isspace():
        lo -= 1
    hi = end
    while hi < len(text) and hi - end < _TOKEN_REACH and not text[hi].isspace():
        hi += 1
    before, after = text[lo:start], text[end:hi]
    if before.endswith(":") or "www." in before.casefold():
        return False  # a URL with the scheme or host before the sign
    if any(ch in before or ch in after for ch in chars):
        return False
    return _DOMAIN.match(after) is None


def marker_positions(
    text: str,
    prof: Profile,
    pairs: Mapping[int, int] | None = None,
    outermost: tuple[list[int], list[int]] | None = None,
) -> list[tuple[int, Marker]]:
    """Where the profile's markers stand in ``text``, in order, leaving out those inside a
    bracket (``pairs``: open offset -> close offset, as :func:`_match` gives them; or
    ``outermost``, the outermost pairs' sorted starts and ends)."""
    found: list[tuple[int, Marker]] = []
    for marker in prof.markers:
        for pos in _occurrences(text, marker.sign):
            if marker_at(text, pos, marker.sign):
                found.append((pos, marker))
    if not found:
        return found
    found.sort(key=lambda f: f[0])
    if outermost is None and pairs:
        outermost = _outermost(pairs)
    if outermost is not None and outermost[0]:
        starts, ends = outermost
        kept = []
        for pos, marker in found:
            k = bisect.bisect_right(starts, pos) - 1
            if k < 0 or pos >= ends[k]:
                kept.append((pos, marker))
        found = kept
    # two markers never overlap: the earlier wins
    out: list[tuple[int, Marker]] = []
    for pos, marker in found:
        if not out or pos >= out[-1][0] + len(out[-1][1].sign):
            out.append((pos, marker))
    return out


def _occurrences(text: str, sign: str) -> Iterator[int]:
    """Where ``sign`` occurs, not overlapping, in order.  Its first character is looked for
    first: one character is found at memory speed, a longer needle is not (a text of a few
    megabytes costs milliseconds), and most texts have few slashes.  After many lone first
    characters (a text full of URLs) the whole sign is looked for instead."""
    first, size = sign[0], len(sign)
    pos = text.find(first)
    misses = 0
    while pos >= 0:
        if text.startswith(sign, pos):
            yield pos
            pos = text.find(first, pos + size)
            continue
        misses += 1
        if misses > 32:
            pos = text.find(sign, pos + 1)
            while pos >= 0:
                yield pos
                pos = text.find(sign, pos + size)
            return
        pos = text.find(first, pos + 1)


def _outermost(pairs: Mapping[int, int]) -> tuple[list[int], list[int]]:
    """The outermost bracket pairs as sorted starts and (exclusive) ends."""
    starts: list[int] = []
    ends: list[int] = []
    for start in sorted(pairs):
        if ends and start < ends[-1]:
            continue  # nested in the previous outermost pair
        starts.append(start)
        ends.append(pairs[start] + 1)
    return starts, ends


class LineIndex:
    """Line and column (1-based, in code points) of any offset of a text."""

    def __init__(self, text: str) -> None:
        self.breaks = [m.start() for m in re.finditer("\n", text)]

    def at(self, offset: int) -> tuple[int, int]:
        i = bisect.bisect_left(self.breaks, offset)
        line_start = self.breaks[i - 1] + 1 if i else 0
        return i + 1, offset - line_start + 1


def parse(
    text: str,
    profile: Profile | str | Path | Mapping[str, Any] | None = None,
    *,
    config: Mapping[str, Any] | None = None,
    root: str | Path | None = None,
) -> ParseResult:
    """Every bracketed span of ``text`` with its offsets, position, context and type.

    ``profile`` is a :class:`Profile`, a shipped profile's name, or a YAML file's path; left
    out, a store's ``config`` (its ``provenance.yaml``) chooses, else ``default``.
    """
    prof = load_profile(profile, config=config, root=root)
    lines = LineIndex(text)
    signs = _sign_positions(text, prof.open, prof.close)
    pairs, strays = _match(text, prof, signs)
    nodes = _build(text, prof, lines, signs, pairs, strays)
    if prof.markers:
        markers = marker_positions(text, prof, pairs)
        if markers:
            nodes = _with_markers(text, lines, nodes, markers)
    interventions: list[Intervention] = []
    ignored: list[Intervention] = []
    _flatten(nodes, interventions, ignored)
    stray_nodes = tuple(n for n in nodes if isinstance(n, Stray))
    return ParseResult(
        text=text,
        profile=prof.name,
        nodes=tuple(nodes),
        interventions=tuple(interventions),
        ignored=tuple(ignored),
        strays=stray_nodes,
        findings=tuple(unbalanced_findings(stray_nodes, prof)),
    )


class Span:
    """Where an outermost intervention stands, and its two signs."""

    __slots__ = ("close", "end", "kind", "open", "start")

    def __init__(self, start: int, end: int, open_: str, close: str, kind: str = "bracket") -> None:
        self.start, self.end, self.open, self.close = start, end, open_, close
        self.kind = kind

    def __repr__(self) -> str:
        return f"Span({self.start}, {self.end})"


class TopLevel:
    """The outermost interventions of a text (those at depth 0 of :func:`parse`), found by
    matching the brackets of the whole text, and told apart from the brackets a profile
    ignores only when asked for: what classing the changes of a diff needs, at the cost of
    a few changes rather than of the whole text.

    ``touching(lo, hi)`` gives the spans of ``[i for i in parse(text).interventions if
    i.depth == 0]`` that overlap ``[lo, hi)`` (for an empty range, that strictly contain
    ``lo``).
    """

    def __init__(self, text: str, profile: Profile) -> None:
        self.text = text
        self.profile = profile
        pairs, _ = _match(text, profile, _sign_positions(text, profile.open, profile.close))
        self.starts, self.ends = _outermost(pairs)
        self._spans: dict[int, Span | None] = {}
        if profile.markers:
            markers = marker_positions(text, profile, outermost=(self.starts, self.ends))
            if markers:
                self._add_markers(markers)

    def _add_markers(self, markers: list[tuple[int, Marker]]) -> None:
        spans: list[tuple[int, int, Marker | None]] = [
            (s, e, None) for s, e in zip(self.starts, self.ends, strict=True)
        ]
        spans += [(pos, pos + len(m.sign), m) for pos, m in markers]
        spans.sort(key=lambda s: s[0])
        self.starts = [s[0] for s in spans]
        self.ends = [s[1] for s in spans]
        for k, (start, end, marker) in enumerate(spans):
            if marker is not None:
                self._spans[k] = Span(start, end, marker.sign, "", "marker")

    def touching(self, lo: int, hi: int) -> list[Span]:
        first = bisect.bisect_right(self.ends, lo)
        last = bisect.bisect_left(self.starts, hi if hi > lo else lo)
        out = []
        for k in range(first, last):
            span = self._span(k)
            if span is not None:
                out.append(span)
        return out

    def _span(self, k: int) -> Span | None:
        if k not in self._spans:
            start, end = self.starts[k], self.ends[k]
            ctx = context(self.text, start, end, self.text[start + 1 : end - 1])
            self._spans[k] = (
                None
                if ignored(ctx, self.profile)
                else Span(start, end, self.text[start], self.text[end - 1])
            )
        return self._spans[k]


def _match(text: str, prof: Profile, signs: list[int]) -> tuple[dict[int, int], set[int]]:
    """Pairs (open offset -> close offset) and the offsets of stray signs, from where the
    signs are (:func:`_sign_positions`)."""
    pairs: dict[int, int] = {}
    strays: set[int] = set()
    stack: list[int] = []
    for pos in signs:
        if text[pos] == prof.open:
            stack.append(pos)
        elif stack:
            pairs[stack.pop()] = pos
        else:
            strays.add(pos)
    strays.update(stack)
    return pairs, strays


class _Frame:
    __slots__ = ("depth", "open", "parts")

    def __init__(self, open_: int, depth: int) -> None:
        self.open = open_
        self.depth = depth
        self.parts: list[Node] = []


def _build(
    text: str,
    prof: Profile,
    lines: LineIndex,
    signs: list[int],
    pairs: dict[int, int],
    strays: set[int],
) -> list[Node]:
    top = _Frame(-1, -1)
    stack = [top]
    cursor = 0
    skip_until = -1
    closes = {c: o for o, c in pairs.items()}
    for pos in signs:
        if pos <= skip_until:
            continue
        frame = stack[-1]
        if pos in pairs:
            if frame.depth + 1 >= MAX_DEPTH:
                skip_until = pairs[pos]  # kept as text inside the current bracket
                continue
            if pos > cursor:
                frame.parts.append(text[cursor:pos])
            stack.append(_Frame(pos, frame.depth + 1))
            cursor = pos + 1
        elif pos in closes and closes[pos] == frame.open:
            if pos > cursor:
                frame.parts.append(text[cursor:pos])
            stack.pop()
            stack[-1].parts.append(_intervention(text, prof, lines, frame, pos))
            cursor = pos + 1
        elif pos in strays:
            if pos > cursor:
                frame.parts.append(text[cursor:pos])
            line, column = lines.at(pos)
            frame.parts.append(Stray(text[pos], pos, line, column))
            cursor = pos + 1
    if cursor < len(text):
        top.parts.append(text[cursor:])
    return top.parts


def _intervention(
    text: str, prof: Profile, lines: LineIndex, frame: _Frame, close: int
) -> Intervention:
    start, end = frame.open, close + 1
    content = text[start + 1 : close]
    ctx = context(text, start, end, content)
    rule = first_match(ctx, prof)
    line, column = lines.at(start)
    end_line, end_column = lines.at(close)
    return Intervention(
        start=start,
        end=end,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        depth=frame.depth,
        open=text[start],
        close=text[close],
        parts=tuple(frame.parts),
        type=rule.type if rule else UNKNOWN,
        label=rule.label if rule else None,
        confidence=rule.confidence if rule else 0.0,
        alternative=rule.alternative if rule else None,
        rule=rule.id if rule else None,
        before=text[_before_start(text, start) : start],
        after=text[end : _after_end(text, end)],
        glued_before=ctx.glued_before,
        glued_after=ctx.glued_after,
        opaque=bool(rule and rule.opaque),
    )


def _with_markers(
    text: str, lines: LineIndex, nodes: list[Node], markers: list[tuple[int, Marker]]
) -> list[Node]:
    """The top-level nodes with each marker (all of them in top-level text) split out of
    the text around it."""
    out: list[Node] = []
    offset = 0
    k = 0
    for node in nodes:
        size = (
            len(node)
            if isinstance(node, str)
            else node.end - node.start
            if isinstance(node, Intervention)
            else 1
        )
        if not isinstance(node, str) or k >= len(markers) or markers[k][0] >= offset + size:
            out.append(node)
            offset += size
            continue
        cursor = offset
        while k < len(markers) and markers[k][0] < offset + size:
            pos, marker = markers[k]
            if pos > cursor:
                out.append(text[cursor:pos])
            out.append(_marker(text, lines, pos, marker))
            cursor = pos + len(marker.sign)
            k += 1
        if cursor < offset + size:
            out.append(text[cursor : offset + size])
        offset += size
    return out


def _marker(text: str, lines: LineIndex, start: int, marker: Marker) -> Intervention:
    end = start + len(marker.sign)
    line, column = lines.at(start)
    return Intervention(
        start=start,
        end=end,
        line=line,
        column=column,
        end_line=line,
        end_column=column + len(marker.sign) - 1,
        depth=0,
        open=marker.sign,
        close="",
        parts=(),
        type=marker.type,
        label=marker.label,
        confidence=marker.confidence,
        rule=f"marker:{marker.name}",
        before=text[_before_start(text, start) : start],
        after=text[end : _after_end(text, end)],
        glued_before=start > 0 and text[start - 1].isalnum(),
        glued_after=end < len(text) and text[end].isalnum(),
        opaque=True,
        kind="marker",
    )


def _before_start(text: str, start: int) -> int:
    """Where the ``before`` context begins: up to CONTEXT_WORDS words back, within the
    paragraph, never cutting a word."""
    lo = max(0, start - _CONTEXT_CHARS)
    window = text[lo:start]
    brk = window.rfind("\n\n")
    if brk >= 0:
        lo, window = lo + brk + 2, window[brk + 2 :]
    tokens = list(re.finditer(r"\S+", window))
    if tokens and lo > 0 and tokens[0].start() == 0 and not text[lo - 1].isspace():
        tokens = tokens[1:]  # cut by the window
    if not tokens:
        return start
    return lo + tokens[-CONTEXT_WORDS:][0].start()


def _after_end(text: str, end: int) -> int:
    hi = min(len(text), end + _CONTEXT_CHARS)
    window = text[end:hi]
    brk = window.find("\n\n")
    if brk >= 0:
        hi, window = end + brk, window[:brk]
    tokens = list(re.finditer(r"\S+", window))
    if tokens and hi < len(text) and tokens[-1].end() == len(window) and not text[hi].isspace():
        tokens = tokens[:-1]
    if not tokens:
        return end
    return end + tokens[:CONTEXT_WORDS][-1].end()


def _flatten(
    nodes: list[Node] | tuple[Node, ...], out: list[Intervention], ignored: list[Intervention]
) -> None:
    todo: list[Node] = list(reversed(nodes))
    while todo:
        node = todo.pop()
        if not isinstance(node, Intervention):
            continue
        if node.type == IGNORE:
            ignored.append(node)
            continue
        out.append(node)
        if not node.opaque:
            todo.extend(reversed(node.parts))


def unbalanced_findings(strays: tuple[Stray, ...], prof: Profile) -> list[Finding]:
    severity = prof.lint.get("bracket-unbalanced", "error")
    if severity == "off":
        return []
    out = []
    for s in strays:
        what = (
            f"{s.char!r} is never closed"
            if s.char == prof.open
            else f"{s.char!r} closes no bracket"
        )
        out.append(
            Finding(
                "bracket-unbalanced",
                severity,
                f"unbalanced bracket: {what}",
                s.start,
                s.end,
                s.line,
                s.column,
            )
        )
    return out
