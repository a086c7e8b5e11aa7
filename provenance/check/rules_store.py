"""Rules on the store's layout (from the walk, which never follows a symlink) and on its git
history (``--since REF``)."""

from __future__ import annotations

from collections.abc import Iterator

from .context import HistoryContext, StoreEntry, TextContext
from .locate import first_difference, same_but_line_endings
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


@rule(
    "leftover",
    "warning",
    "A leftover of an interrupted write (temporary file, staging folder, half-made stream): "
    "readers ignore it, but git add would commit it; provenance fsck --clean removes it.",
    "store",
)
def leftover(entry: StoreEntry) -> Iterator[Raw]:
    if entry.kind == "leftover":
        yield Raw(f"{entry.detail}; 'provenance fsck --clean' removes it")


@rule("text-unreadable", "error", "A version text cannot be read or is not valid UTF-8.", "text")
def text_unreadable(ctx: TextContext) -> Iterator[Raw]:
    if ctx.error is not None:
        yield Raw(ctx.error.message, line=ctx.error.line)


@rule(
    "version-rewritten",
    "error",
    "Inside git: a published version (one present in the published reference: HEAD, the pull "
    "request's base, check.published_ref or --since REF) had its text or identity (number, "
    "parent, sha256, size) changed, or was deleted or renumbered.",
    "history",
)
def version_rewritten(ctx: HistoryContext) -> Iterator[Raw]:
    if ctx.file.endswith(".txt"):
        if ctx.status == "D":
            yield Raw(
                f"published text deleted since {ctx.ref}: a published version is never "
                "removed or renumbered; restore it (git checkout "
                f"{ctx.ref} -- {ctx.file}) and record a fix as a new version",
            )
            return
        if ctx.old_raw is not None and ctx.new_raw is not None:
            if ctx.old_raw == ctx.new_raw or same_but_line_endings(ctx.old_raw, ctx.new_raw):
                return  # unchanged, or only line endings (line-endings-converted says so)
            diff = first_difference(ctx.old_raw, ctx.new_raw)
            if diff is not None:
                yield Raw(
                    f"published text changed since {ctx.ref} ({diff.describe()}), whatever "
                    "its record now says: history is rewritten only by a new version "
                    f"(restore it with git checkout {ctx.ref} -- {ctx.file}, then "
                    "provenance commit the change)",
                    line=diff.line,
                    column=diff.column,
                )
                return
        yield Raw(
            f"published text changed since {ctx.ref}: history is rewritten only by "
            "a new version (provenance commit)",
            line=1,
        )
        return
    if ctx.status == "D" or ctx.new is None or ctx.old is None:
        yield Raw(
            f"published version record deleted since {ctx.ref}: a published version is never "
            "removed or renumbered"
            if ctx.status == "D"
            else f"published version record changed since {ctx.ref} and cannot be compared"
        )
        return
    old = ctx.old.data if isinstance(ctx.old.data, dict) else {}
    new = ctx.new.data if isinstance(ctx.new.data, dict) else {}
    for key in IDENTITY_FIELDS:
        if old.get(key) != new.get(key):
            yield Raw(
                f"{key} of a published version changed since {ctx.ref} "
                f"({old.get(key)!r} -> {new.get(key)!r}): a fix is a new version",
                pointer=f"/{key}",
            )


@rule(
    "version-record-edited",
    "warning",
    "Inside git: a published version record's description (agents, message, date) was edited "
    "since the published reference.",
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
            f"published version record edited since {ctx.ref} ({', '.join(changed)}); "
            "make sure the change corrects the record, not the history",
            pointer=f"/{changed[0]}",
        )
