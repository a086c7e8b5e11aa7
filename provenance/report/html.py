"""The review report as one self-contained HTML page: inline CSS, no scripts, no fonts or
images fetched, readable when printed."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..rendering import PLAIN, RenderOptions
from .model import CLASSES, Report, Side

if TYPE_CHECKING:
    from ..interventions import Intervention, LedgerChange
    from ..rendering import Formats

_PARA = re.compile(r"(\n[ \t\u00a0\u3000]*(?:\r?\n[ \t\u00a0\u3000]*)+)")

CSS = """
:root { --ink:#1f2328; --muted:#59636e; --rule:#d1d9e0; --paper:#ffffff; --band:#f6f8fa;
  --t-del-bg:#ffd7d5; --t-del:#82071e; --t-ins-bg:#c6f6d0; --t-ins:#055d20;
  --e-del-bg:#efe2ff; --e-del:#5a2a9c; --e-ins-bg:#dcc8ff; --e-ins:#4b1d8f; --e-line:#8250df;
  --w-bg:#eaeef2; --iv:#8a4b00; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--paper); color: var(--ink);
  font: 15px/1.5 "Noto Serif", "DejaVu Serif", Georgia, "Noto Serif CJK SC", serif; }
main { max-width: 1320px; margin: 0 auto; padding: 24px 28px 48px; }
h1 { font-size: 22px; line-height: 1.3; margin: 0 0 4px; }
h2 { font: 600 16px/1.3 system-ui, "DejaVu Sans", sans-serif; margin: 32px 0 10px;
  padding-bottom: 4px; border-bottom: 1px solid var(--rule); }
.sub, .meta, table.data, .legend, .summary, footer { font-family: system-ui, "DejaVu Sans",
  sans-serif; }
.sub { color: var(--muted); margin: 0 0 18px; font-size: 13px; }
.sides { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
.card { border: 1px solid var(--rule); border-radius: 6px; padding: 10px 14px;
  background: var(--band); }
.card h3 { margin: 0 0 6px; font: 600 14px system-ui, "DejaVu Sans", sans-serif; }
.card dl { margin: 0; display: grid; grid-template-columns: max-content 1fr; gap: 2px 10px;
  font-size: 13px;
  font-family: system-ui, "DejaVu Sans", sans-serif; }
.card dt { color: var(--muted); } .card dd { margin: 0; overflow-wrap: anywhere; }
code, .hash { font: 12px/1.4 "DejaVu Sans Mono", monospace; }
.summary { display: flex; flex-wrap: wrap; gap: 10px 24px; align-items: center;
  margin: 14px 0 0; font-size: 13px; }
.summary b { font-size: 18px; margin-right: 4px; }
.legend span { margin-right: 14px; white-space: nowrap; }
del, ins { text-decoration: none; border-radius: 3px; padding: 0 1px; }
del.textual { background: var(--t-del-bg); color: var(--t-del); text-decoration: line-through; }
ins.textual { background: var(--t-ins-bg); color: var(--t-ins); }
del.editorial { background: var(--e-del-bg); color: var(--e-del); text-decoration: line-through;
  outline: 1px dashed var(--e-line); }
ins.editorial { background: var(--e-ins-bg); color: var(--e-ins);
  border-bottom: 2px solid var(--e-line); }
del.whitespace, ins.whitespace { background: var(--w-bg); outline: 1px dotted #8c959f; }
.iv { color: var(--iv); }
table.text { width: 100%; border-collapse: collapse; table-layout: fixed; }
table.text th { position: sticky; top: 0; background: var(--paper); text-align: left;
  font: 600 13px system-ui, "DejaVu Sans", sans-serif; padding: 6px 10px;
  border-bottom: 2px solid var(--rule); }
table.text td { vertical-align: top; padding: 6px 10px; border-bottom: 1px solid #eef1f4;
  white-space: pre-wrap; overflow-wrap: anywhere; }
table.text td.ln { width: 46px; color: var(--muted); text-align: right;
  font: 11px/2 "DejaVu Sans Mono", monospace;
  white-space: nowrap; padding-right: 6px; }
table.text tr.changed td.ln { box-shadow: inset 3px 0 0 #d4a72c; }
table.text col.ln { width: 46px; }
table.data { border-collapse: collapse; width: 100%; font-size: 13px; }
table.data th, table.data td { text-align: left; vertical-align: top; padding: 4px 8px;
  border-bottom: 1px solid var(--rule); overflow-wrap: anywhere; }
table.data th { background: var(--band); }
table.data td:first-child code { white-space: nowrap; }
.status { font-weight: 600; border-radius: 10px; padding: 0 7px; font-size: 12px;
  white-space: nowrap; }
.st-added { background: var(--e-ins-bg); color: var(--e-ins); }
.st-removed { background: var(--t-del-bg); color: var(--t-del); }
.st-absorbed { background: #fff1c2; color: #6b4b00; }
.st-changed { background: #ddf4ff; color: #0a3069; }
.st-kept { background: var(--band); color: var(--muted); }
.none { color: var(--muted); font-style: italic; }
ol.changes { columns: 2; font-size: 13px; padding-left: 22px;
  font-family: system-ui, "DejaVu Sans", sans-serif; }
ol.changes a { color: inherit; text-decoration: none; }
h3.sub { margin: 14px 0 6px; }
blockquote.cite { margin: 0; padding: 8px 12px; border-left: 3px solid var(--rule);
  background: var(--band); }
footer { margin-top: 36px; color: var(--muted); font-size: 12px; }
details summary { cursor: pointer; color: var(--muted);
  font: 13px system-ui, "DejaVu Sans", sans-serif; }
@media print {
  main { max-width: none; padding: 0; }
  table.text th { position: static; }
  tr { break-inside: avoid; }
  del, ins { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def _marked(text: str, lo: int, hi: int, spans: Sequence[Intervention]) -> str:
    """``text[lo:hi]`` escaped, with the stretches inside brackets (``spans``: the outermost
    interventions, in order) marked ``.iv``."""
    out, pos = [], lo
    for s in spans:
        a, b = max(lo, s.start), min(hi, s.end)
        if a >= b or a < pos:
            continue
        out.append(esc(text[pos:a]))
        out.append(f'<span class="iv">{esc(text[a:b])}</span>')
        pos = b
    out.append(esc(text[pos:hi]))
    return "".join(out)


class _Rows:
    """Paragraph-aligned rows of the two columns, cut at blank lines in unchanged text."""

    def __init__(self) -> None:
        self.rows: list[list[Any]] = []
        self.line = [1, 1]
        self._new()

    def _new(self) -> None:
        self.rows.append([[], [], self.line[0], self.line[1], False])

    def add(self, side: int, piece: str, raw: str) -> None:
        self.rows[-1][side].append(piece)
        self.line[side] += raw.count("\n")

    def changed(self) -> None:
        self.rows[-1][4] = True

    def cut(self, sep: str) -> None:
        for side in (0, 1):
            self.line[side] += sep.count("\n")
        self._new()


def side_by_side(report: Report) -> str:
    """The two texts in paragraph rows, word changes marked by class."""
    old, new = report.old, report.new
    old_top, new_top = _outermost(old), _outermost(new)
    rows = _Rows()
    number = 0
    for op in report.diff.operations:
        a0, a1, b0, b1 = op.old_start, op.old_end, op.new_start, op.new_end
        if op.op == "equal":
            pos = 0
            segment = new.text[b0:b1]
            for m in _PARA.finditer(segment):
                rows.add(
                    0,
                    _marked(old.text, a0 + pos, a0 + m.start(), old_top),
                    segment[pos : m.start()],
                )
                rows.add(
                    1,
                    _marked(new.text, b0 + pos, b0 + m.start(), new_top),
                    segment[pos : m.start()],
                )
                rows.cut(m.group(0))
                pos = m.end()
            rows.add(0, _marked(old.text, a0 + pos, a1, old_top), segment[pos:])
            rows.add(1, _marked(new.text, b0 + pos, b1, new_top), segment[pos:])
            continue
        number += 1
        rows.changed()
        cls = esc(op.category or "textual")
        cid = f' id="c{number}"'
        if op.old:
            rows.add(0, f'<del class="{cls}"{cid}>{esc(op.old)}</del>', op.old)
            cid = ""
        if op.new:
            rows.add(1, f'<ins class="{cls}"{cid}>{esc(op.new)}</ins>', op.new)
    out = [
        '<table class="text"><colgroup><col class="ln"><col><col class="ln"><col></colgroup>',
        f"<thead><tr><th></th><th>{esc(old.version.ref)} (old)</th><th></th>"
        f"<th>{esc(new.version.ref)} (new)</th></tr></thead><tbody>",
    ]
    for old_parts, new_parts, old_line, new_line, changed in rows.rows:
        left, right = "".join(old_parts).strip("\n"), "".join(new_parts).strip("\n")
        if not left and not right:
            continue
        cls = ' class="changed"' if changed else ""
        out.append(
            f'<tr{cls}><td class="ln">{old_line}</td><td>{left}</td>'
            f'<td class="ln">{new_line}</td><td>{right}</td></tr>'
        )
    out.append("</tbody></table>")
    return "\n".join(out)


def _outermost(side: Side) -> list[Intervention]:
    return [i for i in side.interventions if i.depth == 0]


def _who(side: Side) -> str:
    return ", ".join(f"{esc(a.name)} ({esc(a.role)})" for a in side.version.agents) or "—"


def _card(side: Side, label: str) -> str:
    v = side.version
    rows = [
        ("version", f"<code>{esc(v.ref)}</code>"),
        (
            "date",
            esc(v.date or "undated") + (f" (recorded {esc(v.recorded)})" if v.recorded else ""),
        ),
        ("by", _who(side)),
        ("activity", esc(v.activity)),
        ("message", esc(v.message)),
        ("sha256", f'<span class="hash">{esc(v.sha256)}</span>'),
        ("stream", f"{esc(side.stream.kind)}, {esc(side.stream.language)}"),
        ("interventions", str(len(side.interventions))),
    ]
    body = "".join(f"<dt>{k}</dt><dd>{v_}</dd>" for k, v_ in rows)
    return f'<section class="card"><h3>{label}</h3><dl>{body}</dl></section>'


def _summary(report: Report) -> str:
    labels = {
        "textual": "word change",
        "editorial": "editorial change",
        "whitespace": "spacing change",
    }
    parts = [
        f"<span><b>{report.count(c)}</b>{labels[c]}{_s(report.count(c))}</span>" for c in CLASSES
    ]
    moved = sum(1 for r in report.ledger.changes if r.status != "kept")
    parts.append(f"<span><b>{moved}</b>interventions changed, added or removed</span>")
    parts.append(f"<span><b>{len(report.metadata.changes)}</b>metadata fields changed</span>")
    legend = (
        '<div class="legend">'
        '<span><del class="textual">deleted</del> <ins class="textual">inserted</ins> '
        "words</span>"
        '<span><del class="editorial">[removed]</del> <ins class="editorial">[added]</ins> '
        "editorial layer</span>"
        '<span><ins class="whitespace"> </ins> spacing</span>'
        '<span><span class="iv">[bracketed]</span> intervention, unchanged</span></div>'
    )
    return f'<div class="summary">{"".join(parts)}</div>{legend}'


def _s(n: int) -> str:
    return "" if n == 1 else "s"


def _change_list(report: Report) -> str:
    if not report.changes:
        return '<p class="none">The texts are identical.</p>'
    items = []
    for number, c in enumerate(report.changes, 1):
        cls = esc(c.category or "textual")
        before = f'<del class="{cls}">{esc(_short(c.old))}</del>' if c.old else ""
        after = f'<ins class="{cls}">{esc(_short(c.new))}</ins>' if c.new else ""
        items.append(
            f'<li><a href="#c{number}">{before} {after}</a> <span class="none">{cls}</span></li>'
        )
    return f'<ol class="changes">{"".join(items)}</ol>'


def _short(text: str, limit: int = 60) -> str:
    one = " ".join(text.split()) or text.replace("\n", "⏎").replace(" ", "·")
    return one if len(one) <= limit else one[: limit - 1] + "…"


def _ledger(report: Report) -> str:
    rows = [r for r in report.ledger.changes if r.status != "kept"]
    kept = report.ledger.by_status("kept")

    def table(items: Sequence[LedgerChange]) -> str:
        body = "".join(
            f'<tr><td><span class="status st-{r.status}">{r.status}</span></td>'
            f"<td>{esc(r.type)}</td><td>{esc(r.old.text if r.old else '')}</td>"
            f"<td>{esc(r.new.text if r.new else '')}</td>"
            f"<td>{r.current.line}:{r.current.column}</td></tr>"
            for r in items
        )
        return (
            '<table class="data"><thead><tr><th>status</th><th>type</th><th>old</th>'
            f"<th>new</th><th>line:col</th></tr></thead><tbody>{body}</tbody></table>"
        )

    out = [
        table(rows)
        if rows
        else '<p class="none">No intervention was added, removed or changed.</p>'
    ]
    if kept:
        out.append(
            f"<details><summary>{len(kept)} interventions kept as they were</summary>"
            f"{table(kept)}</details>"
        )
    return "\n".join(out)


def _value(value: Any, present: bool) -> str:
    from ..diff.metadata import value_text

    if not present:
        return '<span class="none">(absent)</span>'
    if value == "":
        return '<span class="none">(empty)</span>'
    return esc(value_text(value))


def _metadata(report: Report) -> str:
    if not report.metadata.changes:
        return '<p class="none">No metadata differs.</p>'
    body = "".join(
        f"<tr><td><code>{esc(m.field)}</code></td>"
        f"<td>{_value(m.old, m.change != 'added')}</td>"
        f"<td>{_value(m.new, m.change != 'removed')}</td></tr>"
        for m in report.metadata.changes
    )
    return (
        '<table class="data"><thead><tr><th>field</th><th>old</th><th>new</th></tr>'
        f"</thead><tbody>{body}</tbody></table>"
    )


def _citations(report: Report) -> str:
    out = []
    for side, label in ((report.old, "Old"), (report.new, "New")):
        text = side.citation or "(no citation)"
        out.append(
            f'<h3 class="sub">{label}: <code>{esc(side.version.ref)}</code></h3>'
            f'<blockquote class="cite">{esc(text)}</blockquote>'
        )
    return "\n".join(out)


def render_html(report: Report, options: RenderOptions = PLAIN) -> str:
    """The whole page."""
    from .. import __version__

    doc = report.new.document
    title = f"Review: {report.old.version.ref} → {report.new.version.ref}"
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{esc(report.new.stream.language)}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(title)}</title>",
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'\">",
        f"<style>{CSS}</style></head><body><main>",
        f"<h1>{esc(doc.title)}</h1>",
        f'<p class="sub">{esc(title)} · brackets read by the {esc(report.profile)} profile · '
        f"report of {esc(report.generated)}</p>",
        '<div class="sides">',
        _card(report.old, "Old version"),
        _card(report.new, "New version"),
        "</div>",
        _summary(report),
        '<h2 id="changes">Changes</h2>',
        _change_list(report),
        '<h2 id="text">Side by side</h2>',
        side_by_side(report),
        '<h2 id="interventions">Interventions</h2>',
        _ledger(report),
        '<h2 id="metadata">Metadata changes</h2>',
        _metadata(report),
        '<h2 id="citations">Citations</h2>',
        _citations(report),
        f"<footer>provenance {esc(__version__)} · old sha256 "
        f'<span class="hash">{esc(report.old.version.sha256)}</span> · new sha256 '
        f'<span class="hash">{esc(report.new.version.sha256)}</span></footer>',
        "</main></body></html>",
    ]
    return "\n".join(parts) + "\n"


#: ``--format`` value -> renderer(report, options) -> text (:mod:`provenance.rendering`):
#: the report is one page.
FORMATS: Formats[Report, RenderOptions] = {"html": render_html}
