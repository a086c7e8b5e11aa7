"""What a record lacks for a citation style (for ``provenance check`` and for users)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

from ..model import Document

#: The styles :func:`missing_fields` knows; any other name is treated like ``chicago``.
STYLES = ("house", "chicago", "mla", "apa")


class Missing(NamedTuple):
    """One thing a record lacks: a JSON pointer into ``document.yaml`` and a message."""

    pointer: str
    message: str


def _get(meta: Mapping[str, Any], pointer: str) -> Any:
    value: Any = meta
    for part in pointer.strip("/").split("/"):
        if not isinstance(value, Mapping):
            return None
        value = value.get(part)
    return value


def missing_fields(
    doc: Document | Mapping[str, Any],
    style: str = "house",
    *,
    config: Mapping[str, Any] | None = None,
    translators: Sequence[str] | None = None,
) -> list[Missing]:
    """The fields ``doc`` lacks for a citation in ``style``, as ``(json_pointer, message)``.

    ``doc`` is a :class:`~provenance.model.Document` or its metadata.  ``config`` is the store's
    ``provenance.yaml`` (its ``publisher`` and ``house_style.publisher`` stand in for a
    document without one).  ``translators`` are the names with the translator role on the
    cited stream (from its versions' agents); give them to have a missing translator reported
    (pointer ``""``, the record as a whole); leave None when the stream is not a translation.
    An empty list means the record is complete for that style.
    """
    meta: Mapping[str, Any] = doc.meta if isinstance(doc, Document) else doc
    config = config or {}
    out: list[Missing] = []

    def need(pointer: str, message: str) -> None:
        value = _get(meta, pointer)
        if value is None or (isinstance(value, (str, list)) and not value):
            out.append(Missing(pointer, message))

    need("/title", "no title: every citation starts with it")
    need("/date", "no date: the citation cannot say when the document was written")
    if style == "house":
        need(
            "/source/reference",
            "no archival reference (source.reference), which the "
            "house citation prints after the publisher",
        )
        store_publisher = (config.get("house_style") or {}).get("publisher") or config.get(
            "publisher"
        )
        if not store_publisher:
            need("/publisher", "no publisher, and the store names none (house_style.publisher)")
    elif style == "mla":
        if not (config.get("publisher") or (config.get("house_style") or {}).get("publisher")):
            need("/publisher", "no publisher: MLA names the container that publishes it")
        need("/url", "no URL: MLA gives the location of an online document")
    elif style == "apa":
        need("/url", "no URL: APA ends with the document's address")
    else:
        if not _get(meta, "/source/reference"):
            need(
                "/url",
                "neither an archival reference (source.reference) nor a URL: a "
                "reader cannot find the document",
            )
    if translators is not None and not translators:
        out.append(
            Missing(
                "",
                "no translator: no version of the cited stream names an agent "
                "with the role translator",
            )
        )
    return out
