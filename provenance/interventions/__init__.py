"""The editorial layer: the square-bracket interventions of a text, typed, projected, linted
and compared between versions.

In a translated archival document the square brackets are the editor's voice, not the
source's: ``[North] Korea`` (supplied), ``[Deng] Xiaoping`` and ``F[oreign] M[inistry]``
(expansion), ``Andong [Dandong]`` (gloss), ``[sic]``, ``[…]`` and ``[illegible]`` (gap),
``[text not declassified]`` (not-declassified), ``[translator's note: …]`` (note),
``[Page 152]`` and ``[2]`` (page, footnote).  A profile's *markers* are interventions with no
bracket: the ``//`` a transcriber puts where a page ends (``Ки//тая``, type ``page-break``,
``kind="marker"``).  What type a bracket is depends on the house's
conventions, which are data: a *profile* (``provenance/profiles/*.yaml``: ``default`` for the
Digital Archive's practice, ``frus``, ``leiden``), chosen per store under ``interventions:`` in
``provenance.yaml`` or given by name or path.

Library use::

    from provenance import interventions as iv

    result = iv.parse(text)                 # or parse(text, "frus"), or with a store's
                                            # config=store.config
    for item in result.interventions:       # every bracket, nested ones too, in text order
        print(item.line, item.column, item.type, item.text, item.uncertain)
    assert str(result) == text              # parsing never loses a character
    result.counts                           # {"supplied": 30, "gloss": 2, ...}
    result.findings                         # unbalanced brackets (never an exception)

    iv.reading_text(text)                   # "[North] Korea" -> "North Korea"
    iv.source_only_text(text)               # "[North] Korea" -> "Korea"
    iv.compare(old_text, new_text).counts   # {"kept": 31, "added": 1, ..., "absorbed": 1}

Lint, for ``provenance check`` and other CI::

    findings = iv.lint(text, profile=None, config=store.config, root=store.root)
    for f in findings:                      # frozen Finding objects, in text order
        f.code, f.severity, f.message, f.start, f.end, f.line, f.column

``lint(text, profile)`` returns every finding of the bracket layer; the codes are stable
(:data:`CODES` maps each to its default severity, which a profile's ``lint:`` may change or
turn ``off``): ``bracket-unbalanced`` (error), ``bracket-empty``, ``bracket-nested``,
``bracket-unknown-type``, ``bracket-across-paragraphs``, ``gloss-inconsistent``,
``sic-orphan``.  ``text`` may also be a :class:`ParseResult` already made.

``provenance diff`` classes each change as editorial (in the bracket layer), textual (the
translated words) or whitespace (spaces and punctuation only) with
:func:`provenance.interventions.classify.categorize`.

Offsets are Python string indices (code points) into the text; ``end`` is exclusive; lines
and columns are 1-based.  Nothing here prints, and nothing raises on odd text: only a
profile that cannot be read raises (a :class:`~provenance.errors.ProvenanceError`).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..lazy import lazy_names
from .compare import STATUSES, Comparison, LedgerChange, compare
from .lint import CODES, lint
from .model import UNCERTAIN_BELOW, Finding, Intervention, ParseResult, Stray
from .profile import (
    BUILTIN,
    IGNORE,
    UNKNOWN,
    Marker,
    Profile,
    TypeSpec,
    builtin_profile,
    load_profile,
    store_profile,
)
from .project import PROJECTIONS, READING, SOURCE_ONLY, Projection, project

if TYPE_CHECKING:
    from .parser import parse

#: Names of the submodules imported on first use: the parser and its rules (a check that finds
#: every text in its cache never loads them).  A function named like its module (``lint``,
#: ``compare``, ``project``) is imported above: importing the module later would replace the
#: package's name for the function with the module.
_WHERE = {"parse": "parser"}


__getattr__, __dir__ = lazy_names(globals(), _WHERE)


#: The taxonomy: the types the shipped profiles give (a profile may define more).
TYPES = (
    "supplied",
    "expansion",
    "gloss",
    "sic",
    "gap",
    "not-declassified",
    "note",
    "page",
    "footnote",
    "page-break",
    "unknown",
)

ProfileSpec = Profile | str | Path | Mapping[str, Any] | None

__all__ = [
    "BUILTIN",
    "CODES",
    "IGNORE",
    "PROJECTIONS",
    "READING",
    "SOURCE_ONLY",
    "STATUSES",
    "TYPES",
    "UNCERTAIN_BELOW",
    "UNKNOWN",
    "Comparison",
    "Finding",
    "Intervention",
    "LedgerChange",
    "Marker",
    "ParseResult",
    "Profile",
    "Projection",
    "Stray",
    "TypeSpec",
    "builtin_profile",
    "compare",
    "lint",
    "load_profile",
    "parse",
    "project",
    "projection",
    "reading_text",
    "source_only_text",
    "store_profile",
]


def projection(
    text: str | ParseResult,
    mode: str,
    profile: ProfileSpec = None,
    *,
    config: Mapping[str, Any] | None = None,
    root: str | Path | None = None,
) -> Projection:
    """The ``reading`` or ``source-only`` projection of ``text`` (a string or a parse)."""
    from .parser import parse

    prof = load_profile(profile, config=config, root=root)
    result = text if isinstance(text, ParseResult) else parse(text, prof)
    return project(result, mode, prof)


def reading_text(
    text: str | ParseResult,
    profile: ProfileSpec = None,
    *,
    config: Mapping[str, Any] | None = None,
    root: str | Path | None = None,
) -> str:
    """Brackets dropped, their content kept: ``[North] Korea`` -> ``North Korea``."""
    return projection(text, READING, profile, config=config, root=root).text


def source_only_text(
    text: str | ParseResult,
    profile: ProfileSpec = None,
    *,
    config: Mapping[str, Any] | None = None,
    root: str | Path | None = None,
) -> str:
    """The editor's additions dropped: ``[North] Korea`` -> ``Korea``."""
    return projection(text, SOURCE_ONLY, profile, config=config, root=root).text
