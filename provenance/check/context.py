"""What each rule function is given: the context of its scope.

Files are analysed on their own (``meta``, ``document`` and ``text`` scopes: the result depends
only on the file's bytes and the store's settings, so it is cached by content hash); streams
and the store are then checked from the *facts* the analysis kept (numbers, parents, hashes,
roles), which is cheap and never cached.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..errors import ProvenanceError
from ..yamldoc import YAMLDoc

if TYPE_CHECKING:
    from ..interventions.profile import Profile


@dataclass(frozen=True)
class Settings:
    """The store settings rules read: the store's ``provenance.yaml`` and the check section."""

    config: Mapping[str, Any] = field(default_factory=dict)
    citation_style: str = "house"
    root: str = ""
    profile: Profile | None = None

    @property
    def interventions(self) -> Mapping[str, Any]:
        value = self.config.get("interventions")
        return value if isinstance(value, Mapping) else {}


@dataclass(frozen=True)
class MetaContext:
    """One YAML metadata file: ``kind`` is store, document, stream or version."""

    kind: str
    doc: YAMLDoc | None
    error: ProvenanceError | None
    settings: Settings

    @property
    def data(self) -> Any:
        return self.doc.data if self.doc is not None else None

    @property
    def mapping(self) -> Mapping[str, Any] | None:
        data = self.data
        return data if isinstance(data, Mapping) else None


@dataclass(frozen=True)
class TextContext:
    """A version's text: decoded (or the decoding error), whether it is the stream's latest
    version (only the latest is linted: earlier ones are published and fixed by a new one)."""

    text: str | None
    error: ProvenanceError | None
    latest: bool
    stream_kind: str
    language: str
    settings: Settings


@dataclass(frozen=True)
class VersionEntry:
    """A version record file of a stream, with the facts its analysis kept (None: unreadable)."""

    number: int
    file: str
    facts: Mapping[str, Any] | None


@dataclass(frozen=True)
class TextEntry:
    """A version text file of a stream: its sha256 and size."""

    number: int
    file: str
    sha256: str
    size: int
    raw: bytes | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class StreamContext:
    """One stream folder: its record's facts, its version records and texts by number."""

    doc_id: str
    stream_id: str
    folder: str
    stream_file: str | None
    stream: Mapping[str, Any] | None
    records: tuple[VersionEntry, ...]
    texts: tuple[TextEntry, ...]
    sibling_streams: tuple[str, ...]

    def line(self, entry: VersionEntry | None, pointer: str) -> int | None:
        if entry is None or entry.facts is None:
            return None
        lines = entry.facts.get("lines", {})
        value = lines.get(pointer)
        return int(value) if isinstance(value, int) else None


@dataclass(frozen=True)
class DocumentContext:
    """One document folder: its record's facts and the streams found in it."""

    doc_id: str
    folder: str
    document_file: str
    facts: Mapping[str, Any] | None
    streams: tuple[str, ...]
    #: By stream id: its ``stream.yaml`` (relative path, None when missing) and facts, its
    #: version records, and its version texts (absolute paths by number).
    stream_files: Mapping[str, str | None] = field(default_factory=dict)
    stream_facts: Mapping[str, Mapping[str, Any] | None] = field(default_factory=dict)
    records: Mapping[str, tuple[VersionEntry, ...]] = field(default_factory=dict)
    text_paths: Mapping[str, Mapping[int, str]] = field(default_factory=dict)


@dataclass(frozen=True)
class HistoryContext:
    """A version file that changed in git since a reference (``--since``)."""

    file: str
    status: str
    old: YAMLDoc | None
    new: YAMLDoc | None
    old_raw: bytes | None = None
    new_raw: bytes | None = None
    ref: str = "the reference"


@dataclass(frozen=True)
class StoreEntry:
    """Something the walk of the store noticed: a symlink (never followed), a folder the
    store cannot see, a file named almost like a version."""

    kind: str
    file: str
    detail: str = ""
    outside: bool = False
