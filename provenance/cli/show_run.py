"""What ``provenance show`` does, without the command-line framework (the typer command in
:mod:`provenance.cli.show` and the fast path both call :func:`run`)."""

from __future__ import annotations

from typing import Any

from .common import AppContext, dumps_json, use_color, write, write_bytes
from .log_run import version_record


def run(
    app: AppContext,
    target: str,
    *,
    fmt: str = "text",
    reading: bool = False,
    source_only: bool = False,
    highlight: bool = False,
    profile: str | None = None,
    color: str = "auto",
) -> int:
    store = app.store
    version = store.resolve(target)
    data = store.read_bytes(version)
    if reading or source_only or highlight:
        data, extra = _editorial(
            store,
            version,
            data,
            reading,
            source_only,
            profile,
            highlight and fmt == "text" and use_color(color),
        )
    else:
        extra = {}
    if fmt == "json":
        stream = store.stream(version.doc_id, version.stream_id)
        record = {
            "format_version": 1,
            "document": version.doc_id,
            "stream": {
                "id": stream.id,
                "kind": stream.kind,
                "language": stream.language,
                "translates": stream.translates,
            },
            "version": version_record(version),
            "text": data.decode("utf-8"),
        }
        record.update(extra)
        write(dumps_json(record))
    else:
        write_bytes(data)
    return 0


def _editorial(
    store: Any,
    version: Any,
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
        from .interventions import highlighted

        text = highlighted(result, prof, mode)
    elif mode is not None:
        text = iv.project(result, mode, prof).text
    else:
        return data, {}
    return text.encode("utf-8"), ({"projection": mode} if mode else {})
