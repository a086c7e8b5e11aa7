"""Rules on the store's layout (from the walk, which never follows a symlink) and on its git
history (``--since REF``)."""

from __future__ import annotations

from collections.abc import Iterator

from .context import HistoryContext, StoreEntry, TextContext
from .registry import Raw, rule

#: Fields of a version record that say which bytes it is; changing them rewrites history.
IDENTITY_FIELDS = ("number", "parent", "sha256", "size")


@rule(
    "path-outside-store",
    "error",
    "A symlink in the store leads outside it (reported, never followed).",
    "store",
)
def path_outside_store(entry: StoreEntry) -> Iterator[Raw]:
    if entry.kind == "symlink" and entry.outside:
        yield Raw(
            f"symlink to {entry.detail!r} leads outside the record store; the check "
            "does not follow it: store the file itself"
        )


@rule(
    "symlink",
    "warning",
    "A symlink inside the store (not followed: records must be plain files and folders).",
    "store",
)
def symlink(entry: StoreEntry) -> Iterator[Raw]:
    if entry.kind == "symlink" and not entry.outside:
        yield Raw(
            f"symlink to {entry.detail!r}: not followed; records must be plain files "
            "(git on some systems checks symlinks out as text)"
        )


@rule(
    "document-record-missing",
    "error",
    "A folder holds streams or versions but no document.yaml, so the store does not see it.",
    "store",
)
def document_record_missing(entry: StoreEntry) -> Iterator[Raw]:
    if entry.kind == "orphan-folder":
        yield Raw(f"folder holds {entry.detail} but no document.yaml: the store does not see it")


@rule(
    "version-file-name",
    "warning",
    "A file in a stream folder is named almost like a version (v01.txt, v1.yml, V2.txt).",
    "store",
)
def version_file_name(entry: StoreEntry) -> Iterator[Raw]:
    if entry.kind == "odd-name":
        yield Raw(
            f"{entry.detail!r} looks like a version file but is not named vN.txt or "
            "vN.yaml, so the store ignores it"
        )


@rule("text-unreadable", "error", "A version text cannot be read or is not valid UTF-8.", "text")
def text_unreadable(ctx: TextContext) -> Iterator[Raw]:
    if ctx.error is not None:
        yield Raw(ctx.error.message, line=ctx.error.line)


@rule(
    "version-rewritten",
    "error",
    "With --since REF: a published version's text or identity (number, parent, sha256, size) "
    "changed or was deleted in git since REF.",
    "history",
)
def version_rewritten(ctx: HistoryContext) -> Iterator[Raw]:
    if ctx.file.endswith(".txt"):
        what = "deleted" if ctx.status == "D" else "changed"
        yield Raw(
            f"published text {what} since the reference: history is rewritten only by "
            "a new version (provenance commit)",
            line=None if ctx.status == "D" else 1,
        )
        return
    if ctx.status == "D" or ctx.new is None or ctx.old is None:
        yield Raw(
            "published version record deleted since the reference"
            if ctx.status == "D"
            else "published version record changed and cannot be compared"
        )
        return
    old = ctx.old.data if isinstance(ctx.old.data, dict) else {}
    new = ctx.new.data if isinstance(ctx.new.data, dict) else {}
    for key in IDENTITY_FIELDS:
        if old.get(key) != new.get(key):
            yield Raw(
                f"{key} of a published version changed since the reference "
                f"({old.get(key)!r} -> {new.get(key)!r}): a fix is a new version",
                pointer=f"/{key}",
            )


@rule(
    "version-record-edited",
    "warning",
    "With --since REF: a published version record's description (agents, message, date) "
    "was edited since REF.",
    "history",
)
def version_record_edited(ctx: HistoryContext) -> Iterator[Raw]:
    if not ctx.file.endswith(".yaml") or ctx.old is None or ctx.new is None:
        return
    old = ctx.old.data if isinstance(ctx.old.data, dict) else {}
    new = ctx.new.data if isinstance(ctx.new.data, dict) else {}
    if any(old.get(k) != new.get(k) for k in IDENTITY_FIELDS):
        return
    changed = [k for k in sorted(set(old) | set(new)) if old.get(k) != new.get(k)]
    if changed:
        yield Raw(
            f"published version record edited since the reference ({', '.join(changed)}); "
            "make sure the change corrects the record, not the history",
            pointer=f"/{changed[0]}",
        )
