"""provenance interventions DOC/STREAM[@N] [--against @M] [--profile P] [--format text|json|csv]"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from .app import app
from .common import Color, use_color, write
from .options import ColorOption, ProfileOption, get_ctx

if TYPE_CHECKING:
    from ..model import Version
    from ..store import Store


class LedgerFormat(str, enum.Enum):
    text = "text"
    json = "json"
    csv = "csv"


def _against(store: Store, version: Version, spec: str) -> Version:
    from ..refs import relative_to

    return store.resolve(relative_to(spec, version.ref))


@app.command("interventions")
def interventions_command(
    ctx: typer.Context,
    target: Annotated[
        str,
        typer.Argument(metavar="DOC/STREAM[@N]", help="A version (latest when @N is left out)."),
    ],
    against: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--against",
            metavar="@M",
            help="Compare with version M of the same stream (or any DOC/STREAM@M), "
            "the older side: each intervention kept, added, removed, changed "
            "or absorbed into the text.",
        ),
    ] = None,
    profile: ProfileOption = None,
    fmt: Annotated[
        LedgerFormat,
        typer.Option("--format", "-f", help="Output format: text, json or csv."),
    ] = LedgerFormat.text,
    color: ColorOption = Color.auto,
) -> None:
    """List the editorial layer of a version: every square-bracketed intervention with its
    type (supplied, expansion, gloss, sic, gap, not-declassified, note, page, footnote),
    and every // page-break marker of a transcription (page-break), where it is and the
    words around it, counts by type, and unbalanced or doubtful brackets.  Types come from
    the store's profile (interventions: in provenance.yaml) or --profile; a '?' marks a
    type that is a guess.

    Example: provenance interventions my-doc/en@2 --against @1
    """
    from .. import interventions as iv
    from ..interventions.ledger import comparison_data, ledger_data
    from ..interventions.render import COMPARISON_FORMATS, FORMATS, LedgerOptions

    store = get_ctx(ctx).store
    version = store.resolve(target)
    prof = iv.store_profile(store, profile)
    text = store.read_text(version)
    options = LedgerOptions.of(prof, use_color(color))
    if against is None:
        result = iv.parse(text, prof)
        data = ledger_data(version, prof, result, iv.lint(result, prof))
        write(FORMATS[fmt.value](data, options))
        return
    old = _against(store, version, against)
    comparison = iv.compare(store.read_text(old), text, prof)
    data = comparison_data(old, version, prof, comparison)
    write(COMPARISON_FORMATS[fmt.value](data, options))
