"""Provenance other tools can read: a document's history as a W3C PROV graph.

Library use::

    from provenance.exchange import build_prov, serialize_prov

    graph = build_prov(store, "my-doc")          # a prov.model.ProvDocument
    text = serialize_prov(graph, "prov-json")    # or "prov-n", "prov-o", "prov-xml"

The ``prov`` library is imported only when a graph is built, never at import time.
The TEI exchange lives in :mod:`provenance.tei`.
"""

from __future__ import annotations

from .provgraph import PROV_FORMATS, RECORDS_BASE, VOCAB, build_prov, serialize_prov

__all__ = ["PROV_FORMATS", "RECORDS_BASE", "VOCAB", "build_prov", "serialize_prov"]
