"""provenance export DOC[/STREAM@N] --format prov-json|prov-n|prov-o|prov-xml|tei"""

from __future__ import annotations

import enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from .app import app
from .common import note, write, write_output
from .options import get_ctx

if TYPE_CHECKING:
    from ..store import Store


class ExportFormat(str, enum.Enum):
    prov_json = "prov-json"
    prov_n = "prov-n"
    prov_o = "prov-o"
    prov_xml = "prov-xml"
    tei = "tei"


def export_prov(store: Store, target: str, fmt: str, base: str | None) -> str:
    """The PROV graph of the document ``target`` names (its streams and versions, all)."""
    from ..exchange import build_prov, serialize_prov
    from ..refs import parse_ref

    doc_id = parse_ref(target).doc
    return serialize_prov(build_prov(store, doc_id, base=base), fmt)


def export_tei(store: Store, target: str, fmt: str, base: str | None) -> str:
    """A TEI P5 document of one version (``DOC`` alone: its default stream's latest)."""
    from ..tei import export_tei as build

    return build(store, target)


#: ``--format`` value -> exporter(store, target, format, base) -> text.
EXPORTERS = {
    "prov-json": export_prov,
    "prov-n": export_prov,
    "prov-o": export_prov,
    "prov-xml": export_prov,
    "tei": export_tei,
}


@app.command("export")
def export_command(
    ctx: typer.Context,
    target: Annotated[
        str,
        typer.Argument(
            metavar="DOC[/STREAM@N]",
            help="A document (PROV: its whole history), or a version (TEI).",
        ),
    ],
    fmt: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            "-f",
            help="prov-json, prov-n, prov-o (Turtle), prov-xml (W3C PROV), or tei "
            "(TEI P5 of one version, interventions encoded).",
        ),
    ] = ExportFormat.prov_json,
    output: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--output", "-o", help="Write to this file instead of standard output."),
    ] = None,
    base: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            help="Base URI of record identifiers in PROV output (default: the store's "
            "base_uri in provenance.yaml, else urn:provenance:<store name>/)."
        ),
    ] = None,
) -> None:
    """Export a document's provenance (W3C PROV) or a version as TEI P5.

    PROV holds every version as an entity with its sha256, linked to its parent by
    wasRevisionOf, to the transcription a translation translates, to the activities that made
    it and to the people (in their roles), archive, publisher and funders behind it.

    Example: provenance export my-doc --format prov-json -o my-doc.prov.json
    """
    store = get_ctx(ctx).store
    text = EXPORTERS[fmt.value](store, target, fmt.value, base)
    if output is None:
        write(text)
    else:
        write_output(store, output, text)
        note(f"Wrote {output}")
