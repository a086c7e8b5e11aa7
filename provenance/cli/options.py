"""The options commands share, declared once: ``--records``, ``--format`` (text or json),
``--color``, ``--profile``, ``--output``, who and why of a change (``--agent``,
``--message``), a new stream's ``--kind`` and ``--language``; and the context lookup.

A command takes one by its alias (``agent: AgentOption = ""``).  Who and why are required
by the command, not by typer, so that a missing one is the same one-line error in all.
``tests/test_cli_app.py`` checks that no option is declared in two commands' modules unless
it means something else in each."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from .common import AppContext, Color, OutputFormat

if TYPE_CHECKING:
    from typer import _click as click  # the click typer vendors (typed)

__all__ = [
    "AgentOption",
    "AgentsOption",
    "Color",
    "ColorOption",
    "FormatOption",
    "KindOption",
    "LanguageOption",
    "MessageOption",
    "OutputFormat",
    "OutputOption",
    "ProfileOption",
    "RecordsOption",
    "command_records_option",
    "get_ctx",
]

RECORDS_HELP = "The record store folder (default: records/ found from the working directory)."


def get_ctx(ctx: typer.Context) -> AppContext:
    obj = ctx.find_root().obj
    if not isinstance(obj, AppContext):  # invoked without the root callback (library use)
        obj = AppContext()
        ctx.find_root().obj = obj
    return obj


RecordsOption = Annotated[
    Optional[Path],  # noqa: UP045 - typer needs Optional on Python 3.10
    typer.Option(
        "--records",
        metavar="DIR",
        envvar="PROVENANCE_RECORDS",
        show_envvar=True,
        help=RECORDS_HELP,
    ),
]

ColorOption = Annotated[
    Color,
    typer.Option("--color", help="Colour the output: auto (only on a terminal), always, never."),
]

FormatOption = Annotated[
    OutputFormat, typer.Option("--format", "-f", help="Output format: text or json.")
]

ProfileOption = Annotated[
    Optional[str],  # noqa: UP045 - typer needs Optional on Python 3.10
    typer.Option(
        "--profile",
        metavar="NAME|FILE",
        help="Bracket conventions: default, frus, leiden, or a profile YAML file "
        "(default: the store's interventions: setting, else default).",
    ),
]


OutputOption = Annotated[
    Optional[Path],  # noqa: UP045 - typer needs Optional on Python 3.10
    typer.Option(
        "--output", "-o", metavar="FILE", help="Write to this file instead of standard output."
    ),
]

#: Who makes a change to the store (``set``, ``stream``) ...
AgentOption = Annotated[
    str, typer.Option("--agent", "-a", metavar="NAME", help="Who makes the change.")
]
#: ... or a version, with several agents (``commit``).
AgentsOption = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Option(
        "--agent", "-a", metavar="NAME", help="Who makes the change (repeat it for several)."
    ),
]

MessageOption = Annotated[
    str, typer.Option("--message", "-m", metavar="TEXT", help="Why the change is made.")
]

KindOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option("--kind", metavar="KIND", help="The stream's kind: transcription or translation."),
]

LanguageOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--language", metavar="TAG", help="The stream's language, a BCP 47 tag (zh, en, ru, ...)."
    ),
]


def _set_records(ctx: typer.Context, value: Optional[Path]) -> None:  # noqa: UP045
    if value is not None:
        get_ctx(ctx).records = value


def _records_after_the_command(
    records: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--records",
            metavar="DIR",
            help=RECORDS_HELP,
            expose_value=False,
            callback=_set_records,
        ),
    ] = None,
) -> None:
    """Only its parameter is used: ``--records`` as every command accepts it."""


def command_records_option() -> click.Parameter:
    """A fresh ``--records DIR`` parameter for a command (given after the command name, it
    sets the store as it does before it)."""
    single = typer.Typer(add_completion=False)
    single.command()(_records_after_the_command)
    return typer.main.get_command(single).params[0]
