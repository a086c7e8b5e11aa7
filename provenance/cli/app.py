"""The typer application: its root options, and commands loaded when they are used.

Each command is declared once, with ``@app.command(NAME)`` in its own module, listed in
:data:`provenance.cli.COMMANDS`.  Building every command (and importing what each imports)
costs more than most commands take to run, so the root group loads a command's module only
when that command is invoked, completed, or listed by ``--help``.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperCommand, TyperGroup

from .. import __version__
from .common import AppContext
from .options import RecordsOption, command_records_option

if TYPE_CHECKING:
    from typer import _click as click  # the click typer vendors (typed)


class _LazyCommands(Mapping[str, "click.Command"]):
    """``name -> click command``, each built when first looked up from the module that
    declares it (``provenance.cli.COMMANDS``)."""

    def __init__(self, modules: Mapping[str, str]) -> None:
        self._modules = modules
        self._built: dict[str, click.Command] = {}

    def __getitem__(self, name: str) -> click.Command:
        if name not in self._built:
            module = self._modules[name]  # KeyError: no such command
            importlib.import_module(f"{__package__}.{module}")
            self._built[name] = _build(name)
        return self._built[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._modules)

    def __len__(self) -> int:
        return len(self._modules)


def _build(name: str) -> click.Command:
    """The click command typer makes of the function registered as ``name``, with the root's
    ``--records`` accepted after the command too."""
    info = next(c for c in app.registered_commands if c.name == name)
    if info.cls in (None, TyperCommand):  # typer's default
        info.cls = Command
    single = typer.Typer(**SETTINGS)  # one command and no callback: typer returns the command
    single.registered_commands.append(info)
    command = typer.main.get_command(single)
    command.params.append(command_records_option())
    humanize(command.params)
    return command


#: Metavars by the name of typer's parameter type, where a declaration gives none.
METAVARS = {
    "str": "TEXT",
    "int": "N",
    "int range": "N",
    "float": "NUMBER",
    "float range": "NUMBER",
    "path": "PATH",
}


class _Suggesting:
    """Mixed into a choice parameter's type: a value not among the choices is answered with
    the closest ones (``'jsn' is not one of ...; did you mean 'json'?``)."""

    choices: Sequence[object]

    def get_invalid_choice_message(self, value: object, ctx: click.Context | None) -> str:
        from ..suggest import did_you_mean

        message: str = super().get_invalid_choice_message(value, ctx)  # type: ignore[misc]
        names = [str(getattr(c, "value", c)) for c in self.choices]
        hint = did_you_mean(str(value), names)
        return message.rstrip(".") + hint if hint else message


def humanize(params: list[click.Parameter]) -> None:
    """Give every parameter declared without a metavar the one a reader expects: ``TEXT``,
    ``N``, ``PATH``, ``[text|json]`` (typer would print ``<str>``, ``<int range>``, ...);
    and have every choice suggest the closest ones when given another value."""
    for param in params:
        choices = getattr(param.type, "choices", None)
        if choices and hasattr(param.type, "get_invalid_choice_message"):
            kind = type(param.type)
            param.type.__class__ = type(f"Suggesting{kind.__name__}", (_Suggesting, kind), {})
        if param.metavar is not None or getattr(param, "is_flag", False):
            continue
        if choices:
            param.metavar = "[" + "|".join(str(getattr(c, "value", c)) for c in choices) + "]"
        else:
            param.metavar = METAVARS.get(param.type.name, param.type.name.upper())
        if param.nargs != 1:
            param.metavar += "..."


class Command(TyperCommand):
    """A command whose usage line names its arguments as its help does: ``DOC/STREAM FILE``,
    not ``{DOC/STREAM} {FILE}``."""

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        pieces: list[str] = super().collect_usage_pieces(ctx)
        return [p[1:-1] if p.startswith("{") and p.endswith("}") else p for p in pieces]


class LazyGroup(TyperGroup):
    """The root group; its commands are a :class:`_LazyCommands`."""

    def __init__(self, **kwargs: Any) -> None:
        from . import COMMANDS

        super().__init__(**kwargs)
        self.commands = _LazyCommands(COMMANDS)  # type: ignore[assignment]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        return self.commands.get(cmd_name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)


SETTINGS: dict[str, Any] = {
    "rich_markup_mode": None,
    "pretty_exceptions_enable": False,
    "add_completion": False,
    "context_settings": {"help_option_names": ["-h", "--help"], "max_content_width": 100},
}

app = typer.Typer(
    **{**SETTINGS, "add_completion": True},
    cls=LazyGroup,
    name="provenance",
    help=(
        "Version control for transcriptions and translations of historical documents.\n\n"
        "Records live in a folder (records/ by default, found by walking up from the working "
        "directory; --records DIR or $PROVENANCE_RECORDS point elsewhere, before or after the "
        "command).\n\n"
        "Example: provenance log my-doc"
    ),
    no_args_is_help=True,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"provenance {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    records: RecordsOption = None,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show the full traceback of an error.")
    ] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    ctx.obj = AppContext(records=records, debug=debug)
