"""Analysis of one file on its own: the part of a check that is cached by content hash.

:func:`analyse_meta` parses a YAML metadata file, runs the ``meta`` (and, for a document,
``document``) rules on it and keeps the *facts* the cross-file rules need; :func:`lint_text`
runs the ``text`` rules on a stream's latest text.  Both return plain JSON-able data, so the
result can be cached, or computed in another process.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from typing import Any

from .. import yamlio
from ..errors import ProvenanceError, YAMLError
from ..textio import MAX_METADATA_BYTES, decode_utf8
from .context import MetaContext, Settings, TextContext
from .registry import Raw, rules_in

#: A finding as cached: [code, message, pointer, line, severity or None].
Row = list[Any]

#: JSON pointers whose lines the cross-file rules report, by kind of file.
_FACT_POINTERS = {
    "document": ("/id",),
    "stream": ("/id", "/kind", "/translates", "/lineage"),
    "version": ("/number", "/parent", "/sha256", "/size", "/agents", "/translates"),
}


def to_rows(code: str, raws: Iterable[Raw], doc: yamlio.YAMLDoc | None) -> list[Row]:
    out: list[Row] = []
    for raw in raws:
        line = raw.line
        if line is None and doc is not None and raw.pointer is not None:
            line = doc.line_of(raw.pointer)
        out.append([code, raw.message, raw.pointer, line, raw.severity])
    return out


def parse_meta(raw: bytes, where: str) -> tuple[yamlio.YAMLDoc | None, ProvenanceError | None]:
    """Decode and parse, turning every failure into an error value (never raising)."""
    if len(raw) > MAX_METADATA_BYTES:
        return None, YAMLError(
            f"metadata file is {len(raw):,} bytes, over the limit of {MAX_METADATA_BYTES:,} bytes",
            path=where,
        )
    try:
        return yamlio.loads(decode_utf8(raw, where, what="metadata file"), where), None
    except ProvenanceError as exc:
        return None, exc


def _facts(kind: str, doc: yamlio.YAMLDoc | None) -> dict[str, Any] | None:
    if doc is None or not isinstance(doc.data, dict) or kind not in _FACT_POINTERS:
        return None
    data: Mapping[str, Any] = doc.data
    facts: dict[str, Any] = {}
    for key in ("id", "kind", "language", "translates", "sha256"):
        if isinstance(data.get(key), str):
            facts[key] = data[key]
    for key in ("number", "size"):
        value = data.get(key)
        if isinstance(value, int) and not isinstance(value, bool):
            facts[key] = value
    if "parent" in data:
        parent = data["parent"]
        if parent is None or (isinstance(parent, int) and not isinstance(parent, bool)):
            facts["parent"] = parent
    if kind == "stream" and isinstance(data.get("lineage"), list):
        facts["lineage"] = [
            [item["version"], item["translates"]]
            for item in data["lineage"]
            if isinstance(item, dict)
            and isinstance(item.get("version"), int)
            and isinstance(item.get("translates"), str)
        ]
    if kind == "version":
        agents = data.get("agents")
        facts["translators"] = (
            [
                a.get("name")
                for a in agents
                if isinstance(a, dict) and a.get("role") == "translator" and a.get("name")
            ]
            if isinstance(agents, list)
            else []
        )
    facts["lines"] = {p: doc.lines[p] for p in _FACT_POINTERS[kind] if p in doc.lines}
    return facts


def analyse_meta(
    kind: str,
    raw: bytes,
    where: str,
    settings: Settings,
    codes: Collection[str] | None = None,
) -> dict[str, Any]:
    """Findings (``meta`` and ``document`` rules; only those in ``codes`` when given) and
    facts of one metadata file."""
    doc, error = parse_meta(raw, where)
    ctx = MetaContext(kind, doc, error, settings)
    rows: list[Row] = []
    for rule in rules_in("meta"):
        assert rule.func is not None
        if codes is None or rule.code in codes:
            rows += to_rows(rule.code, rule.func(ctx), doc)
    if kind == "document" and ctx.mapping is not None:
        for rule in rules_in("document"):
            assert rule.func is not None
            if codes is None or rule.code in codes:
                rows += to_rows(rule.code, rule.func(ctx), doc)
    return {"f": rows, "facts": _facts(kind, doc)}


def decode_text(raw: bytes, where: str) -> tuple[str | None, ProvenanceError | None]:
    try:
        return decode_utf8(raw, where, what="version text"), None
    except ProvenanceError as exc:
        return None, exc


def lint_text(
    raw: bytes, where: str, stream_kind: str, language: str, settings: Settings, latest: bool = True
) -> dict[str, Any]:
    """Findings of the ``text`` rules on a version's text."""
    text, error = decode_text(raw, where)
    ctx = TextContext(text, error, latest, stream_kind, language, settings)
    rows: list[Row] = []
    for rule in rules_in("text"):
        assert rule.func is not None
        rows += to_rows(rule.code, rule.func(ctx), None)
    return {"f": rows}


def analyse_job(job: tuple[str, bytes, str, str, str, bool]) -> dict[str, Any]:
    """One unit of work for a worker process: ``(kind, bytes, where, stream_kind, language,
    latest)`` where kind is a metadata kind or ``text``.  Settings come from
    :func:`init_worker`."""
    kind, raw, where, stream_kind, language, latest = job
    if kind == "text":
        return lint_text(raw, where, stream_kind, language, _WORKER_SETTINGS, latest)
    return analyse_meta(kind, raw, where, _WORKER_SETTINGS)


_WORKER_SETTINGS = Settings()


def init_worker(settings: Settings) -> None:
    global _WORKER_SETTINGS
    _WORKER_SETTINGS = settings
    from . import load_rules

    load_rules()
