"""Two versions compared: the word diff from one to the other with every change classed as
editorial (the bracket layer), textual (the translated words) or whitespace, by the store's
bracket profile or the one given.  ``provenance diff``, ``provenance report`` and reviews of
a pull request all compare versions through :func:`compare_versions`::

    from provenance.comparison import compare_versions

    c = compare_versions(store, "my-doc/en@1", "@2")      # @2: the other side's stream
    c.old.ref, c.new.ref                                  # "my-doc/en@1", "my-doc/en@2"
    [ch.category for ch in c.diff.reported]               # "textual", "editorial", ...
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path

    from .diff import DiffOptions, DiffResult
    from .interventions import Profile
    from .model import Version
    from .store import Store


@dataclass(frozen=True)
class VersionComparison:
    """``diff`` has each change's ``category`` set; ``profile`` is the one that classed it."""

    old: Version
    new: Version
    old_text: str
    new_text: str
    profile: Profile
    diff: DiffResult


def classed_diff(
    old_text: str,
    new_text: str,
    profile: Profile,
    *,
    options: DiffOptions | None = None,
    old_label: str = "old",
    new_label: str = "new",
) -> DiffResult:
    """The word diff of two texts, each change classed by ``profile``."""
    from .diff import diff_texts
    from .interventions.classify import categorize

    result = diff_texts(
        old_text, new_text, options=options, old_label=old_label, new_label=new_label
    )
    return categorize(result, profile)


def compare_versions(
    store: Store,
    old: str | Version,
    new: str | Version,
    profile: Profile | str | Path | Mapping[str, Any] | None = None,
    *,
    options: DiffOptions | None = None,
) -> VersionComparison:
    """Compare two versions of a store, given as versions or references (``DOC/STREAM@N``;
    either may be ``@N``, version N of the other's stream), with the bracket ``profile``
    given (a name, path or profile), else the store's."""
    from .interventions import store_profile
    from .refs import complete_pair

    if isinstance(old, str) or isinstance(new, str):
        old_ref, new_ref = complete_pair(
            old if isinstance(old, str) else old.ref, new if isinstance(new, str) else new.ref
        )
        old = old if not isinstance(old, str) else store.resolve(old_ref)
        new = new if not isinstance(new, str) else store.resolve(new_ref)
    prof = store_profile(store, profile)
    old_text, new_text = store.read_text(old), store.read_text(new)
    diff = classed_diff(
        old_text, new_text, prof, options=options, old_label=old.ref, new_label=new.ref
    )
    return VersionComparison(old, new, old_text, new_text, prof, diff)
