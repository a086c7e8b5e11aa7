"""Version-level lineage: which version of the original each version of a translation was made
from, and which translations are behind their original.

A translation's version records it as ``translates: zh@2``.  Versions committed before their
stream was linked to an original can be given one afterwards, in the stream's ``lineage`` list
(``provenance stream DOC/en --translates zh@1``); the version's own record wins when both say.
A translation is *stale* when the original has versions newer than the one its latest version
was made from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from .errors import NotFoundError, UsageError
from .model import Stream, Version
from .refs import check_slug

if TYPE_CHECKING:
    from .store import Store, StreamSpec


class StreamReader(Protocol):
    """What :func:`resolve_from` reads of a store (a :class:`~provenance.store.Store`, or one
    that also knows a stream about to be created)."""

    def stream(self, doc_id: str, stream_id: str) -> Stream: ...

    def versions(self, doc_id: str, stream_id: str) -> list[Version]: ...

    def version(self, doc_id: str, stream_id: str, number: int | None = None) -> Version: ...


_VERSION_REF = re.compile(r"^(?P<stream>[^@/]+)@(?P<number>[^@/]+)$")


@dataclass(frozen=True)
class VersionRef:
    """``STREAM@N`` inside one document (``zh@2``)."""

    stream: str
    number: int

    def __str__(self) -> str:
        return f"{self.stream}@{self.number}"

    @classmethod
    def from_string(cls, text: str) -> VersionRef:
        """Parse ``zh@2`` (``zh@v2`` too); raises :class:`UsageError` naming what is wrong."""
        m = _VERSION_REF.match(text.strip())
        if not m:
            raise UsageError(f"{text!r} is not a version of a stream; write STREAM@N, e.g. zh@2")
        stream = check_slug(m["stream"], "stream id")
        raw = m["number"][1:] if m["number"][:1] in "vV" else m["number"]
        if not raw.isascii() or not raw.isdigit() or int(raw) < 1:
            raise UsageError(f"{text!r}: {m['number']!r} is not a version number (1, 2, ...)")
        return cls(stream, int(raw))


@dataclass(frozen=True)
class FromChoice:
    """The version of the original a new translation version is recorded as made from, and
    whether it was chosen by default (the original's latest)."""

    ref: VersionRef
    defaulted: bool


def declared_lineage(stream: Stream) -> dict[int, str]:
    """The stream record's ``lineage`` list, by version number."""
    out: dict[int, str] = {}
    for item in stream.meta.get("lineage") or []:
        out[int(item["version"])] = str(item["translates"])
    return out


def made_from(stream: Stream, version: Version) -> str | None:
    """The version of the original ``version`` was made from (``zh@2``), as recorded: the
    version's own record, else the stream's declared lineage; None when nothing says."""
    if version.translates:
        return version.translates
    return declared_lineage(stream).get(version.number)


def resolve_from(
    store: StreamReader, doc_id: str, stream_id: str, given: str | None
) -> FromChoice | None:
    """What a new version of ``DOC/STREAM`` records as its original's version.

    ``given`` (``zh@2``) must name an existing version of the stream this one translates;
    without it the original's latest version is chosen.  None for a stream that translates
    nothing in the store (and then ``given`` is refused, with what to do instead).
    """
    stream = store.stream(doc_id, stream_id)
    original = stream.translates
    if original is None:
        if given is not None:
            hint = (
                "it is a transcription"
                if stream.kind == "transcription"
                else "it is not linked to an original"
            )
            raise UsageError(
                f"--from {given}: {stream.ref} translates no stream ({hint}); link it first "
                f"with 'provenance stream {stream.ref} --translates STREAM'"
            )
        return None
    if given is None:
        versions = store.versions(doc_id, original)
        if not versions:
            raise NotFoundError(
                f"{stream.ref} translates {original}, which has no versions yet: commit the "
                f"original first, or give --from"
            )
        return FromChoice(VersionRef(original, versions[-1].number), True)
    ref = VersionRef.from_string(given)
    if ref.stream != original:
        raise UsageError(
            f"--from {given}: {stream.ref} translates {original}, not {ref.stream} "
            f"(change that with 'provenance stream {stream.ref} --translates {ref.stream}')"
        )
    store.version(doc_id, ref.stream, ref.number)  # raises, listing the versions there are
    return FromChoice(ref, False)


def commit_from(
    store: Store, doc_id: str, stream_id: str, create: StreamSpec | None, given: str | None
) -> FromChoice | None:
    """:func:`resolve_from` for a commit to ``DOC/STREAM``: for a stream the commit creates
    (``create``), as if it existed already."""
    if stream_id in store.stream_ids(doc_id):
        return resolve_from(store, doc_id, stream_id, given)
    if create is None:
        return None  # the commit refuses it, saying how to start a stream
    planned = _Planned(store, store.planned_stream(doc_id, stream_id, create))
    return resolve_from(planned, doc_id, stream_id, given)


class _Planned:
    """The store, with the stream a commit is about to create."""

    def __init__(self, store: Store, stream: Stream) -> None:
        self._store = store
        self._stream = stream

    def stream(self, doc_id: str, stream_id: str) -> Stream:
        if (doc_id, stream_id) == (self._stream.doc_id, self._stream.id):
            return self._stream
        return self._store.stream(doc_id, stream_id)

    def versions(self, doc_id: str, stream_id: str) -> list[Version]:
        return self._store.versions(doc_id, stream_id)

    def version(self, doc_id: str, stream_id: str, number: int | None = None) -> Version:
        return self._store.version(doc_id, stream_id, number)


@dataclass(frozen=True)
class TranslationState:
    """Where one translation stream stands against its original."""

    stream: str
    original: str
    latest: int | None
    made_from: str | None
    original_latest: int | None

    @property
    def stale(self) -> bool:
        if self.made_from is None or self.original_latest is None:
            return False
        return VersionRef.from_string(self.made_from).number < self.original_latest

    @property
    def unknown(self) -> bool:
        """The latest version records no original version."""
        return self.latest is not None and self.made_from is None

    def describe(self, doc_id: str) -> str:
        here = f"{doc_id}/{self.stream}@{self.latest}"
        if self.made_from is None:
            return f"{here} records no version of {self.original} it was made from"
        return (
            f"{here} was made from {doc_id}/{self.made_from}; "
            f"{doc_id}/{self.original} is now at @{self.original_latest}"
        )


def translation_states(store: Store, doc_id: str) -> list[TranslationState]:
    """Every translation stream of a document that is linked to an original in the store."""
    out = []
    for stream in store.streams(doc_id):
        if stream.translates is None or stream.translates not in store.stream_ids(doc_id):
            continue
        versions = store.versions(doc_id, stream.id)
        originals = store.versions(doc_id, stream.translates)
        latest = versions[-1] if versions else None
        out.append(
            TranslationState(
                stream=stream.id,
                original=stream.translates,
                latest=latest.number if latest else None,
                made_from=made_from(stream, latest) if latest else None,
                original_latest=originals[-1].number if originals else None,
            )
        )
    return out
