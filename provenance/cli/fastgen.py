"""Writes :mod:`provenance.cli.fastspec`, the fast path's copy of the typer command line.

The typer commands stay the one place options are declared; this reads them (with typer's
own signature reader) and the help pages typer prints, and writes them out as plain data the
fast path can load without importing typer::

    python -m provenance.cli.fastgen          # rewrite provenance/cli/fastspec.py
    python -m provenance.cli.fastgen --check  # exit 1 if it is out of date (the tests do this)
"""

from __future__ import annotations

import enum
import io
import os
import pprint
import sys
import typing
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

#: Commands the fast path runs itself: name -> (typer module, its function, the typer-free
#: module whose ``run(app_context, **options)`` does the work).
FAST_COMMANDS = {
    "diff": ("diff", "diff_command", "diff_run"),
    "log": ("log", "log_command", "log_run"),
    "show": ("show", "show_command", "show_run"),
    "list": ("list_", "list_command", "list_run"),
}

#: Width the help pages are rendered at (what typer prints into a pipe).
HELP_COLUMNS = 80

TARGET = Path(__file__).with_name("fastspec.py")


def _kind(annotation: Any) -> tuple[str, list[str] | None]:
    """The fast path's kind of value for a parameter annotation, and its choices."""
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if typing.get_origin(annotation) is typing.Union and len(args) == 1:
        annotation = args[0]
    if annotation is bool:
        return "flag", None
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return "choice", [m.value for m in annotation]
    if annotation in (int, float):
        return annotation.__name__, None
    if annotation is str or annotation is Path:
        return "str", None
    raise TypeError(f"the fast path cannot parse a parameter of type {annotation!r}")


def _plain(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Path):
        return str(value)
    return value


def params(func: Any) -> list[dict[str, Any]]:
    """The parameters of a typer command function as plain dicts, in order."""
    import typer
    from typer.utils import get_params_from_function

    out = []
    for name, meta in get_params_from_function(func).items():
        info = meta.default
        if meta.annotation is typer.Context:
            continue
        kind, choices = _kind(meta.annotation)
        argument = isinstance(info, typer.models.ArgumentInfo)
        default = info.default
        out.append(
            {
                "name": name,
                "argument": argument,
                "decls": [] if argument else list(info.param_decls or ()),
                "kind": kind,
                "choices": choices,
                "min": info.min if kind in ("int", "float") else None,
                "envvar": info.envvar,
                "required": default is ...,
                "default": None if default is ... else _plain(default),
            }
        )
    return out


def help_pages(commands: list[str]) -> dict[str, str]:
    """``provenance --help`` and ``provenance COMMAND --help`` as typer prints them."""
    from . import main

    pages = {}
    saved = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = str(HELP_COLUMNS)
    try:
        for name in ["", *commands]:
            out, err = io.StringIO(), io.StringIO()
            with redirect_stdout(out), redirect_stderr(err):
                code = main([name, "--help"] if name else ["--help"], fast_path=False)
            if code != 0 or err.getvalue():
                raise RuntimeError(f"help of {name or 'provenance'!r} failed: {err.getvalue()}")
            pages[name] = out.getvalue()
    finally:
        if saved is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = saved
    return pages


def spec() -> dict[str, Any]:
    """What ``fastspec.py`` holds, for the commands as they are now."""
    import importlib

    import typer

    from . import load_app
    from .app import root

    app = load_app()
    names = [c.name for c in app.registered_commands if c.name]
    commands = {}
    for name, (module, func, run_module) in FAST_COMMANDS.items():
        mod = importlib.import_module(f"{__package__}.{module}")
        commands[name] = {"module": run_module, "params": params(getattr(mod, func))}
    return {
        "TYPER_VERSION": typer.__version__,
        "ROOT": params(root),
        "COMMANDS": commands,
        "HELP": help_pages(names),
    }


def render(data: dict[str, Any]) -> str:
    """The text of ``fastspec.py``."""

    def param_list(items: list[dict[str, Any]], indent: str) -> str:
        inner = "".join(f"{indent}    {item!r},\n" for item in items)
        return f"[\n{inner}{indent}]"

    commands = "".join(
        f"    {name!r}: {{'module': {spec['module']!r}, "
        f"'params': {param_list(spec['params'], '    ')}}},\n"
        for name, spec in data["COMMANDS"].items()
    )
    return "\n".join(
        [
            '"""Generated by ``python -m provenance.cli.fastgen`` from the typer commands: do not',
            "edit.  The fast path (:mod:`provenance.cli.fast`) parses with it and prints its help",
            'pages without importing typer; a test fails when it is out of date."""',
            "",
            "# ruff: noqa: E501",
            "",
            f"TYPER_VERSION = {data['TYPER_VERSION']!r}",
            "",
            f"ROOT = {param_list(data['ROOT'], '')}",
            "",
            f"COMMANDS = {{\n{commands}}}",
            "",
            f"HELP = {pprint.pformat(data['HELP'], width=100, sort_dicts=False)}",
            "",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    from ..textio import update_generated

    return update_generated(
        TARGET, render(spec()), "provenance.cli.fastgen", sys.argv[1:] if argv is None else argv
    )


if __name__ == "__main__":
    raise SystemExit(main())
