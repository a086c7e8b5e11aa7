"""provenance blame DOC/STREAM[@N] [--format text|json]"""

from __future__ import annotations

from typing import Annotated

import typer

from .app import app
from .common import Color, OutputFormat, use_color, write
from .options import ColorOption, FormatOption, get_ctx


@app.command("blame")
def blame_command(
    ctx: typer.Context,
    target: Annotated[
        str,
        typer.Argument(metavar="DOC/STREAM[@N]", help="A version (latest when @N is left out)."),
    ],
    fmt: FormatOption = OutputFormat.text,
    color: ColorOption = Color.auto,
) -> None:
    """Show which version (and who) introduced each word of a version's text, like git blame
    but by words: every version of the stream is compared with the next by the word diff.

    Example: provenance blame my-doc/en@3 --format json
    """
    from ..blame import FORMATS, blame
    from ..rendering import RenderOptions

    result = blame(get_ctx(ctx).store, target)
    write(FORMATS[fmt.value](result, RenderOptions(color=use_color(color))))
