"""provenance report OLD NEW -o FILE.html"""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from .app import app
from .common import note, write, write_output
from .options import OutputOption, ProfileOption, get_ctx


@app.command("report")
def report_command(
    ctx: typer.Context,
    old: Annotated[str, typer.Argument(metavar="OLD", help="The old version, DOC/STREAM@N.")],
    new: Annotated[str, typer.Argument(metavar="NEW", help="The new version, DOC/STREAM@N.")],
    output: OutputOption = None,
    date: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(help="The report's date as printed on it (default: today)."),
    ] = None,
    profile: ProfileOption = None,
) -> None:
    """Write one self-contained HTML page for reviewers: the two versions side by side with
    word changes and editorial (bracket) changes in distinct colours, the interventions added,
    removed, changed or absorbed, the metadata changes, and the citation of each side.  It
    needs no network and runs no scripts.  Changes are classed as provenance diff classes
    them, and interventions compared as provenance interventions --against compares them.

    Example: provenance report my-doc/en@1 my-doc/en@2 -o review.html
    """
    from ..report import build_report, render_html

    report = build_report(get_ctx(ctx).store, old, new, generated=date or "", profile=profile)
    page = render_html(report)
    if output is None:
        write(page)
        return
    write_output(get_ctx(ctx).store, output, page)
    note(
        f"Wrote {output}: {len(report.changes)} changes "
        f"({report.count('textual')} word, {report.count('editorial')} editorial)"
    )
