"""``provenance import`` of several files, and ``--dry-run``: parse, call the importer's batch
core, render (a table or JSON), return the exit code."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import UsageError
from .common import dumps_json, write

if TYPE_CHECKING:
    from ..importer.batch import Progress
    from ..store import Store


def run_batch(
    store: Store,
    pages: list[str],
    *,
    doc_id: str | None,
    url: str | None,
    stream: str | None,
    source: str | None,
    div: str | None,
    rights: str | None,
    as_json: bool,
    dry_run: bool,
    as_new_version: bool = False,
) -> int:
    from ..importer.batch import BATCH_FORMATS, PLAN_FORMATS, dry_run_many, import_many
    from ..importer.batch import dry_run as plan_page
    from ..importer.rights import given_statement

    fmt = "json" if as_json else "text"

    if len(pages) > 1 and (doc_id or url):
        raise UsageError("--id and --url name one document: give them with one file only")
    if dry_run:
        if len(pages) == 1:
            plan = plan_page(store, pages[0], doc_id=doc_id, url=url, stream_id=stream)
            write(PLAN_FORMATS[fmt](plan))
            return 0
        planned = dry_run_many(store, pages, stream)
        write(BATCH_FORMATS[fmt](planned))
        return 1 if planned.refused else 0
    given_statement(rights)  # a bad statement stops the run before anything is written

    def one(path: Path) -> tuple[Any, Any]:
        from ..importer import import_page
        from ..importer.batch import sniff
        from ..tei import import_tei

        kind = source or sniff(path)
        if kind == "api":
            raise UsageError("an API transcript is imported alone, with --id DOC --stream LANG")
        if kind == "tei":
            return import_tei(store, path, div=div, stream_id=stream, rights=rights)
        return import_page(
            store, path, stream_id=stream, rights=rights, as_new_version=as_new_version
        )

    result = import_many(store, pages, one, progress=_progress())
    write(BATCH_FORMATS[fmt](result))
    return 1 if result.refused else 0


def run_api(
    store: Store, path: str, *, doc_id: str | None, stream: str | None, as_json: bool
) -> None:
    """A saved API transcript becomes a transcription stream of a document."""
    from ..importer.api import import_api_transcript
    from .common import note, warn

    result = import_api_transcript(store, path, doc_id=doc_id, stream_id=stream)
    for message in result.warnings:
        warn(message)
    v = result.version
    if as_json:
        from ..importer.batch import imported_data

        markers = [b.as_dict() for b in result.breaks]
        write(
            dumps_json(
                imported_data(
                    v.doc_id, v.stream_id, result.layout, result.warnings, markers=markers
                )
            )
        )
    else:
        note(f"Imported {path} into {v.ref}  (transcription, {v.stream_id}; API transcript)")


def _progress() -> Progress | None:
    """Progress on stderr, on a terminal only."""
    err = sys.stderr
    if not getattr(err, "isatty", lambda: False)():
        return None

    def show(n: int, total: int, path: str) -> None:
        end = "\n" if n == total else ""
        err.write(f"\r\033[Kimporting {n}/{total}  {Path(path).name}"[:200] + end)
        err.flush()

    return show
