"""Many documents cited at once: a sorted bibliography, or one file for a reference manager.

Library use::

    from provenance.citation.bibliography import cite_many, BIBLIOGRAPHY_FORMATS

    bib = cite_many(store, ["DOC-A", "DOC-B/en@1"], style="chicago", accessed="2026-11-28")
    print(BIBLIOGRAPHY_FORMATS["text"](bib))       # entries, sorted as a bibliography
    print(BIBLIOGRAPHY_FORMATS["bibtex"](bib))     # one entry per version, keys DOC:en:v1

Entries of a bibliography are sorted as Chicago, MLA and APA all sort them: alphabetically
by the entry's first element, letter by letter, ignoring case, accents and an opening
quotation mark or bracket.  Notes and short forms keep the order they were asked in (a note
follows the text); exports are sorted by key, so the same store gives the same file on every
run.  A version asked for twice is cited once.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..rendering import PLAIN, RenderOptions, dumps_json
from . import exports
from .single import HOUSE, CitationResult, cite, result_dict

if TYPE_CHECKING:
    from ..rendering import Formats
    from ..store import Store


@dataclass(frozen=True)
class Bibliography:
    """Citations of many versions in one style and form."""

    style: str
    form: str
    results: tuple[CitationResult, ...]

    @property
    def keys(self) -> list[str]:
        return [str(r.item["id"]) for r in self.results]


def sort_key(text: str) -> tuple[str, str]:
    """Letter-by-letter order of an entry: case, accents, opening quotation marks and
    brackets ignored; the text itself breaks ties."""
    stripped = text.lstrip("\"'\u201c\u2018[(\u00ab ")
    folded = unicodedata.normalize("NFKD", stripped.casefold())
    return "".join(c for c in folded if not unicodedata.combining(c)), text


def all_targets(store: Store) -> list[str]:
    """Every document of the store (each cited at its default stream's latest version)."""
    return store.document_ids()


def cite_many(
    store: Store,
    targets: Sequence[str],
    *,
    style: str = HOUSE,
    form: str = "bibliography",
    accessed: str = "",
    pinned: bool = False,
) -> Bibliography:
    """Cite every target; a bibliography (``form="bibliography"``) is sorted."""
    results: list[CitationResult] = []
    seen: set[str] = set()
    for target in targets:
        result = cite(store, target, style=style, accessed=accessed, pinned=pinned, form=form)
        if result.version in seen:
            continue
        seen.add(result.version)
        results.append(result)
    if form == "bibliography":
        results.sort(key=lambda r: sort_key(r.text))
    return Bibliography(style, form, tuple(results))


def _by_key(bib: Bibliography) -> list[CitationResult]:
    return sorted(bib.results, key=lambda r: str(r.item["id"]))


def format_text(bib: Bibliography, options: RenderOptions = PLAIN) -> str:
    return "".join(r.text + "\n" for r in bib.results)


def format_json(bib: Bibliography, options: RenderOptions = PLAIN) -> str:
    """``{"format_version": 1, "style", "form", "citations": [...]}``, each citation as
    ``cite --format json`` gives it (``cite-list-output.schema.json``)."""
    data = {
        "format_version": 1,
        "style": bib.style,
        "form": bib.form,
        "citations": [
            {k: v for k, v in result_dict(r).items() if k != "format_version"} for r in bib.results
        ],
    }
    return dumps_json(data)


def format_csl_json(bib: Bibliography, options: RenderOptions = PLAIN) -> str:
    items: list[dict[str, Any]] = [r.item for r in _by_key(bib)]
    return dumps_json(items)


def format_bibtex(bib: Bibliography, options: RenderOptions = PLAIN) -> str:
    return "\n".join(exports.bibtex(r.item) for r in _by_key(bib))


def format_ris(bib: Bibliography, options: RenderOptions = PLAIN) -> str:
    return exports.ris_many([r.item for r in _by_key(bib)])


#: ``--format`` choices for many citations, and the renderer each picks.
BIBLIOGRAPHY_FORMATS: Formats[Bibliography, RenderOptions] = {
    "text": format_text,
    "json": format_json,
    "bibtex": format_bibtex,
    "ris": format_ris,
    "csl-json": format_csl_json,
}
