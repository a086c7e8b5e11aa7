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

from .rendering import PLAIN, Formats, RenderOptions, dumps_json
from .textio import printable

if TYPE_CHECKING:
    from .model import Version
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


def engine_opcodes(old: str, new: str) -> list[Opcode]:
    """The diff engine's word-level edit script between two texts, as opcodes."""
    try:
        from .diff import diff_texts
    except ImportError:
        from .errors import UsageError

        raise UsageError(
            "this needs the diff engine (provenance.diff), which this installation lacks"
        ) from None

    from .interventions.align import from_result

    if len(old) + len(new) < CHUNK_MIN:
        return from_result(diff_texts(old, new))
    out: list[Opcode] = []
    for tag, a0, a1, b0, b1 in line_regions(old, new):
        if tag == "equal" or a0 == a1 or b0 == b1:
            out.append((tag, a0, a1, b0, b1))
            continue
        for t, x0, x1, y0, y1 in from_result(diff_texts(old[a0:a1], new[b0:b1])):
            out.append((t, x0 + a0, x1 + a0, y0 + b0, y1 + b0))
    return out


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
