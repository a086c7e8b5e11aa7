"""Differences between two metadata records (two versions' YAML, or any two mappings):
fields changed, added and removed, each named by its JSON pointer.

Mappings are compared key by key and lists item by item (an agent added at the end is one
added item; agents reordered are changed items).  Values keep their types: ``1`` and ``"1"``
differ, and so do ``1`` and ``true``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING, Any

from .present import PLAIN, RenderOptions
from .result import FORMAT_VERSION

if TYPE_CHECKING:
    from ..model import Version
    from ..rendering import Formats
    from ..store import Store

CHANGED = "changed"
ADDED = "added"
REMOVED = "removed"

LineOf = Callable[[str], "int | None"]


def _escape(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


def value_text(value: Any) -> str:
    """A value as one line of text: strings as they are, anything else as JSON."""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=False)


@dataclass(frozen=True)
class FieldChange:
    """One field that differs; ``old``/``new`` are the values (``None`` where absent, see
    ``change``), ``old_line``/``new_line`` where the field is in its YAML file, if known."""

    field: str
    change: str
    old: Any
    new: Any
    old_line: int | None = None
    new_line: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "field": self.field,
            "change": self.change,
            "old": "" if self.change == ADDED else value_text(self.old),
            "new": "" if self.change == REMOVED else value_text(self.new),
            "old_value": None if self.change == ADDED else self.old,
            "new_value": None if self.change == REMOVED else self.new,
            "old_line": self.old_line,
            "new_line": self.new_line,
        }


@dataclass(frozen=True)
class MetadataDiff:
    """The fields that differ between two records, in the order of the old record (fields
    only in the new one after those of their parent)."""

    changes: tuple[FieldChange, ...]
    old_label: str = "old"
    new_label: str = "new"

    @property
    def differs(self) -> bool:
        return bool(self.changes)

    @property
    def counts(self) -> dict[str, int]:
        out = {CHANGED: 0, ADDED: 0, REMOVED: 0}
        for ch in self.changes:
            out[ch.change] += 1
        return out

    def as_dict(self) -> dict[str, Any]:
        """The comparison as ``provenance diff --metadata --format json`` prints it."""
        return {
            "format_version": FORMAT_VERSION,
            "changes": [ch.as_dict() for ch in self.changes],
            "subject": "metadata",
            "old": {"label": self.old_label},
            "new": {"label": self.new_label},
            "differs": self.differs,
            "stats": self.counts,
        }


def _walk(old: Any, new: Any, pointer: str) -> Iterator[tuple[str, str, Any, Any]]:
    if isinstance(old, Mapping) and isinstance(new, Mapping):
        for key, value in old.items():
            path = f"{pointer}/{_escape(str(key))}"
            if key in new:
                yield from _walk(value, new[key], path)
            else:
                yield path, REMOVED, value, None
        for key, value in new.items():
            if key not in old:
                yield f"{pointer}/{_escape(str(key))}", ADDED, None, value
    elif isinstance(old, list) and isinstance(new, list):
        for i in range(max(len(old), len(new))):
            path = f"{pointer}/{i}"
            if i >= len(new):
                yield path, REMOVED, old[i], None
            elif i >= len(old):
                yield path, ADDED, None, new[i]
            else:
                yield from _walk(old[i], new[i], path)
    elif type(old) is not type(new) or old != new:
        yield pointer or "/", CHANGED, old, new


def diff_metadata(
    old: Mapping[str, Any],
    new: Mapping[str, Any],
    *,
    old_label: str = "old",
    new_label: str = "new",
    old_line_of: LineOf | None = None,
    new_line_of: LineOf | None = None,
) -> MetadataDiff:
    """The fields changed, added and removed from ``old`` to ``new``; ``*_line_of`` map a
    JSON pointer to its line in the record's file (``YAMLDoc.line_of``)."""
    changes = []
    for pointer, change, a, b in _walk(old, new, ""):
        changes.append(
            FieldChange(
                pointer,
                change,
                a,
                b,
                old_line_of(pointer) if old_line_of and change != ADDED else None,
                new_line_of(pointer) if new_line_of and change != REMOVED else None,
            )
        )
    return MetadataDiff(tuple(changes), old_label, new_label)


# -- renderers --------------------------------------------------------------------------------


def version_records(
    store: Store, version: Version
) -> tuple[dict[str, Any], Callable[[str], int | None]]:
    """What ``--metadata`` compares for a version of a store: its document, stream and
    version records as stored (``{"document": ..., "stream": ..., "version": ...}``), and the
    line of any JSON pointer into them (``/version/agents/0`` -> its line in ``vN.yaml``)."""
    from .. import yamlio

    paths = {
        "document": store.document(version.doc_id).path,
        "stream": store.stream(version.doc_id, version.stream_id).path,
        "version": version.meta_path,
    }
    docs = {name: yamlio.load(path) for name, path in paths.items()}

    def line_of(pointer: str) -> int | None:
        head, _, rest = pointer.lstrip("/").partition("/")
        doc = docs.get(head)
        return doc.line_of(f"/{rest}" if rest else "") if doc else None

    return {name: doc.data for name, doc in docs.items()}, line_of


def _shown(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def summary(diff: MetadataDiff) -> str:
    c = diff.counts
    if not diff.changes:
        return "No fields differ."
    n = len(diff.changes)
    return (
        f"{n} field{'s' if n != 1 else ''} differ: {c[CHANGED]} changed, {c[ADDED]} added, "
        f"{c[REMOVED]} removed."
    )


def format_text(diff: MetadataDiff, options: RenderOptions = PLAIN) -> str:
    color, stat = options.color, options.stat
    red, green, yellow, bold, reset = (
        ("\x1b[31m", "\x1b[32m", "\x1b[33m", "\x1b[1m", "\x1b[0m")
        if color
        else ("", "", "", "", "")
    )
    out = [
        f"{bold}--- {diff.old_label} (metadata){reset}\n",
        f"{bold}+++ {diff.new_label} (metadata){reset}\n",
    ]
    if not stat:
        for ch in diff.changes:
            if ch.change == CHANGED:
                out.append(
                    f"{yellow}~ {ch.field}{reset}: {red}{_shown(ch.old)}{reset} -> "
                    f"{green}{_shown(ch.new)}{reset}\n"
                )
            elif ch.change == ADDED:
                out.append(f"{green}+ {ch.field}: {_shown(ch.new)}{reset}\n")
            else:
                out.append(f"{red}- {ch.field}: {_shown(ch.old)}{reset}\n")
    out.append(summary(diff) + "\n")
    return "".join(out)


def format_json(diff: MetadataDiff, options: RenderOptions = PLAIN) -> str:
    return json.dumps(diff.as_dict(), ensure_ascii=False, indent=2) + "\n"


def _md(text: str) -> str:
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("|", "\\|")
        .replace("`", "\\`")
        .replace("\n", " ↵ ")
    )


def format_markdown(diff: MetadataDiff, options: RenderOptions = PLAIN) -> str:
    stat = options.stat
    from ..mdtext import md_code

    old_label, new_label = md_code(diff.old_label), md_code(diff.new_label)
    out = [f"**Metadata** {old_label} → {new_label}: {summary(diff)}\n"]
    if diff.changes and not stat:
        out.append("\n| Field | Change | Old | New |\n| --- | --- | --- | --- |\n")
        for ch in diff.changes:
            old = _md(_shown(ch.old)) if ch.change != ADDED else ""
            new = _md(_shown(ch.new)) if ch.change != REMOVED else ""
            out.append(f"| {md_code(ch.field, table=True)} | {ch.change} | {old} | {new} |\n")
    return "".join(out)


def format_html(diff: MetadataDiff, options: RenderOptions = PLAIN) -> str:
    stat = options.stat
    rows = "".join(
        f'<tr class="{ch.change}"><td><code>{escape(ch.field)}</code></td><td>{ch.change}'
        f"</td><td>{'' if ch.change == ADDED else escape(_shown(ch.old))}</td>"
        f"<td>{'' if ch.change == REMOVED else escape(_shown(ch.new))}</td></tr>\n"
        for ch in diff.changes
    )
    table = (
        (
            "<table><thead><tr><th>Field</th><th>Change</th><th>Old</th><th>New</th></tr>"
            f"</thead><tbody>\n{rows}</tbody></table>\n"
        )
        if rows and not stat
        else ""
    )
    title = f"Metadata: {diff.old_label} → {diff.new_label}"
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(title)}</title>\n<style>\n"
        "body { font: 16px/1.5 Georgia, serif; max-width: 70rem; margin: 1.5rem auto; "
        "padding: 0 1rem; }\n"
        "table { border-collapse: collapse; width: 100%; }\n"
        "td, th { border: 1px solid #ccc; padding: .2rem .5rem; text-align: left; "
        "vertical-align: top; overflow-wrap: anywhere; }\n"
        "tr.removed td:nth-child(3) { text-decoration: line-through; }\n"
        "tr.added td:nth-child(4), tr.changed td:nth-child(4) { font-weight: bold; }\n"
        "</style>\n</head>\n<body>\n"
        f"<h1>Metadata: <code>{escape(diff.old_label)}</code> → "
        f"<code>{escape(diff.new_label)}</code></h1>\n<p>{escape(summary(diff))}</p>\n"
        f"{table}</body>\n</html>\n"
    )


#: ``--format`` value -> renderer(diff, options) -> text: the options of a text diff
#: (``color`` and ``stat`` apply).
FORMATS: Formats[MetadataDiff, RenderOptions] = {
    "text": format_text,
    "json": format_json,
    "markdown": format_markdown,
    "html": format_html,
}
