"""Changing a document's or a stream's metadata after it was created, validated and recorded.

Every change goes through :func:`set_fields`: the field is named by its dotted path
(``rights.statement``, ``source.reference``, ``funders.0``), the value is taken as text where
the schema wants text and read as YAML otherwise (``funders '[A, B]'``), the whole record is
validated against its schema before anything is written, and the change is appended to the
document's ``history.yaml`` with who, when, why, and each field's value before and after.
Hand edits of the YAML stay possible: ``provenance check`` judges the files as they are.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from . import schema, yamlio
from .errors import ConflictError, SchemaError, UsageError
from .layout import HISTORY_FILE as HISTORY_FILE  # importable from here too
from .lineage import VersionRef, made_from
from .rendering import PLAIN, RenderOptions, dumps_json
from .textio import atomic_write

if TYPE_CHECKING:
    from .rendering import Formats
    from .store import Store

HISTORY_SCHEMA = "provenance/history/1"

#: Fields that name the record itself and cannot be changed in place.
FIXED = {"schema", "id"}


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"

    def __copy__(self) -> _Missing:
        return self

    def __deepcopy__(self, memo: Any) -> _Missing:
        return self


#: The value of a field that is not set (before a first ``set``, after an unset).
MISSING: Any = _Missing()


@dataclass(frozen=True)
class FieldChange:
    """One field's value before and after (:data:`MISSING` where it was or is not set)."""

    field: str
    old: Any
    new: Any

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"field": self.field}
        if self.old is not MISSING:
            out["old"] = self.old
        if self.new is not MISSING:
            out["new"] = self.new
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FieldChange:
        return cls(str(data["field"]), data.get("old", MISSING), data.get("new", MISSING))


@dataclass(frozen=True)
class MetadataChange:
    """One recorded change: its number in the document's history, when, who, why, which
    record (``stream`` None: the document) and the fields changed."""

    doc_id: str
    number: int
    recorded: str
    agent: str
    message: str
    stream: str | None
    fields: tuple[FieldChange, ...]
    notes: tuple[str, ...] = field(default=(), compare=False)

    @property
    def target(self) -> str:
        return f"{self.doc_id}/{self.stream}" if self.stream else self.doc_id

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "number": self.number,
            "recorded": self.recorded,
            "agent": self.agent,
            "message": self.message,
        }
        if self.stream:
            out["stream"] = self.stream
        out["fields"] = [f.as_dict() for f in self.fields]
        return out


# -- paths and values ----------------------------------------------------------------------


def parse_path(text: str) -> list[str | int]:
    """``rights.statement`` -> ['rights', 'statement']; ``funders.0`` -> ['funders', 0]."""
    if not text or text.startswith(".") or text.endswith(".") or ".." in text:
        raise UsageError(f"{text!r} is not a field path; write it dotted, e.g. rights.statement")
    parts: list[str | int] = []
    for part in text.split("."):
        parts.append(int(part) if part.isascii() and part.isdigit() else part)
    if parts[0] in FIXED:
        raise UsageError(
            f"{parts[0]!r} names the record itself and cannot be changed"
            + (": a document's id is its folder name" if parts[0] == "id" else "")
        )
    return parts


def _resolve(node: dict[str, Any], root: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Follow ``$ref`` (inside a schema or into another shipped one)."""
    while "$ref" in node:
        ref = str(node["$ref"])
        name, _, pointer = ref.partition("#")
        if name:
            root = schema.load_schema(name)
        target: Any = root
        for part in pointer.strip("/").split("/") if pointer.strip("/") else []:
            target = target[part]
        node = target
    return node, root


def subschema(schema_name: str, path: Sequence[str | int]) -> dict[str, Any] | None:
    """The part of a shipped schema that ``path`` leads to (None: the schema has no such
    field)."""
    root = schema.load_schema(schema_name)
    node, root = _resolve(root, root)
    for part in path:
        if isinstance(part, int):
            items = node.get("items")
            if not isinstance(items, dict):
                return None
            node, root = _resolve(items, root)
            continue
        props = node.get("properties", {})
        if part in props:
            node, root = _resolve(props[part], root)
        elif isinstance(node.get("additionalProperties"), dict):
            node, root = _resolve(node["additionalProperties"], root)
        else:
            return None
    return node


def _known_fields(schema_name: str, path: Sequence[str | int]) -> list[str]:
    parent = subschema(schema_name, path[:-1]) or {}
    return sorted(parent.get("properties", {}))


def _takes_text(node: dict[str, Any]) -> bool:
    kinds = node.get("type")
    if kinds is None:
        return "pattern" in node or all(isinstance(v, str) for v in node.get("enum", [1]))
    return "string" in kinds if isinstance(kinds, list) else kinds == "string"


def coerce(schema_name: str, path: Sequence[str | int], raw: str) -> Any:
    """The value ``raw`` stands for at ``path``: itself where the schema wants text, else its
    YAML reading (a list, a mapping, a number, true/false)."""
    node = subschema(schema_name, path)
    if node is None:
        shown = ".".join(map(str, path))
        known = ", ".join(_known_fields(schema_name, path)) or "none"
        raise UsageError(f"no field {shown!r} in {schema_name} (fields here: {known})")
    if _takes_text(node):
        return raw
    doc = yamlio.loads(raw, "<value>")
    return doc.data


# -- reading and writing the history ---------------------------------------------------------


def history_path(store: Store, doc_id: str) -> Any:
    return store.doc_folder(doc_id) / HISTORY_FILE


def _load_history(store: Store, doc_id: str) -> dict[str, Any]:
    path = history_path(store, doc_id)
    if not path.is_file():
        return {"schema": HISTORY_SCHEMA, "changes": []}
    doc = yamlio.load(path)
    if not isinstance(doc.data, dict):
        raise SchemaError("metadata must be a YAML mapping", path=store.relpath(path), line=1)
    schema.validate(doc.data, "history.schema.json", doc, path=store.relpath(path))
    data: dict[str, Any] = doc.data
    return data


def history(store: Store, doc_id: str) -> list[MetadataChange]:
    """Every recorded metadata change of a document and its streams, oldest first."""
    store.document(doc_id)
    data = _load_history(store, doc_id)
    return [
        MetadataChange(
            doc_id,
            int(item["number"]),
            str(item["recorded"]),
            str(item["agent"]),
            str(item["message"]),
            item.get("stream"),
            tuple(FieldChange.from_dict(f) for f in item["fields"]),
        )
        for item in data["changes"]
    ]


# -- changing fields -------------------------------------------------------------------------


def _get(data: Any, path: Sequence[str | int]) -> Any:
    node = data
    for part in path:
        if isinstance(part, int):
            if not isinstance(node, list) or part >= len(node):
                return MISSING
            node = node[part]
        else:
            if not isinstance(node, dict) or part not in node:
                return MISSING
            node = node[part]
    return node


def _assign(data: dict[str, Any], path: Sequence[str | int], value: Any, shown: str) -> None:
    node: Any = data
    for i, part in enumerate(path):
        last = i == len(path) - 1
        if isinstance(part, int):
            if not isinstance(node, list):
                raise UsageError(f"{shown}: {'.'.join(map(str, path[:i]))} is not a list")
            if part > len(node) or (value is MISSING and part >= len(node)):
                raise UsageError(
                    f"{shown}: the list has {len(node)} items (use {len(node)} to add one)"
                )
            if last:
                if value is MISSING:
                    del node[part]
                elif part == len(node):
                    node.append(value)
                else:
                    node[part] = value
                return
            if part == len(node):
                node.append({} if isinstance(path[i + 1], str) else [])
            node = node[part]
        else:
            if not isinstance(node, dict):
                raise UsageError(f"{shown}: {'.'.join(map(str, path[:i]))} is not a mapping")
            if last:
                if value is MISSING:
                    node.pop(part, None)
                else:
                    node[part] = value
                return
            if part not in node or node[part] is None:
                node[part] = {} if isinstance(path[i + 1], str) else []
            node = node[part]


def set_fields(
    store: Store,
    doc_id: str,
    assignments: Sequence[tuple[str, Any]],
    *,
    agent: str,
    message: str,
    stream_id: str | None = None,
    recorded: str | None = None,
    notes: Sequence[str] = (),
) -> MetadataChange:
    """Set (or, with :data:`MISSING`, remove) fields of ``document.yaml`` (or of a stream's
    ``stream.yaml``), validate the result, write it and record the change.

    Values are taken as given (use :func:`coerce` to read them from the command line).
    Refuses a change that changes nothing.  Nothing is written when anything is refused.
    """
    from .dates import check_date
    from .locks import locked
    from .store import fit_metadata, utc_now

    if not agent.strip():
        raise UsageError("a change needs the name of who made it (--agent)")
    if not message.strip():
        raise UsageError("a change needs a message saying why (--message)")
    if not assignments:
        raise UsageError("nothing to change: give a field and a value")
    document = store.document(doc_id)
    if stream_id is None:
        path, schema_name = document.path, "document.schema.json"
    else:
        path, schema_name = store.stream(doc_id, stream_id).path, "stream.schema.json"
    rel = store.relpath(path)
    with locked(document.folder):
        current = yamlio.load(path).data
        if not isinstance(current, dict):
            raise SchemaError("metadata must be a YAML mapping", path=rel, line=1)
        data = copy.deepcopy(current)
        changes = []
        for dotted, value in assignments:
            parts = parse_path(dotted)
            if subschema(schema_name, parts) is None:
                known = ", ".join(_known_fields(schema_name, parts)) or "none"
                raise UsageError(f"no field {dotted!r} in {path.name} (fields here: {known})")
            old = _get(data, parts)
            _assign(data, parts, value, dotted)
            new = _get(data, parts) if value is not MISSING else MISSING
            if old != new:
                changes.append(FieldChange(dotted, copy.deepcopy(old), copy.deepcopy(new)))
        if not changes:
            raise ConflictError("nothing changed: the fields already hold those values", path=rel)
        schema.validate(data, schema_name, path=rel)
        if any(c.field == "date" for c in changes) and isinstance(data.get("date"), str):
            check_date(data["date"], "date", path=rel)  # a real calendar date, not 1961-13-45
        log = _load_history(store, doc_id)
        number = len(log["changes"]) + 1
        change = MetadataChange(
            doc_id,
            number,
            recorded or utc_now(),
            agent,
            message,
            stream_id,
            tuple(changes),
            tuple(notes),
        )
        log["changes"].append(change.as_dict())
        hist = history_path(store, doc_id)
        schema.validate(log, "history.schema.json", path=store.relpath(hist))
        # both files within the size metadata may have when read, before either is written
        raw = fit_metadata(data, rel)
        raw_log = fit_metadata(log, store.relpath(hist))
        before = path.read_bytes()
        atomic_write(path, raw)
        try:
            atomic_write(hist, raw_log)
        except BaseException:
            atomic_write(path, before)
            raise
    store._docs.pop(doc_id, None)
    if stream_id is not None:
        store._streams.pop((doc_id, stream_id), None)
    return change


# -- streams ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class StreamChange:
    """What :func:`change_stream` asks of :func:`set_fields`, and what it chose itself."""

    assignments: list[tuple[str, Any]]
    notes: list[str]


def plan_stream_change(
    store: Store,
    doc_id: str,
    stream_id: str,
    *,
    translates: str | None = None,
    unlink: bool = False,
    language: str | None = None,
    kind: str | None = None,
    title: str | None = None,
) -> StreamChange:
    """The fields a ``provenance stream`` invocation changes.

    ``translates`` is ``S`` or ``S@N``.  With ``S@N`` the stream's latest version is declared
    made from ``S@N`` (in the stream's ``lineage``) unless its own record says otherwise;
    with ``S`` alone that version is declared made from ``S``'s latest version, and a note
    says so.
    """
    stream = store.stream(doc_id, stream_id)
    assignments: list[tuple[str, Any]] = []
    notes: list[str] = []
    new_kind = kind or stream.kind
    if kind is not None:
        if kind not in ("transcription", "translation"):
            raise UsageError(f"--kind {kind!r}: use transcription or translation")
        assignments.append(("kind", kind))
    if language is not None:
        assignments.append(("language", language))
    if title is not None:
        assignments.append(("title", title))
    if unlink and translates is not None:
        raise UsageError("give --translates or --no-translates, not both")
    if unlink:
        assignments.append(("translates", None))
        if stream.meta.get("lineage"):
            assignments.append(("lineage", MISSING))
    if translates is not None:
        original, _, number = translates.partition("@")
        ref = VersionRef.from_string(translates) if number else None
        streams = store.stream_ids(doc_id)
        if original == stream_id:
            raise UsageError(f"{stream.ref} cannot translate itself")
        if original not in streams:
            raise UsageError(
                f"--translates {translates}: document {doc_id!r} has no stream {original!r} "
                f"(streams: {', '.join(streams)})"
            )
        if store.stream(doc_id, original).translates == stream_id:
            raise UsageError(
                f"--translates {translates}: {doc_id}/{original} translates {stream_id}; "
                "two streams cannot translate each other"
            )
        if new_kind != "translation":
            raise UsageError(
                f"{stream.ref} is a {new_kind}; a stream that translates another is a "
                "translation (add --kind translation)"
            )
        assignments.append(("translates", original))
        versions = store.versions(doc_id, stream_id)
        latest = versions[-1] if versions else None
        if latest is not None and latest.translates is None:
            if ref is not None:
                store.version(doc_id, original, ref.number)
                chosen = str(ref)
            else:
                origin = store.versions(doc_id, original)
                chosen = f"{original}@{origin[-1].number}" if origin else ""
                if chosen:
                    notes.append(
                        f"{latest.ref} recorded as made from {doc_id}/{chosen} (the latest "
                        f"of {original}; give --translates {original}@N to name another)"
                    )
            if chosen:
                entries = [
                    e
                    for e in stream.meta.get("lineage") or []
                    if int(e["version"]) != latest.number
                ]
                entries.append({"version": latest.number, "translates": chosen})
                entries.sort(key=lambda e: int(e["version"]))
                if made_from(stream, latest) != chosen:
                    assignments.append(("lineage", entries))
        elif latest is not None and ref is not None and latest.translates != str(ref):
            raise UsageError(
                f"{latest.ref} records itself as made from {latest.translates}; a published "
                "version's record is not changed (commit a new version with --from)"
            )
    if not assignments:
        raise UsageError(
            "nothing to change: give --translates, --no-translates, --language, --kind or --title"
        )
    return StreamChange(assignments, notes)


def change_stream(
    store: Store,
    doc_id: str,
    stream_id: str,
    *,
    agent: str,
    message: str,
    recorded: str | None = None,
    **options: Any,
) -> MetadataChange:
    """Change a stream's metadata (see :func:`plan_stream_change`) and record it."""
    plan = plan_stream_change(store, doc_id, stream_id, **options)
    return set_fields(
        store,
        doc_id,
        plan.assignments,
        agent=agent,
        message=message,
        stream_id=stream_id,
        recorded=recorded,
        notes=plan.notes,
    )


__all__ = [
    "HISTORY_FILE",
    "MISSING",
    "FieldChange",
    "MetadataChange",
    "change_stream",
    "coerce",
    "history",
    "parse_path",
    "set_fields",
]


# -- renderers ---------------------------------------------------------------------------


def _shown(value: Any) -> str:
    if value is MISSING:
        return "(not set)"
    import json

    return json.dumps(value, ensure_ascii=False)


def change_data(change: MetadataChange) -> dict[str, Any]:
    """A recorded change as ``set --format json`` and ``stream --format json`` print it."""
    data: dict[str, Any] = {"format_version": 1, "target": change.target}
    data.update(change.as_dict())
    data["notes"] = list(change.notes)
    return data


def format_text(change: MetadataChange, options: RenderOptions = PLAIN) -> str:
    """Each field's old and new value, the notes, and the change's number in the history."""
    lines = [
        f"{change.target}: {f.field}: {_shown(f.old)} -> {_shown(f.new)}" for f in change.fields
    ]
    lines += change.notes
    lines.append(f"recorded as change {change.number} of {change.doc_id}/history.yaml")
    return "".join(line + "\n" for line in lines)


def format_json(change: MetadataChange, options: RenderOptions = PLAIN) -> str:
    return dumps_json(change_data(change))


#: ``--format`` value -> renderer(change, options) -> text (:mod:`provenance.rendering`).
FORMATS: Formats[MetadataChange, RenderOptions] = {"text": format_text, "json": format_json}
