"""Renderers of a collation, each ``(result, options) -> str``, chosen from :data:`FORMATS`:
``text`` (the alignment table), ``json`` (``collate-output.schema.json``), ``tei`` (a TEI P5
apparatus in parallel segmentation) and ``html`` (one self-contained page)."""

from __future__ import annotations

import re
import textwrap
import unicodedata
from typing import TYPE_CHECKING, NamedTuple

from ..rendering import dumps_json
from .model import Collation, Segment
from .summary import _plural, summary

if TYPE_CHECKING:
    from ..rendering import Formats


class RenderOptions(NamedTuple):
    """``color``: ANSI colours (text); ``width``: of the text table; ``variants_only``: the
    text table without the segments all witnesses read alike."""

    color: bool = False
    width: int = 100
    variants_only: bool = False


#: The default options.
PLAIN = RenderOptions()


_SPACE_RE = re.compile(r"\s+")
_COLORS = {"textual": "\033[31m", "editorial": "\033[36m", "formal": "\033[33m"}
_RESET = "\033[0m"
OMITTED = "—"


def _flat(text: str) -> str:
    return _SPACE_RE.sub(" ", text).strip()


def _normalised(result: Collation) -> str:
    o = result.options
    names = [
        n
        for n, on in (
            ("case", o.case),
            ("punctuation", o.punctuation),
            ("quotes", o.quotes),
            ("unicode (NFC)", o.unicode),
        )
        if on
    ]
    if o.spellings:
        names.append(f"spellings ({_plural(len(o.spellings), 'variant')})")
    out = "not counted: whitespace"
    if names:
        out += ", " + ", ".join(names)
    if o.brackets:
        out += "; editorial brackets by the intervention layer"
    return out


def _width(text: str) -> int:
    """Columns a text takes in a terminal (Chinese, Japanese, Korean characters take two)."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


def _wrap(text: str, width: int) -> list[str]:
    """Lines of at most ``width`` terminal columns, broken at spaces where there are any."""
    out: list[str] = []
    for piece in textwrap.wrap(text, width) if text.isascii() else [text]:
        line = ""
        for ch in piece:
            if _width(line + ch) > width:
                out.append(line)
                line = ""
            line += ch
        if line:
            out.append(line)
    return out


def _shorten(text: str, width: int) -> str:
    if len(text) <= width:
        return text
    half = max(1, (width - 3) // 2)
    return text[:half].rstrip() + " … " + text[-half:].lstrip()


def _type_cell(seg: Segment) -> str:
    cell = seg.type or ""
    if seg.transposition:
        cell += f" {seg.transposition}"
    return cell


def format_text(result: Collation, options: RenderOptions = PLAIN) -> str:
    """The alignment table: one row per segment, a column per witness.  A segment every
    witness reads alike is one line across the table (shortened in the middle)."""
    opts = options
    sigla = result.sigla
    lines = [f"Collation: {summary(result)}", _normalised(result)]
    for w in result.witnesses:
        lines.append(
            f"  {w.sigil}: {w.source or w.kind}"
            + (" (base)" if result.base is not None and w is result.witnesses[result.base] else "")
        )
    for t in result.transpositions:
        src = ", ".join(sigla[w] for w in t.source_witnesses)
        tgt = ", ".join(sigla[w] for w in t.target_witnesses)
        where_s = ", ".join(str(result.segments[k].location) for k in t.source)
        where_t = ", ".join(str(result.segments[k].location) for k in t.target)
        lines.append(
            f"  {t.id}: {_flat(t.text)!r} stands at {where_s} in {src} and at {where_t} in {tgt}"
        )
    lines.append("")
    head_w = 4 + 1 + 16
    cell_w = max(10, (opts.width - head_w) // max(1, len(sigla)) - 2)
    header = f"{'#':>4} {'type':<16}" + "".join(f"  {s[:cell_w]:<{cell_w}}" for s in sigla)
    lines.append(header.rstrip())
    lines.append("-" * min(opts.width, len(header)))
    span = len(header) - head_w - 2
    for seg in result.segments:
        if not seg.variant:
            if opts.variants_only:
                continue
            text = _flat(seg.readings[0].text)
            lines.append(f"{'':>4} {'=':<16}  {_shorten(text, max(20, span))}".rstrip())
            continue
        cells = [_wrap(_flat(r.text), cell_w) or [OMITTED] for r in seg.readings]
        depth = max(len(c) for c in cells)
        tag = _type_cell(seg)
        for k in range(depth):
            left = f"{seg.location if k == 0 else '':>4} {tag if k == 0 else '':<16}"
            if opts.color and k == 0 and seg.type:
                left = f"{seg.location:>4} {_COLORS[seg.type]}{tag:<16}{_RESET}"
            row = "".join("  " + _pad(c[k] if k < len(c) else "", cell_w) for c in cells)
            lines.append((left + row).rstrip())
    return "\n".join(lines) + "\n"


def format_json(result: Collation, options: RenderOptions = PLAIN) -> str:
    return dumps_json(result.as_dict())


def format_tei(result: Collation, options: RenderOptions = PLAIN) -> str:
    from .tei import format_tei as _format

    return _format(result)


def format_html(result: Collation, options: RenderOptions = PLAIN) -> str:
    from .html import format_html as _format

    return _format(result)


#: ``--format`` value -> renderer(result, options) -> text (:mod:`provenance.rendering`).
FORMATS: Formats[Collation, RenderOptions] = {
    "text": format_text,
    "json": format_json,
    "tei": format_tei,
    "html": format_html,
}
