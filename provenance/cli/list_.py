"""provenance list (the options; what it does is in :mod:`.list_run`)."""

from __future__ import annotations

import typer

from .app import app
from .common import OutputFormat
from .options import FormatOption, get_ctx


@app.command("list")
def list_command(
    ctx: typer.Context,
    fmt: FormatOption = OutputFormat.text,
) -> None:
    """List the documents in the store.

    Example: provenance list --format json
    """
    from .list_run import run

    raise typer.Exit(run(get_ctx(ctx), fmt=fmt.value))
