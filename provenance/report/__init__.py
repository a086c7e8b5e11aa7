"""A review page for two versions: side by side with word and editorial changes in distinct
colours, the intervention ledger compared, the metadata changes and each side's citation.

The changes and their classes are those of ``provenance diff``, the ledger that of
``provenance interventions --against`` and the metadata changes those of ``provenance diff
--metadata``: the report calls the same library functions.

Library use::

    from provenance.report import build_report, render_html

    report = build_report(store, "my-doc/en@1", "my-doc/en@2", generated="2026-11-28")
    report.changes                 # provenance.diff Operations, each with its category
    report.ledger.counts           # {"kept": 31, "added": 1, ...} (interventions.compare)
    report.metadata.changes        # provenance.diff.diff_metadata's FieldChanges
    html = render_html(report)     # one self-contained page: no scripts, nothing fetched
"""

from __future__ import annotations

from .html import FORMATS, render_html
from .model import CLASSES, Report, Side, build_report

__all__ = ["CLASSES", "FORMATS", "Report", "Side", "build_report", "render_html"]
