"""provenance fsck [--clean]"""

from __future__ import annotations

from typing import Annotated

import typer

from .app import app
from .common import OutputFormat, dumps_json, note, write
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
    found = fsck.find(store.root)
    removed = fsck.clean(store.root) if clean else []
    gone = {item.path for item in removed}
    left = fsck.find(store.root) if clean else found
    if output_format == OutputFormat.json:
        write(
            dumps_json(
                {
                    "format_version": 1,
                    "store": store.relpath(store.root),
                    "leftovers": [i.as_dict(store.relpath(i.path)) for i in found],
                    "removed": [i.as_dict(store.relpath(i.path)) for i in removed],
                    "remaining": [i.as_dict(store.relpath(i.path)) for i in left],
                }
            )
        )
    else:
        for item in found:
            verb = "removed" if item.path in gone else "leftover"
            digest = f"  sha256 {item.sha256}" if item.sha256 else ""
            write(
                f"{verb}  {item.kind}  {store.relpath(item.path)}  ({item.reason}; "
                f"{item.size:,} bytes){digest}\n"
            )
        if not found:
            note("no leftovers")
        elif not clean:
            note(f"{len(found)} leftover(s); 'provenance fsck --clean' removes them")
    raise typer.Exit(1 if left else 0)
