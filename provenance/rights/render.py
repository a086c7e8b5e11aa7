"""Renderers for a :class:`~provenance.rights.record.RightsReport`: readable text, JSON and
JSON-LD.  Each is ``render(report, options) -> str`` (:mod:`provenance.rendering`);
:data:`FORMATS` maps ``--format`` names to them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..rendering import PLAIN, RenderOptions, dumps_json
from .record import RightsReport
from .statement import CREATIVE_COMMONS, RIGHTSSTATEMENTS, SPDX

if TYPE_CHECKING:
    from ..rendering import Formats

_BOLD, _DIM, _RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"
_LABEL_WIDTH = 11


def format_json(report: RightsReport, options: RenderOptions = PLAIN) -> str:
    return dumps_json(report.as_dict())


def _where(report: RightsReport) -> str:
    target = report.document + (f"/{report.stream}" if report.stream else "")
    if report.rights is None:
        return f"{target}: no rights recorded"
    if report.stream is None:
        return f"{target}: the document's rights ({report.file})"
    if report.source == "stream":
        return f"{target}: the stream's own rights ({report.file})"
    return f"{target}: the document's rights, which the stream keeps ({report.file})"


def format_text(report: RightsReport, options: RenderOptions = PLAIN) -> str:
    """The rights text and contact line verbatim, the statement with its label, the credit."""
    color = options.color

    def label(name: str) -> str:
        text = f"{name}:".ljust(_LABEL_WIDTH)
        return f"{_BOLD}{text}{_RESET}" if color else text

    def dim(text: str) -> str:
        return f"{_DIM}{text}{_RESET}" if color else text

    r = report.rights
    lines = [f"{_BOLD}{_where(report)}{_RESET}" if color else _where(report), ""]
    if r is not None and r.text is not None:
        lines += [r.text, ""]
    else:
        lines += [dim("(no rights text recorded)"), ""]
    indent = " " * _LABEL_WIDTH
    if r is None or r.statement_text is None:
        lines.append(label("Statement") + dim("none recorded"))
    elif r.statement is None:
        lines.append(label("Statement") + r.statement_text)
        problem = r.problem.reason if r.problem else "not recognised"
        lines.append(indent + dim(f"not recognised: {problem}"))
        if r.problem and r.problem.suggestion:
            lines.append(indent + dim(f"did you mean {r.problem.suggestion}?"))
    else:
        st = r.statement
        if st.kind == SPDX:
            lines.append(label("Statement") + f"{st} (SPDX licence expression)")
            if st.label:
                lines.append(indent + st.label)
        else:
            lines.append(label("Statement") + (st.label or st.short))
            lines.append(indent + str(st))
        if st.retired:
            lines.append(indent + dim("a licence Creative Commons has retired"))
        if st.fixes:
            lines.append(indent + dim(f"recorded as {r.statement_text!r}"))
    lines.append(label("Holder") + (r.holder if r and r.holder else dim("none recorded")))
    lines.append(label("Contact") + (r.contact if r and r.contact else dim("none recorded")))
    lines.append("")
    if report.credit_line:
        lines.append(label("Credit") + report.credit_line)
    else:
        lines.append(label("Credit") + dim("no funders recorded"))
    if report.streams_with_own_rights:
        lines.append("")
    for sid in report.streams_with_own_rights:
        lines.append(
            dim(
                f"Stream {sid!r} carries its own rights: provenance rights "
                f"{report.document} --stream {sid}"
            )
        )
    return "\n".join(lines) + "\n"


#: JSON-LD prefixes: Dublin Core terms, Europeana's data model (edm:rights takes
#: rightsstatements.org and Creative Commons URIs), schema.org and SKOS for labels.
CONTEXT = {
    "dcterms": "http://purl.org/dc/terms/",
    "edm": "http://www.europeana.eu/schemas/edm/",
    "schema": "http://schema.org/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
}


def jsonld(report: RightsReport) -> dict[str, Any]:
    """The report as a JSON-LD object (a plain dict)."""
    node: dict[str, Any] = {"@context": CONTEXT}
    if report.url:
        node["@id"] = report.url
    node["@type"] = "schema:CreativeWork"
    node["dcterms:identifier"] = report.document + (f"/{report.stream}" if report.stream else "")
    if report.title:
        node["dcterms:title"] = report.title
    if report.language:
        node["dcterms:language"] = report.language
    r = report.rights
    rights_literals: list[str] = []
    if r is not None and r.text is not None:
        rights_literals.append(r.text)
    st = r.statement if r is not None else None
    if r is not None and r.statement_text is not None and st is None:
        rights_literals.append(r.statement_text)  # kept, though no machine can read it
    if rights_literals:
        node["dcterms:rights"] = (
            rights_literals[0] if len(rights_literals) == 1 else rights_literals
        )
    if st is not None:
        ref: dict[str, Any] = {"@id": st.uri} if st.uri else {}
        if ref and st.label:
            ref["skos:prefLabel"] = st.label
        if st.kind in (RIGHTSSTATEMENTS, CREATIVE_COMMONS) and ref:
            node["edm:rights"] = ref
        if st.kind in (CREATIVE_COMMONS, SPDX):
            licence: Any = {"@id": st.uri} if st.uri else str(st)
            node["dcterms:license"] = licence
            node["schema:license"] = licence
    if r is not None and r.holder:
        node["dcterms:rightsHolder"] = r.holder
    if r is not None and r.contact:
        node["schema:usageInfo"] = r.contact
    if report.funders:
        # No @type: a funder may be an organisation or a person.
        node["schema:funder"] = [{"schema:name": name} for name in report.funders]
    if report.credit_line:
        node["schema:creditText"] = report.credit_line
    return node


def format_jsonld(report: RightsReport, options: RenderOptions = PLAIN) -> str:
    return dumps_json(jsonld(report))


#: ``--format`` choices and their renderers.
FORMATS: Formats[RightsReport, RenderOptions] = {
    "text": format_text,
    "json": format_json,
    "jsonld": format_jsonld,
}
