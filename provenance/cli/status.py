"""provenance status [DOC]"""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from .app import app
from .common import Color, OutputFormat, use_color, write
from .options import ColorOption, FormatOption, get_ctx


@app.command("status")
def status_command(
    ctx: typer.Context,
    target: Annotated[
        Optional[str],  # noqa: UP045
        typer.Argument(metavar="[DOC]", help="One document (default: the whole store)."),
    ] = None,
    fmt: FormatOption = OutputFormat.text,
    color: ColorOption = Color.auto,
) -> None:
    """Where the store stands, like 'git status': per document, each stream's latest version,
    the translations made from an older version of their original (with the paragraphs of
    the original that changed and those of the translation to review), and missing credits
    or rights.

    Example: provenance status my-doc --format json
    """
    from ..refs import parse_ref
    from ..rendering import RenderOptions
    from ..status import FORMATS, store_status

    store = get_ctx(ctx).store
    doc_id = None
    if target is not None:
        ref = parse_ref(target)
        doc_id = ref.doc
    result = store_status(store, doc_id)
    write(FORMATS[fmt.value](result, RenderOptions(color=use_color(color))))
