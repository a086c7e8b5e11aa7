"""The command line: a thin layer over the library.

Each command lives in its own module and registers itself on the typer application; the
everyday invocations (``--version``, help, ``diff``) go through :mod:`.fast` first, which
does the same without loading typer.  Errors are turned into a one-line message and an exit
code here and nowhere else: 0 ok, 1 findings or differences where a command says so, 2 bad
usage or unreadable input, 3 an internal error.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any

from ..errors import ProvenanceError

if TYPE_CHECKING:
    import typer

#: Command modules, in the order ``--help`` lists them.
COMMANDS = (
    "init",
    "import_",
    "commit",
    "stream",
    "set_",
    "log",
    "show",
    "diff",
    "collate",
    "interventions",
    "list_",
    "cite",
    "rights",
    "export",
    "blame",
    "report",
    "check",
)


def load_app() -> typer.Typer:
    """The typer application with every command registered."""
    import importlib

    from .app import app

    for name in COMMANDS:
        importlib.import_module(f"{__name__}.{name}")
    # listed in COMMANDS order, whichever module happened to be imported first
    order = {f"{__name__}.{name}": i for i, name in enumerate(COMMANDS)}
    app.registered_commands.sort(
        key=lambda c: order.get(getattr(c.callback, "__module__", ""), len(order))
    )
    return app


def __getattr__(name: str) -> Any:  # ``from provenance.cli import app`` loads typer only then
    if name == "app":
        return load_app()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _error(message: str) -> None:
    sys.stderr.write(f"provenance: error: {message}\n")


def _dispatch(args: list[str], fast_path: bool) -> int:
    if fast_path:
        from . import fast

        code = fast.run(args)
        if code is not None:
            return code
    result = load_app()(args=args, prog_name="provenance", standalone_mode=False)
    return int(result) if isinstance(result, int) else 0


def main(argv: list[str] | None = None, *, fast_path: bool = True) -> int:
    """Run the CLI and return its exit code (never raises for user errors).  ``fast_path``
    false sends everything through typer (the tests compare both)."""
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args or bool(os.environ.get("PROVENANCE_DEBUG"))
    try:
        return _dispatch(args, fast_path)
    except ProvenanceError as exc:
        if debug:
            import traceback

            traceback.print_exc()
        _error(str(exc))
        return exc.exit_code
    except BrokenPipeError:
        # The reader went away (``provenance show ... | head``): not an error.
        import contextlib

        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        return 0
    except KeyboardInterrupt:
        _error("interrupted")
        return 130
    except Exception as exc:
        import typer

        if hasattr(exc, "show") and hasattr(exc, "exit_code"):  # typer's usage errors
            exc.show()
            return int(exc.exit_code)
        if isinstance(exc, typer.Abort):
            _error("aborted")
            return 130
        if debug:
            import traceback

            traceback.print_exc()
        else:
            _error(
                f"internal error: {exc.__class__.__name__}: {exc} (run with --debug for the "
                "traceback, and please report it)"
            )
        return 3
