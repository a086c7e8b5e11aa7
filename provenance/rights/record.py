"""The rights of a record: read from ``document.yaml`` (and a stream's own ``stream.yaml``),
checked, and gathered into one report for ``provenance rights``."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .codes import CODES as CODES
from .funders import credit_line, unlisted_funders
from .statement import Statement, StatementError

if TYPE_CHECKING:
    from ..store import Store


#: Finding codes, their default severity and what they find (:mod:`.codes`).  The codes are
#: stable: CI configurations and ``provenance check`` refer to them.
@dataclass(frozen=True)
class RightsFinding:
    """One problem with a record's rights: a stable code, its severity, a message, a JSON
    pointer into the YAML file, and which file (``stream`` None: ``document.yaml``; else that
    stream's ``stream.yaml``).  ``suggestion`` is the canonical statement where one applies."""

    code: str
    message: str
    pointer: str
    stream: str | None = None
    suggestion: str | None = None

    @property
    def severity(self) -> str:
        return CODES[self.code][0]

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "pointer": self.pointer,
            "stream": self.stream,
            "suggestion": self.suggestion,
        }


def _text(value: Any) -> str | None:
    """A recorded string, or None when absent, not a string or only white space."""
    return value if isinstance(value, str) and value.strip() else None


@dataclass(frozen=True)
class Rights:
    """A rights block as recorded: the text verbatim, the statement as written and, when it is
    recognised, parsed (else ``problem`` says why not), the holder and the contact line."""

    text: str | None = None
    statement_text: str | None = None
    statement: Statement | None = None
    holder: str | None = None
    contact: str | None = None
    problem: StatementError | None = field(default=None, compare=False)

    @classmethod
    def from_mapping(cls, block: Mapping[str, Any]) -> Rights:
        raw = _text(block.get("statement"))
        statement: Statement | None = None
        problem: StatementError | None = None
        if raw is not None:
            try:
                statement = Statement.from_string(raw)
            except StatementError as exc:
                problem = exc
        return cls(
            _text(block.get("text")),
            raw,
            statement,
            _text(block.get("holder")),
            _text(block.get("contact")),
            problem,
        )

    @property
    def empty(self) -> bool:
        """No rights text and no statement (a holder or contact alone says nothing of reuse)."""
        return self.text is None and self.statement_text is None


def _block(meta: Mapping[str, Any] | None) -> Mapping[str, Any] | None:
    value = meta.get("rights") if isinstance(meta, Mapping) else None
    return value if isinstance(value, Mapping) else None


def read_rights(meta: Mapping[str, Any] | None) -> Rights | None:
    """The ``rights`` of a document or stream metadata mapping (None when there is none)."""
    block = _block(meta)
    return Rights.from_mapping(block) if block is not None else None


def effective_rights(
    doc_meta: Mapping[str, Any], stream_meta: Mapping[str, Any] | None = None
) -> tuple[Rights | None, str]:
    """The rights that apply, and where they come from (``stream`` or ``document``).

    A stream that carries its own ``rights`` replaces the document's as a whole (an original
    and its translation may be under different terms); otherwise the document's apply."""
    own = read_rights(stream_meta)
    if own is not None:
        return own, "stream"
    return read_rights(doc_meta), "document"


# --- checking ------------------------------------------------------------------------------


def statement_findings(
    value: str, *, pointer: str = "/rights/statement", stream: str | None = None
) -> list[RightsFinding]:
    """``rights-unknown-statement`` or ``rights-noncanonical-uri`` for one statement."""
    try:
        statement = Statement.from_string(value)
    except StatementError as exc:
        return [
            RightsFinding("rights-unknown-statement", exc.message, pointer, stream, exc.suggestion)
        ]
    if statement.fixes:
        return [noncanonical_finding(statement, pointer=pointer, stream=stream)]
    return []


def noncanonical_finding(
    statement: Statement, *, pointer: str = "/rights/statement", stream: str | None = None
) -> RightsFinding:
    fixes = "; ".join(statement.fixes)
    return RightsFinding(
        "rights-noncanonical-uri",
        f"rights statement {statement.original!r} is not in canonical form ({fixes}); "
        f"write {str(statement)!r}",
        pointer,
        stream,
        str(statement),
    )


def _rights_findings(
    rights: Rights | None, has_block: bool, stream: str | None
) -> list[RightsFinding]:
    out: list[RightsFinding] = []
    if rights is None or rights.empty:
        if stream is None:
            out.append(
                RightsFinding(
                    "rights-missing",
                    "no rights: record the rights text as printed (rights.text) "
                    "or a statement URI or SPDX expression (rights.statement)",
                    "/rights" if has_block else "",
                )
            )
        elif has_block:
            out.append(
                RightsFinding(
                    "rights-missing",
                    "the stream's own rights block has neither text nor "
                    "statement (remove it to keep the document's rights)",
                    "/rights",
                    stream,
                )
            )
    if rights is not None and rights.statement_text is not None:
        out.extend(statement_findings(rights.statement_text, stream=stream))
    return out


def funder_findings(doc_meta: Mapping[str, Any]) -> list[RightsFinding]:
    """``funder-unlisted`` for each name the funder line credits that ``funders`` lacks."""
    line = doc_meta.get("funder_line")
    if not isinstance(line, str) or not line.strip():
        return []
    listed = doc_meta.get("funders")
    names = [n for n in listed if isinstance(n, str)] if isinstance(listed, list) else []
    return [
        RightsFinding(
            "funder-unlisted",
            f"funder {name!r} is named in funder_line but not listed in funders",
            "/funder_line",
        )
        for name in unlisted_funders(line, names)
    ]


def _stream_items(
    stream_metas: Mapping[str, Mapping[str, Any]] | Iterable[Mapping[str, Any]] | None,
) -> list[tuple[str, Mapping[str, Any]]]:
    if stream_metas is None:
        return []
    if isinstance(stream_metas, Mapping):
        return [(str(k), v) for k, v in stream_metas.items()]
    return [(str(m.get("id", i)), m) for i, m in enumerate(stream_metas)]


def check_record(
    doc_meta: Mapping[str, Any],
    stream_metas: Mapping[str, Mapping[str, Any]] | Iterable[Mapping[str, Any]] | None = None,
) -> list[RightsFinding]:
    """Every rights and funder problem of one record, document first, then streams by id.

    ``doc_meta`` is the ``document.yaml`` mapping; ``stream_metas`` the ``stream.yaml``
    mappings, by stream id or as a list (each with its ``id``).  Nothing is raised for bad
    input: a value of the wrong type counts as absent (the schema check reports it)."""
    out = _rights_findings(read_rights(doc_meta), _block(doc_meta) is not None, None)
    out.extend(funder_findings(doc_meta))
    for sid, meta in sorted(_stream_items(stream_metas), key=lambda x: x[0]):
        if _block(meta) is not None:
            out.extend(_rights_findings(read_rights(meta), True, sid))
    return out


# --- the report of `provenance rights` ----------------------------------------------------


@dataclass(frozen=True)
class RightsReport:
    """What ``provenance rights`` shows for a document, or for one of its streams."""

    document: str
    title: str
    url: str | None
    stream: str | None
    language: str | None
    kind: str | None
    rights: Rights | None
    source: str | None
    file: str | None
    funders: tuple[str, ...]
    credit_line: str | None
    funder_line: str | None
    streams_with_own_rights: tuple[str, ...]
    findings: tuple[RightsFinding, ...]

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape (``rights-output.schema.json``), ``format_version`` first."""
        r = self.rights
        return {
            "format_version": 1,
            "document": self.document,
            "title": self.title,
            "url": self.url,
            "stream": self.stream,
            "language": self.language,
            "rights_from": self.source,
            "file": self.file,
            "text": r.text if r else None,
            "statement": _statement_dict(r) if r and r.statement_text is not None else None,
            "holder": r.holder if r else None,
            "contact": r.contact if r else None,
            "funders": list(self.funders),
            "credit_line": self.credit_line,
            "funder_line_as_printed": self.funder_line,
            "streams_with_own_rights": list(self.streams_with_own_rights),
            "findings": [f.as_dict() for f in self.findings],
        }


def _statement_dict(rights: Rights) -> dict[str, Any]:
    st = rights.statement
    problem = rights.problem
    return {
        "as_recorded": rights.statement_text,
        "recognised": st is not None,
        "kind": st.kind if st else None,
        "canonical": str(st) if st else None,
        "uri": st.uri if st else None,
        "label": st.label if st else None,
        "short": st.short if st else None,
        "definition": st.definition if st else None,
        "spdx": st.spdx if st else None,
        "retired": st.retired if st else False,
        "fixes": list(st.fixes) if st else [],
        "problem": problem.reason if problem else None,
        "suggestion": problem.suggestion if problem else None,
    }


def rights_of(store: Store, doc_id: str, stream_id: str | None = None) -> RightsReport:
    """The rights of document ``doc_id`` (of its stream ``stream_id`` when given), the funder
    credit line, and the problems found with them."""
    doc = store.document(doc_id)
    meta = doc.meta
    streams = store.streams(doc_id)
    own = tuple(s.id for s in streams if _block(s.meta) is not None)
    stream = store.stream(doc_id, stream_id) if stream_id is not None else None
    rights, source = effective_rights(meta, stream.meta if stream else None)
    path = stream.path if stream is not None and source == "stream" else doc.path
    findings = _rights_findings(
        rights,
        _block(stream.meta if source == "stream" and stream else meta) is not None,
        stream.id if stream is not None and source == "stream" else None,
    )
    findings.extend(funder_findings(meta))
    funders = meta.get("funders")
    names = tuple(n for n in funders if isinstance(n, str)) if isinstance(funders, list) else ()
    return RightsReport(
        document=doc.id,
        title=doc.title,
        url=_text(meta.get("url")),
        stream=stream.id if stream else None,
        language=stream.language if stream else None,
        kind=stream.kind if stream else None,
        rights=rights,
        source=source if rights is not None else None,
        file=store.relpath(path) if rights is not None else None,
        funders=names,
        credit_line=credit_line(names),
        funder_line=_text(meta.get("funder_line")),
        streams_with_own_rights=tuple(s for s in own if s != (stream.id if stream else None)),
        findings=tuple(findings),
    )
