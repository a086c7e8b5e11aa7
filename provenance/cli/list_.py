"""provenance list"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

import typer

from .app import app
from .common import OutputFormat, write
from .options import FormatOption, get_ctx


def reading_progress() -> Callable[[int, int], None] | None:
    """A one-line count of the documents read, on a terminal's stderr only (not in CI)."""
    out = sys.stderr
    if not out.isatty() or os.environ.get("CI"):
        return None

    def show(done: int, total: int) -> None:
        if total < 200:
            return
        out.write(f"\rreading documents {done}/{total}")
        if done >= total:
            out.write("\r" + " " * 40 + "\r")
        out.flush()

    return show


@app.command("list")
def list_command(
    ctx: typer.Context,
    fmt: FormatOption = OutputFormat.text,
) -> None:
    """List the documents in the store, with each stream's number of versions.  An index
    kept beside the check's cache makes this fast on large stores: only documents whose
    files changed are read again (with a count of them on a terminal).

    Example: provenance list --format json
    """
    from ..history import LIST_FORMATS, list_data

    data = list_data(get_ctx(ctx).store, progress=reading_progress())
    write(LIST_FORMATS[fmt.value](data))
