"""provenance list"""

from __future__ import annotations

from typing import Any

import typer

from .app import app
from .common import OutputFormat, dumps_json, write
from .options import FormatOption, get_ctx


def document_summaries(store: Any) -> list[dict[str, Any]]:
    out = []
    for doc in store.documents():
        streams = store.streams(doc.id)
        out.append({
            "id": doc.id,
            "title": doc.title,
            "date": doc.date,
            "type": doc.meta.get("type", ""),
            "streams": [
                {"id": s.id, "kind": s.kind, "language": s.language,
                 "versions": len(store.versions(doc.id, s.id))}
                for s in streams
            ],
        })
    return out


def format_text(items: list[dict[str, Any]]) -> str:
    if not items:
        return "(no documents)\n"
    width = max(len(i["id"]) for i in items)
    lines = []
    for i in items:
        streams = " ".join(f"{s['id']}@{s['versions']}" for s in i["streams"])
        lines.append(f"{i['id']:<{width}}  {i['date'] or '-':<10}  {i['title']}  [{streams}]")
    return "\n".join(lines) + "\n"


@app.command("list")
def list_command(
    ctx: typer.Context,
    fmt: FormatOption = OutputFormat.text,
) -> None:
    """List the documents in the store.

    Example: provenance list --format json
    """
    items = document_summaries(get_ctx(ctx).store)
    write(dumps_json(items) if fmt is OutputFormat.json else format_text(items))
