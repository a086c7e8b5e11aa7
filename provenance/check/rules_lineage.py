"""Lineage rules: a translation behind its original, and lineage naming a version that does
not exist.  They work on the facts of every stream of a document at once (``folder`` scope);
``translation-stale`` then reads the three texts involved to say which paragraphs changed
and which of the translation to review."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping
from typing import Any

from .context import DocumentContext, VersionEntry
from .registry import Raw, rule


def _made_from(entry: VersionEntry, stream: Mapping[str, Any]) -> tuple[str | None, str | None]:
    """The original's version (``zh@2``) a version was made from, and the JSON pointer of
    where that is recorded (in the version record, else in the stream's lineage)."""
    facts = entry.facts or {}
    if isinstance(facts.get("translates"), str):
        return facts["translates"], "/translates"
    for number, ref in stream.get("lineage") or []:
        if number == entry.number:
            return str(ref), "/lineage"
    return None, None


def _split(ref: str) -> tuple[str, int] | None:
    stream, _, number = ref.partition("@")
    return (stream, int(number)) if number.isdigit() else None


def _latest(records: tuple[VersionEntry, ...]) -> VersionEntry | None:
    return records[-1] if records else None


def _translations(ctx: DocumentContext) -> Iterator[tuple[str, Mapping[str, Any], str]]:
    for sid in ctx.streams:
        facts = ctx.stream_facts.get(sid)
        if not facts or facts.get("kind") != "translation":
            continue
        original = facts.get("translates")
        if isinstance(original, str) and original in ctx.streams:
            yield sid, facts, original


def _read(path: str | None, sha256: object) -> str | None:
    """A version's text, when it is readable, UTF-8 and as recorded."""
    if path is None:
        return None
    try:
        with open(path, "rb") as fh:
            raw = fh.read()
        if isinstance(sha256, str) and hashlib.sha256(raw).hexdigest() != sha256:
            return None
        return raw.decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None


@rule(
    "translation-stale",
    "warning",
    "A translation's latest version was made from a version of its original that has newer "
    "versions since (both named, with the paragraphs that changed and those to review).",
    "folder",
)
def translation_stale(ctx: DocumentContext) -> Iterator[Raw]:
    for sid, facts, original in _translations(ctx):
        latest = _latest(ctx.records.get(sid, ()))
        newest = _latest(ctx.records.get(original, ()))
        if latest is None or newest is None:
            continue
        ref, pointer = _made_from(latest, facts)
        parsed = _split(ref) if ref else None
        if parsed is None or parsed[0] != original or parsed[1] >= newest.number:
            continue
        message = (
            f"{sid}@{latest.number} was made from {ref}, but {original} is now at "
            f"{original}@{newest.number}"
        )
        detail = _detail(ctx, sid, latest, original, parsed[1], newest)
        if detail:
            message += f": {detail}"
        where = latest.file if pointer == "/translates" else ctx.stream_files.get(sid)
        lines = (latest.facts or {}) if pointer == "/translates" else facts
        yield Raw(
            message,
            file=where,
            pointer=pointer,
            line=(lines.get("lines") or {}).get(pointer),
        )


def _detail(
    ctx: DocumentContext,
    sid: str,
    latest: VersionEntry,
    original: str,
    made_from: int,
    newest: VersionEntry,
) -> str:
    from ..align.stale import describe, stale_detail

    by_number = {e.number: e for e in ctx.records.get(original, ())}
    old_entry = by_number.get(made_from)
    if old_entry is None:
        return ""
    texts = [
        _read(ctx.text_paths.get(s, {}).get(e.number), (e.facts or {}).get("sha256"))
        for s, e in ((original, old_entry), (original, newest), (sid, latest))
    ]
    if any(t is None for t in texts):
        return ""
    old, new, translation = (t or "" for t in texts)
    detail = stale_detail(old, new, translation)
    return describe(detail, original, made_from, newest.number, sid)


@rule(
    "translation-source-missing",
    "error",
    "A translation's version is recorded as made from a version (STREAM@N) that the document "
    "does not hold, or of another stream than the one the translation translates.",
    "folder",
)
def translation_source_missing(ctx: DocumentContext) -> Iterator[Raw]:
    for sid in ctx.streams:
        facts = ctx.stream_facts.get(sid) or {}
        original = facts.get("translates")
        for entry in ctx.records.get(sid, ()):
            ref, pointer = _made_from(entry, facts)
            if ref is None:
                continue
            parsed = _split(ref)
            numbers = {e.number for e in ctx.records.get(parsed[0] if parsed else "", ())}
            if parsed is None or parsed[1] not in numbers:
                problem = "which the document does not hold"
            elif parsed[0] != original:
                problem = f"but the stream translates {original or 'nothing'}"
            else:
                continue
            where = entry.file if pointer == "/translates" else ctx.stream_files.get(sid)
            lines = (entry.facts or {}) if pointer == "/translates" else facts
            yield Raw(
                f"{sid}@{entry.number} is recorded as made from {ref}, {problem}",
                file=where,
                pointer=pointer,
                line=(lines.get("lines") or {}).get(pointer),
            )
