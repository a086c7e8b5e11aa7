"""The command line: a thin layer over the library.

Each command lives in its own module and registers itself on :data:`app`.  Errors are turned
into a one-line message and an exit code here and nowhere else: 0 ok, 1 findings or
differences where a command says so, 2 bad usage or unreadable input.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import sys
import traceback

from ..errors import ProvenanceError
from .app import app

#: Command modules, in the order ``--help`` lists them.
COMMANDS = (
    "init",
    "import_",
    "commit",
    "log",
    "show",
    "diff",
    "list_",
    "cite",
    "export",
    "blame",
    "report",
    "check",
    "interventions",
    "rights",
)

for _name in COMMANDS:
    importlib.import_module(f"{__name__}.{_name}")


def _error(message: str) -> None:
    sys.stderr.write(f"provenance: error: {message}\n")


def main(argv: list[str] | None = None) -> int:
    """Run the CLI and return its exit code (never raises for user errors)."""
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args or bool(os.environ.get("PROVENANCE_DEBUG"))
    try:
        result = app(args=args, prog_name="provenance", standalone_mode=False)
    except ProvenanceError as exc:
        if debug:
            traceback.print_exc()
        _error(str(exc))
        return exc.exit_code
    except BrokenPipeError:
        # The reader went away (``provenance show ... | head``): not an error.
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
            traceback.print_exc()
        else:
            _error(f"internal error: {exc.__class__.__name__}: {exc} (run with --debug for the "
                   "traceback, and please report it)")
        return 3
    return int(result) if isinstance(result, int) else 0
