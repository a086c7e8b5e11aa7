"""provenance set DOC[/STREAM] FIELD VALUE --agent NAME --message TEXT"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from .app import app
from .common import OutputFormat, note, write
from .options import AgentOption, FormatOption, MessageOption, get_ctx

if TYPE_CHECKING:
    from ..metaedit import MetadataChange


def render_change(change: MetadataChange, fmt: str) -> None:
    """The change as JSON on standard output, or as text on standard error (a change is
    what the command did, not data it prints)."""
    from ..metaedit import FORMATS

    text = FORMATS[fmt](change)
    if fmt == "json":
        write(text)
    else:
        note(text.rstrip("\n"))


@app.command("set")
def set_command(
    ctx: typer.Context,
    target: Annotated[
        str,
        typer.Argument(
            metavar="DOC[/STREAM]", help="The document (or stream) whose metadata changes."
        ),
    ],
    field: Annotated[
        str,
        typer.Argument(
            metavar="FIELD",
            help="The field's dotted path: rights.statement, source.reference, funders.0, ...",
        ),
    ],
    agent: AgentOption = "",
    message: MessageOption = "",
    value: Annotated[
        Optional[str],  # noqa: UP045
        typer.Argument(
            metavar="[VALUE]",
            help="The new value: as given for a text field, read as YAML for a list, mapping, "
            "number or true/false ('[A, B]', '{name: X, role: author}').",
        ),
    ] = None,
    unset: Annotated[bool, typer.Option("--unset", help="Remove the field instead.")] = False,
    fmt: FormatOption = OutputFormat.text,
) -> None:
    """Change one field of a document's metadata (or, for DOC/STREAM, a stream's), by its
    dotted path.  The whole record is validated against its schema before anything is
    written, and the change is recorded in the document's history with who, when and why
    ('provenance log' shows it).

    Example: provenance set my-doc rights.statement
    http://rightsstatements.org/vocab/InC-EDU/1.0/ --agent "Charles Kraus"
    --message "Rights reviewed"
    """
    from ..errors import UsageError
    from ..metaedit import MISSING, change_stream, coerce, parse_path, set_fields
    from ..refs import parse_ref

    store = get_ctx(ctx).store
    ref = parse_ref(target)
    if ref.version is not None:
        raise UsageError(f"set takes DOC or DOC/STREAM, not a version ({target!r})")
    if unset == (value is not None):
        raise UsageError("give a VALUE, or --unset to remove the field")
    schema_name = "stream.schema.json" if ref.stream else "document.schema.json"
    new: Any = MISSING if value is None else coerce(schema_name, parse_path(field), value)
    if ref.stream and field == "translates":  # checked as 'provenance stream' checks it
        change = change_stream(
            store,
            ref.doc,
            ref.stream,
            agent=agent,
            message=message,
            translates=value,
            unlink=value is None,
        )
        render_change(change, fmt.value)
        return
    if ref.stream:
        store.stream(ref.doc, ref.stream)
    change = set_fields(
        store, ref.doc, [(field, new)], agent=agent, message=message, stream_id=ref.stream
    )
    render_change(change, fmt.value)
