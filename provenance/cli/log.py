"""provenance log DOC[/STREAM] (the options; what it does is in :mod:`.log_run`)."""

from __future__ import annotations

from typing import Annotated

import typer

from .app import app
from .common import OutputFormat
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
    from .log_run import run

    raise typer.Exit(run(get_ctx(ctx), target, fmt=fmt.value))
