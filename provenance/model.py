"""Value objects for documents, streams and versions.

Each wraps the validated metadata it was read from (``meta``) and exposes the fields the rest
of the library uses.  They are frozen: a published version never changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Agent:
    """A person (or body) who did something to a version, in a role."""

    name: str
    role: str

    def as_dict(self) -> dict[str, str]:
        return {"name": self.name, "role": self.role}


@dataclass(frozen=True)
class Document:
    """One archival item (``DOC/document.yaml``)."""

    id: str
    meta: dict[str, Any] = field(repr=False, compare=False)
    path: Path = field(repr=False, compare=False)

    @property
    def title(self) -> str:
        return str(self.meta.get("title", ""))

    @property
    def date(self) -> str:
        return str(self.meta.get("date", ""))

    @property
    def folder(self) -> Path:
        return self.path.parent


@dataclass(frozen=True)
class Stream:
    """One line of versions of one text (``DOC/STREAM/stream.yaml``)."""

    doc_id: str
    id: str
    kind: str
    language: str
    translates: str | None
    meta: dict[str, Any] = field(repr=False, compare=False)
    path: Path = field(repr=False, compare=False)

    @property
    def ref(self) -> str:
        return f"{self.doc_id}/{self.id}"

    @property
    def folder(self) -> Path:
        return self.path.parent


@dataclass(frozen=True)
class Version:
    """An immutable snapshot of a stream's text (``DOC/STREAM/vN.yaml`` beside ``vN.txt``)."""

    doc_id: str
    stream_id: str
    number: int
    parent: int | None
    sha256: str
    size: int
    date: str
    recorded: str
    agents: tuple[Agent, ...]
    activity: str
    message: str
    source: dict[str, Any] = field(compare=False)
    meta_path: Path = field(repr=False, compare=False)
    #: For a translation: the version of the original it was made from (``zh@2``), as its
    #: record holds it; None when the record holds none.
    translates: str | None = None

    @property
    def ref(self) -> str:
        return f"{self.doc_id}/{self.stream_id}@{self.number}"

    @property
    def text_path(self) -> Path:
        return self.meta_path.with_suffix(".txt")

    @property
    def short_hash(self) -> str:
        return self.sha256[:12]

    def agents_with_role(self, role: str) -> list[str]:
        return [a.name for a in self.agents if a.role == role]

    def as_dict(self) -> dict[str, Any]:
        """The version's metadata in the order it is stored."""
        out: dict[str, Any] = {
            "schema": "provenance/version/1",
            "number": self.number,
            "parent": self.parent,
            "sha256": self.sha256,
            "size": self.size,
            "date": self.date,
            "recorded": self.recorded,
            "agents": [a.as_dict() for a in self.agents],
            "activity": self.activity,
            "message": self.message,
        }
        if self.translates:
            out["translates"] = self.translates
        if self.source:
            out["source"] = dict(self.source)
        return out
