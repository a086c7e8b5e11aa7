"""A collation as one self-contained HTML page (no script, no network, prints cleanly).

Three parts: the reading text of the base (or first) witness with every variant location
marked and numbered; the apparatus, each location with every witness's reading (the lemma
first where a base is named, ``om.`` where a witness has nothing); and the alignment table,
a row per segment and a column per witness.
"""

from __future__ import annotations

from html import escape

from .model import Collation, Segment
from .summary import summary

_CSS = """
:root { color-scheme: light; }
body { font: 16px/1.5 Georgia, 'Noto Serif', 'Noto Serif CJK SC', serif; margin: 2em auto;
       max-width: 70em; padding: 0 1em; color: #1b1b1b; }
h1 { font-size: 1.4em; } h2 { font-size: 1.15em; margin-top: 2em; }
.meta, .note { color: #555; font-size: .9em; }
.text { white-space: pre-wrap; }
mark { background: none; border-bottom: 2px solid; padding: 0 .1em; }
mark.textual { border-color: #c0392b; } mark.editorial { border-color: #2471a3; }
mark.formal { border-color: #b9770e; border-bottom-style: dotted; }
mark.empty::before { content: '‸'; color: #c0392b; }
sup a { text-decoration: none; font-size: .75em; }
ol.apparatus { padding-left: 3em; } ol.apparatus li { margin: .3em 0; }
.type { font-variant: small-caps; color: #555; }
.sig { font-weight: bold; font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .85em; }
.om { font-style: italic; color: #777; }
table { border-collapse: collapse; font-size: .9em; }
th, td { border: 1px solid #ccc; padding: .2em .4em; vertical-align: top; text-align: left; }
thead th { position: sticky; top: 0; background: #f4f4f4; }
tr.same td.r { color: #666; }
tr.textual td.n { color: #c0392b; } tr.editorial td.n { color: #2471a3; }
tr.formal td.n { color: #b9770e; }
@media print { thead th { position: static; } }
"""


def _e(text: str) -> str:
    return escape(text, quote=False)


def _a(text: str) -> str:
    return escape(text, quote=True)


def _sigla(result: Collation, wits: list[int]) -> str:
    return " ".join(f'<span class="sig">{_e(result.sigla[w])}</span>' for w in wits)


def _entry(result: Collation, seg: Segment) -> str:
    groups = seg.groups()
    if result.base is not None:
        groups.sort(key=lambda g: result.base not in g[1])
    parts = []
    for k, (text, wits) in enumerate(groups):
        shown = _e(text) if text else '<span class="om">om.</span>'
        sep = "]" if k == 0 and result.base is not None else ""
        parts.append(f"{shown}{sep} {_sigla(result, wits)}")
    kind = seg.type or ""
    if seg.labels:
        kind += " (" + ", ".join(seg.labels) + ")"
    moved = ""
    if seg.transposition:
        moved = f' <span class="type">{_e(seg.transposition)}: moved ({_e(seg.role or "")})</span>'
    return (
        f'<li id="app-{seg.location}" value="{seg.location}"><span class="type">{_e(kind)}</span> '
        + "; ".join(parts)
        + moved
        + f' <a href="#loc-{seg.location}">↑</a></li>'
    )


def format_html(result: Collation) -> str:
    main = result.base if result.base is not None else 0
    sigla = result.sigla
    out = [
        '<!DOCTYPE html>\n<html lang="und">\n<head>\n<meta charset="utf-8">\n',
        f"<title>Collation of {len(sigla)} witnesses</title>\n<style>{_CSS}</style>\n",
        "</head>\n<body>\n",
        f"<h1>Collation of {len(sigla)} witnesses</h1>\n",
        f'<p class="meta">{_e(summary(result))}</p>\n<ul class="meta">\n',
    ]
    for w, wit in enumerate(result.witnesses):
        role = " — base text" if result.base == w else ""
        out.append(
            f'<li><span class="sig">{_e(wit.sigil)}</span> {_e(wit.source or wit.kind)}'
            f" <code>{wit.sha256[:12]}</code>{role}</li>\n"
        )
    out.append("</ul>\n")
    # the reading text
    out.append(f'<h2>Text of <span class="sig">{_e(sigla[main])}</span></h2>\n<div class="text">')
    out.append(_e(result.prefixes[main]))
    for seg in result.segments:
        r = seg.readings[main]
        ws = result.tokens[main][r.end - 1].ws if not r.empty else ""
        if not seg.variant:
            out.append(_e(r.text + ws))
            continue
        css = (seg.type or "textual") + (" empty" if r.empty else "")
        out.append(
            f'<mark class="{css}" id="loc-{seg.location}">{_e(r.text)}</mark>'
            f'<sup><a href="#app-{seg.location}">{seg.location}</a></sup>{_e(ws)}'
        )
    out.append("</div>\n")
    # the apparatus
    out.append("<h2>Apparatus</h2>\n")
    if result.transpositions:
        out.append('<ul class="note">\n')
        for t in result.transpositions:
            src = ", ".join(str(result.segments[k].location) for k in t.source)
            tgt = ", ".join(str(result.segments[k].location) for k in t.target)
            out.append(
                f"<li>{_e(t.id)}: “{_e(t.text)}” stands at {src} in "
                f"{_sigla(result, list(t.source_witnesses))} and at {tgt} in "
                f"{_sigla(result, list(t.target_witnesses))}</li>\n"
            )
        out.append("</ul>\n")
    out.append('<ol class="apparatus">\n')
    out.extend(_entry(result, seg) + "\n" for seg in result.locations)
    out.append("</ol>\n")
    # the alignment table
    out.append("<h2>Alignment table</h2>\n<table>\n<thead><tr><th>#</th>")
    out.extend(f'<th><span class="sig">{_e(s)}</span></th>' for s in sigla)
    out.append("</tr></thead>\n<tbody>\n")
    for seg in result.segments:
        if not seg.variant:
            out.append(
                f'<tr class="same"><td class="n"></td><td class="r" colspan="{len(sigla)}">'
                f"{_e(seg.readings[main].text)}</td></tr>\n"
            )
            continue
        out.append(f'<tr class="{_a(seg.type or "")}"><td class="n">{seg.location}</td>')
        for r in seg.readings:
            cell = _e(r.text) if not r.empty else '<span class="om">—</span>'
            out.append(f'<td class="r">{cell}</td>')
        out.append("</tr>\n")
    out.append("</tbody>\n</table>\n</body>\n</html>\n")
    return "".join(out)
