"""A review page for two versions: side by side with word and editorial changes in distinct
colours, the intervention ledger compared, the metadata changes and each side's citation.

Library use::

    from provenance.report import build_report, render_html

    report = build_report(store, "my-doc/en@1", "my-doc/en@2", generated="2026-11-28")
    html = render_html(report)     # one self-contained page: no scripts, nothing fetched
"""

from __future__ import annotations

from .html import render_html
from .model import CLASSES, Change, LedgerRow, MetaChange, Report, Side, build_report

__all__ = ["CLASSES", "Change", "LedgerRow", "MetaChange", "Report", "Side", "build_report",
           "render_html"]
