"""provenance log DOC[/STREAM]"""

from __future__ import annotations

from typing import Annotated

import typer

from .app import app
from .common import OutputFormat, dumps_json, use_color, write
from .options import FormatOption, get_ctx


@app.command("log")
def log_command(
    ctx: typer.Context,
    target: Annotated[str, typer.Argument(metavar="DOC[/STREAM]", help="Document or stream.")],
    fmt: FormatOption = OutputFormat.text,
) -> None:
    """Show the history of a document's streams, newest first: number, hash, date, activity,
    who did it in what role, and why.

    Example: provenance log my-doc/en --format json
    """
    from ..history import format_log_text, log_data

    data = log_data(get_ctx(ctx).store, target)
    write(
        dumps_json(data) if fmt is OutputFormat.json else format_log_text(data, use_color("auto"))
    )
