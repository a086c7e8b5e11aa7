"""Renderers of a :class:`~provenance.review.model.Review`: ``markdown`` (a pull-request
comment, long diffs in collapsed sections), ``json`` and ``text``, chosen from
:data:`FORMATS`."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from ..diff.metadata import value_text
from ..rendering import PLAIN, RenderOptions, dumps_json
from .model import FORMAT_VERSION, DocumentReview, MetadataReview, Review, VersionReview

if TYPE_CHECKING:
    from ..check.findings import Finding
    from ..diff.metadata import FieldChange
    from ..rendering import Formats

#: A word diff with more changes than this is folded into a ``<details>`` section.
FOLD_AFTER = 6


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _agents(record: dict[str, Any]) -> str:
    agents = record.get("agents") or []
    names = [f"{a.get('name', '?')} ({a.get('role', '?')})" for a in agents if isinstance(a, dict)]
    return ", ".join(names) or "nobody recorded"


def _summary(review: Review) -> str:
    versions = sum(len(d.versions) for d in review.documents if d.versions)
    new = sum(1 for d in review.documents for v in d.versions if not v.rewritten)
    rewritten = versions - new
    metadata = sum(len(d.metadata) for d in review.documents)
    parts = [
        _plural(len(review.documents), "document") + " touched",
        _plural(new, "new version"),
        _plural(metadata, "metadata change"),
    ]
    if rewritten:
        parts.append(_plural(rewritten, "published text") + " rewritten")
    errors, warnings = review.count("error"), review.count("warning")
    check = (
        "check: all clear"
        if not (errors or warnings)
        else (f"check: {_plural(errors, 'error')}, {_plural(warnings, 'warning')}")
    )
    return ", ".join(parts) + f"; {check}."


def _counts_line(v: VersionReview) -> str:
    c = v.counts()
    line = (
        f"{_plural(c['changes'], 'change')}: {c['textual']} textual, "
        f"{c['editorial']} editorial, {c['whitespace']} whitespace"
    )
    ivs = v.interventions()
    bits = [f"{len(items)} {status}" for status, items in ivs.items() if items]
    if bits:
        line += "; interventions " + ", ".join(bits)
    return line


def _dotted(pointer: str) -> str:
    """A JSON pointer as ``provenance set`` names the field (``/funders/0`` ->
    ``funders.0``)."""
    parts = pointer.lstrip("/").split("/")
    return ".".join(p.replace("~1", "/").replace("~0", "~") for p in parts) or "(record)"


def _code(text: str) -> str:
    """Text as a markdown code span (a backtick inside is kept by a longer fence)."""
    from ..mdtext import md_code

    return md_code(text)


def _field(ch: FieldChange, code: Callable[[str], str] = repr) -> str:
    name = _dotted(ch.field)
    if ch.change == "added":
        return f"{name} added: {code(value_text(ch.new))}"
    if ch.change == "removed":
        return f"{name} removed (was {code(value_text(ch.old))})"
    return f"{name}: {code(value_text(ch.old))} → {code(value_text(ch.new))}"


# -- markdown ------------------------------------------------------------------------------


def _md(text: str) -> str:
    return text.replace("<", "&lt;").replace(">", "&gt;").replace("`", "ˋ")


def _md_version(v: VersionReview) -> list[str]:
    from ..diff.render import format_markdown

    record = v.record
    when = record.get("date") or "undated"
    what = record.get("activity", "?")
    if v.rewritten:
        head = f"**Published text rewritten: `{v.ref}`**"
    elif v.parent is None:
        head = f"**New version `{v.ref}`** (first of its stream)"
    else:
        head = f"**New version `{v.ref}`** (parent @{v.parent})"
    out = [f"{head}, {what} by {_md(_agents(record))}, {when}"]
    message = str(record.get("message", "")).strip()
    if message and not v.rewritten:
        out.append(f"> {_md(message)}")
    if v.problem:
        out.append(f"_No word diff: {v.problem}._")
    if v.diff is None:
        return [*out, ""]
    out.append("")
    out.append(_counts_line(v) + ".")
    body = format_markdown(v.diff).split("\n", 1)[1].strip("\n")
    ivs = v.interventions()
    ledger = [
        f"- {status}: " + ", ".join(_code(t).replace(" -> ", "` → `") for t in items)
        for status, items in ivs.items()
        if items
    ]
    if body:
        changes = v.counts()["changes"]
        if changes > FOLD_AFTER:
            out += ["", f"<details><summary>Word diff ({_plural(changes, 'change')})</summary>", ""]
            out += [body, "", "</details>"]
        else:
            out += ["", body]
    if ledger:
        out += ["", "Interventions:", *ledger]
    return [*out, ""]


def _md_metadata(m: MetadataReview) -> list[str]:
    who = ", ".join(m.by) or "unknown"
    out = [f"**Metadata** `{m.file}`, changed by {_md(who)}"]
    out += [f"> {_md(why)}" for why in m.why]
    out += [f"- {_field(ch, _code)}" for ch in m.fields] or ["- (formatting only)"]
    return [*out, ""]


def _md_findings(findings: Iterable[Finding]) -> list[str]:
    out = []
    for f in findings:
        where = f.location()
        out.append(f"- **{f.severity.value}** `{f.code}` {_code(where)}: {_md(f.message)}")
    return out


def _md_document(d: DocumentReview) -> list[str]:
    title = f"{_md(d.title)} ({_code(d.id)})" if d.title else _code(d.id)
    out = [f"### {title}", ""]
    if d.status != "changed":
        out += [f"_Document {d.status}._", ""]
    for v in d.versions:
        out += _md_version(v)
    for m in d.metadata:
        out += _md_metadata(m)
    deleted = [p for s, p in d.files if s == "D"]
    if deleted:
        out += ["**Deleted**: " + ", ".join(_code(p) for p in deleted), ""]
    if d.findings:
        out += ["**Check**:", *_md_findings(d.findings), ""]
    return out


def format_markdown(review: Review, options: RenderOptions = PLAIN) -> str:
    out = [f"## provenance review `{review.base}..{review.head}`", "", _summary(review), ""]
    if review.settings_changed:
        out += [f"The store's settings (`{review.store}/provenance.yaml`) changed.", ""]
    if review.findings:
        out += ["**Check** (store):", *_md_findings(review.findings), ""]
    for d in review.documents:
        out += _md_document(d)
    return "\n".join(out).rstrip("\n") + "\n"


# -- text ----------------------------------------------------------------------------------


def format_text(review: Review, options: RenderOptions = PLAIN) -> str:
    from ..diff.render import format_text as diff_text

    out = [f"provenance review {review.base}..{review.head}", _summary(review), ""]
    for f in review.findings:
        out.append(f"  {f.severity.value}  {f.code}  {f.location()}  {f.message}")
    for d in review.documents:
        out.append(f"{d.id}  {d.title}" + ("" if d.status == "changed" else f"  ({d.status})"))
        for v in d.versions:
            label = "rewritten" if v.rewritten else "new"
            parent = f" (parent @{v.parent})" if v.parent and not v.rewritten else ""
            out.append(
                f"  {label} {v.ref}{parent}  {v.record.get('activity', '?')} by "
                f"{_agents(v.record)}: {str(v.record.get('message', '')).strip()}"
            )
            if v.diff is not None:
                out.append("    " + _counts_line(v))
                lines = diff_text(v.diff).rstrip("\n").split("\n")[2:-1]
                out += ["    " + line for line in lines]
        for m in d.metadata:
            out.append(f"  metadata {m.file} by {', '.join(m.by) or 'unknown'}")
            out += [f"    {_field(ch)}" for ch in m.fields]
        for f in d.findings:
            out.append(f"  {f.severity.value}  {f.code}  {f.location()}  {f.message}")
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


# -- json ----------------------------------------------------------------------------------


def _json_version(v: VersionReview) -> dict[str, Any]:
    changes = []
    if v.diff is not None:
        for op in v.diff.changes:
            if op.ignored:
                continue
            changes.append(
                {
                    "op": op.op,
                    "old": op.old,
                    "new": op.new,
                    "old_line": op.old_line,
                    "old_column": op.old_column,
                    "new_line": op.new_line,
                    "new_column": op.new_column,
                    "category": op.category,
                }
            )
    return {
        "ref": v.ref,
        "parent": v.parent_ref,
        "rewritten": v.rewritten,
        "activity": v.record.get("activity"),
        "date": v.record.get("date"),
        "agents": v.record.get("agents") or [],
        "message": v.record.get("message"),
        "sha256": v.record.get("sha256"),
        "counts": v.counts(),
        "changes": changes,
        "interventions": v.interventions(),
        "problem": v.problem or None,
    }


def review_data(review: Review) -> dict[str, Any]:
    return {
        "format_version": FORMAT_VERSION,
        "base": {"ref": review.base, "commit": review.base_commit},
        "head": {"ref": review.head, "commit": review.head_commit},
        "store": review.store,
        "settings_changed": review.settings_changed,
        "summary": {
            "documents": len(review.documents),
            "new_versions": sum(1 for d in review.documents for v in d.versions if not v.rewritten),
            "rewritten": sum(1 for d in review.documents for v in d.versions if v.rewritten),
            "metadata_changes": sum(len(d.metadata) for d in review.documents),
            "errors": review.count("error"),
            "warnings": review.count("warning"),
        },
        "documents": [
            {
                "id": d.id,
                "title": d.title,
                "status": d.status,
                "versions": [_json_version(v) for v in d.versions],
                "metadata": [
                    {
                        "file": m.file,
                        "by": list(m.by),
                        "why": list(m.why),
                        "fields": [ch.as_dict() for ch in m.fields],
                    }
                    for m in d.metadata
                ],
                "files": [{"status": s, "path": p} for s, p in d.files],
                "findings": [f.as_dict() for f in d.findings],
            }
            for d in review.documents
        ],
        "findings": [f.as_dict() for f in review.findings],
        "notes": list(review.notes),
    }


def format_json(review: Review, options: RenderOptions = PLAIN) -> str:
    return dumps_json(review_data(review))


#: Renderers by ``--format`` name: ``render(review, options) -> str``.
FORMATS: Formats[Review, RenderOptions] = {
    "text": format_text,
    "markdown": format_markdown,
    "json": format_json,
}
