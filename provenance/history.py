"""A store's history as data: what ``provenance log`` and ``provenance list`` print, as the
JSON documents they print with ``--format json`` (each with its ``format_version`` first),
and their text renderings."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .rendering import PLAIN, RenderOptions, dumps_json

if TYPE_CHECKING:
    from .model import Version
    from .rendering import Formats
    from .store import Store

FORMAT_VERSION = 1

Progress = Callable[[int, int], None]


def version_record(v: Version, made_from: str | None = None) -> dict[str, Any]:
    """A version as JSON output carries it: its reference, then its metadata record;
    ``made_from`` is the original's version it was made from where the stream declares it
    for a version whose record does not."""
    data: dict[str, Any] = {"ref": v.ref}
    data.update(v.as_dict())
    del data["schema"]
    if made_from and "translates" not in data:
        data["translates"] = made_from
        data["translates_declared"] = True
    return data


def committed_data(v: Version) -> dict[str, Any]:
    """What ``commit --format json`` prints: the new version's record."""
    return {"format_version": FORMAT_VERSION, "version": version_record(v)}


def shown_data(store: Store, v: Version, text: str, **more: str) -> dict[str, Any]:
    """What ``show --format json`` prints: the version with its stream, and its text (as
    stored, or projected as ``more`` says: ``projection``)."""
    stream = store.stream(v.doc_id, v.stream_id)
    return {
        "format_version": FORMAT_VERSION,
        "document": v.doc_id,
        "stream": {
            "id": stream.id,
            "kind": stream.kind,
            "language": stream.language,
            "translates": stream.translates,
        },
        "version": version_record(v),
        "text": text,
        **more,
    }


@dataclass(frozen=True)
class LogFilter:
    """Which entries ``log`` shows: at most ``limit`` of each stream (and of the metadata
    changes), newest first; by an agent (a case-insensitive part of a name); dated from
    ``since`` and to ``until`` (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, both included; a
    partial date matches every day it covers; a version without a date is judged by when it
    was recorded, and one with neither is left out when a date is asked for)."""

    limit: int | None = None
    agent: str | None = None
    since: str | None = None
    until: str | None = None

    def __post_init__(self) -> None:
        from .errors import UsageError

        for name in ("since", "until"):
            value = getattr(self, name)
            if value is not None and not _DATE.fullmatch(value):
                raise UsageError(f"--{name} {value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
        if self.limit is not None and self.limit < 0:
            raise UsageError("-n must be 0 or more")

    @property
    def active(self) -> bool:
        return any(v is not None for v in (self.limit, self.agent, self.since, self.until))

    def _dated(self, date: str) -> bool:
        if self.since is None and self.until is None:
            return True
        if not date:
            return False
        low, high = _bounds(date)
        if self.since is not None and high < _bounds(self.since)[0]:
            return False
        return self.until is None or low <= _bounds(self.until)[1]

    def version(self, v: dict[str, Any]) -> bool:
        if self.agent is not None:
            wanted = self.agent.casefold()
            if not any(wanted in str(a.get("name", "")).casefold() for a in v["agents"]):
                return False
        return self._dated(str(v.get("date") or str(v.get("recorded") or "")[:10]))

    def change(self, c: dict[str, Any]) -> bool:
        if self.agent is not None and self.agent.casefold() not in str(c["agent"]).casefold():
            return False
        return self._dated(str(c.get("recorded") or "")[:10])

    def apply(
        self, items: list[dict[str, Any]], keep: Callable[[dict[str, Any]], bool]
    ) -> list[dict[str, Any]]:
        kept = [i for i in items if keep(i)]
        return kept if self.limit is None else kept[: self.limit]


_DATE = re.compile(r"[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?")


def _bounds(date: str) -> tuple[str, str]:
    """The first and last day a date (or a year, or a month) covers, as comparable text."""
    m = _DATE.match(date)
    text = m.group(0) if m else date
    return (text + "-00-00")[:10], (text + "-99-99")[:10]


def log_data(store: Store, target: str, filters: LogFilter | None = None) -> dict[str, Any]:
    """The history of the document (``DOC``) or of one stream (``DOC/STREAM``), newest
    version first, as ``filters`` select it (``filters`` in the output when given)."""
    from .refs import parse_ref

    ref = parse_ref(target)
    if ref.version is not None:
        from .errors import UsageError

        raise UsageError(f"log takes DOC or DOC/STREAM, not a version ({target!r})")
    from .lineage import made_from
    from .metaedit import history

    doc = store.document(ref.doc)
    streams = [store.stream(ref.doc, ref.stream)] if ref.stream else store.streams(ref.doc)
    changes = [
        c.as_dict()
        for c in reversed(history(store, doc.id))
        if ref.stream is None or c.stream == ref.stream
    ]
    chosen = filters or LogFilter()
    data: dict[str, Any] = {
        "format_version": FORMAT_VERSION,
        "document": {"id": doc.id, "title": doc.title, "date": doc.date},
        "streams": [
            {
                "id": s.id,
                "kind": s.kind,
                "language": s.language,
                "translates": s.translates,
                "versions": chosen.apply(
                    [
                        version_record(v, made_from(s, v))
                        for v in reversed(store.versions(doc.id, s.id))
                    ],
                    chosen.version,
                ),
            }
            for s in streams
        ],
        "changes": chosen.apply(changes, chosen.change),
    }
    if chosen.active:
        data["filters"] = {
            "limit": chosen.limit,
            "agent": chosen.agent,
            "since": chosen.since,
            "until": chosen.until,
        }
    return data


def _agents(agents: list[dict[str, str]]) -> str:
    return ", ".join(f"{_e(a['name'])} ({a['role']})" for a in agents) or "(no agents recorded)"


def _e(value: Any) -> str:
    """A metadata value safe on a terminal (control characters shown escaped)."""
    from .textio import printable

    return printable(str(value))


def format_log_text(data: dict[str, Any], options: RenderOptions = PLAIN) -> str:
    color = options.color
    yellow, bold, reset = ("\x1b[33m", "\x1b[1m", "\x1b[0m") if color else ("", "", "")
    doc = data["document"]
    lines = [
        f"{bold}{doc['id']}{reset}  {_e(doc['title'])}"
        + (f"  ({_e(doc['date'])})" if doc["date"] else "")
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
                f"  {yellow}@{v['number']}{reset}  {v['sha256'][:12]}  "
                f"{_e(v['date']) or '(undated)'}"
                f"  {v['activity']}{parent}"
            )
            lines.append(f"      by {_agents(v['agents'])}")
            if v.get("translates"):
                later = "  (declared later in stream.yaml)" if v.get("translates_declared") else ""
                lines.append(f"      made from {doc['id']}/{_e(v['translates'])}{later}")
            lines.extend("      " + _e(msg_line) for msg_line in v["message"].splitlines())
        if not s["versions"]:
            lines.append("  (no versions match)" if data.get("filters") else "  (no versions yet)")
    if data.get("changes"):
        lines.append("")
        lines.append(f"{bold}{doc['id']}{reset}  metadata changes")
        for c in data["changes"]:
            target = f"{doc['id']}/{c['stream']}" if c.get("stream") else doc["id"]
            lines.append(f"  {yellow}#{c['number']}{reset}  {_e(c['recorded'])}  {target}")
            lines.append(f"      by {_e(c['agent'])}")
            for f in c["fields"]:
                lines.append(f"      {_e(f['field'])}: {_value(f, 'old')} -> {_value(f, 'new')}")
            lines.extend("      " + _e(msg_line) for msg_line in c["message"].splitlines())
    return "\n".join(lines) + "\n"


def _value(change: dict[str, Any], key: str) -> str:
    import json

    if key not in change:
        return "(not set)"
    return json.dumps(change[key], ensure_ascii=False)


def list_data(store: Store, progress: Progress | None = None) -> dict[str, Any]:
    """Every document of the store with its streams and how many versions each has (from
    the store's index where its files are unchanged: :mod:`provenance.index`)."""
    from .index import document_summaries

    documents = document_summaries(store, progress=progress)
    return {"format_version": FORMAT_VERSION, "documents": documents}


def format_list_text(data: dict[str, Any], options: RenderOptions = PLAIN) -> str:
    items = data["documents"]
    if not items:
        return "(no documents)\n"
    width = max(len(i["id"]) for i in items)
    lines = []
    for i in items:
        streams = " ".join(f"{s['id']}@{s['versions']}" for s in i["streams"])
        lines.append(
            f"{i['id']:<{width}}  {_e(i['date']) or '-':<10}  {_e(i['title'])}  [{streams}]"
        )
    return "\n".join(lines) + "\n"


def format_json(data: dict[str, Any], options: RenderOptions = PLAIN) -> str:
    return dumps_json(data)


#: ``--format`` value -> renderer(data, options) -> text, for :func:`log_data` ...
LOG_FORMATS: Formats[dict[str, Any], RenderOptions] = {
    "text": format_log_text,
    "json": format_json,
}
#: ... and for :func:`list_data`.
LIST_FORMATS: Formats[dict[str, Any], RenderOptions] = {
    "text": format_list_text,
    "json": format_json,
}
