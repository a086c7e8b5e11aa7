"""One version's intervention ledger, and two versions' ledgers compared, as data: the
JSON documents ``provenance interventions`` prints (``interventions-output.schema.json``),
which its other formats render (:mod:`provenance.interventions.render`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..model import Version
    from .compare import Comparison
    from .model import Finding, ParseResult
    from .profile import Profile

FORMAT_VERSION = 1


def _version_info(v: Version) -> dict[str, Any]:
    return {"ref": v.ref, "version": v.number, "sha256": v.sha256}


def ledger_data(
    version: Version, profile: Profile, result: ParseResult, findings: list[Finding]
) -> dict[str, Any]:
    """The JSON output of one version's ledger (``interventions-output.schema.json``)."""
    return {
        "format_version": FORMAT_VERSION,
        "document": version.doc_id,
        "stream": version.stream_id,
        "version": _version_info(version),
        "profile": profile.name,
        "counts": result.counts,
        "interventions": [i.as_dict() for i in result.interventions],
        "ignored": [i.as_dict() for i in result.ignored],
        "findings": [f.as_dict() for f in findings],
    }


def comparison_data(
    old: Version, new: Version, profile: Profile, comparison: Comparison
) -> dict[str, Any]:
    """The JSON output of ``--against``: one row per intervention of either version."""
    rows = []
    for c in comparison.changes:
        cur = c.current
        rows.append(
            {
                "status": c.status,
                "type": cur.type,
                "text": cur.text,
                "start": cur.start,
                "end": cur.end,
                "line": cur.line,
                "column": cur.column,
                "side": "new" if c.new is not None else "old",
                "old": c.old.as_dict() if c.old is not None else None,
                "new": c.new.as_dict() if c.new is not None else None,
            }
        )
    return {
        "format_version": FORMAT_VERSION,
        "document": new.doc_id,
        "stream": new.stream_id,
        "old": _version_info(old),
        "new": _version_info(new),
        "profile": profile.name,
        "counts": comparison.counts,
        "interventions": rows,
    }
