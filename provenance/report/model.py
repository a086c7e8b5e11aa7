"""What a review report holds: two versions, their word diff with each change classed
(editorial, textual or whitespace), their intervention ledgers compared, their metadata
changes and the citation of each side.

Nothing is worked out here that the library already works out: the changes are
:func:`provenance.comparison.compare_versions` (as ``provenance diff`` compares versions), the
ledger is :func:`provenance.interventions.compare` (as ``provenance interventions
--against`` does) and the metadata changes are :func:`provenance.diff.diff_metadata` of the
records ``provenance diff --metadata`` compares.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..interventions.classify import CLASSES

if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path

    from ..diff import DiffResult, Operation
    from ..diff.metadata import MetadataDiff
    from ..interventions import Comparison, Intervention, ParseResult, Profile
    from ..model import Document, Stream, Version
    from ..store import Store

__all__ = ["CLASSES", "Report", "Side", "build_report"]


@dataclass(frozen=True)
class Side:
    """One version under review, with its bracket layer as the report's profile reads it."""

    version: Version
    document: Document
    stream: Stream
    layer: ParseResult
    citation: str

    @property
    def text(self) -> str:
        return self.layer.text

    @property
    def interventions(self) -> tuple[Intervention, ...]:
        """Every intervention, nested ones too, in text order."""
        return tuple(self.layer.interventions)


@dataclass(frozen=True)
class Report:
    """``diff`` is what ``provenance diff --format json`` prints for the pair (categories
    set), ``ledger`` what ``provenance interventions NEW --against OLD`` lists, ``metadata``
    what ``provenance diff --metadata`` lists."""

    old: Side
    new: Side
    diff: DiffResult
    ledger: Comparison
    metadata: MetadataDiff
    profile: str
    generated: str

    @property
    def changes(self) -> tuple[Operation, ...]:
        """The changes of the text, in order; each has its ``category``."""
        return self.diff.changes

    def count(self, category: str) -> int:
        return sum(1 for c in self.changes if c.category == category)


def build_report(
    store: Store,
    old_ref: str,
    new_ref: str,
    *,
    generated: str = "",
    profile: Profile | str | Path | Mapping[str, Any] | None = None,
) -> Report:
    """Compare two versions (``DOC/STREAM@N`` each, or ``@N`` for version N of the other's
    stream) for review, with the bracket ``profile`` given (a name, path or
    :class:`Profile`), else the store's own."""
    from ..comparison import compare_versions
    from ..diff import diff_metadata
    from ..diff.metadata import version_records
    from ..interventions import compare, parse

    c = compare_versions(store, old_ref, new_ref, profile)  # both exist, or say
    old_v, new_v, prof = c.old, c.new, c.profile
    old = _side(store, old_v, parse(c.old_text, prof))
    new = _side(store, new_v, parse(c.new_text, prof))
    ledger = compare(old.layer, new.layer, prof)
    metadata = diff_metadata(
        version_records(store, old_v)[0],
        version_records(store, new_v)[0],
        old_label=old_v.ref,
        new_label=new_v.ref,
    )
    if not generated:
        from ..store import today

        generated = today()
    return Report(old, new, c.diff, ledger, metadata, prof.name, generated)


def _side(store: Store, version: Version, layer: ParseResult) -> Side:
    return Side(
        version,
        store.document(version.doc_id),
        store.stream(version.doc_id, version.stream_id),
        layer,
        _citation(store, version.ref),
    )


def _citation(store: Store, ref: str) -> str:
    from ..citation import cite
    from ..errors import ProvenanceError

    try:
        return str(cite(store, ref, pinned=True).text)
    except ProvenanceError as exc:  # the record lacks what the house style needs
        return f"(no citation: {exc})"
