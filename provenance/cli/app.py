"""The typer application and its root options (given before the command, like ``git -C``)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from .. import __version__
from .common import AppContext

app = typer.Typer(
    name="provenance",
    help=(
        "Version control for transcriptions and translations of historical documents.\n\n"
        "Records live in a folder (records/ by default, found by walking up from the working "
        "directory; --records DIR or $PROVENANCE_RECORDS point elsewhere).\n\n"
        "Example: provenance log my-doc"
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"provenance {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    records: Annotated[
        Optional[Path],  # noqa: UP045 - typer needs Optional on Python 3.10
        typer.Option(
            "--records",
            envvar="PROVENANCE_RECORDS",
            help="The record store folder (default: records/ found from the working directory).",
            show_envvar=True,
        ),
    ] = None,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show the full traceback of an error.")
    ] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    ctx.obj = AppContext(records=records, debug=debug)
