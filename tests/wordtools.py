"""Small stand-ins used to test blame, the report and the TEI body on their own: a word
differ (difflib over word tokens) and a finder of top-level square brackets.  The features
themselves run on provenance.diff and provenance.interventions; tests that need those say so."""

from __future__ import annotations

import difflib
import re

from provenance.blame import Opcode
from provenance.tei.body import Span

TOKEN = re.compile(r"\w+|\s+|[^\w\s]")
BRACKET = re.compile(r"\[([^\[\]]*)\]")


def token_opcodes(old: str, new: str) -> list[Opcode]:
    ta, tb = TOKEN.findall(old), TOKEN.findall(new)
    oa, ob = [0], [0]
    for t in ta:
        oa.append(oa[-1] + len(t))
    for t in tb:
        ob.append(ob[-1] + len(t))
    sm = difflib.SequenceMatcher(None, ta, tb, autojunk=False)
    return [(tag, oa[i1], oa[i2], ob[j1], ob[j2]) for tag, i1, i2, j1, j2 in sm.get_opcodes()]


GLOSSES = {"Dandong", "Dandong City", "Lüshun-Dalian"}


def bracket_spans(store: object, doc: object, text: str) -> list[Span]:
    """Every ``[...]`` as a span: glosses of the seed by name, ``[Deng]`` an expansion, the
    rest supplied."""
    out = []
    for m in BRACKET.finditer(text):
        inner = m.group(1)
        kind = (
            "gloss"
            if inner in GLOSSES
            else "expansion"
            if inner == "Deng"
            else "sic"
            if inner.lower() == "sic"
            else "supplied"
        )
        out.append(Span(m.start(), m.end(), kind, inner))
    return out
