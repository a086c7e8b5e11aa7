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
    into: str | None = None,
) -> tuple[Document, TEIImport]:
    """Read one document of the TEI file ``path`` and add it to ``store``.

    ``rights``: a rights statement (URI, short name or SPDX expression) recorded as
    ``rights.statement``, over the header's; it is checked before anything is read or
    written.  ``into``: add the text as a new stream of that existing document instead of
    making a new document (how a document exported stream by stream comes back whole: a
    translation's lineage is kept when the version of the original it names is there, with
    the same sha256).

    A TEI file exported by this tool carries its records (``xenoData``): the document's,
    the stream's and the version's metadata come back exactly, and so does the text.
    """
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
    where = f" ({parsed.div_id})" if parsed.div_id else ""
    record = parsed.record or {}
    stream_meta = dict(record.get("stream") or {})
    version_meta = record.get("version") or {}
    new_id = check_slug(stream_id or stream_meta.get("id") or parsed.language.lower(), "stream id")
    extra = {
        k: v for k, v in stream_meta.items() if k in ("title", "rights", "translates_language")
    }
    original = record.get("original") or {}
    source = {
        "file": name,
        "sha256": digest,
        **({"note": f"TEI element xml:id={parsed.div_id}"} if parsed.div_id else {}),
    }
    agents = [Agent(who, role) for who, role in parsed.agents]
    message = f"Imported from the TEI file {name}{where}"
    date = str(version_meta.get("date") or "")
    if into is not None:
        return _into(
            store, check_slug(into, "document id"), new_id, parsed, extra, original,
            agents=agents, message=message, date=date, source=source,
        ), parsed  # fmt: skip
    if original.get("language") and parsed.kind == "translation":
        extra.setdefault("translates_language", original["language"])
    meta["imported"] = {"layout": "tei", "file": name, "sha256": digest}
    meta["id"] = check_slug(doc_id, "document id") if doc_id else record_id(meta, record)
    stream = NewStream(
        id=new_id,
        kind=parsed.kind,
        language=parsed.language,
        text=parsed.text.encode("utf-8"),
        agents=agents,
        activity="imported",
        message=message,
        date=date,
        source=source,
        extra=extra or None,
    )
    return store.add_document(meta, [stream]), parsed


def record_id(meta: dict[str, Any], record: dict[str, Any]) -> str:
    """The id an import gives: the exported document's own, else one made from the date and
    title (see :func:`_default_id`)."""
    exported = str((record.get("document") or {}).get("id") or "")
    return check_slug(exported, "document id") if exported else _default_id(meta)


def _into(
    store: Store,
    doc_id: str,
    stream_id: str,
    parsed: TEIImport,
    extra: dict[str, Any],
    original: dict[str, Any],
    **version: Any,
) -> Document:
    """Add the imported text to an existing document as a new stream."""
    ref = str(original.get("ref") or "")
    name, _, number = ref.partition("@")
    translates = None
    lineage = None
    if ref and name in store.stream_ids(doc_id):
        match = [v for v in store.versions(doc_id, name) if str(v.number) == number]
        if match and match[0].sha256 == original.get("sha256"):
            translates, lineage = name, ref
        else:
            parsed.warnings.append(
                f"the translation was made from {ref}, but {doc_id}/{ref} is not that text "
                "(its sha256 differs or it is missing): the lineage is not recorded"
            )
    elif ref:
        parsed.warnings.append(
            f"the translation was made from {ref}; {doc_id} has no stream {name!r}, so the "
            "lineage is not recorded (import the original first)"
        )
    store.create_stream(
        doc_id,
        stream_id,
        kind=parsed.kind,
        language=parsed.language,
        translates=translates,
        extra=extra or None,
    )
    try:
        store.commit(
            doc_id,
            stream_id,
            parsed.text.encode("utf-8"),
            activity="imported",
            translates=lineage,
            **version,
        )
    except BaseException:
        import shutil

        shutil.rmtree(store.stream_folder(doc_id, stream_id), ignore_errors=True)
        raise
    return store.document(doc_id)


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
