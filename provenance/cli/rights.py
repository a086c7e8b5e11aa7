"""provenance rights DOC[/STREAM] [--stream S] [--format text|json|jsonld]"""

from __future__ import annotations

import enum
from typing import Annotated, Optional

import typer

from .app import app
from .common import Color, use_color, warn, write
from .options import ColorOption, get_ctx


class RightsFormat(str, enum.Enum):
    text = "text"
    json = "json"
    jsonld = "jsonld"


@app.command("rights")
def rights_command(
    ctx: typer.Context,
    target: Annotated[
        str,
        typer.Argument(
            metavar="DOC[/STREAM]",
            help="The document (its own rights), or one of its streams (the stream's rights where "
            "it carries its own, else the document's).",
        ),
    ],
    stream: Annotated[
        Optional[str],  # noqa: UP045 - typer needs Optional on Python 3.10
        typer.Option(
            "--stream", "-s", help="The stream whose rights to show (same as DOC/STREAM)."
        ),
    ] = None,
    fmt: Annotated[
        RightsFormat,
        typer.Option(
            "--format", "-f", help="text, json, or jsonld (Dublin Core terms, EDM and schema.org)."
        ),
    ] = RightsFormat.text,
    color: ColorOption = Color.auto,
) -> None:
    """Print a document's rights: the rights text verbatim, the machine-readable statement
    with its label (rightsstatements.org, Creative Commons, SPDX), the holder and contact, and
    the funder credit line built from its funders.  A statement written in a non-canonical
    form, or not recognised, is reported on stderr with the canonical form.

    Example: provenance rights 1961-05-10-cable-ministry-of-public-security --format jsonld
    """
    from ..errors import UsageError
    from ..refs import parse_ref
    from ..rendering import RenderOptions
    from ..rights import rights_of
    from ..rights.render import FORMATS

    ref = parse_ref(target)
    if stream is not None and ref.stream is not None and stream != ref.stream:
        raise UsageError(f"{target!r} names stream {ref.stream!r} but --stream says {stream!r}")
    report = rights_of(get_ctx(ctx).store, ref.doc, stream or ref.stream)
    colored = fmt is RightsFormat.text and use_color(color)
    write(FORMATS[fmt.value](report, RenderOptions(color=colored)))
    if fmt is RightsFormat.text:
        for finding in report.findings:
            warn(f"{finding.code}: {finding.message}")
