"""Where a store stands, like ``git status``: per document, each stream's latest version, the
translations behind their original (with the paragraphs to review), and missing credits or
rights (the findings of the check rules about them)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .lineage import TranslationState, VersionRef, made_from, translation_states
from .rendering import PLAIN, RenderOptions, dumps_json

if TYPE_CHECKING:
    from .align.stale import StaleDetail
    from .check.findings import Finding
    from .model import Version
    from .rendering import Formats
    from .store import Store

#: The check rules whose findings ``status`` lists as gaps: credits, rights, source.
GAP_RULES = (
    "source-missing",
    "rights-missing",
    "rights-statement-missing",
    "rights-unknown-statement",
    "funder-unlisted",
    "translator-missing",
    "agents-missing",
    "citation-incomplete",
)


@dataclass(frozen=True)
class StreamStatus:
    """One stream: its latest version and, for a translation, how it stands."""

    id: str
    kind: str
    language: str
    translates: str | None
    latest: Version | None
    made_from: str | None
    state: str  # original, current, stale, unknown, empty

    def as_dict(self) -> dict[str, Any]:
        latest = self.latest
        return {
            "id": self.id,
            "kind": self.kind,
            "language": self.language,
            "translates": self.translates,
            "latest": None
            if latest is None
            else {
                "ref": latest.ref,
                "number": latest.number,
                "sha256": latest.sha256,
                "date": latest.date,
                "made_from": self.made_from,
            },
            "state": self.state,
        }


@dataclass(frozen=True)
class Stale:
    """A translation behind its original, and what to review."""

    stream: str
    version: int
    made_from: str
    original: str
    original_latest: int
    detail: StaleDetail | None
    message: str

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "stream": self.stream,
            "version": f"{self.stream}@{self.version}",
            "made_from": self.made_from,
            "original_latest": f"{self.original}@{self.original_latest}",
        }
        if self.detail is not None:
            out.update(self.detail.as_dict())
        out["message"] = self.message
        return out


@dataclass(frozen=True)
class DocumentStatus:
    id: str
    title: str
    streams: tuple[StreamStatus, ...]
    stale: tuple[Stale, ...]
    gaps: tuple[Finding, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "streams": [s.as_dict() for s in self.streams],
            "stale": [s.as_dict() for s in self.stale],
            "gaps": [
                {
                    "code": f.code,
                    "severity": f.severity.value,
                    "message": f.message,
                    "file": f.file,
                    "line": f.line,
                }
                for f in self.gaps
            ],
        }


@dataclass(frozen=True)
class StatusResult:
    documents: tuple[DocumentStatus, ...] = field(default=())

    def as_dict(self) -> dict[str, Any]:
        return {
            "format_version": 1,
            "documents": [d.as_dict() for d in self.documents],
            "summary": {
                "documents": len(self.documents),
                "stale": sum(len(d.stale) for d in self.documents),
                "gaps": sum(len(d.gaps) for d in self.documents),
            },
        }


def _stale(store: Store, doc_id: str, state: TranslationState) -> Stale:
    from .align.stale import describe, stale_detail

    assert state.made_from is not None and state.latest is not None
    assert state.original_latest is not None
    ref = VersionRef.from_string(state.made_from)
    message = (
        f"{state.stream}@{state.latest} was made from {ref}, but {state.original} is now at "
        f"{state.original}@{state.original_latest}"
    )
    detail = None
    try:
        old = store.read_text(store.version(doc_id, ref.stream, ref.number))
        new = store.read_text(store.version(doc_id, state.original, state.original_latest))
        translation = store.read_text(store.version(doc_id, state.stream, state.latest))
    except Exception:  # an unreadable text: check reports it; status still says it is stale
        pass
    else:
        detail = stale_detail(old, new, translation)
        message += ": " + describe(
            detail, state.original, ref.number, state.original_latest, state.stream
        )
    return Stale(
        state.stream,
        state.latest,
        str(ref),
        state.original,
        state.original_latest,
        detail,
        message,
    )


def document_status(store: Store, doc_id: str, gaps: tuple[Finding, ...] = ()) -> DocumentStatus:
    doc = store.document(doc_id)
    states = {s.stream: s for s in translation_states(store, doc_id)}
    streams = []
    stale = []
    for stream in store.streams(doc_id):
        versions = store.versions(doc_id, stream.id)
        latest = versions[-1] if versions else None
        state = states.get(stream.id)
        if latest is None:
            label = "empty"
        elif state is None:
            label = "original" if stream.kind == "transcription" else "unlinked"
        elif state.stale:
            label = "stale"
            stale.append(_stale(store, doc_id, state))
        elif state.unknown:
            label = "unknown"
        else:
            label = "current"
        streams.append(
            StreamStatus(
                stream.id,
                stream.kind,
                stream.language,
                stream.translates,
                latest,
                made_from(stream, latest) if latest else None,
                label,
            )
        )
    return DocumentStatus(doc.id, doc.title, tuple(streams), tuple(stale), gaps)


def store_status(store: Store, doc_id: str | None = None, *, gaps: bool = True) -> StatusResult:
    """The status of one document, or of every document in the store."""
    from .check import run_check

    ids = [store.document(doc_id).id] if doc_id else store.document_ids()
    found: dict[str, list[Finding]] = {i: [] for i in ids}
    if gaps and ids:
        paths = [store.doc_folder(i) for i in ids] if doc_id else []
        result = run_check(store.root, paths, select=GAP_RULES)
        for f in result.findings:
            if f.document in found:
                found[f.document].append(f)
    return StatusResult(tuple(document_status(store, i, tuple(found[i])) for i in ids))


# -- renderers ---------------------------------------------------------------------------

_LABELS = {
    "original": "",
    "current": "up to date",
    "stale": "STALE",
    "unknown": "made from an unrecorded version",
    "unlinked": "translates no stream in the store",
    "empty": "no versions yet",
}


def format_text(result: StatusResult, options: RenderOptions = PLAIN) -> str:
    """Per document, each stream's latest version and state, what is stale, the gaps."""
    color = options.color
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


def format_json(result: StatusResult, options: RenderOptions = PLAIN) -> str:
    return dumps_json(result.as_dict())


#: ``--format`` value -> renderer(result, options) -> text (:mod:`provenance.rendering`).
FORMATS: Formats[StatusResult, RenderOptions] = {"text": format_text, "json": format_json}
