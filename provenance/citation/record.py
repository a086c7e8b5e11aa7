"""From a stored record (document, stream, version) to :class:`CitationFields`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..vocab import LANGUAGE_TAGS
from .creators import creators_of
from .house import CitationFields
from .style import document_style

if TYPE_CHECKING:
    from ..model import Stream, Version
    from ..store import Store


def language_name(tag: str) -> str:
    """``en`` -> ``English``; an unknown tag is returned as it is."""
    names = {t: name for name, t in LANGUAGE_TAGS.items()}
    return names.get(tag.split("-", 1)[0].lower(), tag)


def fields_from_meta(
    meta: Mapping[str, Any],
    *,
    translators: Sequence[str] = (),
    language: str = "",
    config: Mapping[str, Any] | None = None,
) -> CitationFields:
    """The citation fields of a document's metadata (``document.yaml``) and its translators."""
    source = meta.get("source") or {}
    acquisition = meta.get("acquisition") or {}
    style = document_style(config, meta)
    citation_style = (meta.get("citation") or {}).get("house_style") or {}
    publisher = citation_style.get("publisher") or meta.get("publisher") or style.publisher
    citation = meta.get("citation") or {}
    date_as_printed = citation.get("date_as_printed")
    return CitationFields(
        id=str(meta.get("id", "")),
        title=str(meta.get("title", "")),
        date=str(meta.get("date", "")),
        type=str(meta.get("type", "")),
        publisher=str(publisher or ""),
        archive=str(source.get("archive", "")),
        reference=str(source.get("reference", "")),
        pages=str(source.get("pages", "")),
        obtained_by=tuple(acquisition.get("obtained_by") or ()),
        translators=tuple(translators),
        translated_for=str(acquisition.get("translated_for", "")),
        url=str(meta.get("url", "")),
        contributed_by=tuple(acquisition.get("contributed_by") or ()),
        date_as_printed=None if date_as_printed is None else str(date_as_printed),
        credit_as_printed=str(citation.get("credit_as_printed", "")),
        title_as_printed=str(citation.get("title_as_printed", "")),
        closing_period=bool(citation.get("closing_period", True)),
        summary=str(meta.get("summary", "")),
        language=language,
        original_languages=tuple(meta.get("languages") or ()),
        name_forms=dict((meta.get("citation") or {}).get("names") or {}),
        creators=creators_of(meta),
        collection=str(meta.get("collection", "")),
    )


def agents_up_to(store: Store, version: Version, role: str = "translator") -> list[str]:
    """Everyone with ``role`` on the stream's versions up to ``version``, in the order they
    first appear."""
    names: list[str] = []
    for v in store.versions(version.doc_id, version.stream_id):
        if v.number > version.number:
            break
        for name in v.agents_with_role(role):
            if name not in names:
                names.append(name)
    return names


def translators_up_to(store: Store, version: Version) -> list[str]:
    """Everyone with the translator role on the stream's versions up to ``version``."""
    return agents_up_to(store, version, "translator")


def citation_key(ref: str) -> str:
    """The key of one version in every export (CSL ``id``, BibTeX and RIS keys):
    ``DOC/en@1`` -> ``DOC:en:v1``.  Slugs never hold a colon, so the key names the document,
    stream and version unambiguously, and it is the same on every run."""
    doc, _, rest = ref.partition("/")
    stream, _, number = rest.partition("@")
    return f"{doc}:{stream}:v{number}" if number else doc


def fields_for_version(store: Store, version: Version) -> CitationFields:
    """The citation fields for one stored version of a document."""
    from dataclasses import replace

    doc = store.document(version.doc_id)
    stream = store.stream(version.doc_id, version.stream_id)
    f = fields_from_meta(
        doc.meta,
        translators=translators_up_to(store, version),
        language=stream.language,
        config=store.config,
    )
    return replace(
        f,
        id=citation_key(version.ref),
        transcribers=tuple(agents_up_to(store, version, "transcriber")),
        stream_kind=stream.kind,
        version=version.ref,
    )


def pinned_sentence(stream: Stream, version: Version) -> str:
    """``Cited from version 1 of the English translation (DOC/en@1, 2026-11-28, sha256
    6575e280eac5).`` -- names exactly the text that was read."""
    when = version.date or version.recorded[:10] or "undated"
    kind = stream.kind if stream.kind in ("translation", "transcription") else "text"
    return (
        f"Cited from version {version.number} of the {language_name(stream.language)} "
        f"{kind} ({version.ref}, {when}, sha256 {version.short_hash})."
    )


def version_label(version: Version) -> str:
    """The CSL ``version`` of a pinned citation: ``en@1, sha256 6575e280eac5``."""
    return f"{version.stream_id}@{version.number}, sha256 {version.short_hash}"


def version_url(config: Mapping[str, Any] | None, version: Version) -> str:
    """Where the store publishes this version's text, from the store's
    ``citation.version_url`` template (``{doc}``, ``{stream}``, ``{number}``, ``{sha256}``),
    e.g. ``https://example.org/records/{doc}/{stream}/v{number}.txt``; ``""`` without one."""
    template = str(((config or {}).get("citation") or {}).get("version_url") or "")
    if not template:
        return ""
    return template.format(
        doc=version.doc_id, stream=version.stream_id, number=version.number, sha256=version.sha256
    )
