"""provenance commit DOC/STREAM FILE --agent NAME --role ROLE --message TEXT"""

from __future__ import annotations

import sys
from typing import Annotated, Any, Optional

import typer

from .app import app
from .common import note
from .options import get_ctx

ACTIVITY_HELP = "transcribed, translated, revised, corrected, imported or encoded"


@app.command("commit")
def commit_command(
    ctx: typer.Context,
    target: Annotated[str, typer.Argument(metavar="DOC/STREAM", help="The stream to add to.")],
    file: Annotated[str, typer.Argument(metavar="FILE", help="The new text (UTF-8); - for stdin.")],
    agent: Annotated[
        list[str], typer.Option("--agent", "-a", help="Who made this version (repeatable).")
    ],
    role: Annotated[
        list[str],
        typer.Option(
            "--role",
            "-r",
            help="Their role: one for all agents, or one per --agent "
            "(transcriber, translator, editor, proofreader, reviewer, annotator, "
            "encoder, contributor).",
        ),
    ],
    message: Annotated[str, typer.Option("--message", "-m", help="Why this version was made.")],
    activity: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            help=f"What was done: {ACTIVITY_HELP} (default: revised, or transcribed/"
            "translated for a stream's first version)."
        ),
    ] = None,
    date: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            help="When the version was made (YYYY, YYYY-MM or YYYY-MM-DD; default today)."
        ),
    ] = None,
    kind: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(help="Create the stream if new: transcription or translation."),
    ] = None,
    language: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(help="Language of a new stream, as a BCP 47 tag (zh, en, ru, ...)."),
    ] = None,
    translates: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(help="For a new translation stream: the stream it translates."),
    ] = None,
    from_: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--from",
            metavar="STREAM@N",
            help="For a translation: the version of the original it was made from, e.g. "
            "zh@2 (default: the latest version of the stream it translates).",
        ),
    ] = None,
    allow: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option(
            "--allow",
            metavar="RULE",
            help="Commit although the check finds this error in the new version "
            "(repeatable; a rule code such as bracket-unbalanced).",
        ),
    ] = None,
) -> None:
    """Record a new version of a stream's text.  A published version is never changed: every
    fix is a new version whose parent is the latest one.

    A version of a translation records the version of the original it was made from
    (--from zh@2, by default the original's latest, and commit says which it chose).

    Before writing, commit runs what 'provenance check' would say about the new version: its
    warnings are printed, and its errors refuse the commit (exit 1) unless --allow names them.

    Example: provenance commit my-doc/en edited.txt --agent "Charles Kraus" --role editor
    --message "Restore the dropped paragraph" --from zh@2
    """
    from ..errors import UsageError
    from ..lineage import resolve_from
    from ..model import Agent
    from ..precommit import check_allow, precheck
    from ..refs import parse_ref
    from ..textio import MAX_TEXT_BYTES, read_bytes

    store = get_ctx(ctx).store
    ref = parse_ref(target)
    if ref.stream is None or ref.version is not None:
        raise UsageError(f"commit takes DOC/STREAM, not {target!r}")
    if len(role) not in (1, len(agent)):
        raise UsageError(
            f"give one --role for all agents or one per --agent "
            f"({len(agent)} agents, {len(role)} roles)"
        )
    allowed = check_allow(allow or [])
    roles = role * len(agent) if len(role) == 1 else role
    agents = [Agent(name, r) for name, r in zip(agent, roles, strict=True)]
    if file == "-":
        data = sys.stdin.buffer.read(MAX_TEXT_BYTES + 1)
        origin = "<stdin>"
    else:
        data = read_bytes(file, what="text file")
        origin = file
    store.document(ref.doc)
    created = None
    if ref.stream not in store.stream_ids(ref.doc):
        if not kind or not language:
            existing = ", ".join(store.stream_ids(ref.doc)) or "none"
            raise UsageError(
                f"document {ref.doc!r} has no stream {ref.stream!r} (streams: {existing}); "
                "to start one, give --kind and --language (and --translates for a translation)"
            )
        created = store.create_stream(
            ref.doc, ref.stream, kind=kind, language=language, translates=translates
        )
    elif kind or language or translates:
        raise UsageError(
            f"stream {ref.doc}/{ref.stream} exists already; --kind, --language "
            "and --translates only apply when creating a stream"
        )
    stream = store.stream(ref.doc, ref.stream)
    if activity is None:
        first = not store.versions(ref.doc, ref.stream)
        activity = (
            ("transcribed" if stream.kind == "transcription" else "translated")
            if first
            else "revised"
        )
    try:
        lineage = resolve_from(store, ref.doc, ref.stream, from_)
        pre = precheck(
            store,
            ref.doc,
            ref.stream,
            data,
            agents=agents,
            activity=activity,
            message=message,
            date=date,
            translates=str(lineage.ref) if lineage else None,
            origin=origin,
        )
        _report(pre, allowed)
        version = store.commit(
            ref.doc,
            ref.stream,
            data,
            agents=agents,
            activity=activity,
            message=message,
            date=date,
            source={"file": _display_name(origin)},
            origin=origin,
            translates=str(lineage.ref) if lineage else None,
        )
    except BaseException:
        if created is not None:
            import shutil

            shutil.rmtree(created.folder, ignore_errors=True)
        raise
    note(
        f"{version.ref}  {version.short_hash}  ({version.activity}, parent "
        f"{'@' + str(version.parent) if version.parent else 'none'})"
    )
    if lineage is not None:
        how = (
            f" (the latest of {lineage.ref.stream}; give --from {lineage.ref.stream}@N to "
            "name another)"
            if lineage.defaulted
            else ""
        )
        note(f"made from {ref.doc}/{lineage.ref}{how}")


def _report(pre: Any, allowed: list[str]) -> None:
    """Print what the check would say; refuse on errors not allowed."""
    from ..errors import CheckRefused

    refused = pre.refused(allowed)
    for f in pre.findings:
        level = "allowed error" if f in pre.errors and f not in refused else f.severity.value
        where = f"{f.file}:{f.line}" if f.line else f.file
        note(f"{where}: {level}: {f.code}: {f.message}")
    if refused:
        codes = sorted({f.code for f in refused})
        raise CheckRefused(
            f"commit refused: the new version has {len(refused)} error(s) the check would "
            f"report; fix the text, or commit anyway with "
            + " ".join(f"--allow {c}" for c in codes)
        )


def _display_name(origin: str) -> str:
    from pathlib import Path

    return origin if origin == "<stdin>" else Path(origin).name
