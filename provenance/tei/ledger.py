"""The bracket layer of a text as :class:`~provenance.tei.body.Span` values, from the
interventions parser (:mod:`provenance.interventions`): each item of its ledger has at least
``type``, ``start`` and ``end`` (character offsets of the bracket, brackets included), and
``content`` and ``kind`` where known (a ``marker``, the ``//`` page break of a
transcription, has no content)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from .body import Span

if TYPE_CHECKING:
    from ..model import Document
    from ..store import Store

#: Words in a parser type name -> the TEI body's kind (first match wins).
KIND_WORDS = (
    ("declassif", "gap"),
    ("gap", "gap"),
    ("omission", "gap"),
    ("illegible", "gap"),
    ("ellipsis", "gap"),
    ("sic", "sic"),
    ("correct", "sic"),
    ("gloss", "gloss"),
    ("alternat", "gloss"),
    ("romani", "gloss"),
    ("original", "gloss"),
    ("expan", "expansion"),
    ("complet", "expansion"),
    ("abbrev", "expansion"),
    ("note", "note"),
    ("page", "page"),
    ("footnote", "footnote"),
    ("marker", "footnote"),
    ("supplied", "supplied"),
    ("insert", "supplied"),
    ("date", "supplied"),
)


def kind_of(type_name: str) -> str:
    low = type_name.lower()
    return next((kind for word, kind in KIND_WORDS if word in low), "other")


def _field(item: Any, name: str, default: Any = None) -> Any:
    if isinstance(item, dict):
        return item.get(name, default)
    return getattr(item, name, default)


def spans_from_items(items: Iterable[Any], text: str) -> list[Span]:
    """Spans from parser ledger items (objects or dicts with type, start, end)."""
    out = []
    for item in items:
        start, end = int(_field(item, "start")), int(_field(item, "end"))
        if not (0 <= start < end <= len(text)):
            continue
        type_name = _field(item, "type", "")
        type_name = str(getattr(type_name, "value", type_name))
        uncertain = bool(_field(item, "uncertain", False)) or (
            float(_field(item, "confidence", 1.0) or 1.0) < 0.5
        )
        content = _field(item, "content")
        if _field(item, "kind") == "marker":  # a sign standing alone: no content
            content = ""
        elif not isinstance(content, str):
            content = text[start + 1 : end - 1]
        out.append(Span(start, end, kind_of(type_name), content, uncertain))
    return out


def ledger_spans(store: Store, doc: Document, text: str) -> list[Span]:
    """Every intervention the parser finds in ``text`` (with the store's profile)."""
    from ..interventions import parse, store_profile

    result = parse(text, store_profile(store))  # the store's profile, paths from its root
    items = _field(result, "interventions", result)
    return spans_from_items(items, text)
