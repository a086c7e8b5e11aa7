"""provenance list"""

from __future__ import annotations

import typer

from .app import app
from .common import OutputFormat, dumps_json, write
from .options import FormatOption, get_ctx


@app.command("list")
def list_command(
    ctx: typer.Context,
    fmt: FormatOption = OutputFormat.text,
) -> None:
    """List the documents in the store.

    Example: provenance list --format json
    """
    from ..history import format_list_text, list_data

    data = list_data(get_ctx(ctx).store)
    write(dumps_json(data) if fmt is OutputFormat.json else format_list_text(data))
