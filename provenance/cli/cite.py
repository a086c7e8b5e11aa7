"""provenance cite DOC[/STREAM[@N]]... | --all [--style S] [--form F] [--format F] [--pinned]"""

from __future__ import annotations

import enum
from typing import Annotated, Optional

import typer

from .app import app
from .common import note, write
from .options import get_ctx


class CiteFormat(str, enum.Enum):
    text = "text"
    json = "json"
    bibtex = "bibtex"
    ris = "ris"
    csl_json = "csl-json"


class CiteForm(str, enum.Enum):
    bibliography = "bibliography"
    note = "note"
    short = "short"


@app.command("cite")
def cite_command(
    ctx: typer.Context,
    targets: Annotated[
        Optional[list[str]],  # noqa: UP045 - typer needs Optional on Python 3.10
        typer.Argument(
            metavar="DOC[/STREAM[@N]]...",
            help="What to cite (default: the document's translation, latest version); "
            "several give a sorted bibliography.",
            show_default=False,
        ),
    ] = None,
    every: Annotated[
        bool,
        typer.Option("--all", help="Cite every document of the store (a sorted bibliography)."),
    ] = False,
    style: Annotated[
        str,
        typer.Option(
            "--style",
            "-s",
            help="house (the store's house style), chicago, mla, apa, a CSL repository style name, "
            "or a path to a .csl file.",
        ),
    ] = "house",
    fmt: Annotated[
        CiteFormat,
        typer.Option(
            "--format",
            "-f",
            help="text, json (with notes), or bibtex, ris, csl-json for reference managers.",
        ),
    ] = CiteFormat.text,
    form: Annotated[
        CiteForm,
        typer.Option(
            "--form",
            help="bibliography (the entry; default), note (Chicago's full note) or short "
            "(Chicago's short note; MLA's and APA's in-text citation).",
        ),
    ] = CiteForm.bibliography,
    pinned: Annotated[
        bool,
        typer.Option(
            "--pinned", help="Name the version cited, its date and its sha256 (first 12 digits)."
        ),
    ] = False,
    accessed: Annotated[
        Optional[str],  # noqa: UP045 - typer needs Optional on Python 3.10
        typer.Option(help="Access date for styles and exports (default: today), e.g. 2026-11-28."),
    ] = None,
) -> None:
    """Print a citation of a document, or a sorted bibliography of several: the archive's
    house style, Chicago, MLA or APA as their manuals print archival documents, any CSL style,
    or an export for reference managers.

    Example: provenance cite 1961-05-10-cable-ministry-of-public-security -s chicago --form note

    Example: provenance cite --all --format bibtex > records.bib
    """
    from datetime import date

    from ..citation import DATA_FORMATS, FORMATS, HOUSE, cite
    from ..errors import UsageError

    if fmt.value in DATA_FORMATS and style != HOUSE:
        raise UsageError(
            f"--style applies to --format text and json, not {fmt.value} "
            "(an export carries the data, not a style)"
        )
    if not targets and not every:
        raise UsageError("name what to cite (DOC[/STREAM[@N]]...), or give --all")
    store = get_ctx(ctx).store
    accessed = accessed or date.today().isoformat()
    if every or len(targets or []) > 1:
        from ..citation.bibliography import BIBLIOGRAPHY_FORMATS, all_targets, cite_many

        wanted = [*(targets or []), *(all_targets(store) if every else [])]
        bib = cite_many(
            store, wanted, style=style, accessed=accessed, pinned=pinned, form=form.value
        )
        if not bib.results:
            note("provenance: note: the store has no documents to cite")
        write(BIBLIOGRAPHY_FORMATS[fmt.value](bib))
        if fmt is CiteFormat.text:
            for result in bib.results:
                for message in result.notes:
                    note(f"provenance: note: {result.version}: {message}")
        return
    assert targets
    result = cite(store, targets[0], style=style, accessed=accessed, pinned=pinned, form=form.value)
    write(FORMATS[fmt.value](result))
    if fmt is CiteFormat.text:
        for message in result.notes:
            note(f"provenance: note: {message}")
