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
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date as _date
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from . import fsck, schema, yamlio
from .dates import check_date
from .errors import (
    ConflictError,
    InputError,
    NotFoundError,
    SchemaError,
    StoreError,
    UnsafePathError,
    UsageError,
)
from .layout import DEFAULT_FOLDER as DEFAULT_FOLDER  # the names stay importable from here
from .layout import DOCUMENT_FILE as DOCUMENT_FILE
from .layout import ENV_VAR as ENV_VAR
from .layout import STORE_FILE as STORE_FILE
from .layout import STREAM_FILE as STREAM_FILE
from .layout import find_store_root, store_folder
from .locks import locked
from .model import Agent, Document, Stream, Version
from .refs import Ref, check_slug, parse_ref
from .textio import (
    MAX_METADATA_BYTES,
    MAX_TEXT_BYTES,
    create_exclusive,
    decode_utf8,
    folder_mode,
    fsync_dir,
    read_bytes,
)

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
    return Store(find_store_root(records, start))


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
        self._real_root: str | None = None
        #: Leftovers of killed writers this store's writes removed (for the CLI to report).
        self.recovered: list[fsck.Leftover] = []

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    def open(cls, root: str | Path) -> Store:
        return cls(store_folder(root))

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
        """Refuse a path that leads outside the store, through ``..`` or a symlink: every
        file the store reads or writes passes here (and is then opened without following a
        symlink)."""
        real = os.path.realpath(path)
        root = self._real_root or os.path.realpath(self.root)
        self._real_root = root
        if real != root and not real.startswith(root.rstrip(os.sep) + os.sep):
            raise UnsafePathError(f"{what} leads outside the record store", path=self.relpath(path))
        return path

    def doc_folder(self, doc_id: str) -> Path:
        return self._inside(self.root / check_slug(doc_id, "document id"), "document folder")

    def stream_folder(self, doc_id: str, stream_id: str) -> Path:
        return self._inside(
            self.doc_folder(doc_id) / check_slug(stream_id, "stream id"), "stream folder"
        )

    def refuse_output(self, output: str | Path) -> None:
        """Refuse an output file (``-o``) that would land inside the store: a command's output
        must never overwrite a record or a published version."""
        where = Path(output)
        real = Path(os.path.realpath(where))
        root = Path(os.path.realpath(self.root))
        if real == root or root in real.parents:
            raise UnsafePathError(
                "is inside the record store; write the output somewhere else", path=where
            )

    def relpath(self, path: Path) -> str:
        """``path`` relative to the store's parent folder, for messages (``records/x/...``)."""
        try:
            return str(Path(path).absolute().relative_to(self.root.parent))
        except ValueError:
            return str(path)

    def _load(self, path: Path, schema_name: str) -> dict[str, Any]:
        doc = yamlio.load(self._inside(path, "metadata file"), store_file=True)
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
        data = read_bytes(
            self._inside(version.text_path, "version text"),
            what="version text",
            regular=True,
            no_follow=True,
        )
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
        """Create a new, empty stream (refuses an existing one).

        The stream's folder is assembled under a hidden name and renamed into place under the
        document's lock, so it appears whole or not at all."""
        spec = StreamSpec(kind, language, translates, extra)
        folder = self.stream_folder(doc_id, stream_id)
        meta = self._check_new_stream(doc_id, stream_id, spec)
        with locked(self.doc_folder(doc_id)) as real:
            if (folder / STREAM_FILE).exists():
                raise ConflictError("stream already exists", path=self.relpath(folder))
            self._recover(fsck.document_leftovers(self.doc_folder(doc_id)), real, stream_id)
            self._place_stream(folder, meta, None)
        self._forget(doc_id, stream_id)
        return self.stream(doc_id, stream_id)

    def commit_version(self, doc_id: str, stream_id: str, new: NewVersion) -> Version:
        """:meth:`commit` of a :class:`NewVersion`."""
        return self.commit(
            doc_id,
            stream_id,
            new.data,
            agents=new.agents,
            message=new.message,
            activity=new.activity,
            date=new.date,
            source=new.source,
            recorded=new.recorded,
            origin=new.origin,
            translates=new.translates,
            create=new.create,
        )

    def commit(
        self,
        doc_id: str,
        stream_id: str,
        data: bytes,
        *,
        agents: Sequence[Agent],
        message: str,
        activity: str | None = None,
        date: str | None = None,
        source: dict[str, Any] | None = None,
        recorded: str | None = None,
        origin: str | Path | None = None,
        translates: str | None = None,
        create: StreamSpec | None = None,
    ) -> Version:
        """Add a new version of a stream holding exactly ``data``.

        Refuses empty or non-UTF-8 text, a text identical to the latest version and, through
        the stream lock and exclusive creates, can never reuse or overwrite a version number.
        ``activity`` defaults to ``transcribed``/``translated`` for a stream's first version
        and ``revised`` after.  ``origin`` names the file the text came from, for messages;
        ``translates`` the version of the original a translation's version was made from
        (``zh@2``, see :func:`provenance.lineage.resolve_from`).

        ``create`` describes the stream to start when it does not exist yet (a stream that
        exists must match it): the stream and its first version then appear together, in one
        rename under the document's lock.  Everything is validated before anything is written;
        a failure removes only what this call wrote, and leftovers of writers that were
        killed are removed first (listed in :attr:`recovered`).
        """
        where = str(origin) if origin is not None else None
        if not data:
            raise InputError("text is empty; a version must hold some text", path=where)
        if len(data) > MAX_TEXT_BYTES:
            raise InputError(f"text is over the limit of {MAX_TEXT_BYTES:,} bytes", path=where)
        decode_utf8(data, where)
        if not message.strip():
            raise UsageError("a version needs a message saying why (--message)")
        if date is not None:
            check_date(date, "--date")
        if activity is not None and activity not in ACTIVITIES:
            raise UsageError(f"unknown activity {activity!r}; use one of {', '.join(ACTIVITIES)}")
        for i, agent in enumerate(agents):
            if agent.role not in ROLES:
                raise SchemaError(
                    f"unknown role {agent.role!r} for {agent.name!r}; use one of "
                    f"{', '.join(ROLES)}",
                    pointer=f"/agents/{i}/role",
                )
        self.document(doc_id)
        folder = self.stream_folder(doc_id, stream_id)
        args = _CommitArgs(
            data, agents, message, activity, date, source, recorded, where, translates
        )
        if not (folder / STREAM_FILE).is_file():
            if create is None:
                existing = ", ".join(self.stream_ids(doc_id)) or "none"
                raise UsageError(
                    f"document {doc_id!r} has no stream {stream_id!r} (streams: {existing}); "
                    "to start one, give --kind and --language (and --translates for a "
                    "translation)"
                )
            smeta = self._check_new_stream(doc_id, stream_id, create)
            kind = create.kind
            vmeta = self._version_meta(args, 1, None, kind, folder / "v1.yaml")
            with locked(self.doc_folder(doc_id)) as real:
                if not (folder / STREAM_FILE).exists():
                    self._recover(fsck.document_leftovers(self.doc_folder(doc_id)), real, stream_id)
                    self._place_stream(folder, smeta, (data, vmeta))
                    self._forget(doc_id, stream_id)
                    return self.version(doc_id, stream_id, 1)
            # another writer made the stream meanwhile: add to it like to any other
        self._forget(doc_id, stream_id)
        stream = self.stream(doc_id, stream_id)
        if create is not None:
            _same_stream(stream, create)
        with locked(stream.folder) as real:
            self._recover(fsck.stream_leftovers(stream.folder), real)
            self._versions.pop((doc_id, stream_id), None)
            versions = self.versions(doc_id, stream_id)
            latest = versions[-1] if versions else None
            if latest is not None and latest.sha256 == sha256_hex(data):
                raise ConflictError(
                    f"text is identical to {latest.ref}; nothing to commit", path=where
                )
            number = (latest.number if latest else 0) + 1
            meta_path = stream.folder / f"v{number}.yaml"
            meta = self._version_meta(
                args, number, latest.number if latest else None, stream.kind, meta_path
            )
            text_path = meta_path.with_suffix(".txt")
            # The text first, then its record: the version exists once the record does, and
            # a text without one is a leftover the next writer removes.
            create_exclusive(text_path, data)
            try:
                create_exclusive(meta_path, yamlio.dumps(meta))
            except BaseException:
                with contextlib.suppress(OSError):
                    text_path.unlink()  # ours: the exclusive create above made it
                raise
        self._versions.pop((doc_id, stream_id), None)
        return self.version(doc_id, stream_id, number)

    def planned_stream(self, doc_id: str, stream_id: str, spec: StreamSpec) -> Stream:
        """The stream ``spec`` would create, validated, as it would read back (nothing is
        written)."""
        meta = self._check_new_stream(doc_id, stream_id, spec)
        path = self.stream_folder(doc_id, stream_id) / STREAM_FILE
        return Stream(doc_id, stream_id, spec.kind, spec.language, spec.translates, meta, path)

    def _check_new_stream(self, doc_id: str, stream_id: str, spec: StreamSpec) -> dict[str, Any]:
        """A new stream's metadata, validated (nothing is written)."""
        check_slug(stream_id, "stream id")
        if spec.translates is not None:
            check_slug(spec.translates, "stream id")
            if spec.translates not in self.stream_ids(doc_id):
                raise NotFoundError(
                    f"stream {stream_id!r} cannot translate {spec.translates!r}: no such stream "
                    f"in {doc_id!r}; {_listing('streams', self.stream_ids(doc_id))}"
                )
        meta = stream_meta(
            stream_id,
            kind=spec.kind,
            language=spec.language,
            translates=spec.translates,
            extra=spec.extra,
        )
        where = self.relpath(self.stream_folder(doc_id, stream_id) / STREAM_FILE)
        schema.validate(meta, "stream.schema.json", path=where)
        fit_metadata(meta, where)
        return meta

    def _version_meta(
        self, args: _CommitArgs, number: int, parent: int | None, kind: str, path: Path
    ) -> dict[str, Any]:
        activity = args.activity
        if activity is None:
            first = "transcribed" if kind == "transcription" else "translated"
            activity = first if parent is None else "revised"
        meta: dict[str, Any] = {
            "schema": "provenance/version/1",
            "number": number,
            "parent": parent,
            "sha256": sha256_hex(args.data),
            "size": len(args.data),
            "date": args.date if args.date is not None else today(),
        }
        if args.recorded != "":
            meta["recorded"] = args.recorded or utc_now()
        meta["agents"] = [a.as_dict() for a in args.agents]
        meta["activity"] = activity
        meta["message"] = args.message
        if args.translates:
            meta["translates"] = args.translates
        if args.source:
            meta["source"] = args.source
        schema.validate(meta, "version.schema.json", path=self.relpath(path))
        fit_metadata(meta, self.relpath(path))
        return meta

    def _place_stream(
        self, folder: Path, meta: dict[str, Any], first: tuple[bytes, dict[str, Any]] | None
    ) -> None:
        """Assemble a stream (and its first version) in a hidden folder beside ``folder`` and
        rename it into place (the caller holds the document's lock)."""
        staging = _staging(folder.parent, folder.name)
        try:
            create_exclusive(staging / STREAM_FILE, yamlio.dumps(meta))
            if first is not None:
                data, vmeta = first
                create_exclusive(staging / "v1.txt", data)
                create_exclusive(staging / "v1.yaml", yamlio.dumps(vmeta))
            try:
                os.rename(staging, folder)
            except OSError:
                raise ConflictError(
                    "a folder of that name is in the way; 'provenance fsck' tells what it holds",
                    path=self.relpath(folder),
                ) from None
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)  # ours: made just above
            raise
        fsync_dir(folder.parent)

    def _recover(self, leftovers: Sequence[fsck.Leftover], real: bool, name: str = "") -> None:
        """Remove leftovers of killed writers found under a lock we hold (only the store's
        own kinds, and in a document folder only those of stream ``name``)."""
        if not real:
            return
        mine = [
            item
            for item in leftovers
            if item.own
            and (
                not name
                or (item.kind == "half-stream" and item.path.name == name)
                or (item.kind == "staging-folder" and item.path.name.startswith(f".{name}."))
            )
        ]
        self.recovered.extend(fsck.remove(mine))

    def _forget(self, doc_id: str, stream_id: str) -> None:
        self._streams.pop((doc_id, stream_id), None)
        self._versions.pop((doc_id, stream_id), None)

    def add_document(self, meta: dict[str, Any], streams: Sequence[NewStream]) -> Document:
        """Create a document with its first streams and versions, all at once or not at all.

        Everything is validated first, then written into a hidden folder inside the store and
        renamed into place under the store's lock, so a failure (or a crash) leaves no
        half-made document behind, only a leftover the next writer removes.
        """
        doc_id = check_slug(str(meta.get("id", "")), "document id")
        target = self.doc_folder(doc_id)
        if target.exists():
            raise ConflictError(
                f"document {doc_id!r} already exists; choose another --id",
                path=self.relpath(target),
            )
        where = self.relpath(target / DOCUMENT_FILE)
        schema.validate(meta, "document.schema.json", path=where)
        if meta.get("date"):
            check_date(str(meta["date"]), "date", path=where)
        files: list[tuple[str, bytes]] = [(DOCUMENT_FILE, fit_metadata(meta, where))]
        for new in streams:
            check_slug(new.id, "stream id")
            smeta = stream_meta(
                new.id,
                kind=new.kind,
                language=new.language,
                translates=new.translates,
                extra=new.extra,
            )
            spath = self.relpath(target / new.id / STREAM_FILE)
            schema.validate(smeta, "stream.schema.json", path=spath)
            if len(new.text) > MAX_TEXT_BYTES:
                raise InputError(
                    f"text is over the limit of {MAX_TEXT_BYTES:,} bytes",
                    path=self.relpath(target / new.id / "v1.txt"),
                )
            if new.date:
                check_date(new.date, "date")
            vmeta = new.version_meta()
            vpath = self.relpath(target / new.id / "v1.yaml")
            schema.validate(vmeta, "version.schema.json", path=vpath)
            files.append((f"{new.id}/{STREAM_FILE}", fit_metadata(smeta, spath)))
            files.append((f"{new.id}/v1.txt", new.text))
            files.append((f"{new.id}/v1.yaml", fit_metadata(vmeta, vpath)))
        with locked(self.root) as real:
            self._recover(fsck.root_leftovers(self.root), real)
            staging = _staging(self.root, doc_id)
            try:
                for name, data in files:
                    if "/" in name:
                        (staging / name).parent.mkdir(mode=folder_mode(), exist_ok=True)
                    create_exclusive(staging / name, data)
                try:
                    os.rename(staging, target)
                except OSError:
                    raise ConflictError(
                        f"document {doc_id!r} already exists", path=self.relpath(target)
                    ) from None
            except BaseException:
                shutil.rmtree(staging, ignore_errors=True)  # ours: made just above
                raise
            fsync_dir(self.root)
        return self.document(doc_id)


@dataclass(frozen=True)
class StreamSpec:
    """What a stream that :meth:`Store.commit` may create is: kind, language, what it
    translates, and any further stream metadata."""

    kind: str
    language: str
    translates: str | None = None
    extra: dict[str, Any] | None = None


@dataclass(frozen=True)
class NewVersion:
    """A version to commit: its text and its record, as :meth:`Store.commit` takes them.
    One object, so that what is checked before a commit (:func:`provenance.precommit.
    precheck`) is exactly what is then committed (:meth:`Store.commit_version`)."""

    data: bytes
    agents: Sequence[Agent]
    message: str
    activity: str | None = None
    date: str | None = None
    source: dict[str, Any] | None = None
    recorded: str | None = None
    origin: str | Path | None = None
    translates: str | None = None
    create: StreamSpec | None = None


@dataclass(frozen=True)
class _CommitArgs:
    data: bytes
    agents: Sequence[Agent]
    message: str
    activity: str | None
    date: str | None
    source: dict[str, Any] | None
    recorded: str | None
    where: str | None
    translates: str | None = None


def _same_stream(stream: Stream, spec: StreamSpec) -> None:
    """Refuse ``spec`` for an existing stream it does not describe."""
    have = (stream.kind, stream.language, stream.translates)
    want = (spec.kind, spec.language, spec.translates)
    if have != want:
        raise UsageError(
            f"stream {stream.ref} exists already as a {stream.kind} in {stream.language}"
            + (f" of {stream.translates}" if stream.translates else "")
            + "; --kind, --language and --translates only apply when creating a stream"
        )


def _staging(parent: Path, name: str) -> Path:
    """A new hidden folder in ``parent`` to assemble ``name`` in (see :mod:`.fsck`)."""
    staging = Path(tempfile.mkdtemp(prefix=f".{name}.", suffix=".staging", dir=parent))
    os.chmod(staging, folder_mode())
    return staging


def fit_metadata(meta: dict[str, Any], where: str) -> bytes:
    """``meta`` as YAML, refused when it is over the size metadata may have when read."""
    raw = yamlio.dumps(meta).encode("utf-8")
    if len(raw) > MAX_METADATA_BYTES:
        raise InputError(
            f"metadata would be {len(raw):,} bytes, over the limit of {MAX_METADATA_BYTES:,} bytes",
            path=where,
        )
    return raw


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
