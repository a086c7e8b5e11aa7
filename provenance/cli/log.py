"""provenance log DOC[/STREAM]"""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from .app import app
from .common import Color, OutputFormat, use_color, write
from .options import ColorOption, FormatOption, get_ctx


@app.command("log")
def log_command(
    ctx: typer.Context,
    target: Annotated[str, typer.Argument(metavar="DOC[/STREAM]", help="Document or stream.")],
    fmt: FormatOption = OutputFormat.text,
    limit: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option("-n", "--max-count", min=0, help="Show at most N versions of each stream."),
    ] = None,
    agent: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--agent",
            metavar="NAME",
            help="Only versions and changes by this agent (any part of the name, case ignored).",
        ),
    ] = None,
    since: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--since",
            metavar="DATE",
            help="Only versions dated on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD).",
        ),
    ] = None,
    until: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--until", metavar="DATE", help="Only versions dated on or before DATE."),
    ] = None,
    color: ColorOption = Color.auto,
) -> None:
    """Show the history of a document's streams, newest first: number, hash, date, activity,
    who did it in what role, and why.

    Example: provenance log my-doc/en -n 3 --agent Kraus --since 2024-01 --format json
    """
    from ..history import LOG_FORMATS, LogFilter, log_data
    from ..rendering import RenderOptions

    filters = LogFilter(limit=limit, agent=agent, since=since, until=until)
    data = log_data(get_ctx(ctx).store, target, filters)
    write(LOG_FORMATS[fmt.value](data, RenderOptions(color=use_color(color))))
