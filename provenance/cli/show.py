"""provenance show DOC/STREAM[@N]"""

from __future__ import annotations

from typing import Annotated, Any

import typer

from .app import app
from .common import (
    Color,
    OutputFormat,
    dumps_json,
    use_color,
    write,
    write_bytes,
)
from .interventions import ProfileOption
from .log import version_record
from .options import ColorOption, FormatOption, get_ctx


@app.command("show")
def show_command(
    ctx: typer.Context,
    target: Annotated[
        str,
        typer.Argument(metavar="DOC/STREAM[@N]", help="A version (latest when @N is left out)."),
    ],
    fmt: FormatOption = OutputFormat.text,
    reading: Annotated[
        bool, typer.Option("--reading", help="The reading text: brackets dropped, their "
                           "content kept ([North] Korea -> North Korea).")] = False,
    source_only: Annotated[
        bool, typer.Option("--source-only", help="The source-only text: the editor's bracketed "
                           "additions dropped ([North] Korea -> Korea).")] = False,
    highlight: Annotated[
        bool, typer.Option("--highlight", help="Colour the bracketed interventions by type "
                           "(on a terminal, or with --color always).")] = False,
    profile: ProfileOption = None,
    color: ColorOption = Color.auto,
) -> None:
    """Print a version's text exactly as stored (or, with --format json, with its metadata);
    --reading and --source-only print a projection of its editorial layer instead.

    Example: provenance show my-doc/en@1 --reading --highlight
    """
    store = get_ctx(ctx).store
    version = store.resolve(target)
    data = store.read_bytes(version)
    if reading or source_only or highlight:
        data, extra = _editorial(store, version, reading, source_only, profile,
                                 highlight and fmt is OutputFormat.text and use_color(color))
    else:
        extra = {}
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
        record.update(extra)
        write(dumps_json(record))
    else:
        write_bytes(data)


def _editorial(store: Any, version: Any, reading: bool, source_only: bool,
               profile: str | None, colored: bool) -> tuple[bytes, dict[str, str]]:
    """The text projected (and highlighted) as asked, and what JSON output adds to say so."""
    from .. import interventions as iv
    from ..errors import UsageError
    from .interventions import highlighted, resolve_profile

    if reading and source_only:
        raise UsageError("--reading and --source-only exclude each other")
    mode = iv.READING if reading else iv.SOURCE_ONLY if source_only else None
    prof = resolve_profile(store, profile)
    result = iv.parse(store.read_text(version), prof)
    if colored:
        text = highlighted(result, prof, mode)
    elif mode is not None:
        text = iv.project(result, mode, prof).text
    else:
        return store.read_bytes(version), {}
    return text.encode("utf-8"), ({"projection": mode} if mode else {})
