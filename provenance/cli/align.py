"""provenance align ORIGINAL TRANSLATION"""

from __future__ import annotations

import enum
from typing import Annotated

import typer

from .app import app
from .common import write, write_output
from .options import OutputOption, get_ctx


class AlignFormat(str, enum.Enum):
    text = "text"
    json = "json"
    html = "html"


@app.command("align")
def align_command(
    ctx: typer.Context,
    original: Annotated[
        str, typer.Argument(metavar="ORIGINAL", help="DOC/STREAM@N of the original, or a file.")
    ],
    translation: Annotated[
        str,
        typer.Argument(metavar="TRANSLATION", help="DOC/STREAM@N of the translation, or a file."),
    ],
    fmt: Annotated[
        AlignFormat,
        typer.Option("--format", "-f", help="text, json, or html (one page, side by side)."),
    ] = AlignFormat.text,
    output: OutputOption = None,
) -> None:
    """Pair the paragraphs of an original and its translation, and the sentences within
    them: one with one, one with two, two with one, or one left alone.  The pairing uses
    what survives translation: lengths (Gale-Church), numbers, dates, serial numbers, names
    in Latin script or romanised, glosses in brackets.

    Example: provenance align my-doc/zh@2 my-doc/en@1 --format html -o pairs.html
    """
    from ..align import align_texts
    from ..align.render import FORMATS, Aligned
    from .diff import resolve_sides

    a, b, store = resolve_sides(get_ctx(ctx), original, translation)
    alignment = align_texts(a.text(store), b.text(store))
    text = FORMATS[fmt.value](Aligned(alignment, a.label, b.label))
    if output is not None:
        write_output(store, output, text)
    else:
        write(text)
