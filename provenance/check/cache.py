"""The check's cache: each file's analysis by the sha256 of its bytes, each document's
findings by its files' hashes, and each document's files' signatures (size, times, inode).

It lives outside the repository (``$PROVENANCE_CACHE_DIR``, else ``$XDG_CACHE_HOME/provenance``,
else ``~/.cache/provenance``), one JSON file per store.  Keeping it out of the work tree means a
pull request cannot bring a cache that vouches for broken files, git never sees it, and the
check never walks it.  Entries are only valid for one *fingerprint*: the package's code and
schemas and the store's settings; any change there starts a fresh cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from pathlib import Path
from typing import Any

from .. import __version__

FORMAT = 2
_PACKAGE = Path(__file__).resolve().parent.parent


def cache_dir() -> Path:
    explicit = os.environ.get("PROVENANCE_CACHE_DIR")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg else Path.home() / ".cache"
    return base / "provenance"


#: What a file's analysis depends on besides its bytes: the rules and what they call.
_SOURCES = (
    "check",
    "citation",
    "rights",
    "interventions",
    "schemas",
    "profiles",
    "data",
    "align",
    "lineage.py",
    "__init__.py",
    "yamlio.py",
    "schema.py",
    "textio.py",
    "errors.py",
    "model.py",
    "store.py",
)


def code_fingerprint() -> str:
    """sha256 over the code, schemas and data the rules depend on: a new release or an
    edited rule invalidates every cached result."""
    digest = hashlib.sha256(__version__.encode())
    paths = []
    for name in _SOURCES:
        top = _PACKAGE / name
        paths += sorted(top.rglob("*")) if top.is_dir() else [top]
    for path in paths:
        if path.suffix in (".py", ".json", ".yaml", ".csl") and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(_PACKAGE)).encode())
            with contextlib.suppress(OSError):
                digest.update(path.read_bytes())
    return digest.hexdigest()


#: Keys of the analyses of single texts (the bracket layer's findings): kept in a second
#: file, read only when a document is not known as a whole (a warm run of an unchanged store
#: never reads it).
FILE_KEYS = ("t|",)
#: Keys of the analyses of metadata files: remembered during a run only (identical files,
#: such as the same ``stream.yaml`` in many documents, are parsed once), never saved: parsing
#: a changed document's few files again costs less than loading them all from a cache.
RUN_KEYS = ("m|",)
#: How many analyses of metadata files a run remembers before starting afresh.
RUN_LIMIT = 2000


class Cache:
    """A dict of analyses loaded from, and saved back to, a JSON file (``path``): documents'
    findings and their files' signatures; the analyses of single files go to a second file
    beside it (``.analyses``), read only when first needed."""

    def __init__(self, path: Path | None, fingerprint: str) -> None:
        self.path = path
        self.fingerprint = fingerprint
        self.entries: dict[str, Any] = {}
        self.used: set[str] = set()
        self.dirty = False
        self.hits = 0
        self.misses = 0
        self._files: dict[str, Any] | None = None
        self._files_dirty = False
        self._run: dict[str, Any] = {}

    @property
    def enabled(self) -> bool:
        return self.path is not None

    @property
    def files_path(self) -> Path | None:
        return None if self.path is None else self.path.with_suffix(".analyses")

    def _file_entries(self) -> dict[str, Any]:
        if self._files is None:
            self._files = self._read(self.files_path)
        return self._files

    @classmethod
    def for_store(cls, store_root: Path, fingerprint: str, folder: Path | None = None) -> Cache:
        key = hashlib.sha256(str(store_root.resolve()).encode()).hexdigest()[:20]
        cache = cls((folder or cache_dir()) / "check" / f"{key}.json", fingerprint)
        cache.load()
        return cache

    @classmethod
    def disabled(cls) -> Cache:
        return cls(None, "")

    def _read(self, path: Path | None) -> dict[str, Any]:
        if path is None:
            return {}
        try:
            data = json.loads(path.read_bytes())
        except (OSError, ValueError):
            return {}
        if (
            isinstance(data, dict)
            and data.get("format") == FORMAT
            and data.get("fingerprint") == self.fingerprint
            and isinstance(data.get("entries"), dict)
        ):
            entries: dict[str, Any] = data["entries"]
            return entries
        return {}

    def load(self) -> None:
        self.entries = self._read(self.path)

    def _store(self, key: str) -> dict[str, Any]:
        if key.startswith(RUN_KEYS):
            return self._run
        return self._file_entries() if key.startswith(FILE_KEYS) else self.entries

    def get(self, key: str) -> Any:
        value = self._store(key).get(key)
        if value is None:
            self.misses += 1
        else:
            self.hits += 1
            self.used.add(key)
        return value

    def put(self, key: str, value: Any) -> None:
        if key.startswith(RUN_KEYS):
            if len(self._run) >= RUN_LIMIT:
                self._run.clear()
            self._run[key] = value
            return
        if self.path is None:
            return
        self._store(key)[key] = value
        self.used.add(key)
        if key.startswith(FILE_KEYS):
            self._files_dirty = True
        else:
            self.dirty = True

    def save(self) -> None:
        """Write the cache back (only what learned something new).  Entries not used by
        this run are kept unless they outnumber the used ones, so checking one document does
        not forget the rest of the store; a failure to write is not an error."""
        if self.dirty:
            self._write(self.path, self.entries)
        if self._files_dirty and self._files is not None:
            self._write(self.files_path, self._files)

    def _write(self, path: Path | None, entries: dict[str, Any]) -> None:
        if path is None:
            return
        if len(entries) > 2 * max(len(self.used), 1000):
            entries = {k: v for k, v in entries.items() if k in self.used}
        payload = json.dumps(
            {"format": FORMAT, "fingerprint": self.fingerprint, "entries": entries},
            separators=(",", ":"),
        )
        with contextlib.suppress(OSError):
            path.parent.mkdir(parents=True, exist_ok=True)
            _replace(path, payload.encode("utf-8"))


def _replace(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename, so that a reader
    sees the old cache or the new one.  Unlike the store's own writes nothing is forced to
    disk (``fsync`` cost half a second a run): a cache cut short by a crash fails to parse,
    and a cache that does not parse is simply started afresh."""
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
