"""Importing a TEI document into the store: a new document and its transcription's v1."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..refs import check_slug, slugify
from ..textio import read_bytes
from .reader import TEIImport, read_tei

if TYPE_CHECKING:
    from ..model import Document
    from ..store import Store


def import_tei(
    store: Store,
    path: str | Path,
    *,
    div: str | None = None,
    doc_id: str | None = None,
    stream_id: str | None = None,
    url: str | None = None,
    rights: str | None = None,
) -> tuple[Document, TEIImport]:
    """Read one document of the TEI file ``path`` and add it to ``store``.

    ``rights``: a rights statement (URI, short name or SPDX expression) recorded as
    ``rights.statement``, over the header's; it is checked before anything is read or
    written."""
    from ..importer.rights import given_statement
    from ..model import Agent
    from ..store import NewStream

    statement = given_statement(rights)
    raw = read_bytes(path, what="TEI file")
    name = Path(path).name
    parsed = read_tei(raw, div=div, filename=str(path), rights=statement)
    digest = hashlib.sha256(raw).hexdigest()
    meta = parsed.meta
    if url:
        meta["url"] = url
    meta["imported"] = {"layout": "tei", "file": name, "sha256": digest}
    meta["id"] = check_slug(doc_id, "document id") if doc_id else _default_id(meta)
    where = f" ({parsed.div_id})" if parsed.div_id else ""
    stream = NewStream(
        id=check_slug(stream_id or parsed.language.lower(), "stream id"),
        kind="transcription",
        language=parsed.language,
        text=parsed.text.encode("utf-8"),
        agents=[Agent(who, role) for who, role in parsed.agents],
        activity="imported",
        message=f"Imported from the TEI file {name}{where}",
        source={
            "file": name,
            "sha256": digest,
            **({"note": f"TEI element xml:id={parsed.div_id}"} if parsed.div_id else {}),
        },
    )
    return store.add_document(meta, [stream]), parsed


def _default_id(meta: dict[str, Any]) -> str:
    """``1894-01-25-frus1894nicaragua-d1`` or ``<date>-<title words>``."""
    date = str(meta.get("date") or "")
    record = str(meta.get("record_id") or "")
    source: dict[str, Any] = meta.get("source") or {}
    reference = str(source.get("reference", "")).split(",")[0]
    if record and reference:
        return slugify(f"{date} {reference} {record}", limit=60)
    return slugify(f"{date} {meta.get('title', '')}", limit=48)


def sniff_format(path: str | Path) -> str:
    """``tei`` for an XML file (by its name, else its first bytes), else ``page``."""
    p = Path(path)
    if p.suffix.lower() in (".xml", ".tei"):
        return "tei"
    try:
        with p.open("rb") as fh:
            head = fh.read(512).lstrip(b"\xef\xbb\xbf \t\r\n")
    except OSError:
        return "page"
    return "tei" if head.startswith((b"<?xml", b"<TEI")) else "page"
