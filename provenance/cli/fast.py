"""The fast path: ``--version``, the help pages, ``diff``, ``log``, ``show`` and ``list``
without typer.

Loading typer and building its commands costs several times what a whole diff of two
translations does, so :func:`run` handles the everyday invocations itself, from the plain
data in :mod:`.fastspec` (generated from the typer commands, which stay the one place options
are declared).  Anything it does not recognise exactly (an unknown or misspelt option, a value
typer would refuse, an abbreviation) it leaves to typer by returning ``None``, so every error
message and every corner of the grammar stays typer's.
"""

from __future__ import annotations

import sys
from typing import Any

from . import fastspec

Params = list[dict[str, Any]]

#: What :func:`_convert` gives for a value typer would refuse (or convert otherwise).
_REFUSE = object()


def _convert(param: dict[str, Any], raw: str) -> Any:
    """The value typer would give, or ``_REFUSE`` where typer would complain or convert in a
    way this does not copy."""
    kind = param["kind"]
    if kind == "str":
        return raw
    if kind == "choice":
        return raw if raw in param["choices"] else _REFUSE
    if kind == "int":
        if not raw.isascii() or not raw.isdigit():
            return _REFUSE
        value: Any = int(raw)
    else:
        try:
            value = float(raw)
        except ValueError:
            return _REFUSE
        if value != value or value in (float("inf"), float("-inf")):
            return _REFUSE
    low = param["min"]
    return _REFUSE if low is not None and value < low else value


def parse(
    params: Params,
    args: list[str],
    *,
    interspersed: bool = True,
) -> tuple[dict[str, Any], list[str]] | None:
    """``args`` parsed against ``params`` (click's grammar: ``--long value``, ``--long=value``,
    ``-s value``, ``-svalue``, ``--`` ending the options): the values by name and, when
    ``interspersed`` is false, the arguments from the first positional one on.  ``None`` when
    anything is out of the ordinary."""
    by_decl = {d: p for p in params if not p["argument"] for d in p["decls"]}
    positional: list[str] = []
    values: dict[str, Any] = {}
    i = 0
    while i < len(args):
        arg = args[i]
        i += 1
        if arg == "--":
            positional.extend(args[i:])
            break
        if not arg.startswith("-") or arg == "-":
            if not interspersed:
                return values, args[i - 1 :]
            positional.append(arg)
            continue
        name, eq, inline = arg.partition("=") if arg.startswith("--") else (arg[:2], "", arg[2:])
        param = by_decl.get(name)
        if param is None:
            return None
        if param["kind"] == "flag":
            if eq or inline:
                return None
            values[param["name"]] = True
            continue
        if eq or inline:
            raw = inline
        elif i < len(args):
            raw = args[i]
            i += 1
        else:
            return None
        value = _convert(param, raw)
        if value is _REFUSE:
            return None
        values[param["name"]] = value
    arguments = [p for p in params if p["argument"]]
    if len(positional) != len(arguments):
        return None
    if any(p["required"] and p["name"] not in values for p in params if not p["argument"]):
        return None  # typer says what is missing
    for param, raw in zip(arguments, positional, strict=True):
        value = _convert(param, raw)
        if value is _REFUSE:
            return None
        values[param["name"]] = value
    return values, []


def _defaults(params: Params, values: dict[str, Any]) -> dict[str, Any]:
    import os

    out = {}
    for p in params:
        if p["name"] in values:
            out[p["name"]] = values[p["name"]]
        elif p["envvar"] and os.environ.get(p["envvar"]):
            out[p["name"]] = os.environ[p["envvar"]]
        else:
            out[p["name"]] = p["default"]
    return out


def run(args: list[str]) -> int | None:
    """Run ``provenance ARGS`` if this path knows how, and return the exit status; ``None``
    to leave it to typer."""
    if not args:
        sys.stderr.write(fastspec.HELP[""])
        return 2
    root_params: Params = fastspec.ROOT
    root = parse(root_params, args, interspersed=False)
    if root is None:
        if args in (["--help"], ["-h"]):
            sys.stdout.write(fastspec.HELP[""])
            return 0
        return None
    values, rest = root
    if values.get("version"):
        from .. import __version__

        sys.stdout.write(f"provenance {__version__}\n")
        return 0
    if not rest:
        return None
    command, command_args = rest[0], rest[1:]
    if command_args in (["--help"], ["-h"]) and command in fastspec.HELP:
        sys.stdout.write(fastspec.HELP[command])
        return 0
    commands: dict[str, Any] = fastspec.COMMANDS
    spec = commands.get(command)
    if spec is None:
        return None
    parsed = parse(spec["params"], command_args)
    if parsed is None:
        return None
    import importlib
    from pathlib import Path

    from .common import AppContext

    options = _defaults(root_params, values)
    context = AppContext(
        records=Path(options["records"]) if options["records"] else None,
        debug=bool(options["debug"]),
    )
    module = importlib.import_module(f"{__package__}.{spec['module']}")
    result: int = module.run(context, **_defaults(spec["params"], parsed[0]))
    return result
