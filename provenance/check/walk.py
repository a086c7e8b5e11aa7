"""Walking a store without ever following a symlink: what documents, streams, version files
it holds, what does not belong (symlinks, folders the store cannot see, odd names), and the
leftovers of interrupted writes.

A folder's listing can come from the previous run (:class:`Listings`): a folder's own
modification and change times and inode change whenever an entry is added to it, removed
from it or renamed in it, so while they are as a run saw them, so is the list of its entries
(what a file *holds* is another matter: the runner compares every file's own times).  A
folder changed in the last :data:`RACY_SECONDS` is always listed afresh and its listing not
kept, so that a change within the same tick of the clock cannot go unseen.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from .. import fsck
from ..layout import DOCUMENT_FILE, HISTORY_FILE, STORE_FILE, STREAM_FILE
from .context import StoreEntry

_VERSION = re.compile(r"^v([1-9][0-9]*)\.(txt|yaml)$")
_ALMOST = re.compile(r"^[vV]0*[0-9]+\.(?:txt|yaml|yml|TXT|YAML|YML)$")

#: A folder or file changed less than this many seconds ago is never taken from a cache.
RACY_SECONDS = 2.0


class Entry(NamedTuple):
    """One entry of a folder: its name, path and kind (``f`` a regular file, ``d`` a folder,
    ``l`` a symlink, ``o`` anything else), as ``os.scandir`` tells them without following
    a symlink."""

    name: str
    path: str
    kind: str


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
    #: Leftovers of interrupted writes (``provenance fsck`` finds the same).
    leftovers: list[fsck.Leftover] = field(default_factory=list)


def _kind(entry: os.DirEntry[str]) -> str:
    if entry.is_symlink():
        return "l"
    if entry.is_dir(follow_symlinks=False):
        return "d"
    return "f" if entry.is_file(follow_symlinks=False) else "o"


def _scandir(path: str) -> list[Entry]:
    try:
        with os.scandir(path) as it:
            return [Entry(e.name, e.path, _kind(e)) for e in it]
    except OSError:
        return []


class Listings:
    """Folder listings kept from the previous run, by folder path relative to the store's
    parent, each with the folder's modification and change times and inode then.

    ``get(key)`` and ``put(key, value)`` reach the cache that keeps them (``None``: none)."""

    def __init__(
        self,
        root: Path,
        get: Callable[[str], Any] | None = None,
        put: Callable[[str, Any], None] | None = None,
    ) -> None:
        parent = str(root.parent)
        self.cut = len(parent) if parent.endswith(os.sep) else len(parent) + 1
        self.get = get
        self.put = put
        self.recent = time.time_ns() - int(RACY_SECONDS * 1e9)
        self.listed = 0
        self.reused = 0

    def stamp(self, path: str) -> list[int] | None:
        """A folder's modification and change times and inode; None when it cannot be
        looked at (or there is no cache)."""
        if self.get is None:
            return None
        try:
            st = os.lstat(path)
        except OSError:
            return None
        return [st.st_mtime_ns, st.st_ctime_ns, st.st_ino]

    def settled(self, stamp: list[int] | None) -> bool:
        """Whether a folder with this stamp was last changed long enough ago to be trusted."""
        return stamp is not None and stamp[0] < self.recent and stamp[1] < self.recent

    def scan(self, path: str, keep: bool = True) -> tuple[list[Entry], list[int] | None]:
        """The entries of the folder at ``path`` (none when it cannot be read), and the
        folder's stamp when it may be remembered.  With ``keep``, the listing is remembered
        for the next run; otherwise the caller remembers what it makes of it."""
        stamp = self.stamp(path)
        if stamp is None or self.get is None or self.put is None:
            self.listed += 1
            return _scandir(path), None
        key = "l|" + path[self.cut :]
        known = self.get(key) if keep else None
        if isinstance(known, list) and len(known) == 4 and known[:3] == stamp:
            self.reused += 1
            base = path if path.endswith(os.sep) else path + os.sep
            entries = [
                Entry(item[1:], base + item[1:], item[0]) for item in known[3].split("/") if item
            ]
            return entries, stamp
        self.listed += 1
        entries = _scandir(path)
        if not self.settled(stamp):
            return entries, None
        if keep:  # "/" never occurs in a file name: the entries as one string, kind then name
            self.put(key, [*stamp, "/".join(e.kind + e.name for e in entries)])
        return entries, stamp

    def known_document(self, entry: Entry) -> DocumentFolder | None:
        """A document folder as the last run found it, when neither its folder nor any
        folder in it changed since (only folders holding nothing but the document's own
        files are remembered this way: see :meth:`_Walker.document`)."""
        if self.get is None:
            return None
        path = entry.path
        known = self.get("w|" + path[self.cut :])
        if not isinstance(known, list) or len(known) != 5 or known[:3] != self.stamp(path):
            return None
        sep = os.sep
        streams = []
        for name, mtime, ctime, ino, stream in known[4]:
            folder = path + sep + name
            if self.stamp(folder) != [mtime, ctime, ino]:
                return None
            if stream is None:
                continue
            has_file, records, texts = stream
            base = folder + sep
            streams.append(
                StreamFolder(
                    name,
                    folder,
                    base + STREAM_FILE if has_file else None,
                    {n: f"{base}v{n}.yaml" for n in records},
                    {n: f"{base}v{n}.txt" for n in texts},
                )
            )
        self.reused += 1 + len(known[4])
        history = known[3]
        return DocumentFolder(
            entry.name,
            path,
            path + sep + DOCUMENT_FILE,
            streams,
            path + sep + HISTORY_FILE if history else None,
        )

    def remember_document(
        self,
        folder: DocumentFolder,
        stamp: list[int] | None,
        subfolders: list[tuple[str, list[int] | None, StreamFolder | None]],
    ) -> None:
        if self.put is None or stamp is None:
            return
        inside: list[list[Any]] = []
        for name, sub, stream in subfolders:
            if sub is None:
                return  # a folder changed just now, or gone: not remembered
            described = None
            if stream is not None:
                described = [stream.stream_file is not None, [*stream.records], [*stream.texts]]
            inside.append([name, *sub, described])
        self.put("w|" + folder.path[self.cut :], [*stamp, folder.history_file is not None, inside])


def _is_temp_file(entry: Entry) -> bool:
    return entry.kind == "f" and fsck.TEMP_RE.match(entry.name) is not None


def _names_file(entry: Entry | None) -> bool:
    """Whether ``entry`` is a file as ``os.path.isfile`` (which follows symlinks) says."""
    if entry is None:
        return False
    return entry.kind == "f" or (entry.kind == "l" and os.path.isfile(entry.path))


class _Walker:
    def __init__(self, root: Path, relpath: object, listings: Listings) -> None:
        self.root = root
        self.real_root = os.path.realpath(root)
        self.rel = relpath
        self.listings = listings
        self.entries: list[StoreEntry] = []
        self.leftovers: list[fsck.Leftover] = []

    def relpath(self, path: str) -> str:
        return str(self.rel(path))  # type: ignore[operator]

    def symlink(self, entry: Entry) -> None:
        try:
            target = os.readlink(entry.path)
        except OSError:
            target = "?"
        real = os.path.realpath(entry.path)
        outside = os.path.commonpath([self.real_root, real]) != self.real_root
        self.entries.append(StoreEntry("symlink", self.relpath(entry.path), target, outside))

    def stream(self, entry: Entry, items: list[Entry]) -> tuple[StreamFolder | None, bool]:
        """The stream in a folder (None: no stream file or version file in it), and whether
        the folder holds a temporary file (a leftover ``fsck`` reports)."""
        folder = StreamFolder(entry.name, entry.path)
        temp = False
        for item in items:
            kind, name = item.kind, item.name
            if kind == "l":
                self.symlink(item)
                continue
            if kind != "f":
                continue
            m = _VERSION.match(name)
            if m:
                target = folder.texts if m[2] == "txt" else folder.records
                target[int(m[1])] = item.path
            elif name == STREAM_FILE:
                folder.stream_file = item.path
            elif _ALMOST.match(name):
                self.entries.append(StoreEntry("odd-name", self.relpath(item.path), name))
            elif name[:1] == "." and fsck.TEMP_RE.match(name):
                temp = True
        if folder.stream_file is None and not folder.records and not folder.texts:
            return None, temp
        return folder, temp

    def document(self, entry: Entry) -> DocumentFolder | None:
        known = self.listings.known_document(entry)
        if known is not None:
            return known
        path = entry.path
        noticed = len(self.entries)
        items, stamp = self.listings.scan(path, keep=False)
        doc_file = None
        history_file = None
        streams = []
        named: Entry | None = None
        #: leftovers fsck would report: in this folder, and in the streams' folders
        here = False
        in_streams: list[tuple[Entry, list[Entry]]] = []
        subfolders: list[tuple[str, list[int] | None, StreamFolder | None]] = []
        for item in items:
            kind, name = item.kind, item.name
            if name == DOCUMENT_FILE:
                named = item
            if kind == "l":
                self.symlink(item)
            elif name[:1] == ".":
                if (kind == "d" and fsck.STAGING_RE.match(name)) or _is_temp_file(item):
                    here = True
            elif kind == "f":
                if name == DOCUMENT_FILE:
                    doc_file = item.path
                elif name == HISTORY_FILE:
                    history_file = item.path
            elif kind == "d":
                inside, sub_stamp = self.listings.scan(item.path, keep=False)
                found, temp = self.stream(item, inside)
                subfolders.append((name, sub_stamp, found))
                if found is not None:
                    streams.append(found)
                elif all(_is_temp_file(e) for e in inside):
                    here = True  # a half-made stream
                if temp:
                    in_streams.append((item, inside))
        if (here or in_streams) and _names_file(named):
            self.document_leftovers(Path(path), here, in_streams)
        if doc_file is None:
            if streams:
                what = "streams" if any(s.stream_file for s in streams) else "version files"
                self.entries.append(StoreEntry("orphan-folder", self.relpath(path), what))
            return None
        folder = DocumentFolder(
            entry.name, path, doc_file, sorted(streams, key=lambda s: s.id), history_file
        )
        if len(self.entries) == noticed and not here and not in_streams:
            # nothing but the document's own files (no symlink, odd name or leftover)
            self.listings.remember_document(folder, stamp, sorted(subfolders))
        return folder

    def document_leftovers(
        self, path: Path, here: bool, in_streams: list[tuple[Entry, list[Entry]]]
    ) -> None:
        """What ``fsck`` finds in a document's folder and its streams' (orphan texts aside:
        the rules report those), looked for only where the listings show a candidate."""
        if here:
            self.leftovers += fsck.document_leftovers(path)
        for entry, inside in sorted(in_streams, key=lambda s: s[0].name):
            stream_file = next((e for e in inside if e.name == STREAM_FILE), None)
            if _names_file(stream_file):
                self.leftovers += [
                    item
                    for item in fsck.stream_leftovers(Path(entry.path))
                    if item.kind != "orphan-text"
                ]


def walk(
    root: Path,
    relpath: object,
    only: Collection[str] | None = None,
    listings: Listings | None = None,
) -> Walk:
    """Everything in the store at ``root`` (only documents named in ``only`` when given).
    ``listings`` may give folders' entries from a previous run."""
    walker = _Walker(root, relpath, listings or Listings(root))
    result = Walk(root, None)
    root_leftovers = False
    items: Iterable[Entry] = sorted(walker.listings.scan(str(root))[0], key=lambda e: e.name)
    for entry in items:
        if entry.name.startswith("."):
            if (entry.kind == "d" and fsck.STAGING_RE.match(entry.name)) or _is_temp_file(entry):
                root_leftovers = True
            continue
        if only is not None and entry.name not in only and entry.name != STORE_FILE:
            continue
        if entry.kind == "l":
            walker.symlink(entry)
        elif entry.name == STORE_FILE and entry.kind == "f":
            result.store_file = entry.path
        elif entry.kind == "d":
            doc = walker.document(entry)
            if doc is not None:
                result.documents.append(doc)
    if root_leftovers and only is None:
        walker.leftovers[:0] = fsck.root_leftovers(root)
    result.documents.sort(key=lambda d: d.id)
    result.entries = walker.entries
    result.leftovers = walker.leftovers
    return result
