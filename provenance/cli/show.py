"""provenance show DOC/STREAM[@N] (the options; what it does is in :mod:`.show_run`)."""

from __future__ import annotations

from typing import Annotated

import typer

from .app import app
from .common import Color, OutputFormat
from .interventions import ProfileOption
from .options import ColorOption, FormatOption, get_ctx


@app.command("show")
def show_command(
    ctx: typer.Context,
    target: Annotated[
        str,
        typer.Argument(metavar="DOC/STREAM[@N]", help="A version (latest when @N is left out)."),
    ],
    fmt: FormatOption = OutputFormat.text,
    reading: Annotated[
        bool,
        typer.Option(
            "--reading",
            help="The reading text: brackets dropped, their "
            "content kept ([North] Korea -> North Korea).",
        ),
    ] = False,
    source_only: Annotated[
        bool,
        typer.Option(
            "--source-only",
            help="The source-only text: the editor's bracketed "
            "additions dropped ([North] Korea -> Korea).",
        ),
    ] = False,
    highlight: Annotated[
        bool,
        typer.Option(
            "--highlight",
            help="Colour the bracketed interventions by type "
            "(on a terminal, or with --color always).",
        ),
    ] = False,
    profile: ProfileOption = None,
    color: ColorOption = Color.auto,
) -> None:
    """Print a version's text exactly as stored (or, with --format json, with its metadata);
    --reading and --source-only print a projection of its editorial layer instead.

    Example: provenance show my-doc/en@1 --reading --highlight
    """
    from .show_run import run

    raise typer.Exit(
        run(
            get_ctx(ctx),
            target,
            fmt=fmt.value,
            reading=reading,
            source_only=source_only,
            highlight=highlight,
            profile=profile,
            color=color.value,
        )
    )
