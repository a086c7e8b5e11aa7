"""provenance show DOC/STREAM[@N]"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from .app import app
from .common import Color, OutputFormat, dumps_json, use_color, write, write_bytes
from .options import ColorOption, FormatOption, ProfileOption, get_ctx

if TYPE_CHECKING:
    from ..model import Version
    from ..store import Store


@app.command("show")
def show_command(
    ctx: typer.Context,
    target: Annotated[
        str,
        typer.Argument(metavar="DOC/STREAM[@N]", help="A version (latest when @N is left out)."),
    ],
    fmt: FormatOption = OutputFormat.text,
    reading: Annotated[
        bool,
        typer.Option(
            "--reading",
            help="The reading text: brackets dropped, their "
            "content kept ([North] Korea -> North Korea).",
        ),
    ] = False,
    source_only: Annotated[
        bool,
        typer.Option(
            "--source-only",
            help="The source-only text: the editor's bracketed "
            "additions dropped ([North] Korea -> Korea).",
        ),
    ] = False,
    highlight: Annotated[
        bool,
        typer.Option(
            "--highlight",
            help="Colour the bracketed interventions by type "
            "(on a terminal, or with --color always).",
        ),
    ] = False,
    profile: ProfileOption = None,
    color: ColorOption = Color.auto,
) -> None:
    """Print a version's text exactly as stored (or, with --format json, with its metadata);
    --reading and --source-only print a projection of its editorial layer instead.

    Example: provenance show my-doc/en@1 --reading --highlight
    """
    from ..history import shown_data

    store = get_ctx(ctx).store
    version = store.resolve(target)
    data = store.read_bytes(version)
    extra: dict[str, str] = {}
    if reading or source_only or highlight:
        data, extra = _editorial(
            store,
            version,
            data,
            reading,
            source_only,
            profile,
            highlight and fmt is OutputFormat.text and use_color(color),
        )
    if fmt is OutputFormat.text:
        write_bytes(data)
        return
    write(dumps_json(shown_data(store, version, data.decode("utf-8"), **extra)))


def _editorial(
    store: Store,
    version: Version,
    data: bytes,
    reading: bool,
    source_only: bool,
    profile: str | None,
    colored: bool,
) -> tuple[bytes, dict[str, str]]:
    """The text (``data``, as stored) projected and highlighted as asked, and what JSON
    output adds to say so."""
    from .. import interventions as iv
    from ..errors import UsageError
    from ..textio import decode_utf8

    if reading and source_only:
        raise UsageError("--reading and --source-only exclude each other")
    mode = iv.READING if reading else iv.SOURCE_ONLY if source_only else None
    prof = iv.store_profile(store, profile)
    result = iv.parse(decode_utf8(data, store.relpath(version.text_path)), prof)
    if colored:
        from ..interventions.render import highlighted

        text = highlighted(result, prof, mode)
    elif mode is not None:
        text = iv.project(result, mode, prof).text
    else:
        return data, {}
    return text.encode("utf-8"), ({"projection": mode} if mode else {})
