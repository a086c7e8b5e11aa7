"""``provenance export``: a document's history as W3C PROV, or a version as TEI P5, each
format a renderer of :data:`FORMATS` (``render(subject, options) -> str``,
:mod:`provenance.rendering`) over what to export, :class:`ExportSubject`.

Library use::

    from provenance.exchange.export import FORMATS, ExportOptions, ExportSubject

    text = FORMATS["prov-o"](ExportSubject(store, "my-doc"), ExportOptions(base="https://x/"))
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from ..rendering import Formats, Renderer
    from ..store import Store


@dataclass(frozen=True)
class ExportSubject:
    """What to export: ``target`` in ``store``, a document (PROV: its whole history) or a
    version (TEI; ``DOC`` alone: its default stream's latest)."""

    store: Store
    target: str


class ExportOptions(NamedTuple):
    """``base``: the base URI of record identifiers in PROV output (``None``: the store's
    ``base_uri``, else ``urn:provenance:<store name>/``); ``color`` is not used."""

    color: bool = False
    base: str | None = None


PLAIN = ExportOptions()


def _prov(fmt: str) -> Renderer[ExportSubject, ExportOptions]:
    def render(subject: ExportSubject, options: ExportOptions = PLAIN) -> str:
        from ..refs import parse_ref
        from .provgraph import build_prov, serialize_prov

        doc_id = parse_ref(subject.target).doc
        return serialize_prov(build_prov(subject.store, doc_id, base=options.base), fmt)

    render.__name__ = render.__qualname__ = f"format_{fmt.replace('-', '_')}"
    render.__doc__ = f"The document's history as a W3C PROV graph in {fmt}."
    return render


def format_tei(subject: ExportSubject, options: ExportOptions = PLAIN) -> str:
    """A TEI P5 document of one version, its interventions encoded."""
    from ..tei import export_tei

    return export_tei(subject.store, subject.target)


#: ``--format`` value -> renderer(subject, options) -> text.
FORMATS: Formats[ExportSubject, ExportOptions] = {
    "prov-json": _prov("prov-json"),
    "prov-n": _prov("prov-n"),
    "prov-o": _prov("prov-o"),
    "prov-xml": _prov("prov-xml"),
    "tei": format_tei,
}
