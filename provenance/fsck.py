"""Leftovers of interrupted writes: finding them, and removing them safely.

Every write to the store becomes visible in one step (a rename, or the link of a version's
record after its text), so a process killed half-way leaves nothing a reader sees, only
leftovers nobody reads:

``temp-file``
    ``.NAME.XXXXXXXX.tmp``: a file being written before it was linked or renamed into place.
``staging-folder``
    ``.ID.XXXXXXXX.staging`` (and ``.ID.XXXXXXXX`` in the store's root, from older
    versions): a document or stream being assembled before its one rename into place.
``orphan-text``
    ``vN.txt`` with no ``vN.yaml``, numbered after the stream's last record: a commit killed
    between writing the text and its record.  Readers ignore it; it is not a version.
``half-stream``
    A stream folder holding nothing but leftovers, made by an older version killed while
    creating a stream.

Each leftover is made while its folder's lock is held (:mod:`provenance.locks`), so whoever
holds the lock next may remove it: the next writer of that folder does so by itself (and says
so), and ``provenance fsck --clean`` does it for the whole store, reporting each file removed
with its size and sha256.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from .locks import locked
from .rendering import PLAIN, RenderOptions, dumps_json

if TYPE_CHECKING:
    from .rendering import Formats

DOCUMENT_FILE = "document.yaml"
STREAM_FILE = "stream.yaml"

TEMP_RE = re.compile(r"^\.(?P<name>.+)\.[a-z0-9_]{8}\.tmp$")
STAGING_RE = re.compile(r"^\.(?P<id>[a-z0-9][a-z0-9._-]*)\.[a-z0-9_]{8}(?:\.staging)?$")
VERSION_TEMP_RE = re.compile(r"^v[1-9][0-9]*\.(?:txt|yaml)$")
_VERSION_RE = re.compile(r"^v([1-9][0-9]*)\.(txt|yaml)$")

#: A temporary file that is not one of the store's own writes (a metadata file being
#: rewritten by some tool) is removed only once it is this old (seconds).
FOREIGN_TEMP_AGE = 600

KINDS = ("temp-file", "staging-folder", "orphan-text", "half-stream")


@dataclass(frozen=True)
class Leftover:
    """One leftover: what it is, where, why it is one, and what it held."""

    kind: str
    path: Path
    reason: str
    size: int
    sha256: str | None = None
    own: bool = True  # made by the store's own writes (safe to remove under the lock)

    def as_dict(self, rel: str) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "path": rel,
            "reason": self.reason,
            "size": self.size,
            "sha256": self.sha256,
        }


def _file(kind: str, path: Path, reason: str, own: bool = True) -> Leftover:
    try:
        with open(path, "rb", opener=_no_follow) as fh:
            digest = hashlib.sha256()
            size = 0
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                digest.update(chunk)
                size += len(chunk)
        return Leftover(kind, path, reason, size, digest.hexdigest(), own)
    except OSError:
        return Leftover(kind, path, reason, 0, None, own)


def _no_follow(path: str, flags: int) -> int:
    return os.open(path, flags | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))


def _folder(kind: str, path: Path, reason: str) -> Leftover:
    size = 0
    for dirpath, _dirs, files in os.walk(path):
        for name in files:
            with contextlib.suppress(OSError):
                size += os.lstat(os.path.join(dirpath, name)).st_size
    return Leftover(kind, path, reason, size)


def _entries(folder: Path) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(folder) as it:
            return sorted(it, key=lambda e: e.name)
    except OSError:
        return []


def _temp(entry: os.DirEntry[str]) -> Leftover | None:
    m = TEMP_RE.match(entry.name)
    if not m or not entry.is_file(follow_symlinks=False):
        return None
    own = bool(VERSION_TEMP_RE.match(m["name"]))  # a version's, made under the stream's lock
    return _file(
        "temp-file", Path(entry.path), f"temporary copy of {m['name']} never moved into place", own
    )


def stream_leftovers(folder: Path) -> list[Leftover]:
    """Leftovers in one stream's folder."""
    entries = _entries(folder)
    records = set()
    texts: dict[int, os.DirEntry[str]] = {}
    found = []
    for entry in entries:
        m = _VERSION_RE.match(entry.name)
        if m and m[2] == "yaml":
            records.add(int(m[1]))
        elif m and entry.is_file(follow_symlinks=False):
            texts[int(m[1])] = entry
        else:
            temp = _temp(entry)
            if temp is not None:
                found.append(temp)
    latest = max(records, default=0)
    for number, entry in sorted(texts.items()):
        if number > latest:
            found.append(
                _file(
                    "orphan-text",
                    Path(entry.path),
                    f"text of an interrupted commit: no record v{number}.yaml beside it",
                )
            )
    return found


def _half_stream(entry: os.DirEntry[str]) -> Leftover | None:
    """A stream folder holding nothing but temporary files (or nothing at all)."""
    if entry.name.startswith(".") or not entry.is_dir(follow_symlinks=False):
        return None
    inside = _entries(Path(entry.path))
    if any(not (TEMP_RE.match(e.name) and e.is_file(follow_symlinks=False)) for e in inside):
        return None
    return _folder("half-stream", Path(entry.path), "stream folder of an interrupted creation")


def document_leftovers(folder: Path) -> list[Leftover]:
    """Leftovers directly in a document's folder (not in its streams)."""
    found = []
    for entry in _entries(folder):
        if entry.name.startswith("."):
            if STAGING_RE.match(entry.name) and entry.is_dir(follow_symlinks=False):
                found.append(
                    _folder(
                        "staging-folder", Path(entry.path), "a stream being created, never renamed"
                    )
                )
            else:
                temp = _temp(entry)
                if temp is not None:
                    found.append(temp)
            continue
        half = _half_stream(entry)
        if half is not None:
            found.append(half)
    return found


def root_leftovers(root: Path) -> list[Leftover]:
    """Leftovers directly in the store's root folder."""
    found = []
    for entry in _entries(root):
        if not entry.name.startswith("."):
            continue
        if STAGING_RE.match(entry.name) and entry.is_dir(follow_symlinks=False):
            found.append(
                _folder(
                    "staging-folder", Path(entry.path), "a document being imported, never renamed"
                )
            )
        else:
            temp = _temp(entry)
            if temp is not None:
                found.append(temp)
    return found


def _document_folders(root: Path) -> list[Path]:
    return [
        Path(e.path)
        for e in _entries(root)
        if not e.name.startswith(".")
        and e.is_dir(follow_symlinks=False)
        and os.path.isfile(os.path.join(e.path, DOCUMENT_FILE))
    ]


def _stream_folders(doc: Path) -> list[Path]:
    return [
        Path(e.path)
        for e in _entries(doc)
        if not e.name.startswith(".")
        and e.is_dir(follow_symlinks=False)
        and os.path.isfile(os.path.join(e.path, STREAM_FILE))
    ]


def find(root: Path) -> list[Leftover]:
    """Every leftover in the store at ``root`` (nothing is changed)."""
    found = root_leftovers(root)
    for doc in _document_folders(root):
        found.extend(document_leftovers(doc))
        for stream in _stream_folders(doc):
            found.extend(stream_leftovers(stream))
    return found


def remove(leftovers: Iterable[Leftover], *, force_foreign: bool = False) -> list[Leftover]:
    """Remove ``leftovers`` (whose folder's lock the caller holds); return those removed.

    A temporary file not made by the store's own writes is kept while it is younger than
    :data:`FOREIGN_TEMP_AGE` seconds (some tool may be about to rename it), unless
    ``force_foreign``."""
    removed = []
    now = time.time()
    for item in leftovers:
        try:
            if item.kind in ("staging-folder", "half-stream"):
                shutil.rmtree(item.path)
            else:
                if not item.own and not force_foreign:
                    age = now - os.lstat(item.path).st_mtime
                    if age < FOREIGN_TEMP_AGE:
                        continue
                os.unlink(item.path)
        except FileNotFoundError:
            continue
        removed.append(item)
    return removed


def clean(root: Path) -> list[Leftover]:
    """Remove every leftover in the store at ``root``, each folder under its lock."""
    removed = []
    with locked(root) as real:
        if real:
            removed.extend(remove(root_leftovers(root)))
    for doc in _document_folders(root):
        with locked(doc) as real:
            if real:
                removed.extend(remove(document_leftovers(doc)))
        for stream in _stream_folders(doc):
            with locked(stream) as real:
                if real:
                    removed.extend(remove(stream_leftovers(stream)))
    return removed


class FsckReport(NamedTuple):
    """What ``provenance fsck`` found and, with ``clean``, removed and left.  Each leftover
    is paired with its path as messages show it.  (A named tuple: every command that opens
    the store imports this module, and a dataclass costs more to define.)"""

    store: str
    found: tuple[tuple[Leftover, str], ...]
    removed: tuple[tuple[Leftover, str], ...] = ()
    remaining: tuple[tuple[Leftover, str], ...] = ()
    cleaned: bool = False

    def as_dict(self) -> dict[str, Any]:
        """The JSON output, ``format_version`` first."""
        return {
            "format_version": 1,
            "store": self.store,
            "leftovers": [i.as_dict(rel) for i, rel in self.found],
            "removed": [i.as_dict(rel) for i, rel in self.removed],
            "remaining": [i.as_dict(rel) for i, rel in self.remaining],
        }


def check(
    root: Path, *, clean_up: bool = False, relpath: Callable[[Path], str] = str
) -> FsckReport:
    """Find the leftovers of the store at ``root`` and, with ``clean_up``, remove them."""
    found = find(root)
    removed = clean(root) if clean_up else []
    left = find(root) if clean_up else found
    return FsckReport(
        store=relpath(root),
        found=tuple((i, relpath(i.path)) for i in found),
        removed=tuple((i, relpath(i.path)) for i in removed),
        remaining=tuple((i, relpath(i.path)) for i in left),
        cleaned=clean_up,
    )


def format_text(report: FsckReport, options: RenderOptions = PLAIN) -> str:
    """One line per leftover found: ``removed`` or ``leftover``, its kind, path, why, size."""
    gone = {item.path for item, _ in report.removed}
    lines = []
    for item, rel in report.found:
        verb = "removed" if item.path in gone else "leftover"
        digest = f"  sha256 {item.sha256}" if item.sha256 else ""
        lines.append(f"{verb}  {item.kind}  {rel}  ({item.reason}; {item.size:,} bytes){digest}\n")
    return "".join(lines)


def format_json(report: FsckReport, options: RenderOptions = PLAIN) -> str:
    return dumps_json(report.as_dict())


#: ``--format`` value -> renderer(report, options) -> text (:mod:`provenance.rendering`).
FORMATS: Formats[FsckReport, RenderOptions] = {"text": format_text, "json": format_json}
