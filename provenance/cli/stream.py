"""provenance stream DOC/STREAM --translates S --agent NAME --message TEXT"""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from .app import app
from .common import OutputFormat
from .options import (
    AgentOption,
    FormatOption,
    KindOption,
    LanguageOption,
    MessageOption,
    get_ctx,
)


@app.command("stream")
def stream_command(
    ctx: typer.Context,
    target: Annotated[str, typer.Argument(metavar="DOC/STREAM", help="The stream to change.")],
    agent: AgentOption = "",
    message: MessageOption = "",
    translates: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            metavar="S[@N]",
            help="The stream this one translates; S@N also records that the stream's latest "
            "version was made from version N of S (default: S's latest, said aloud).",
        ),
    ] = None,
    no_translates: Annotated[
        bool, typer.Option("--no-translates", help="Unlink the stream from its original.")
    ] = False,
    language: LanguageOption = None,
    kind: KindOption = None,
    title: Annotated[Optional[str], typer.Option(help="The stream's title.")] = None,  # noqa: UP045
    fmt: FormatOption = OutputFormat.text,
) -> None:
    """Change a stream's metadata (what it translates, its language, kind or title).  The
    change is validated, written to stream.yaml and recorded in the document's history with
    who and why; 'provenance log' shows it beside the text versions.

    Example: provenance stream my-doc/en --translates zh@1 --agent "Charles Kraus"
    --message "The English was made from the first Chinese transcription"
    """
    from ..errors import UsageError
    from ..metaedit import change_stream
    from ..refs import parse_ref
    from .set_ import render_change

    store = get_ctx(ctx).store
    ref = parse_ref(target)
    if ref.stream is None or ref.version is not None:
        raise UsageError(f"stream takes DOC/STREAM, not {target!r}")
    change = change_stream(
        store,
        ref.doc,
        ref.stream,
        agent=agent,
        message=message,
        translates=translates,
        unlink=no_translates,
        language=language,
        kind=kind,
        title=title,
    )
    render_change(change, fmt.value)
