"""Word-level diff of two texts: exact, fast on whole volumes, aware of scripts without spaces.

Library use::

    from provenance.diff import DiffOptions, diff_texts

    result = diff_texts(old, new)                     # a frozen DiffResult
    result = diff_texts(old, new, options=DiffOptions(ignore_case=True, time_limit=5.0))
    for ch in result.reported:                        # the changes worth showing, in order
        ch.op                                         # "insert" | "delete" | "replace"
        ch.old, ch.new                                # the texts ("" for a pure insertion)
        ch.old_start, ch.old_end, ch.new_start, ch.new_end    # code-point offsets
        ch.old_line, ch.old_column, ch.new_line, ch.new_column  # 1-based
        ch.labels                                     # ("whitespace",), ("quotes",), () ...
        ch.category                                   # None: for later classing
    result.operations        # every operation, equal ones too, covering both texts
    result.changes           # the non-equal ones, ignored ones included
    result.stats             # Stats: changes, words changed/inserted/deleted, lines touched
    result.apply()           # == new, always (or result.apply(other_copy_of_old))
    result.as_dict()         # what ``provenance diff --format json`` prints
    result.degraded          # True only when options.time_limit ran out (see warnings)
    result.with_categories(["textual", "editorial", ...])  # one per change

    from provenance.diff import render
    render.FORMATS["text"](result, render.RenderOptions(context=3, color=False))

    from provenance.diff import diff_metadata
    diff_metadata(old_record, new_record).changes     # fields changed, added, removed

How the diff is computed is described in :mod:`provenance.diff.engine`; what a token is, in
:mod:`provenance.diff.tokenize`; the options and labels, in :mod:`provenance.diff.options`
and :mod:`provenance.diff.normalize`.  Nothing here prints; errors are
:class:`~provenance.errors.ProvenanceError` subclasses.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .options import ASPECTS, DiffOptions
from .result import FORMAT_VERSION, OPS, DiffResult, Operation, Stats

if TYPE_CHECKING:
    from .metadata import MetadataDiff


def diff_texts(
    old: str,
    new: str,
    *,
    options: DiffOptions | None = None,
    old_label: str = "old",
    new_label: str = "new",
) -> DiffResult:
    """The word-level diff from ``old`` to ``new`` (labels name the sides in output)."""
    from .engine import compute
    from .result import build

    opts = options or DiffOptions()
    spans, degraded, warnings = compute(old, new, opts)
    return build(
        old,
        new,
        spans,
        opts,
        old_label=old_label,
        new_label=new_label,
        degraded=degraded,
        warnings=tuple(warnings),
    )


def diff_metadata(old: Any, new: Any, **kwargs: Any) -> MetadataDiff:
    """Fields changed, added and removed between two metadata records (see
    :func:`provenance.diff.metadata.diff_metadata`)."""
    from .metadata import diff_metadata as _diff_metadata

    return _diff_metadata(old, new, **kwargs)


__all__ = [
    "ASPECTS",
    "FORMAT_VERSION",
    "OPS",
    "DiffOptions",
    "DiffResult",
    "Operation",
    "Stats",
    "diff_metadata",
    "diff_texts",
]
