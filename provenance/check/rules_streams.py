"""Rules across the files of one stream or one document folder (run from cached facts)."""

from __future__ import annotations

from collections.abc import Iterator

from .context import DocumentContext, StreamContext, TextEntry, VersionEntry
from .locate import CONVERSIONS, eol_conversion
from .registry import Raw, rule


def _fact(entry: VersionEntry, key: str) -> object:
    return entry.facts.get(key) if entry.facts is not None else None


def _conversion(text: TextEntry, recorded: str) -> str | None:
    return eol_conversion(text.raw, recorded) if text.raw is not None else None


@rule(
    "fixity-mismatch",
    "error",
    "A version's text no longer matches the sha256 (or size) its record holds.",
    "stream",
)
def fixity_mismatch(ctx: StreamContext) -> Iterator[Raw]:
    texts = {t.number: t for t in ctx.texts}
    for entry in ctx.records:
        text = texts.get(entry.number)
        if text is None or entry.facts is None:
            continue
        recorded = entry.facts.get("sha256")
        if isinstance(recorded, str) and recorded != text.sha256:
            if _conversion(text, recorded) is not None:
                continue  # line-endings-converted says what happened
            yield Raw(
                f"text of {ctx.doc_id}/{ctx.stream_id}@{entry.number} does not match its "
                f"recorded sha256 ({recorded[:12]}..., now {text.sha256[:12]}...): a "
                "published version must not be edited; restore it and commit the change "
                "as a new version",
                file=text.file,
            )
        elif isinstance(entry.facts.get("size"), int) and entry.facts["size"] != text.size:
            yield Raw(
                f"recorded size {entry.facts['size']} differs from the text's {text.size} bytes",
                file=entry.file,
                pointer="/size",
                line=ctx.line(entry, "/size"),
            )


@rule(
    "line-endings-converted",
    "error",
    "A version's text differs from its recorded sha256 only in its line endings (converted by "
    "git's core.autocrlf or an editor): the text was not edited, but it is not the published "
    "bytes either.",
    "stream",
)
def line_endings_converted(ctx: StreamContext) -> Iterator[Raw]:
    texts = {t.number: t for t in ctx.texts}
    for entry in ctx.records:
        text = texts.get(entry.number)
        if text is None or entry.facts is None:
            continue
        recorded = entry.facts.get("sha256")
        if not isinstance(recorded, str) or recorded == text.sha256:
            continue
        how = _conversion(text, recorded)
        if how is None:
            continue
        yield Raw(
            f"text of {ctx.doc_id}/{ctx.stream_id}@{entry.number} differs from its recorded "
            f"sha256 only in line endings: {CONVERSIONS[how]}. Keep texts byte for byte: "
            "add '**/v*.txt -text' to .gitattributes (provenance init writes it) and "
            f"'git config core.autocrlf false', then restore the file (git checkout HEAD -- "
            f"{text.file}); if the committed bytes themselves were converted, commit the "
            "original file again",
            file=text.file,
        )


@rule(
    "text-without-record",
    "error",
    "A version text vN.txt has no version record vN.yaml beside it.",
    "stream",
)
def text_without_record(ctx: StreamContext) -> Iterator[Raw]:
    have = {r.number for r in ctx.records}
    for text in ctx.texts:
        if text.number not in have:
            yield Raw(
                f"v{text.number}.txt has no version record v{text.number}.yaml: commit "
                "texts with 'provenance commit', never by copying files",
                file=text.file,
            )


@rule(
    "record-without-text",
    "error",
    "A version record vN.yaml has no text vN.txt beside it.",
    "stream",
)
def record_without_text(ctx: StreamContext) -> Iterator[Raw]:
    have = {t.number for t in ctx.texts}
    for entry in ctx.records:
        if entry.number not in have:
            yield Raw(
                f"version record v{entry.number}.yaml has no text v{entry.number}.txt",
                file=entry.file,
                line=1,
            )


@rule(
    "version-number-mismatch",
    "error",
    "A version record's number differs from its file name (vN.yaml must say number: N).",
    "stream",
)
def version_number_mismatch(ctx: StreamContext) -> Iterator[Raw]:
    names = {r.number for r in ctx.records}
    for entry in ctx.records:
        number = _fact(entry, "number")
        if isinstance(number, int) and number != entry.number and number not in names:
            yield Raw(
                f"v{entry.number}.yaml says number {number}",
                file=entry.file,
                pointer="/number",
                line=ctx.line(entry, "/number"),
            )


@rule("version-duplicate", "error", "Two version records claim the same number.", "stream")
def version_duplicate(ctx: StreamContext) -> Iterator[Raw]:
    names = {r.number for r in ctx.records}
    for entry in ctx.records:
        number = _fact(entry, "number")
        if isinstance(number, int) and number != entry.number and number in names:
            yield Raw(
                f"v{entry.number}.yaml claims number {number}, which v{number}.yaml "
                "holds: two versions cannot share a number",
                file=entry.file,
                pointer="/number",
                line=ctx.line(entry, "/number"),
            )


@rule(
    "version-gap",
    "error",
    "The version numbers of a stream skip one (v1, v2, v4) or do not start at v1.",
    "stream",
)
def version_gap(ctx: StreamContext) -> Iterator[Raw]:
    numbers = sorted({r.number for r in ctx.records} | {t.number for t in ctx.texts})
    files = {r.number: r for r in ctx.records}
    previous = 0
    for n in numbers:
        if n != previous + 1:
            missing = f"v{previous + 1}" if n == previous + 2 else f"v{previous + 1} to v{n - 1}"
            entry = files.get(n)
            where = entry.file if entry else next(t.file for t in ctx.texts if t.number == n)
            yield Raw(
                f"{missing} missing before v{n}: versions are numbered from 1 without gaps",
                file=where,
                pointer="/number" if entry else None,
                line=ctx.line(entry, "/number") if entry else None,
            )
        previous = n


@rule(
    "version-parent-missing",
    "error",
    "A version's parent is absent: null after v1, or a number no version holds.",
    "stream",
)
def version_parent_missing(ctx: StreamContext) -> Iterator[Raw]:
    names = {r.number for r in ctx.records}
    for entry in ctx.records:
        if entry.facts is None or "parent" not in entry.facts:
            continue
        parent = entry.facts["parent"]
        if parent is None and entry.number > 1:
            yield Raw(
                f"v{entry.number} records no parent (expected {entry.number - 1})",
                file=entry.file,
                pointer="/parent",
                line=ctx.line(entry, "/parent"),
            )
        elif isinstance(parent, int) and parent not in names:
            yield Raw(
                f"parent {parent} of v{entry.number} does not exist in this stream",
                file=entry.file,
                pointer="/parent",
                line=ctx.line(entry, "/parent"),
            )


@rule(
    "version-parent-mismatch",
    "error",
    "A version's parent is not the version before it (vN must have parent N-1).",
    "stream",
)
def version_parent_mismatch(ctx: StreamContext) -> Iterator[Raw]:
    names = {r.number for r in ctx.records}
    for entry in ctx.records:
        parent = _fact(entry, "parent")
        expected = entry.number - 1 if entry.number > 1 else None
        if isinstance(parent, int) and parent in names and parent != expected:
            yield Raw(
                f"v{entry.number} has parent {parent}, expected "
                f"{expected if expected else 'none (null)'}: history is a single line",
                file=entry.file,
                pointer="/parent",
                line=ctx.line(entry, "/parent"),
            )


@rule(
    "translator-missing",
    "error",
    "A translation stream in which no version names an agent with the role translator.",
    "stream",
)
def translator_missing(ctx: StreamContext) -> Iterator[Raw]:
    if ctx.stream is None or ctx.stream.get("kind") != "translation" or not ctx.records:
        return
    if any(_fact(e, "translators") for e in ctx.records):
        return
    lines = ctx.stream.get("lines", {})
    yield Raw(
        f"translation {ctx.doc_id}/{ctx.stream_id} has no translator: no version names "
        "an agent with the role translator",
        file=ctx.stream_file,
        pointer="/kind",
        line=lines.get("/kind"),
    )


@rule(
    "stream-record-missing",
    "error",
    "A folder holds version files but no stream.yaml, so the store does not see them.",
    "stream",
)
def stream_record_missing(ctx: StreamContext) -> Iterator[Raw]:
    if ctx.stream_file is None:
        yield Raw(
            f"{ctx.folder} holds version files but no stream.yaml: its versions are "
            "invisible to the store",
            file=ctx.folder,
        )


@rule(
    "stream-translates-unknown",
    "error",
    "A stream says it translates a stream that the document does not have.",
    "stream",
)
def stream_translates_unknown(ctx: StreamContext) -> Iterator[Raw]:
    if ctx.stream is None:
        return
    target = ctx.stream.get("translates")
    if isinstance(target, str) and target not in ctx.sibling_streams:
        known = ", ".join(ctx.sibling_streams) or "none"
        yield Raw(
            f"translates {target!r}, but document {ctx.doc_id} has no such stream "
            f"(streams: {known})",
            file=ctx.stream_file,
            pointer="/translates",
            line=ctx.stream.get("lines", {}).get("/translates"),
        )


@rule("document-id-mismatch", "error", "A document's id differs from its folder name.", "folder")
def document_id_mismatch(ctx: DocumentContext) -> Iterator[Raw]:
    if ctx.facts is None:
        return
    value = ctx.facts.get("id")
    if isinstance(value, str) and value != ctx.doc_id:
        yield Raw(
            f"id {value!r} does not match its folder name {ctx.doc_id!r}",
            pointer="/id",
            line=ctx.facts.get("lines", {}).get("/id"),
        )


@rule("stream-id-mismatch", "error", "A stream's id differs from its folder name.", "stream")
def stream_id_mismatch(ctx: StreamContext) -> Iterator[Raw]:
    if ctx.stream is None:
        return
    value = ctx.stream.get("id")
    if isinstance(value, str) and value != ctx.stream_id:
        yield Raw(
            f"id {value!r} does not match its folder name {ctx.stream_id!r}",
            file=ctx.stream_file,
            pointer="/id",
            line=ctx.stream.get("lines", {}).get("/id"),
        )
