"""Cite a stored version: the house sentence or a standard style, and the exports."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from ..errors import UsageError
from ..rendering import PLAIN, RenderOptions, dumps_json
from . import exports
from .house import CitationFields, render_sentence
from .record import fields_for_version, pinned_sentence, version_label, version_url
from .style import document_style

if TYPE_CHECKING:
    from ..rendering import Formats
    from ..store import Store

HOUSE = "house"
_ACCESSED = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


@dataclass(frozen=True)
class CitationResult:
    """A citation of one version of a document, and what it was made from."""

    document: str
    version: str  # DOC/STREAM@N
    style: str  # "house", "chicago", ..., or the path of a CSL file
    style_title: str
    text: str  # the citation, one line (with the pinned sentence when asked)
    item: dict[str, Any] = field(repr=False)  # the CSL-JSON item
    fields: CitationFields = field(repr=False)
    notes: tuple[str, ...] = ()
    processor: str = ""  # the CSL processor that rendered it ("" for the house style)
    pinned: str = ""
    accessed: str = ""
    form: str = "bibliography"  # or "note", "short"


def cite(
    store: Store,
    target: str,
    *,
    style: str = HOUSE,
    accessed: str = "",
    pinned: bool = False,
    form: str = "bibliography",
) -> CitationResult:
    """Cite ``target`` (``DOC``, ``DOC/STREAM`` or ``DOC/STREAM@N``) in ``style``.

    ``style`` is ``house`` (the store's house style), ``chicago``, ``mla``, ``apa`` (written
    after their manuals, :mod:`.manual`), a CSL repository style name or a path to a ``.csl``
    file.  ``form`` is ``bibliography`` (the entry), ``note`` (Chicago's full note) or
    ``short`` (Chicago's short note, MLA's and APA's in-text citation).  ``accessed`` is the
    access date (ISO, given by the caller so it can be frozen); ``pinned`` adds a sentence
    naming the version cited, its date and the start of its sha256, and fills the item's
    ``version``.
    """
    from .manual import FORMS, MANUAL_STYLES

    if accessed and not _ACCESSED.match(accessed):
        raise UsageError(f"--accessed takes a date like 2026-11-28, not {accessed!r}")
    if form not in FORMS:
        raise UsageError(f"--form takes {', '.join(FORMS)}, not {form!r}")
    if form != "bibliography" and style == HOUSE:
        raise UsageError(f"--form {form}: the house style has one form, the sentence")
    version = store.resolve(target)
    stream = store.stream(version.doc_id, version.stream_id)
    doc = store.document(version.doc_id)
    f = fields_for_version(store, version)
    pin = pinned_sentence(stream, version) if pinned else ""
    from .csl import csl_item

    if pinned:
        f = replace(f, url=version_url(store.config, version) or f.url)
    item = csl_item(
        f, accessed=accessed, pinned=pin, version=version_label(version) if pinned else ""
    )
    notes: list[str] = []
    if style in MANUAL_STYLES:
        from .manual import render as render_manual

        rendered = render_manual(f, style, form)
        text, title, processor = rendered.text, MANUAL_STYLES[style][0], ""
        notes.extend(rendered.notes)
    elif style == HOUSE:
        text = render_sentence(f, document_style(store.config, doc.meta))
        printed = (doc.meta.get("citation") or {}).get("as_printed")
        if printed and printed != text:
            notes.append(
                "this differs from the citation as printed on the imported page "
                "(citation.as_printed)"
            )
        title, processor = "house style", ""
    else:
        from .csl import (
            processor_notes,
            processor_version,
            render,
            render_citation,
            resolve_style,
        )

        csl_style = resolve_style(style)
        if form == "bibliography":
            text = render(item, csl_style)
            notes.extend(processor_notes(f, text))
        else:
            text = render_citation(item, csl_style, form)
        title, processor = csl_style.title, processor_version()
    if pin and pin not in text:
        text = f"{text} {pin}"
    return CitationResult(
        doc.id,
        version.ref,
        style,
        title,
        text,
        item,
        f,
        tuple(notes),
        processor,
        pin,
        accessed,
        form,
    )


# -- renderers -------------------------------------------------------------------------------


def format_text(result: CitationResult, options: RenderOptions = PLAIN) -> str:
    return result.text + "\n"


def format_json(result: CitationResult, options: RenderOptions = PLAIN) -> str:
    """The result as JSON (``cite-output.schema.json``)."""
    return dumps_json(result_dict(result))


def result_dict(result: CitationResult) -> dict[str, Any]:
    """The result as the JSON output's mapping, ``format_version`` first."""
    return {
        "format_version": 1,
        "document": result.document,
        "version": result.version,
        "style": result.style,
        "form": result.form,
        "style_title": result.style_title,
        "processor": result.processor,
        "accessed": result.accessed,
        "pinned": result.pinned,
        "citation": result.text,
        "notes": list(result.notes),
        "item": result.item,
    }


def format_csl_json(result: CitationResult, options: RenderOptions = PLAIN) -> str:
    return exports.csl_json(result.item)


def format_bibtex(result: CitationResult, options: RenderOptions = PLAIN) -> str:
    return exports.bibtex(result.item)


def format_ris(result: CitationResult, options: RenderOptions = PLAIN) -> str:
    return exports.ris(result.item)


#: ``--format`` choices and the renderer each picks.
FORMATS: Formats[CitationResult, RenderOptions] = {
    "text": format_text,
    "json": format_json,
    "bibtex": format_bibtex,
    "ris": format_ris,
    "csl-json": format_csl_json,
}
#: Formats that are data for reference managers: the style does not apply to them.
DATA_FORMATS = ("bibtex", "ris", "csl-json")
