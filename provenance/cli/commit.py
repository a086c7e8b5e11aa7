"""provenance commit DOC/STREAM FILE --agent NAME --role ROLE --message TEXT"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from .app import app
from .common import OutputFormat, dumps_json, note, report_recovered, write
from .options import (
    AgentsOption,
    FormatOption,
    KindOption,
    LanguageOption,
    MessageOption,
    get_ctx,
)

if TYPE_CHECKING:
    from ..precommit import Precheck

ACTIVITY_HELP = "transcribed, translated, revised, corrected, imported or encoded"


@app.command("commit")
def commit_command(
    ctx: typer.Context,
    target: Annotated[str, typer.Argument(metavar="DOC/STREAM", help="The stream to add to.")],
    file: Annotated[str, typer.Argument(metavar="FILE", help="The new text (UTF-8); - for stdin.")],
    agent: AgentsOption = None,
    role: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option(
            "--role",
            "-r",
            metavar="ROLE",
            help="Their role: one for all agents, or one per --agent "
            "(transcriber, translator, editor, proofreader, reviewer, annotator, "
            "encoder, contributor).",
        ),
    ] = None,
    message: MessageOption = "",
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
    kind: KindOption = None,
    language: LanguageOption = None,
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
    fmt: FormatOption = OutputFormat.text,
) -> None:
    """Record a new version of a stream's text.  A published version is never changed: every
    fix is a new version whose parent is the latest one.

    A stream that does not exist yet is started by its first commit: give --kind and
    --language (and --translates for a translation).

    A version of a translation records the version of the original it was made from
    (--from zh@2, by default the original's latest, and commit says which it chose).

    Before writing, commit runs what 'provenance check' would say about the new version: its
    warnings are printed, and its errors refuse the commit (exit 1) unless --allow names them.

    Example: provenance commit my-doc/en edited.txt --agent "Charles Kraus" --role editor
    --message "Restore the dropped paragraph" --from zh@2
    """
    from ..errors import UsageError
    from ..lineage import commit_from
    from ..model import Agent
    from ..precommit import check_allow, precheck
    from ..refs import parse_ref
    from ..store import NewVersion, StreamSpec
    from ..textio import MAX_TEXT_BYTES, read_bytes

    store = get_ctx(ctx).store
    ref = parse_ref(target)
    if ref.stream is None or ref.version is not None:
        raise UsageError(f"commit takes DOC/STREAM, not {target!r}")
    agent, role = agent or [], role or []
    if not agent:  # the library takes a version naming nobody (an API transcript's)
        raise UsageError("a version needs the name of who made it (--agent)")
    if len(role) not in (1, len(agent)):
        raise UsageError(
            f"give one --role for all agents or one per --agent "
            f"({len(agent)} agents, {len(role)} roles)"
        )
    allowed = check_allow(allow or [])
    roles = role * len(agent) if len(role) == 1 else role
    agents = [Agent(name, r) for name, r in zip(agent, roles, strict=True)]
    if translates and not (kind and language):
        raise UsageError("--translates only applies with --kind and --language (a new stream)")
    create = StreamSpec(kind, language, translates) if kind and language else None
    if (kind or language) and create is None:
        raise UsageError("a new stream needs both --kind and --language")
    if file == "-":
        data = sys.stdin.buffer.read(MAX_TEXT_BYTES + 1)
        origin = "<stdin>"
    else:
        data = read_bytes(file, what="text file")
        origin = file
    try:
        lineage = commit_from(store, ref.doc, ref.stream, create, from_)
        new = NewVersion(
            data,
            agents,
            message,
            activity=activity,
            date=date,
            source={"file": _display_name(origin)},
            origin=origin,
            translates=str(lineage.ref) if lineage else None,
            create=create,
        )
        _report(precheck(store, ref.doc, ref.stream, new), allowed)
        version = store.commit_version(ref.doc, ref.stream, new)
    finally:
        report_recovered(store)
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
    if fmt is OutputFormat.json:
        from ..history import committed_data

        write(dumps_json(committed_data(version)))


def _report(pre: Precheck, allowed: list[str]) -> None:
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
