"""provenance blame DOC/STREAM[@N] [--format text|json]"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from .app import app
from .common import (
    Color,
    OutputFormat,
    dumps_json,
    use_color,
    write,
)
from .options import ColorOption, FormatOption, get_ctx

if TYPE_CHECKING:
    from ..blame import BlameResult


def _text(result: BlameResult, color: bool) -> str:
    from ..blame import format_text

    return format_text(result, color=color)


def _json(result: BlameResult, color: bool) -> str:
    from ..blame import as_json

    return dumps_json(as_json(result))


#: ``--format`` value -> renderer(result, color) -> text.
RENDERERS = {"text": _text, "json": _json}


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
    from ..blame import blame

    result = blame(get_ctx(ctx).store, target)
    write(RENDERERS[fmt.value](result, use_color(color)))
