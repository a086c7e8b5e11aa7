"""The typer side of what commands share: the context lookup and the option types."""

from __future__ import annotations

from typing import Annotated

import typer

from .common import AppContext, Color, OutputFormat


def get_ctx(ctx: typer.Context) -> AppContext:
    obj = ctx.find_root().obj
    if not isinstance(obj, AppContext):  # invoked without the root callback (library use)
        obj = AppContext()
        ctx.find_root().obj = obj
    return obj


ColorOption = Annotated[
    Color,
    typer.Option("--color", help="Colour the output: auto (only on a terminal), always, never."),
]

FormatOption = Annotated[
    OutputFormat, typer.Option("--format", "-f", help="Output format: text or json.")
]
