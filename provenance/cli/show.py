"""provenance show DOC/STREAM[@N]"""

from __future__ import annotations

from typing import Annotated

import typer

from .app import app
from .common import FormatOption, OutputFormat, dumps_json, get_ctx, write, write_bytes
from .log import version_record


@app.command("show")
def show_command(
    ctx: typer.Context,
    target: Annotated[
        str,
        typer.Argument(metavar="DOC/STREAM[@N]", help="A version (latest when @N is left out)."),
    ],
    fmt: FormatOption = OutputFormat.text,
) -> None:
    """Print a version's text exactly as stored (or, with --format json, with its metadata).

    Example: provenance show my-doc/en@1
    """
    store = get_ctx(ctx).store
    version = store.resolve(target)
    data = store.read_bytes(version)
    if fmt is OutputFormat.json:
        stream = store.stream(version.doc_id, version.stream_id)
        record = {
            "format_version": 1,
            "document": version.doc_id,
            "stream": {"id": stream.id, "kind": stream.kind, "language": stream.language,
                       "translates": stream.translates},
            "version": version_record(version),
            "text": data.decode("utf-8"),
        }
        write(dumps_json(record))
    else:
        write_bytes(data)
