"""A store's history as data: what ``provenance log`` and ``provenance list`` print, as the
JSON documents they print with ``--format json`` (each with its ``format_version`` first),
and their text renderings."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .model import Version
    from .store import Store

FORMAT_VERSION = 1


def version_record(v: Version) -> dict[str, Any]:
    """A version as JSON output carries it: its reference, then its metadata record."""
    data: dict[str, Any] = {"ref": v.ref}
    data.update(v.as_dict())
    del data["schema"]
    return data


def log_data(store: Store, target: str) -> dict[str, Any]:
    """The history of the document (``DOC``) or of one stream (``DOC/STREAM``), newest
    version first."""
    from .refs import parse_ref

    ref = parse_ref(target)
    if ref.version is not None:
        from .errors import UsageError

        raise UsageError(f"log takes DOC or DOC/STREAM, not a version ({target!r})")
    doc = store.document(ref.doc)
    streams = [store.stream(ref.doc, ref.stream)] if ref.stream else store.streams(ref.doc)
    return {
        "format_version": FORMAT_VERSION,
        "document": {"id": doc.id, "title": doc.title, "date": doc.date},
        "streams": [
            {
                "id": s.id,
                "kind": s.kind,
                "language": s.language,
                "translates": s.translates,
                "versions": [version_record(v) for v in reversed(store.versions(doc.id, s.id))],
            }
            for s in streams
        ],
    }


def _agents(agents: list[dict[str, str]]) -> str:
    return ", ".join(f"{a['name']} ({a['role']})" for a in agents) or "(no agents recorded)"


def format_log_text(data: dict[str, Any], color: bool = False) -> str:
    yellow, bold, reset = ("\x1b[33m", "\x1b[1m", "\x1b[0m") if color else ("", "", "")
    doc = data["document"]
    lines = [
        f"{bold}{doc['id']}{reset}  {doc['title']}" + (f"  ({doc['date']})" if doc["date"] else "")
    ]
    for s in data["streams"]:
        what = s["kind"] + f", {s['language']}"
        if s["translates"]:
            what += f", translates {s['translates']}"
        lines.append("")
        lines.append(f"{bold}{doc['id']}/{s['id']}{reset}  ({what})")
        for v in s["versions"]:
            parent = f"  parent @{v['parent']}" if v["parent"] else ""
            lines.append(
                f"  {yellow}@{v['number']}{reset}  {v['sha256'][:12]}  {v['date'] or '(undated)'}"
                f"  {v['activity']}{parent}"
            )
            lines.append(f"      by {_agents(v['agents'])}")
            lines.extend("      " + msg_line for msg_line in v["message"].splitlines())
        if not s["versions"]:
            lines.append("  (no versions yet)")
    return "\n".join(lines) + "\n"


def list_data(store: Store) -> dict[str, Any]:
    """Every document of the store with its streams and how many versions each has."""
    documents = []
    for doc in store.documents():
        streams = store.streams(doc.id)
        documents.append(
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
    return {"format_version": FORMAT_VERSION, "documents": documents}


def format_list_text(data: dict[str, Any], color: bool = False) -> str:
    items = data["documents"]
    if not items:
        return "(no documents)\n"
    width = max(len(i["id"]) for i in items)
    lines = []
    for i in items:
        streams = " ".join(f"{s['id']}@{s['versions']}" for s in i["streams"])
        lines.append(f"{i['id']:<{width}}  {i['date'] or '-':<10}  {i['title']}  [{streams}]")
    return "\n".join(lines) + "\n"
