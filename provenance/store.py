"""The record store: documents, their streams and the immutable versions of each stream.

Layout (every file plain text, so git diffs and people read them)::

    records/
      provenance.yaml              store configuration (schema: provenance/store/1)
      <doc-id>/
        document.yaml              the document's metadata
        <stream-id>/
          stream.yaml              transcription or translation, language, what it translates
          v1.txt  v1.yaml          the text, byte for byte, and its version record
          v2.txt  v2.yaml          ...

Published versions are never rewritten: ``commit`` only ever creates ``vN.txt``/``vN.yaml``
with a number nobody has taken, under a lock on the stream and with exclusive creates.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date as _date
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from . import schema, yamlio
from .errors import (
    ConflictError,
    InputError,
    NotFoundError,
    SchemaError,
    StoreError,
    UnsafePathError,
    UsageError,
)
from .model import Agent, Document, Stream, Version
from .refs import Ref, check_slug, parse_ref
from .textio import MAX_TEXT_BYTES, create_exclusive, decode_utf8, read_bytes

STORE_FILE = "provenance.yaml"
DOCUMENT_FILE = "document.yaml"
STREAM_FILE = "stream.yaml"
ENV_VAR = "PROVENANCE_RECORDS"
DEFAULT_FOLDER = "records"

_VERSION_FILE = re.compile(r"^v([1-9][0-9]*)\.yaml$")

ROLES = (
    "transcriber",
    "translator",
    "editor",
    "proofreader",
    "reviewer",
    "annotator",
    "encoder",
    "contributor",
)
ACTIVITIES = ("transcribed", "translated", "revised", "corrected", "imported", "encoded")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def utc_now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def today() -> str:
    return _date.today().isoformat()


def find_store(records: str | Path | None = None, start: str | Path | None = None) -> Store:
    """Locate the store: ``records`` if given, else ``$PROVENANCE_RECORDS``, else the nearest
    ``provenance.yaml`` or ``records/provenance.yaml`` walking up from ``start`` (the working
    directory), the way git finds ``.git``."""
    if records is not None:
        return Store.open(records)
    env = os.environ.get(ENV_VAR)
    if env:
        return Store.open(env)
    here = Path(start or Path.cwd()).absolute()
    for folder in (here, *here.parents):
        if (folder / STORE_FILE).is_file():
            return Store(folder)
        if (folder / DEFAULT_FOLDER / STORE_FILE).is_file():
            return Store(folder / DEFAULT_FOLDER)
    raise StoreError(
        f"no record store found from {here} upward (looked for {DEFAULT_FOLDER}/{STORE_FILE}); "
        f"run 'provenance init', or point to one with --records DIR or ${ENV_VAR}"
    )


@dataclass
class Store:
    """A folder of records.  Everything read is validated against its schema."""

    root: Path

    def __post_init__(self) -> None:
        self.root = Path(self.root).absolute()
        self._docs: dict[str, Document] = {}
        self._streams: dict[tuple[str, str], Stream] = {}
        self._versions: dict[tuple[str, str], list[Version]] = {}
        self._config: dict[str, Any] | None = None

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    def open(cls, root: str | Path) -> Store:
        path = Path(root)
        if not path.is_dir():
            raise StoreError("no such record store (folder not found)", path=path)
        if not (path / STORE_FILE).is_file():
            raise StoreError(
                f"not a record store (no {STORE_FILE}); run 'provenance init {path}'", path=path
            )
        return cls(path)

    @classmethod
    def init(
        cls, root: str | Path, *, name: str | None = None, publisher: str | None = None
    ) -> Store:
        """Create an empty store (refuses to touch an existing one): a commented
        ``provenance.yaml`` showing every setting, and a ``.gitattributes`` that keeps the
        version texts byte for byte under git."""
        path = Path(root)
        if (path / STORE_FILE).exists():
            raise ConflictError("a record store already exists here", path=path / STORE_FILE)
        if path.exists() and not path.is_dir():
            raise UsageError("exists and is not a folder", path=path)
        config: dict[str, Any] = {"schema": "provenance/store/1"}
        if name:
            config["name"] = name
        if publisher:
            config["publisher"] = publisher
        schema.validate(config, "store.schema.json", path=str(path / STORE_FILE))
        from .storefiles import GITATTRIBUTES_FILE, gitattributes, store_template

        text = store_template(config)
        assert yamlio.loads(text, STORE_FILE).data == config  # the template says what it sets
        path.mkdir(parents=True, exist_ok=True)
        create_exclusive(path / STORE_FILE, text)
        with contextlib.suppress(ConflictError):  # a folder's own .gitattributes is kept
            create_exclusive(path / GITATTRIBUTES_FILE, gitattributes())
        return cls(path)

    @property
    def config(self) -> dict[str, Any]:
        """The store's ``provenance.yaml``, validated."""
        if self._config is None:
            self._config = self._load(self.root / STORE_FILE, "store.schema.json")
        return self._config

    # -- paths -----------------------------------------------------------------------------

    def _inside(self, path: Path, what: str) -> Path:
        """Refuse a path (or symlink) that leads outside the store."""
        try:
            path.resolve().relative_to(self.root.resolve())
        except ValueError:
            raise UnsafePathError(f"{what} leads outside the record store", path=path) from None
        return path

    def doc_folder(self, doc_id: str) -> Path:
        return self._inside(self.root / check_slug(doc_id, "document id"), "document folder")

    def stream_folder(self, doc_id: str, stream_id: str) -> Path:
        return self._inside(
            self.doc_folder(doc_id) / check_slug(stream_id, "stream id"), "stream folder"
        )

    def relpath(self, path: Path) -> str:
        """``path`` relative to the store's parent folder, for messages (``records/x/...``)."""
        try:
            return str(Path(path).absolute().relative_to(self.root.parent))
        except ValueError:
            return str(path)

    def _load(self, path: Path, schema_name: str) -> dict[str, Any]:
        doc = yamlio.load(path)
        if not isinstance(doc.data, dict):
            raise SchemaError("metadata must be a YAML mapping", path=self.relpath(path), line=1)
        schema.validate(doc.data, schema_name, doc, path=self.relpath(path))
        data: dict[str, Any] = doc.data
        return data

    # -- reading ---------------------------------------------------------------------------

    def document_ids(self) -> list[str]:
        """Ids of every document folder (those holding a ``document.yaml``), sorted."""
        try:
            entries = list(os.scandir(self.root))
        except OSError as exc:
            raise StoreError(f"cannot read the store: {exc.strerror}", path=self.root) from None
        return sorted(
            e.name
            for e in entries
            if not e.name.startswith(".")
            and e.is_dir(follow_symlinks=False)
            and os.path.isfile(os.path.join(e.path, DOCUMENT_FILE))
        )

    def documents(self) -> list[Document]:
        return [self.document(d) for d in self.document_ids()]

    def document(self, doc_id: str) -> Document:
        if doc_id in self._docs:
            return self._docs[doc_id]
        path = self.doc_folder(doc_id) / DOCUMENT_FILE
        if not path.is_file():
            raise NotFoundError(
                f"no document {doc_id!r} in the store; "
                f"{_listing('documents', self.document_ids())}",
                path=self.relpath(self.root),
            )
        meta = self._load(path, "document.schema.json")
        if meta["id"] != doc_id:
            raise SchemaError(
                f"id {meta['id']!r} does not match its folder name {doc_id!r}",
                path=self.relpath(path),
                pointer="/id",
            )
        doc = Document(doc_id, meta, path)
        self._docs[doc_id] = doc
        return doc

    def stream_ids(self, doc_id: str) -> list[str]:
        folder = self.doc_folder(doc_id)
        self.document(doc_id)
        return sorted(
            e.name
            for e in os.scandir(folder)
            if not e.name.startswith(".")
            and e.is_dir(follow_symlinks=False)
            and os.path.isfile(os.path.join(e.path, STREAM_FILE))
        )

    def streams(self, doc_id: str) -> list[Stream]:
        return [self.stream(doc_id, s) for s in self.stream_ids(doc_id)]

    def stream(self, doc_id: str, stream_id: str) -> Stream:
        key = (doc_id, stream_id)
        if key in self._streams:
            return self._streams[key]
        self.document(doc_id)
        path = self.stream_folder(doc_id, stream_id) / STREAM_FILE
        if not path.is_file():
            raise NotFoundError(
                f"document {doc_id!r} has no stream {stream_id!r}; "
                f"{_listing('streams', self.stream_ids(doc_id))}",
                path=self.relpath(self.doc_folder(doc_id)),
            )
        meta = self._load(path, "stream.schema.json")
        if meta["id"] != stream_id:
            raise SchemaError(
                f"id {meta['id']!r} does not match its folder name {stream_id!r}",
                path=self.relpath(path),
                pointer="/id",
            )
        stream = Stream(
            doc_id, stream_id, meta["kind"], meta["language"], meta.get("translates"), meta, path
        )
        self._streams[key] = stream
        return stream

    def versions(self, doc_id: str, stream_id: str) -> list[Version]:
        """Every version of a stream, oldest first."""
        key = (doc_id, stream_id)
        if key in self._versions:
            return self._versions[key]
        folder = self.stream(doc_id, stream_id).folder
        found = []
        for entry in os.scandir(folder):
            m = _VERSION_FILE.match(entry.name)
            if m:
                found.append((int(m[1]), Path(entry.path)))
        out = [self._version(doc_id, stream_id, n, p) for n, p in sorted(found)]
        self._versions[key] = out
        return out

    def _version(self, doc_id: str, stream_id: str, number: int, path: Path) -> Version:
        meta = self._load(path, "version.schema.json")
        if meta["number"] != number:
            raise SchemaError(
                f"number {meta['number']} does not match its file name v{number}.yaml",
                path=self.relpath(path),
                pointer="/number",
            )
        return _version_from_meta(doc_id, stream_id, meta, path)

    def version(self, doc_id: str, stream_id: str, number: int | None = None) -> Version:
        """Version ``number`` of a stream (the latest when None)."""
        versions = self.versions(doc_id, stream_id)
        if not versions:
            raise NotFoundError(
                f"stream {doc_id}/{stream_id} has no versions yet",
                path=self.relpath(self.stream_folder(doc_id, stream_id)),
            )
        if number is None:
            return versions[-1]
        for v in versions:
            if v.number == number:
                return v
        raise NotFoundError(
            f"{doc_id}/{stream_id} has no version {number}; "
            f"it has {', '.join('@' + str(v.number) for v in versions)}"
        )

    def default_stream(self, doc_id: str) -> Stream:
        """The stream a bare ``DOC`` means: the only one, else the first translation."""
        streams = self.streams(doc_id)
        if not streams:
            raise NotFoundError(f"document {doc_id!r} has no streams yet")
        if len(streams) == 1:
            return streams[0]
        translations = [s for s in streams if s.kind == "translation"]
        return (translations or streams)[0]

    def resolve(self, ref: str | Ref) -> Version:
        """The version a reference names; ``DOC`` alone means its default stream's latest."""
        r = parse_ref(ref) if isinstance(ref, str) else ref
        stream_id = r.stream or self.default_stream(r.doc).id
        return self.version(r.doc, stream_id, r.version)

    def read_bytes(self, version: Version, *, verify: bool = True) -> bytes:
        """The exact bytes of a version's text, checked against its recorded sha256."""
        data = read_bytes(version.text_path, what="version text")
        if verify and sha256_hex(data) != version.sha256:
            raise StoreError(
                f"text of {version.ref} no longer matches its recorded sha256 "
                f"({version.short_hash}...); a published version must not be edited - "
                "restore it, and commit the change as a new version",
                path=self.relpath(version.text_path),
            )
        return data

    def read_text(self, version: Version, *, verify: bool = True) -> str:
        return decode_utf8(self.read_bytes(version, verify=verify), self.relpath(version.text_path))

    # -- writing ---------------------------------------------------------------------------

    def create_stream(
        self,
        doc_id: str,
        stream_id: str,
        *,
        kind: str,
        language: str,
        translates: str | None = None,
        extra: dict[str, Any] | None = None,
    ) -> Stream:
        """Create a new, empty stream (refuses an existing one)."""
        self.document(doc_id)
        folder = self.stream_folder(doc_id, stream_id)
        if translates is not None and translates not in self.stream_ids(doc_id):
            raise NotFoundError(
                f"stream {stream_id!r} cannot translate {translates!r}: no such stream in "
                f"{doc_id!r}; {_listing('streams', self.stream_ids(doc_id))}"
            )
        meta = stream_meta(
            stream_id, kind=kind, language=language, translates=translates, extra=extra
        )
        schema.validate(meta, "stream.schema.json", path=self.relpath(folder / STREAM_FILE))
        if folder.exists():
            raise ConflictError("stream already exists", path=self.relpath(folder))
        folder.mkdir(parents=True)
        try:
            create_exclusive(folder / STREAM_FILE, yamlio.dumps(meta))
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        self._streams.pop((doc_id, stream_id), None)
        return self.stream(doc_id, stream_id)

    def commit(
        self,
        doc_id: str,
        stream_id: str,
        data: bytes,
        *,
        agents: Sequence[Agent],
        activity: str,
        message: str,
        date: str | None = None,
        source: dict[str, Any] | None = None,
        recorded: str | None = None,
        origin: str | Path | None = None,
        translates: str | None = None,
    ) -> Version:
        """Add a new version of a stream holding exactly ``data``.

        Refuses empty or non-UTF-8 text, a text identical to the latest version and, through
        the stream lock and exclusive creates, can never reuse or overwrite a version number.
        ``origin`` names the file the text came from, for messages; ``translates`` the version
        of the original a translation's version was made from (``zh@2``, see
        :func:`provenance.lineage.resolve_from`).
        """
        where = str(origin) if origin is not None else None
        if not data:
            raise InputError("text is empty; a version must hold some text", path=where)
        if len(data) > MAX_TEXT_BYTES:
            raise InputError(f"text is over the limit of {MAX_TEXT_BYTES:,} bytes", path=where)
        decode_utf8(data, where)
        if not message.strip():
            raise UsageError("a version needs a message saying why (--message)")
        stream = self.stream(doc_id, stream_id)
        digest = sha256_hex(data)
        with _locked(stream.path):
            self._versions.pop((doc_id, stream_id), None)
            versions = self.versions(doc_id, stream_id)
            latest = versions[-1] if versions else None
            if latest is not None and latest.sha256 == digest:
                raise ConflictError(
                    f"text is identical to {latest.ref}; nothing to commit", path=where
                )
            number = (latest.number if latest else 0) + 1
            meta: dict[str, Any] = {
                "schema": "provenance/version/1",
                "number": number,
                "parent": latest.number if latest else None,
                "sha256": digest,
                "size": len(data),
                "date": date if date is not None else today(),
            }
            if recorded != "":
                meta["recorded"] = recorded or utc_now()
            meta["agents"] = [a.as_dict() for a in agents]
            meta["activity"] = activity
            meta["message"] = message
            if translates:
                meta["translates"] = translates
            if source:
                meta["source"] = source
            meta_path = stream.folder / f"v{number}.yaml"
            schema.validate(meta, "version.schema.json", path=self.relpath(meta_path))
            text_path = meta_path.with_suffix(".txt")
            create_exclusive(text_path, data)
            try:
                create_exclusive(meta_path, yamlio.dumps(meta))
            except BaseException:
                with contextlib.suppress(OSError):
                    text_path.unlink()
                raise
        self._versions.pop((doc_id, stream_id), None)
        return self.version(doc_id, stream_id, number)

    def add_document(self, meta: dict[str, Any], streams: Sequence[NewStream]) -> Document:
        """Create a document with its first streams and versions, all at once or not at all.

        Everything is written into a hidden folder inside the store and renamed into place,
        so a failure (or a crash) leaves no half-made document behind.
        """
        doc_id = check_slug(str(meta.get("id", "")), "document id")
        target = self.doc_folder(doc_id)
        if target.exists():
            raise ConflictError(
                f"document {doc_id!r} already exists; choose another --id",
                path=self.relpath(target),
            )
        schema.validate(meta, "document.schema.json", path=self.relpath(target / DOCUMENT_FILE))
        staging = Path(tempfile.mkdtemp(prefix=f".{doc_id}.", dir=self.root))
        try:
            create_exclusive(staging / DOCUMENT_FILE, yamlio.dumps(meta))
            for new in streams:
                folder = staging / new.id
                folder.mkdir()
                smeta = stream_meta(
                    new.id,
                    kind=new.kind,
                    language=new.language,
                    translates=new.translates,
                    extra=new.extra,
                )
                schema.validate(
                    smeta, "stream.schema.json", path=self.relpath(target / new.id / STREAM_FILE)
                )
                create_exclusive(folder / STREAM_FILE, yamlio.dumps(smeta))
                vmeta = new.version_meta()
                schema.validate(
                    vmeta, "version.schema.json", path=self.relpath(target / new.id / "v1.yaml")
                )
                create_exclusive(folder / "v1.txt", new.text)
                create_exclusive(folder / "v1.yaml", yamlio.dumps(vmeta))
            try:
                os.rename(staging, target)
            except OSError:
                raise ConflictError(
                    f"document {doc_id!r} already exists", path=self.relpath(target)
                ) from None
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        return self.document(doc_id)


@dataclass
class NewStream:
    """A stream with its first version's text, for :meth:`Store.add_document`."""

    id: str
    kind: str
    language: str
    text: bytes
    agents: Sequence[Agent]
    activity: str
    message: str
    date: str = ""
    source: dict[str, Any] | None = None
    translates: str | None = None
    extra: dict[str, Any] | None = None

    def version_meta(self) -> dict[str, Any]:
        meta: dict[str, Any] = {
            "schema": "provenance/version/1",
            "number": 1,
            "parent": None,
            "sha256": sha256_hex(self.text),
            "size": len(self.text),
            "date": self.date,
            "agents": [a.as_dict() for a in self.agents],
            "activity": self.activity,
            "message": self.message,
        }
        if self.source:
            meta["source"] = self.source
        return meta


def stream_meta(
    stream_id: str,
    *,
    kind: str,
    language: str,
    translates: str | None,
    extra: dict[str, Any] | None = None,
) -> dict[str, Any]:
    meta: dict[str, Any] = {
        "schema": "provenance/stream/1",
        "id": stream_id,
        "kind": kind,
        "language": language,
        "translates": translates,
    }
    meta.update(extra or {})
    return meta


def _version_from_meta(doc_id: str, stream_id: str, meta: dict[str, Any], path: Path) -> Version:
    return Version(
        doc_id=doc_id,
        stream_id=stream_id,
        number=meta["number"],
        parent=meta["parent"],
        sha256=meta["sha256"],
        size=meta["size"],
        date=meta["date"],
        recorded=meta.get("recorded", ""),
        agents=tuple(Agent(a["name"], a["role"]) for a in meta["agents"]),
        activity=meta["activity"],
        message=meta["message"],
        source=meta.get("source", {}),
        meta_path=path,
        translates=meta.get("translates"),
    )


def _listing(what: str, names: Sequence[str], limit: int = 20) -> str:
    if not names:
        return f"there are no {what} yet"
    shown = ", ".join(names[:limit])
    more = f" and {len(names) - limit} more" if len(names) > limit else ""
    return f"{what} here: {shown}{more}"


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Hold an exclusive advisory lock on ``path`` (the stream's ``stream.yaml``).

    The lock is released when the process ends, however it ends; where ``fcntl`` is missing
    the exclusive creates of version files still keep two commits from sharing a number.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    with path.open("rb") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
