"""What ``provenance log`` does, without the command-line framework (the typer command in
:mod:`provenance.cli.log` and the fast path both call :func:`run`)."""

from __future__ import annotations

from typing import Any

from .common import AppContext, dumps_json, use_color, write


def version_record(v: Any) -> dict[str, Any]:
    """A version as JSON output carries it."""
    data: dict[str, Any] = {"ref": v.ref}
    data.update(v.as_dict())
    del data["schema"]
    return data


def log_data(store: Any, target: str) -> dict[str, Any]:
    from ..refs import parse_ref

    ref = parse_ref(target)
    if ref.version is not None:
        from ..errors import UsageError

        raise UsageError(f"log takes DOC or DOC/STREAM, not a version ({target!r})")
    doc = store.document(ref.doc)
    streams = [store.stream(ref.doc, ref.stream)] if ref.stream else store.streams(ref.doc)
    return {
        "format_version": 1,
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


def format_text(data: dict[str, Any], color: bool = False) -> str:
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


def run(app: AppContext, target: str, *, fmt: str = "text") -> int:
    data = log_data(app.store, target)
    write(dumps_json(data) if fmt == "json" else format_text(data, use_color("auto")))
    return 0
