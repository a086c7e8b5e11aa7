"""The command line: a thin layer over the library.

typer is the one parser.  Each command lives in its own module under ``provenance.cli``,
declares its options once (``@app.command(NAME)``) and calls the core; :data:`COMMANDS` lists
them, and a command's module is imported only when that command is used (see
:mod:`.app`).  Errors are turned into a one-line message and an exit code here and nowhere
else: 0 ok, 1 findings or differences where a command says so, 2 bad usage or unreadable
input, 3 an internal error.
"""

from __future__ import annotations

import os
import sys

from ..errors import ProvenanceError

#: Every command, in the order ``--help`` lists them: its name -> the module that declares it.
COMMANDS = {
    "init": "init",
    "import": "import_",
    "commit": "commit",
    "stream": "stream",
    "set": "set_",
    "log": "log",
    "status": "status",
    "show": "show",
    "diff": "diff",
    "collate": "collate",
    "align": "align",
    "interventions": "interventions",
    "list": "list_",
    "cite": "cite",
    "rights": "rights",
    "export": "export",
    "blame": "blame",
    "report": "report",
    "review": "review",
    "check": "check",
    "git-setup": "git_",
    "git-diff": "git_",
    "fsck": "fsck",
}


def _error(message: str) -> None:
    sys.stderr.write(f"provenance: error: {message}\n")


def _dispatch(args: list[str]) -> int:
    from .app import app

    result = app(args=args, prog_name="provenance", standalone_mode=False)
    return int(result) if isinstance(result, int) else 0


def _usage_line(exc: Exception) -> str:
    """A usage error as one line, with where to find the command's help."""
    message = " ".join(str(exc.format_message()).split()).rstrip(".")  # type: ignore[attr-defined]
    ctx = getattr(exc, "ctx", None)
    path = getattr(ctx, "command_path", "") or "provenance"
    return f"{message} (see '{path} --help')"


def main(argv: list[str] | None = None) -> int:
    """Run the CLI and return its exit code (never raises for user errors)."""
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args or bool(os.environ.get("PROVENANCE_DEBUG"))
    try:
        return _dispatch(args)
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
            if type(exc).__name__ == "NoArgsIsHelpError" or not hasattr(exc, "format_message"):
                exc.show()  # no arguments at all: the help is the answer
            else:
                _error(_usage_line(exc))
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
