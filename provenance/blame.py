"""Who wrote each word: the spans of a version's text with the version that introduced them.

Like ``git blame``, but by words: the stream's versions are walked from the first to the one
asked for along their parents; between each version and the next the diff engine
(:mod:`provenance.diff`) says which stretches are kept, and every inserted or replaced stretch
is credited to the version that made it.  Library use::

    from provenance.blame import blame
    result = blame(store, "my-doc/en@3")
    for span in result.spans:
        print(span.version, span.line, span.column, span.text)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .affix import common_prefix, common_suffix
from .rendering import PLAIN, RenderOptions, dumps_json
from .textio import printable

if TYPE_CHECKING:
    from .model import Version
    from .rendering import Formats
    from .store import Store

#: An edit script: ``(tag, old_start, old_end, new_start, new_end)`` with ``tag`` one of
#: ``equal``, ``insert``, ``delete``, ``replace``, covering both texts in order.
Opcode = tuple[str, int, int, int, int]
Differ = Callable[[str, str], Sequence[Opcode]]


@dataclass(frozen=True)
class BlameSpan:
    """``text[start:end]``, first written in version ``version``."""

    start: int
    end: int
    line: int
    column: int
    text: str
    version: int


@dataclass(frozen=True)
class BlameResult:
    document: str
    stream: str
    version: Version
    versions: tuple[Version, ...]  # the chain, oldest first
    text: str
    spans: tuple[BlameSpan, ...]

    def version_of(self, number: int) -> Version:
        return next(v for v in self.versions if v.number == number)


#: Texts shorter than this are diffed whole; longer ones line by line first, then word by word
#: within each changed stretch of lines, so that the work grows with the text, not with the
#: text times the number of changes (bench/pathological_bench.py).
CHUNK_MIN = 20_000
#: A changed stretch longer than this (both sides together, in characters) is compared window
#: by window (:func:`windowed_opcodes`), so that one long line with changes all through it
#: costs time in proportion to its length rather than to its length times its changes.
WINDOW_MIN = 16_000
#: The size of one window, in characters of each side.
WINDOW = 4_000
#: How many quarters of a window's answer are trusted: a change in the last quarter may have
#: its counterpart beyond the window's edge, so the next window starts before it.
TRUSTED = 3
#: An unchanged stretch at least this long is preferred as the point where a window's answer
#: is cut off (a short one, a space say, might be merged into a change by the engine's
#: clean-up when seen in a larger context).
CUT_MIN = 12


def whole_opcodes(old: str, new: str) -> list[Opcode]:
    """The diff engine's word-level edit script between two texts, computed in one piece."""
    try:
        from .diff import diff_texts
    except ImportError:
        from .errors import UsageError

        raise UsageError(
            "this needs the diff engine (provenance.diff), which this installation lacks"
        ) from None

    from .interventions.align import from_result

    return from_result(diff_texts(old, new))


def engine_opcodes(old: str, new: str) -> list[Opcode]:
    """The diff engine's word-level edit script between two texts, as opcodes: whole for a
    short text; for a long one, line by line first and then word by word inside each changed
    stretch of lines, window by window where that stretch is long."""
    if len(old) + len(new) < CHUNK_MIN:
        return whole_opcodes(old, new)
    out: list[Opcode] = []
    for tag, a0, a1, b0, b1 in line_regions(old, new):
        if tag == "equal" or a0 == a1 or b0 == b1:
            out.append((tag, a0, a1, b0, b1))
            continue
        for t, x0, x1, y0, y1 in windowed_opcodes(old[a0:a1], new[b0:b1]):
            out.append((t, x0 + a0, x1 + a0, y0 + b0, y1 + b0))
    return out


def windowed_opcodes(
    old: str,
    new: str,
    *,
    window: int = WINDOW,
    whole_below: int = WINDOW_MIN,
    differ: Differ = whole_opcodes,
) -> list[Opcode]:
    """The edit script from ``old`` to ``new``, computed ``window`` characters of each side at
    a time.

    The two texts are walked together from a point where they are known to be in step (the
    start, then the end of an unchanged stretch).  The next ``window`` characters of each
    side are diffed; the answer is trusted up to the middle of the last long unchanged
    stretch in the first three quarters of both windows (a change near a window's far edge
    may have its counterpart beyond it), and the walk moves on from there.  A window with no
    such stretch (a change of most of a window) is doubled until one is found or the rest of
    both texts fits in it.  The common beginning and end are set aside first.

    Each window costs the same bounded work, so the whole costs time in proportion to the
    texts' length however many changes they hold; a change is placed as the whole diff
    places it wherever the texts around it agree for a stretch of ``CUT_MIN`` characters
    within a quarter of a window (tests/test_blame.py compares both).
    """
    head = _token_prefix(old, new)
    tail = _token_suffix(old, new, min(len(old), len(new)) - head)
    a_end, b_end = len(old) - tail, len(new) - tail
    out: list[Opcode] = []
    if head:
        out.append(("equal", 0, head, 0, head))
    i, j, size = head, head, window
    while i < a_end or j < b_end:
        if (a_end - i) + (b_end - j) <= max(whole_below, 2 * size):
            out.extend(_shift(differ(old[i:a_end], new[j:b_end]), i, j))
            break
        x, y = min(a_end, i + size), min(b_end, j + size)
        ops = differ(old[i:x], new[j:y])
        trust_a = (x - i) * TRUSTED // 4 if x < a_end else x - i
        trust_b = (y - j) * TRUSTED // 4 if y < b_end else y - j
        cut = _cut(ops, trust_a, trust_b, old[i:x], new[j:y], size >= _SHORT_AFTER * window)
        if cut is None:
            size *= 2
            continue
        _, k, a, _, b = cut
        out.extend(_shift(ops[:k], i, j))
        out.append(("equal", i + ops[k][1], i + a, j + ops[k][3], j + b))
        i, j = i + a, j + b
        size = window
    if tail:
        out.append(("equal", a_end, len(old), b_end, len(new)))
    return _joined(out)


def _cut(
    ops: Sequence[Opcode], trust_a: int, trust_b: int, old: str, new: str, take_short: bool
) -> Opcode | None:
    """Where to stop trusting a window's answer: ``(index, old_cut, new_cut)`` packed as an
    opcode-shaped tuple ``("cut", k, a, k, b)`` meaning ``ops[:k]`` and the unchanged stretch
    ``ops[k]`` up to ``a``/``b``; or None.

    The stretch is the last one ending within the trusted part of both windows (``trust_a``
    and ``trust_b`` characters), a long one if there is any, cut at
    its middle (between two words) so that the next window sees unchanged text on both sides
    of its first change and places it as a diff of the whole would.  A short stretch is taken
    only when ``take_short`` (the window has grown large without finding a long one), and cut
    before it."""
    best = short = None
    for k, (tag, a0, a1, b0, b1) in enumerate(ops):
        if a1 > trust_a or b1 > trust_b:
            break
        if tag == "equal" and a1 > 0 and b1 > 0:
            if a0 > 0 or b0 > 0:
                short = k
            if a1 - a0 >= CUT_MIN:
                best = k
    if best is None:
        if short is None or not take_short:
            return None
        # before the short stretch, so that the next window sees it beside the change after it
        _, a0, _a1, b0, _b1 = ops[short]
        return ("cut", short, a0, short, b0)
    _, a0, a1, b0, b1 = ops[best]
    off = (a1 - a0) // 2
    while off > 1 and (_inside_word(old, a0 + off) or _inside_word(new, b0 + off)):
        off -= 1
    return ("cut", best, a0 + off, best, b0 + off)


def _shift(ops: Sequence[Opcode], da: int, db: int) -> list[Opcode]:
    return [(t, a0 + da, a1 + da, b0 + db, b1 + db) for t, a0, a1, b0, b1 in ops]


def _joined(ops: Sequence[Opcode]) -> list[Opcode]:
    """Adjacent opcodes of one tag merged (window edges split unchanged stretches)."""
    out: list[Opcode] = []
    for op in ops:
        if op[1] == op[2] and op[3] == op[4]:
            continue
        if out and out[-1][0] == op[0] and out[-1][2] == op[1] and out[-1][4] == op[3]:
            out[-1] = (op[0], out[-1][1], op[2], out[-1][3], op[4])
        else:
            out.append(op)
    return out


#: How far a cut inside the common beginning or end is moved to fall between two tokens.
_BACK_OFF = 256
#: Unchanged characters left on each side of the first and last change, so that the engine
#: places those changes among equivalent places as it would in the whole text.
_MARGIN = 32
#: A window grown to this many times its size may be cut at a short unchanged stretch (text
#: where nothing stays the same for CUT_MIN characters).
_SHORT_AFTER = 16


def _inside_word(text: str, pos: int) -> bool:
    return 0 < pos < len(text) and text[pos - 1].isalnum() and text[pos].isalnum()


def _token_prefix(old: str, new: str) -> int:
    """The common beginning, ended where neither text is inside a word (the engine compares
    whole words: a common beginning must not split one); 0 if no such point is near."""
    pos = max(0, common_prefix(old, new) - _MARGIN)
    stop = max(0, pos - _BACK_OFF)
    while _inside_word(old, pos) or _inside_word(new, pos):
        if pos == stop:
            return 0
        pos -= 1
    return pos


def _token_suffix(old: str, new: str, limit: int) -> int:
    """The common end (at most ``limit``), begun where neither text is inside a word."""
    size = max(0, common_suffix(old, new, limit) - _MARGIN)
    stop = max(0, size - _BACK_OFF)
    while _inside_word(old, len(old) - size) or _inside_word(new, len(new) - size):
        if size == stop:
            return 0
        size -= 1
    return size


def line_regions(old: str, new: str) -> list[Opcode]:
    """Equal and changed stretches of whole lines (diff-match-patch's line mode, each line
    one character), as character offsets."""
    from diff_match_patch import diff_match_patch  # type: ignore[import-untyped]

    dmp = diff_match_patch()
    dmp.Diff_Timeout = 5.0
    chars_a, chars_b, table = dmp.diff_linesToChars(old, new)
    diffs = dmp.diff_main(chars_a, chars_b, False)
    out: list[Opcode] = []
    a = b = 0
    pending_a = pending_b = 0
    for op, chars in diffs:
        size = sum(len(table[ord(c)]) for c in chars)
        if op == -1:
            pending_a += size
        elif op == 1:
            pending_b += size
        else:
            if pending_a or pending_b:
                tag = "replace" if pending_a and pending_b else "delete" if pending_a else "insert"
                out.append((tag, a, a + pending_a, b, b + pending_b))
                a, b = a + pending_a, b + pending_b
                pending_a = pending_b = 0
            out.append(("equal", a, a + size, b, b + size))
            a, b = a + size, b + size
    if pending_a or pending_b:
        tag = "replace" if pending_a and pending_b else "delete" if pending_a else "insert"
        out.append((tag, a, a + pending_a, b, b + pending_b))
    return out


def chain(store: Store, version: Version) -> list[Version]:
    """The versions from the stream's first to ``version``, following parents."""
    by_number = {v.number: v for v in store.versions(version.doc_id, version.stream_id)}
    out = [version]
    seen = {version.number}
    while out[-1].parent is not None and out[-1].parent in by_number:
        parent = by_number[out[-1].parent]
        if parent.number in seen:  # pragma: no cover - a cycle the schema cannot express
            break
        seen.add(parent.number)
        out.append(parent)
    return list(reversed(out))


Segment = tuple[int, int, int]  # start, end, version number


def carry(segments: Sequence[Segment], ops: Sequence[Opcode], number: int) -> list[Segment]:
    """The segments of the new text: kept stretches keep their version, inserted and
    replaced ones get ``number``.  One sweep over both (each in order of the old text)."""
    out: list[Segment] = []
    k = 0
    for tag, a0, a1, b0, b1 in ops:
        if tag == "equal":
            shift = b0 - a0
            while k < len(segments) and segments[k][1] <= a0:
                k += 1
            j = k
            while j < len(segments) and segments[j][0] < a1:
                s, e, v = segments[j]
                lo, hi = max(s, a0), min(e, a1)
                if lo < hi:
                    out.append((lo + shift, hi + shift, v))
                j += 1
        elif tag in ("insert", "replace") and b1 > b0:
            out.append((b0, b1, number))
    out.sort()
    merged: list[Segment] = []
    for s, e, v in out:
        if merged and merged[-1][2] == v and merged[-1][1] == s:
            merged[-1] = (merged[-1][0], e, v)
        else:
            merged.append((s, e, v))
    return merged


def blame(store: Store, target: str, *, differ: Differ | None = None) -> BlameResult:
    """Blame ``target`` (``DOC/STREAM[@N]``, or ``DOC`` for its default stream's latest)."""
    diff = differ or engine_opcodes
    version = store.resolve(target)
    versions = chain(store, version)
    text = store.read_text(versions[0])
    segments: list[Segment] = [(0, len(text), versions[0].number)] if text else []
    for v in versions[1:]:
        new = store.read_text(v)
        segments = carry(segments, diff(text, new), v.number)
        text = new
    return BlameResult(
        version.doc_id,
        version.stream_id,
        version,
        tuple(versions),
        text,
        tuple(_spans(text, segments)),
    )


def _spans(text: str, segments: Sequence[Segment]) -> list[BlameSpan]:
    out = []
    line, line_start, pos = 1, 0, 0
    for s, e, v in segments:
        newlines = text.count("\n", pos, s)
        if newlines:
            line += newlines
            line_start = text.rfind("\n", pos, s) + 1
        pos = s
        out.append(BlameSpan(s, e, line, s - line_start + 1, text[s:e], v))
    return out


# -- renderers ---------------------------------------------------------------------------


def version_record(v: Version) -> dict[str, Any]:
    return {
        "number": v.number,
        "ref": v.ref,
        "date": v.date,
        "recorded": v.recorded,
        "agents": [a.as_dict() for a in v.agents],
        "activity": v.activity,
        "message": v.message,
        "sha256": v.sha256,
    }


def as_json(result: BlameResult) -> dict[str, Any]:
    """The JSON document ``provenance blame --format json`` prints
    (``schemas/blame-output.schema.json``)."""
    return {
        "format_version": 1,
        "document": result.document,
        "stream": result.stream,
        "version": result.version.ref,
        "versions": [version_record(v) for v in result.versions],
        "spans": [
            {
                "start": s.start,
                "end": s.end,
                "line": s.line,
                "column": s.column,
                "version": s.version,
                "text": s.text,
            }
            for s in result.spans
        ],
    }


_COLOURS = ("36", "33", "35", "32", "34", "31", "96", "93", "95", "92")


def _who(v: Version) -> str:
    names: dict[str, list[str]] = {}
    for a in v.agents:
        names.setdefault(a.role, []).append(a.name)
    return printable("; ".join(f"{', '.join(n)} ({role})" for role, n in names.items()) or "-")


def format_text(result: BlameResult, options: RenderOptions = PLAIN) -> str:
    """A legend of the versions, then the text line by line: each line's number and the
    versions present in it, with words from any version but the first marked
    ``{vN: words}`` (or coloured by version on a terminal)."""
    color = options.color
    first = result.versions[0].number
    width = max(len(f"v{v.number}") for v in result.versions)
    out = []
    for n, v in enumerate(result.versions):
        tag = f"v{v.number}".ljust(width)
        if color:
            tag = f"\x1b[{_COLOURS[n % len(_COLOURS)]}m{tag}\x1b[0m"
        when = v.date or v.recorded[:10] or "undated"
        out.append(
            f"{tag}  {printable(when):<10}  {v.activity:<11} {_who(v)}: {printable(v.message)}"
        )
    out.append("")
    colour_of = {v.number: _COLOURS[n % len(_COLOURS)] for n, v in enumerate(result.versions)}
    lines: list[tuple[list[int], list[str]]] = [([], [])]
    for span in result.spans:
        pieces = printable(span.text, newlines=True).split("\n")
        for i, piece in enumerate(pieces):
            if i:
                lines.append(([], []))
            if not piece:
                continue
            nums, parts = lines[-1]
            if span.version not in nums:
                nums.append(span.version)
            if color:
                parts.append(
                    f"\x1b[{colour_of[span.version]}m{piece}\x1b[0m"
                    if span.version != first
                    else piece
                )
            elif span.version != first and piece.strip():
                parts.append(f"{{v{span.version}: {piece}}}")
            else:
                parts.append(piece)
    if result.text.endswith("\n") and lines and not lines[-1][1]:
        lines.pop()
    vwidth = max(len(" ".join(f"v{n}" for n in sorted(nums))) for nums, _ in lines) if lines else 0
    lwidth = len(str(len(lines)))
    for number, (nums, parts) in enumerate(lines, 1):
        label = " ".join(f"v{n}" for n in sorted(nums)).ljust(vwidth)
        out.append(f"{label} {number:>{lwidth}}| {''.join(parts)}".rstrip())
    return "\n".join(out) + "\n"


def format_json(result: BlameResult, options: RenderOptions = PLAIN) -> str:
    return dumps_json(as_json(result))


#: ``--format`` value -> renderer(result, options) -> text (:mod:`provenance.rendering`).
FORMATS: Formats[BlameResult, RenderOptions] = {"text": format_text, "json": format_json}
