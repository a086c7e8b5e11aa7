"""What ``provenance list`` does, without the command-line framework (the typer command in
:mod:`provenance.cli.list_` and the fast path both call :func:`run`)."""

from __future__ import annotations

from typing import Any

from .common import AppContext, dumps_json, write


def document_summaries(store: Any) -> list[dict[str, Any]]:
    out = []
    for doc in store.documents():
        streams = store.streams(doc.id)
        out.append(
            {
                "id": doc.id,
                "title": doc.title,
                "date": doc.date,
                "type": doc.meta.get("type", ""),
                "streams": [
                    {
                        "id": s.id,
                        "kind": s.kind,
                        "language": s.language,
                        "versions": len(store.versions(doc.id, s.id)),
                    }
                    for s in streams
                ],
            }
        )
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


def run(app: AppContext, *, fmt: str = "text") -> int:
    items = document_summaries(app.store)
    write(dumps_json(items) if fmt == "json" else format_text(items))
    return 0
