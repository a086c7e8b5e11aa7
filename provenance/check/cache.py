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
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import __version__

if TYPE_CHECKING:
    from ..errors import ProvenanceError
    from ..yamldoc import YAMLDoc

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
    "yamldoc.py",
    "schema.py",
    "textio.py",
    "errors.py",
    "model.py",
    "store.py",
)


def code_fingerprint() -> str:
    """A digest of the code, schemas and data the rules depend on: a new release or an
    edited rule invalidates every cached result.  Each file counts by its path, size,
    modification and change times and inode (as a document's files do), not by its bytes:
    reading the package's sources cost every check more than the rest of a warm one, and a
    file cannot be rewritten without its change time moving."""
    digest = hashlib.sha256(__version__.encode())
    for path in _source_files():
        try:
            st = os.lstat(path)
        except OSError:
            continue
        digest.update(
            f"{path}\0{st.st_size}\0{st.st_mtime_ns}\0{st.st_ctime_ns}\0{st.st_ino}\n".encode()
        )
    return digest.hexdigest()


def _source_files() -> list[str]:
    """The files :func:`code_fingerprint` covers, in a stable order."""
    out: list[str] = []
    for name in _SOURCES:
        top = os.path.join(str(_PACKAGE), name)
        if os.path.isdir(top):
            _walk_sources(top, out)
        else:
            out.append(top)
    return out


def _walk_sources(folder: str, out: list[str]) -> None:
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            if entry.name != "__pycache__":
                _walk_sources(entry.path, out)
        elif entry.name.endswith((".py", ".json", ".yaml", ".csl")):
            out.append(entry.path)


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
        cache = cls(_store_path(store_root, folder, ".json"), fingerprint)
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


def _store_path(store_root: Path, folder: Path | None, suffix: str) -> Path:
    """A cache file of the store at ``store_root``."""
    key = hashlib.sha256(str(store_root.resolve()).encode()).hexdigest()[:20]
    return (folder or cache_dir()) / "check" / f"{key}{suffix}"


Parser = Callable[[bytes, str], "tuple[YAMLDoc | None, ProvenanceError | None]"]


class ParsedSettings:
    """The store's settings file (``provenance.yaml``, as in the work tree and as
    published) as earlier runs parsed it, by the sha256 of its bytes: they are needed before
    anything else (they choose the rules and key the cache), and a warm check can then do
    without the YAML library.  Only data that JSON keeps exactly is remembered, and a file
    that does not parse never is: its error comes from parsing it again."""

    #: How many versions of the file are remembered.
    LIMIT = 8

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.entries: dict[str, list[Any]] = {}
        self.dirty = False
        if path is not None:
            try:
                data = json.loads(path.read_bytes())
            except (OSError, ValueError):
                data = None
            if isinstance(data, dict) and data.get("format") == FORMAT:
                found = data.get("entries")
                self.entries = found if isinstance(found, dict) else {}

    @classmethod
    def for_store(cls, store_root: Path, folder: Path | None = None) -> ParsedSettings:
        return cls(_store_path(store_root, folder, ".settings"))

    @classmethod
    def disabled(cls) -> ParsedSettings:
        return cls(None)

    def parse(
        self, raw: bytes, where: str, parser: Parser
    ) -> tuple[YAMLDoc | None, ProvenanceError | None]:
        """``parser(raw, where)``, or what it gave for the same bytes before."""
        from ..yamldoc import YAMLDoc

        digest = hashlib.sha256(raw).hexdigest()
        known = self.entries.get(digest)
        if (
            isinstance(known, list)
            and len(known) == 2
            and isinstance(known[1], dict)
            and all(isinstance(v, int) for v in known[1].values())
        ):
            return YAMLDoc(known[0], where, known[1]), None
        doc, error = parser(raw, where)
        if doc is not None and self.path is not None and _kept_exactly(doc.data):
            self.entries.pop(digest, None)
            self.entries[digest] = [doc.data, dict(doc.lines)]
            while len(self.entries) > self.LIMIT:
                del self.entries[next(iter(self.entries))]
            self.dirty = True
        return doc, error

    def save(self) -> None:
        if self.dirty and self.path is not None:
            payload = json.dumps({"format": FORMAT, "entries": self.entries})
            with contextlib.suppress(OSError):
                self.path.parent.mkdir(parents=True, exist_ok=True)
                _replace(self.path, payload.encode("utf-8"))


def _kept_exactly(data: Any) -> bool:
    """Whether JSON gives ``data`` back as it is (no bytes, sets or dates; no NaN)."""
    try:
        return bool(json.loads(json.dumps(data, allow_nan=False)) == data)
    except (TypeError, ValueError):
        return False
