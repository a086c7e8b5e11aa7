"""provenance import PAGE.txt [--id ID] [--url URL]"""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from .app import app
from .common import FormatOption, OutputFormat, dumps_json, get_ctx, note, warn, write


@app.command("import")
def import_command(
    ctx: typer.Context,
    page: Annotated[str, typer.Argument(metavar="PAGE", help="A saved archive page (text).")],
    doc_id: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--id", help="The new document's id (default: from its date and title)."),
    ] = None,
    url: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(help="The page's URL, when the saved text does not print it."),
    ] = None,
    stream: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(help="Id of the translation stream (default: its language, e.g. en)."),
    ] = None,
    fmt: FormatOption = OutputFormat.text,
) -> None:
    """Import a saved archive page: a new document and its translation's first version.

    Example: provenance import saved-page.txt --id cable-1961-05-10
    """
    from ..importer import import_page

    store = get_ctx(ctx).store
    doc, parsed = import_page(store, page, doc_id=doc_id, url=url, stream_id=stream)
    for message in parsed.warnings:
        warn(message)
    stream_id = store.streams(doc.id)[0].id
    if fmt is OutputFormat.json:
        write(dumps_json({"format_version": 1, "id": doc.id, "stream": stream_id,
                          "layout": parsed.layout, "warnings": parsed.warnings}))
    else:
        note(f"Imported {doc.id}: {doc.title}")
        note(f"  {doc.id}/{stream_id}@1  (translation, {parsed.language}; {parsed.layout} layout)")
