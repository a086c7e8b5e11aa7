"""An alignment as text, JSON (``format_version`` first) or one HTML page side by side."""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..rendering import PLAIN, RenderOptions, dumps_json
from .core import Alignment, Bead
from .segment import Segment, sentences

if TYPE_CHECKING:
    from ..rendering import Formats


@dataclass(frozen=True)
class Aligned:
    """An alignment with the names of its two sides (``DOC/STREAM@N`` or a file), as the
    renderers show it."""

    alignment: Alignment
    source: str
    target: str


def _numbers(values: tuple[int, ...]) -> str:
    if not values:
        return "-"
    return "+".join(f"¶{v}" for v in values)


def _join(segs: tuple[Segment, ...], numbers: tuple[int, ...]) -> str:
    return "\n\n".join(segs[n - 1].text for n in numbers)


def _sentence_texts(alignment: Alignment, bead: Bead) -> tuple[list[Segment], list[Segment]]:
    ss = [s for n in bead.source for s in sentences(alignment.source[n - 1])]
    ts = [s for n in bead.target for s in sentences(alignment.target[n - 1])]
    return ss, ts


def as_dict(alignment: Alignment, source: str, target: str) -> dict[str, Any]:
    """The JSON form: every paragraph bead with its texts and its sentence beads."""
    beads = []
    for bead in alignment.beads:
        ss, ts = _sentence_texts(alignment, bead)
        beads.append(
            {
                "kind": bead.kind,
                "source": list(bead.source),
                "target": list(bead.target),
                "cost": round(bead.cost, 3),
                "anchors": list(bead.anchors),
                "source_text": _join(alignment.source, bead.source),
                "target_text": _join(alignment.target, bead.target),
                "source_line": alignment.source[bead.source[0] - 1].line if bead.source else None,
                "target_line": alignment.target[bead.target[0] - 1].line if bead.target else None,
                "sentences": [
                    {
                        "kind": s.kind,
                        "source": list(s.source),
                        "target": list(s.target),
                        "source_text": " ".join(ss[i - 1].text for i in s.source),
                        "target_text": " ".join(ts[i - 1].text for i in s.target),
                    }
                    for s in bead.sentences
                ],
            }
        )
    kinds: dict[str, int] = {}
    for bead in alignment.beads:
        kinds[bead.kind] = kinds.get(bead.kind, 0) + 1
    return {
        "format_version": 1,
        "source": {"ref": source, "paragraphs": len(alignment.source)},
        "target": {"ref": target, "paragraphs": len(alignment.target)},
        "ratio": round(alignment.ratio, 4),
        "kinds": kinds,
        "beads": beads,
    }


#: Characters of each text shown on a line of the text format.
WIDTH = 100


def format_text(result: Aligned, options: RenderOptions = PLAIN) -> str:
    """Pair by pair: the paragraphs' numbers, the kind of pair, the anchors, and each
    sentence pair shortened to one line."""
    alignment, source, target, width = result.alignment, result.source, result.target, WIDTH
    lines = [f"{source}  ↔  {target}  ({len(alignment.beads)} pairs)"]
    for bead in alignment.beads:
        lines.append("")
        anchors = f"  anchors: {' '.join(bead.anchors)}" if bead.anchors else ""
        lines.append(f"{_numbers(bead.source)} ↔ {_numbers(bead.target)}  {bead.kind}{anchors}")
        ss, ts = _sentence_texts(alignment, bead)
        if bead.sentences and len(bead.sentences) > 1:
            for s in bead.sentences:
                left = " ".join(ss[i - 1].text for i in s.source) or "-"
                right = " ".join(ts[i - 1].text for i in s.target) or "-"
                lines.append(f"  {s.kind}  < {_short(left, width)}")
                lines.append(f"       > {_short(right, width)}")
        else:
            lines.append(f"  < {_short(_join(alignment.source, bead.source) or '-', width)}")
            lines.append(f"  > {_short(_join(alignment.target, bead.target) or '-', width)}")
    return "\n".join(lines) + "\n"


def _short(text: str, width: int) -> str:
    one = " ".join(text.split())
    return one if len(one) <= width else one[: width - 1] + "…"


_STYLE = """
body{font-family:system-ui,sans-serif;margin:1.5em;color:#222}
table{border-collapse:collapse;width:100%}
td,th{border-top:1px solid #ccc;padding:.4em .6em;vertical-align:top;width:50%}
th{text-align:left;background:#f4f4f4}
.n{color:#777;font-size:.85em;white-space:nowrap;width:auto}
.s td{border-top:1px dotted #ddd}
.k{font-size:.8em;color:#a60}
.gap{color:#999;font-style:italic}
@media print{body{margin:0}}
"""


def format_html(result: Aligned, options: RenderOptions = PLAIN) -> str:
    """One self-contained page: the two texts side by side, pair by pair."""
    alignment, source, target = result.alignment, result.source, result.target
    e = html.escape
    rows = []
    for bead in alignment.beads:
        ss, ts = _sentence_texts(alignment, bead)
        anchors = f" <span class=k>{e(' '.join(bead.anchors))}</span>" if bead.anchors else ""
        rows.append(
            f"<tr><td class=n>{e(_numbers(bead.source))} ↔ {e(_numbers(bead.target))}<br>"
            f"<span class=k>{bead.kind}</span>{anchors}</td>"
            + "".join(
                f"<td>{e(text)}</td>" if text else "<td class=gap>(nothing)</td>"
                for text in (
                    _join(alignment.source, bead.source),
                    _join(alignment.target, bead.target),
                )
            )
            + "</tr>"
        )
        if len(bead.sentences) > 1:
            for s in bead.sentences:
                left = " ".join(ss[i - 1].text for i in s.source)
                right = " ".join(ts[i - 1].text for i in s.target)
                rows.append(
                    f"<tr class=s><td class=n>{s.kind}</td>"
                    + "".join(
                        f"<td>{e(t)}</td>" if t else "<td class=gap>(nothing)</td>"
                        for t in (left, right)
                    )
                    + "</tr>"
                )
    return (
        "<!DOCTYPE html>\n<html><head><meta charset=utf-8>"
        f"<title>{e(source)} ↔ {e(target)}</title><style>{_STYLE}</style></head><body>\n"
        f"<h1>{e(source)} ↔ {e(target)}</h1>\n<table><tr><th class=n></th>"
        f"<th>{e(source)}</th><th>{e(target)}</th></tr>\n"
        + "\n".join(rows)
        + "\n</table></body></html>\n"
    )


def format_json(result: Aligned, options: RenderOptions = PLAIN) -> str:
    return dumps_json(as_dict(result.alignment, result.source, result.target))


#: ``--format`` value -> renderer(result, options) -> text (:mod:`provenance.rendering`).
FORMATS: Formats[Aligned, RenderOptions] = {
    "text": format_text,
    "json": format_json,
    "html": format_html,
}
