"""provenance cite DOC[/STREAM[@N]] [--style S] [--form F] [--format F] [--pinned] [--accessed D]"""

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
    target: Annotated[
        str,
        typer.Argument(
            metavar="DOC[/STREAM[@N]]",
            help="What to cite (default: the document's translation, latest version).",
        ),
    ],
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
    """Print a citation of a document: the archive's house style, a standard style rendered by
    a CSL processor, or an export for reference managers.

    Example: provenance cite 1961-05-10-cable-ministry-of-public-security -s chicago --form note
    """
    from datetime import date

    from ..citation import DATA_FORMATS, FORMATS, HOUSE, cite
    from ..errors import UsageError

    if fmt.value in DATA_FORMATS and style != HOUSE:
        raise UsageError(
            f"--style applies to --format text and json, not {fmt.value} "
            "(an export carries the data, not a style)"
        )
    store = get_ctx(ctx).store
    result = cite(
        store,
        target,
        style=style,
        accessed=accessed or date.today().isoformat(),
        pinned=pinned,
        form=form.value,
    )
    write(FORMATS[fmt.value](result))
    if fmt is CiteFormat.text:
        for message in result.notes:
            note(f"provenance: note: {message}")
