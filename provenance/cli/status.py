"""provenance status [DOC]"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from .app import app
from .common import Color, OutputFormat, dumps_json, use_color, write
from .options import ColorOption, FormatOption, get_ctx

if TYPE_CHECKING:
    from ..status import StatusResult

_LABELS = {
    "original": "",
    "current": "up to date",
    "stale": "STALE",
    "unknown": "made from an unrecorded version",
    "unlinked": "translates no stream in the store",
    "empty": "no versions yet",
}


def format_text(result: StatusResult, color: bool = False) -> str:
    bold, red, yellow, reset = (
        ("\x1b[1m", "\x1b[31m", "\x1b[33m", "\x1b[0m") if color else ("", "", "", "")
    )
    lines: list[str] = []
    for doc in result.documents:
        if lines:
            lines.append("")
        lines.append(f"{bold}{doc.id}{reset}  {doc.title}")
        width = max((len(s.id) for s in doc.streams), default=2)
        for s in doc.streams:
            what = s.kind + (f" of {s.translates}" if s.translates else "") + f", {s.language}"
            if s.latest is None:
                head = "(none)"
            else:
                head = f"@{s.latest.number}  {s.latest.short_hash}"
                if s.made_from:
                    head += f"  from {s.made_from}"
            label = _LABELS[s.state]
            if s.state == "stale":
                label = f"{red}{label}{reset}"
            lines.append(f"  {s.id:<{width}}  {head}  ({what})" + (f"  {label}" if label else ""))
        for st in doc.stale:
            lines.append(f"  {red}stale{reset}  {st.message}")
        for f in doc.gaps:
            where = f"{f.file}:{f.line}" if f.line else f.file
            lines.append(f"  {yellow}{f.severity.value}{reset}  {f.code}  {f.message}  ({where})")
        if not doc.stale and not doc.gaps:
            lines.append("  nothing stale, no gaps")
    if not result.documents:
        lines.append("no documents in the store")
    summary = result.as_dict()["summary"]
    lines.append("")
    lines.append(
        f"{summary['documents']} document(s), {summary['stale']} stale translation(s), "
        f"{summary['gaps']} gap(s)"
    )
    return "\n".join(lines) + "\n"


@app.command("status")
def status_command(
    ctx: typer.Context,
    target: Annotated[
        Optional[str],  # noqa: UP045
        typer.Argument(metavar="[DOC]", help="One document (default: the whole store)."),
    ] = None,
    fmt: FormatOption = OutputFormat.text,
    color: ColorOption = Color.auto,
) -> None:
    """Where the store stands, like 'git status': per document, each stream's latest version,
    the translations made from an older version of their original (with the paragraphs of
    the original that changed and those of the translation to review), and missing credits
    or rights.

    Example: provenance status my-doc --format json
    """
    from ..refs import parse_ref
    from ..status import store_status

    store = get_ctx(ctx).store
    doc_id = None
    if target is not None:
        ref = parse_ref(target)
        doc_id = ref.doc
    result = store_status(store, doc_id)
    data: Any = result.as_dict()
    write(dumps_json(data) if fmt.value == "json" else format_text(result, use_color(color)))
