"""provenance init [DIR]"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from .app import app
from .common import note
from .options import get_ctx


@app.command("init")
def init_command(
    ctx: typer.Context,
    folder: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Argument(
            metavar="DIR", help="Folder for the new store (default: --records, else ./records)."
        ),
    ] = None,
    name: Annotated[Optional[str], typer.Option(help="A name for the store.")] = None,  # noqa: UP045
    publisher: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(help="The digital archive or collection that publishes these records."),
    ] = None,
) -> None:
    """Create an empty record store.

    Example: provenance init records --publisher "History and Public Policy Program Digital Archive"
    """
    from ..store import DEFAULT_FOLDER, Store

    target = folder or get_ctx(ctx).records or Path(DEFAULT_FOLDER)
    Store.init(target, name=name, publisher=publisher)
    note(
        f"Initialised an empty record store in {target}: provenance.yaml shows every setting; "
        ".gitattributes keeps version texts byte for byte under git"
    )
