"""Walking a store without ever following a symlink: what documents, streams, version files
it holds, and what does not belong (symlinks, folders the store cannot see, odd names)."""

from __future__ import annotations

import os
import re
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from ..metaedit import HISTORY_FILE
from ..store import DOCUMENT_FILE, STORE_FILE, STREAM_FILE
from .context import StoreEntry

_VERSION = re.compile(r"^v([1-9][0-9]*)\.(txt|yaml)$")
_ALMOST = re.compile(r"^[vV]0*[0-9]+\.(?:txt|yaml|yml|TXT|YAML|YML)$")


@dataclass
class StreamFolder:
    id: str
    path: str
    stream_file: str | None = None
    records: dict[int, str] = field(default_factory=dict)
    texts: dict[int, str] = field(default_factory=dict)


@dataclass
class DocumentFolder:
    id: str
    path: str
    document_file: str
    streams: list[StreamFolder] = field(default_factory=list)
    history_file: str | None = None


@dataclass
class Walk:
    root: Path
    store_file: str | None
    documents: list[DocumentFolder] = field(default_factory=list)
    entries: list[StoreEntry] = field(default_factory=list)


def _scan(path: str | Path) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(path) as it:
            return list(it)
    except OSError:
        return []


class _Walker:
    def __init__(self, root: Path, relpath: object) -> None:
        self.root = root
        self.real_root = os.path.realpath(root)
        self.rel = relpath
        self.entries: list[StoreEntry] = []

    def relpath(self, path: str) -> str:
        return str(self.rel(path))  # type: ignore[operator]

    def symlink(self, entry: os.DirEntry[str]) -> None:
        try:
            target = os.readlink(entry.path)
        except OSError:
            target = "?"
        real = os.path.realpath(entry.path)
        outside = os.path.commonpath([self.real_root, real]) != self.real_root
        self.entries.append(StoreEntry("symlink", self.relpath(entry.path), target, outside))

    def stream(self, entry: os.DirEntry[str]) -> StreamFolder | None:
        folder = StreamFolder(entry.name, entry.path)
        for item in _scan(folder.path):
            if item.is_symlink():
                self.symlink(item)
                continue
            if not item.is_file(follow_symlinks=False):
                continue
            m = _VERSION.match(item.name)
            if m:
                target = folder.texts if m[2] == "txt" else folder.records
                target[int(m[1])] = item.path
            elif item.name == STREAM_FILE:
                folder.stream_file = item.path
            elif _ALMOST.match(item.name):
                self.entries.append(StoreEntry("odd-name", self.relpath(item.path), item.name))
        if folder.stream_file is None and not folder.records and not folder.texts:
            return None
        return folder

    def document(self, entry: os.DirEntry[str]) -> DocumentFolder | None:
        path = entry.path
        items = _scan(path)
        doc_file = None
        history_file = None
        streams = []
        for item in items:
            if item.is_symlink():
                self.symlink(item)
            elif item.name == DOCUMENT_FILE and item.is_file(follow_symlinks=False):
                doc_file = item.path
            elif item.name == HISTORY_FILE and item.is_file(follow_symlinks=False):
                history_file = item.path
            elif item.is_dir(follow_symlinks=False) and not item.name.startswith("."):
                found = self.stream(item)
                if found is not None:
                    streams.append(found)
        if doc_file is None:
            if streams:
                what = "streams" if any(s.stream_file for s in streams) else "version files"
                self.entries.append(StoreEntry("orphan-folder", self.relpath(path), what))
            return None
        return DocumentFolder(
            entry.name, path, doc_file, sorted(streams, key=lambda s: s.id), history_file
        )


def walk(root: Path, relpath: object, only: Collection[str] | None = None) -> Walk:
    """Everything in the store at ``root`` (only documents named in ``only`` when given)."""
    walker = _Walker(root, relpath)
    result = Walk(root, None)
    for entry in _scan(root):
        if entry.name.startswith("."):
            continue
        if only is not None and entry.name not in only and entry.name != STORE_FILE:
            continue
        if entry.is_symlink():
            walker.symlink(entry)
        elif entry.name == STORE_FILE and entry.is_file(follow_symlinks=False):
            result.store_file = entry.path
        elif entry.is_dir(follow_symlinks=False):
            doc = walker.document(entry)
            if doc is not None:
                result.documents.append(doc)
    result.documents.sort(key=lambda d: d.id)
    result.entries = walker.entries
    return result
