"""provenance import FILE... [--input-format page|api|tei] [--id ID] [--url URL]
[--rights STATEMENT] [--dry-run] [--format text|json]"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from .app import app
from .common import dumps_json, note, report_recovered, warn, write
from .options import get_ctx

if TYPE_CHECKING:
    from ..store import Store


class ImportFormat(str, enum.Enum):
    """What the file is."""

    page = "page"
    api = "api"
    tei = "tei"


class ImportOutput(str, enum.Enum):
    """What ``import`` prints: text, or JSON for scripts.  ``page``, ``api`` and ``tei`` are
    how ``--input-format`` was spelled before (``--format tei``), still understood."""

    text = "text"
    json = "json"
    page = "page"
    api = "api"
    tei = "tei"


@app.command("import")
def import_command(
    ctx: typer.Context,
    pages: Annotated[
        list[str],
        typer.Argument(
            metavar="FILE...",
            help="Saved archive pages (text) or TEI P5 files; several are imported one by "
            "one, and a table says what became of each.",
        ),
    ],
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
    source: Annotated[
        Optional[ImportFormat],  # noqa: UP045
        typer.Option(
            "--input-format",
            help="What the file is: page (a saved archive page, as text), "
            "tei (TEI P5 XML, imported as a transcription) or api (a transcript saved from "
            "the Digital Archive's API, JSON: a transcription stream of --id DOC, language "
            "--stream); default: api for JSON, tei for XML, else page.",
        ),
    ] = None,
    fmt: Annotated[
        ImportOutput,
        typer.Option(
            "--format",
            "-f",
            metavar="[text|json]",
            help="Output format: text, or json (what was imported: id, stream, layout, "
            "warnings; with several files or --dry-run, the table).",
        ),
    ] = ImportOutput.text,
    as_json: Annotated[
        bool, typer.Option("--json", hidden=True, help="The former spelling of --format json.")
    ] = False,
    div: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            help="TEI: the xml:id of the document to import, when the file holds "
            "several (a FRUS volume: d1, d2, ...)."
        ),
    ] = None,
    dry_run: Annotated[
        bool,
        typer.Option(
            "--dry-run",
            help="Write nothing: say where each part of the page would go (fields, the body's "
            "first and last line, warnings); with several pages, the table of what would be "
            "imported.",
        ),
    ] = False,
    rights: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            metavar="STATEMENT",
            help="The document's rights statement: a rightsstatements.org or Creative "
            "Commons URI, a short name (InC, NoC-US, CC BY 4.0) or an SPDX "
            "expression; recorded as rights.statement in its canonical form "
            "(and as rights.text, by its label, when the source prints no "
            "rights). It replaces a statement the source gives.",
        ),
    ] = None,
    into: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            metavar="DOC",
            help="TEI: add the text as a new stream of this existing document (a "
            "translation's lineage is kept when the original's version is there).",
        ),
    ] = None,
    as_new_version: Annotated[
        bool,
        typer.Option(
            "--as-new-version",
            help="A page of a document the store holds already (another crawl: the same "
            "record id, URL path, or title and date) whose text differs: add its text to "
            "the stream as a new version (without it, such a page is refused; one whose "
            "text the store holds is skipped, nothing written).",
        ),
    ] = False,
) -> None:
    """Import a saved archive page (a new document and its translation's first version), or
    one document of a TEI P5 file (--format tei, the default for XML; its transcription's
    first version).

    The rights come from the source (the page's rights text, the TEI header's availability)
    and --rights. A TEI file that states none gets NoC-US when its publisher is a United
    States Government body (a warning says it was inferred); otherwise none are recorded and
    check reports rights-missing until they are.

    Several files are imported one by one: one refused does not stop the others, progress is
    shown on a terminal, and a table ends the run (exit 1 if any was refused).

    Another crawl of a document the store holds is recognised by its record id, URL path,
    or title and date: with the same text nothing is written (exit 0); with another text it
    is refused unless --as-new-version. A different document whose default id is taken gets
    its record id after the id.

    Example: provenance import frus1870.xml --div d1 --rights NoC-US

    Example: provenance import pages/*.txt --format json
    """
    from ..errors import UsageError

    if fmt.value in ImportFormat.__members__:  # the former spelling of --input-format
        if source is not None and source.value != fmt.value:
            raise UsageError(f"--format {fmt.value} and --input-format {source.value} disagree")
        warn(f"--format {fmt.value} is now spelled --input-format {fmt.value}")
        source = ImportFormat(fmt.value)
    as_json = as_json or fmt is ImportOutput.json
    store = get_ctx(ctx).store
    if into is not None and (len(pages) > 1 or dry_run):
        raise UsageError("--into takes one TEI file")
    try:
        if len(pages) > 1 or dry_run:
            from .import_batch import run_batch

            code = run_batch(
                store,
                pages,
                doc_id=doc_id,
                url=url,
                stream=stream,
                source=source.value if source else None,
                div=div,
                rights=rights,
                as_json=as_json,
                dry_run=dry_run,
                as_new_version=as_new_version,
            )
            raise typer.Exit(code)
        _import(
            store, pages[0], source, doc_id, url, stream, div, as_json, rights, into, as_new_version
        )
    finally:
        report_recovered(store)


def _import(
    store: Store,
    page: str,
    source: ImportFormat | None,
    doc_id: str | None,
    url: str | None,
    stream: str | None,
    div: str | None,
    as_json: bool,
    rights: str | None,
    into: str | None = None,
    as_new_version: bool = False,
) -> None:
    from ..errors import UsageError
    from ..importer import import_page
    from ..importer.identity import ALREADY, NEW_VERSION

    kind = source.value if source else _sniff(page)
    if into is not None and kind != "tei":
        raise UsageError("--into is for TEI files")
    if kind == "api":
        from .import_batch import run_api

        run_api(store, page, doc_id=doc_id, stream=stream, as_json=as_json)
        return
    if kind == "tei":
        _import_tei(
            store,
            page,
            doc_id=doc_id,
            url=url,
            stream=stream,
            div=div,
            as_json=as_json,
            rights=rights,
            into=into,
        )
        return
    doc, parsed = import_page(
        store,
        page,
        doc_id=doc_id,
        url=url,
        stream_id=stream,
        rights=rights,
        as_new_version=as_new_version,
    )
    for message in parsed.warnings:
        warn(message)
    stream_id = parsed.version.split("/", 1)[1].split("@")[0]
    if as_json:
        from ..importer.batch import imported_data

        data = imported_data(
            doc.id,
            stream_id,
            parsed.layout,
            parsed.warnings,
            outcome=parsed.outcome,
            version=parsed.version,
            note=parsed.note,
        )
        write(dumps_json(data))
    elif parsed.outcome == ALREADY:
        note(f"{page}: already imported as {parsed.version} ({parsed.note}); nothing written")
    elif parsed.outcome == NEW_VERSION:
        note(f"Imported {page} as {parsed.version}, a new version ({parsed.note})")
    else:
        if parsed.note:
            note(f"{page}: {parsed.note}")
        note(f"Imported {doc.id}: {doc.title}")
        note(f"  {parsed.version}  ({parsed.kind}, {parsed.language}; {parsed.layout} layout)")


def _sniff(path: str) -> str:
    from ..importer.batch import sniff

    return sniff(path)


def _import_tei(
    store: Store,
    path: str,
    *,
    doc_id: str | None,
    url: str | None,
    stream: str | None,
    div: str | None,
    as_json: bool,
    rights: str | None,
    into: str | None = None,
) -> None:
    from ..tei import import_tei

    before = set(store.stream_ids(into)) if into else set()
    doc, parsed = import_tei(
        store, path, div=div, doc_id=doc_id, url=url, stream_id=stream, rights=rights, into=into
    )
    for message in parsed.warnings:
        warn(message)
    stream_id = next(s for s in store.stream_ids(doc.id) if s not in before)
    if as_json:
        from ..importer.batch import imported_data

        write(dumps_json(imported_data(doc.id, stream_id, "tei", parsed.warnings)))
    else:
        note(f"Imported {doc.id}: {doc.title}")
        note(f"  {doc.id}/{stream_id}@1  ({parsed.kind}, {parsed.language}; TEI)")
