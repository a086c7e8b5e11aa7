"""Many pages in one call: each imported on its own, so that one page refused stops none of
the others and leaves nothing of itself in the store (a document is written whole by the
store's :meth:`~provenance.store.Store.add_document`, or not at all).

:func:`import_many` returns a :class:`BatchResult` (one :class:`PageOutcome` a page);
:func:`dry_run` says where each part of one page would go, writing nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ProvenanceError
from ..rendering import PLAIN, RenderOptions, dumps_json
from .identity import ALREADY, NEW_VERSION

if TYPE_CHECKING:
    from ..model import Document
    from ..rendering import Formats
    from ..store import Store


def imported_data(
    doc_id: str, stream: str, layout: str, warnings: list[str], **more: object
) -> dict[str, object]:
    """What ``provenance import --format json`` prints of one file imported: ``format_version``
    first, the document and stream made, the layout recognised, the warnings (and ``more``,
    such as an API transcript's page-break markers)."""
    return {
        "format_version": 1,
        "id": doc_id,
        "stream": stream,
        "layout": layout,
        "warnings": warnings,
        **more,
    }


IMPORTED = "imported"
WARNINGS = "imported with warnings"
REFUSED = "refused"


@dataclass
class PageOutcome:
    """What became of one page."""

    file: str
    status: str  # IMPORTED, WARNINGS or REFUSED
    id: str = ""
    stream: str = ""
    layout: str = ""
    warnings: list[str] = field(default_factory=list)
    reason: str = ""  # why it was refused
    version: str = ""  # the version written, or the one holding this text already
    note: str = ""  # a document the store held already, or an id not the default one

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "status": self.status,
            "id": self.id,
            "stream": self.stream,
            "version": self.version,
            "layout": self.layout,
            "warnings": list(self.warnings),
            "reason": self.reason,
            "note": self.note,
        }


@dataclass
class BatchResult:
    """What became of each page; with ``dry_run``, what would (nothing was written)."""

    outcomes: list[PageOutcome]
    dry_run: bool = False

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def refused(self) -> int:
        return self.count(REFUSED)

    def as_dict(self) -> dict[str, Any]:
        return {
            "format_version": 1,
            "imported": self.count(IMPORTED),
            "imported_with_warnings": self.count(WARNINGS),
            "new_versions": self.count(NEW_VERSION),
            "already_imported": self.count(ALREADY),
            "refused": self.refused,
            "pages": [o.as_dict() for o in self.outcomes],
            **({"dry_run": True} if self.dry_run else {}),
        }


#: Imports one file; returns the document and an object with ``warnings`` and ``layout``.
ImportOne = Callable[[Path], "tuple[Document, Any]"]
#: Told before each page: (number, total, file).
Progress = Callable[[int, int, str], None]


def import_many(
    store: Store,
    paths: Iterable[str | Path],
    import_one: ImportOne | None = None,
    progress: Progress | None = None,
) -> BatchResult:
    """Import each of ``paths`` with ``import_one`` (by default :func:`.page.import_page`),
    going on past a page that is refused."""
    from .page import import_page

    def default(path: Path) -> tuple[Document, Any]:
        return import_page(store, path)

    one = import_one or default
    files = [Path(p) for p in paths]
    outcomes = []
    for n, path in enumerate(files, 1):
        if progress is not None:
            progress(n, len(files), str(path))
        try:
            doc, parsed = one(path)
        except ProvenanceError as exc:
            outcomes.append(PageOutcome(str(path), REFUSED, reason=exc.message))
            continue
        except Exception as exc:  # a fault of ours on one page must not stop the others
            outcomes.append(PageOutcome(str(path), REFUSED, reason=f"internal error: {exc!r}"))
            continue
        warnings = list(getattr(parsed, "warnings", []))
        version = str(getattr(parsed, "version", ""))
        outcome = getattr(parsed, "outcome", IMPORTED)
        status = outcome if outcome in (NEW_VERSION, ALREADY) else IMPORTED
        if status == IMPORTED and warnings:
            status = WARNINGS
        streams = store.streams(doc.id)
        stream = version.split("/", 1)[1].split("@")[0] if "/" in version else ""
        outcomes.append(
            PageOutcome(
                str(path),
                status,
                doc.id,
                stream or (streams[0].id if streams else ""),
                str(getattr(parsed, "layout", "")),
                warnings,
                version=version,
                note=str(getattr(parsed, "note", "")),
            )
        )
    return BatchResult(outcomes)


@dataclass
class Plan:
    """Where each part of a page would go: no store is written."""

    file: str
    id: str
    stream: str
    kind: str
    language: str
    layout: str
    fields: dict[str, Any]
    translators: list[str]
    body_first: str
    body_last: str
    body_lines: int
    body_bytes: int
    warnings: list[str]

    def as_dict(self) -> dict[str, Any]:
        return {"format_version": 1, **self.__dict__}


def dry_run(
    store: Store,
    path: str | Path,
    *,
    doc_id: str | None = None,
    url: str | None = None,
    stream_id: str | None = None,
    config: Mapping[str, Any] | None = None,
) -> Plan:
    """What :func:`.page.import_page` would do with ``path``, without writing anything; the
    warnings include the document id being taken already."""
    from ..refs import check_slug
    from ..textio import decode_utf8, read_bytes
    from .page import default_id, parse_page

    raw = read_bytes(path, what="page")
    text = decode_utf8(raw, path, what="page")
    page = parse_page(text, filename=str(path), url=url, config=store.config)
    from .identity import place

    base = check_slug(doc_id, "document id") if doc_id else default_id(page.meta)
    placement = place(store, page.meta, base, given=bool(doc_id))
    doc = placement.id
    warnings = list(page.warnings)
    if placement.existing is not None:
        warnings.append(
            f"{doc!r} is this document already ({placement.why}): the import writes nothing "
            "when its text is a version of it, else --as-new-version adds a version"
        )
    elif placement.note:
        warnings.append(placement.note)
    elif (store.root / doc).exists():
        warnings.append(f"a document {doc!r} exists already: the import would be refused")
    lines = [ln for ln in page.body.splitlines() if ln.strip()]
    fields = {k: v for k, v in page.meta.items() if k not in ("schema", "id", "imported")}
    return Plan(
        str(path),
        doc,
        stream_id or page.language,
        page.kind,
        page.language,
        page.layout,
        fields,
        list(page.translators),
        lines[0].strip() if lines else "",
        lines[-1].strip() if lines else "",
        len(page.body.splitlines()),
        len(page.body.encode("utf-8")),
        warnings,
    )


def sniff(path: str | Path) -> str:
    """What a file to import is: ``api`` (a saved API transcript, JSON), ``tei`` (XML) or
    ``page`` (a saved page, text)."""
    from ..tei import sniff_format

    p = Path(path)
    if p.suffix.lower() == ".json":
        return "api"
    try:
        with open(p, "rb") as fh:
            head = fh.read(4096)
    except OSError:
        return sniff_format(str(path))
    from .api import is_api_transcript

    if head.lstrip().startswith(b"{") and is_api_transcript(head + b'"raw"'):
        return "api"
    return sniff_format(str(path))


def format_table(result: BatchResult, options: RenderOptions = PLAIN) -> str:
    """The batch as a table, one page a row, then the totals."""
    rows = [("status", "page", "document", "note")]
    for o in result.outcomes:
        if o.status == REFUSED:
            note = o.reason
        elif o.status == ALREADY:
            note = f"the same text as {o.version}: nothing written ({o.note})"
        elif o.status == NEW_VERSION:
            note = f"added as {o.version} ({o.note})"
            note += f"; {o.warnings[0]}" if o.warnings else ""
        else:
            notes = [o.note] if o.note else []
            notes += o.warnings[:1]
            more = len(o.warnings) - 1
            note = "; ".join(notes) + (f" (+{more} more)" if more > 0 else "")
        rows.append((o.status, Path(o.file).name, o.id or "-", note))
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    out = [
        "  ".join(cell.ljust(w) for cell, w in zip(r[:3], widths, strict=True)) + "  " + r[3]
        for r in rows
    ]
    out.append("")
    out.append(
        f"{result.count(IMPORTED)} imported, {result.count(WARNINGS)} imported with warnings, "
        + (f"{result.count(NEW_VERSION)} new versions, " if result.count(NEW_VERSION) else "")
        + (f"{result.count(ALREADY)} already imported, " if result.count(ALREADY) else "")
        + f"{result.refused} refused ({len(result.outcomes)} pages)"
    )
    if result.dry_run:
        out.append("nothing written (--dry-run)")
    return "\n".join(line.rstrip() for line in out) + "\n"


def format_batch_json(result: BatchResult, options: RenderOptions = PLAIN) -> str:
    return dumps_json(result.as_dict())


#: ``--format`` value -> renderer(result, options) -> text, for several files imported ...
BATCH_FORMATS: Formats[BatchResult, RenderOptions] = {
    "text": format_table,
    "json": format_batch_json,
}


def format_plan(plan: Plan, options: RenderOptions = PLAIN) -> str:
    """Where each part of the page would go, for a person to read."""
    from .. import yamlio

    out = [
        f"{plan.file}: {plan.layout} layout; nothing written (--dry-run)",
        f"document  {plan.id}",
        f"stream    {plan.id}/{plan.stream}@1  ({plan.kind}, {plan.language})",
        f"translators  {', '.join(plan.translators) or '-'}",
        f"body      {plan.body_lines} lines, {plan.body_bytes} bytes",
        f"  first:  {plan.body_first}",
        f"  last:   {plan.body_last}",
        "fields (document.yaml):",
    ]
    out.extend("  " + line for line in yamlio.dumps(plan.fields).splitlines())
    out.append(f"warnings  {len(plan.warnings)}")
    out.extend(f"  - {w}" for w in plan.warnings)
    return "\n".join(out) + "\n"


def format_plan_json(plan: Plan, options: RenderOptions = PLAIN) -> str:
    return dumps_json(plan.as_dict())


#: ... and for one page's ``--dry-run``.
PLAN_FORMATS: Formats[Plan, RenderOptions] = {"text": format_plan, "json": format_plan_json}


def dry_run_many(
    store: Store, paths: Iterable[str | Path], stream_id: str | None = None
) -> BatchResult:
    """What :func:`import_many` of pages would do, writing nothing: each page planned by
    :func:`dry_run`."""
    outcomes = []
    for path in paths:
        try:
            plan = dry_run(store, path, stream_id=stream_id)
        except ProvenanceError as exc:
            outcomes.append(PageOutcome(str(path), REFUSED, reason=exc.message))
            continue
        status = WARNINGS if plan.warnings else IMPORTED
        outcomes.append(
            PageOutcome(str(path), status, plan.id, plan.stream, plan.layout, plan.warnings)
        )
    return BatchResult(outcomes, dry_run=True)
