"""provenance export DOC[/STREAM@N] --format prov-json|prov-n|prov-o|prov-xml|tei"""

from __future__ import annotations

import enum
from typing import Annotated, Optional

import typer

from .app import app
from .common import note, write, write_output
from .options import OutputOption, get_ctx


class ExportFormat(str, enum.Enum):
    prov_json = "prov-json"
    prov_n = "prov-n"
    prov_o = "prov-o"
    prov_xml = "prov-xml"
    tei = "tei"


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
    output: OutputOption = None,
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
    from ..exchange.export import FORMATS, ExportOptions, ExportSubject

    store = get_ctx(ctx).store
    text = FORMATS[fmt.value](ExportSubject(store, target), ExportOptions(base=base))
    if output is None:
        write(text)
    else:
        write_output(store, output, text)
        note(f"Wrote {output}")
