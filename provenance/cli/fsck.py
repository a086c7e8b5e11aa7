"""provenance fsck [--clean]"""

from __future__ import annotations

from typing import Annotated

import typer

from .app import app
from .common import OutputFormat, note, write
from .options import FormatOption, get_ctx


@app.command("fsck")
def fsck_command(
    ctx: typer.Context,
    clean: Annotated[
        bool,
        typer.Option("--clean", help="Remove the leftovers found, each under its folder's lock."),
    ] = False,
    output_format: FormatOption = OutputFormat.text,
) -> None:
    """Find leftovers of interrupted writes: temporary files, staging folders, a version text
    whose commit was killed before its record was written, a half-made stream folder.
    Readers never see them, but 'git add' would commit them. With --clean they are removed,
    and each removed file is listed with its size and sha256, as a record of what went.
    (A writer removes the leftovers in the folder it writes to by itself, and says so.)

    Exit 0 when nothing is left over (or --clean removed it all), 1 when leftovers remain.

    Example: provenance fsck --clean
    """
    from .. import fsck

    store = get_ctx(ctx).store
    report = fsck.check(store.root, clean_up=clean, relpath=store.relpath)
    write(fsck.FORMATS[output_format.value](report))
    if output_format is OutputFormat.text:
        if not report.found:
            note("no leftovers")
        elif not clean:
            note(f"{len(report.found)} leftover(s); 'provenance fsck --clean' removes them")
    raise typer.Exit(1 if report.remaining else 0)
