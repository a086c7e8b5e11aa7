"""provenance collate W1 W2 ... Wn [--sigil S ...] [--base S] [--format text|json|tei|html]"""

from __future__ import annotations

import enum
from typing import Annotated, Optional

import typer

from .app import app
from .common import Color, use_color, write
from .options import ColorOption, ProfileOption, get_ctx


class CollateFormat(str, enum.Enum):
    text = "text"
    json = "json"
    tei = "tei"
    html = "html"


@app.command("collate")
def collate_command(
    ctx: typer.Context,
    witnesses: Annotated[
        list[str],
        typer.Argument(
            metavar="W1 W2 ...",
            help="Witnesses: DOC/STREAM@N (one version), DOC/STREAM (every version of the "
            "stream, oldest first), a file, or - for standard input.",
        ),
    ],
    sigil: Annotated[
        Optional[list[str]],  # noqa: UP045 - typer needs Optional on Python 3.10
        typer.Option(
            "--sigil",
            "-s",
            help="The sigil of each witness, in order (repeat it; one per witness, a whole "
            "stream counting one per version). Default: en@2 for versions, the file name "
            "without its extension for files.",
        ),
    ] = None,
    base: Annotated[
        Optional[str],  # noqa: UP045 - typer needs Optional on Python 3.10
        typer.Option(
            "--base",
            metavar="SIGIL",
            help="The base witness: aligned first, and its readings are the lemma (<lem>) "
            "of the TEI apparatus.",
        ),
    ] = None,
    fmt: Annotated[
        CollateFormat,
        typer.Option(
            "--format",
            "-f",
            help="text (the alignment table), json (tokens, table, segments, locations, "
            "transpositions), tei (a TEI P5 critical apparatus, parallel segmentation), "
            "html (one self-contained page).",
        ),
    ] = CollateFormat.text,
    variants_only: Annotated[
        bool,
        typer.Option(
            "--variants-only", help="The text table without the passages all witnesses share."
        ),
    ] = False,
    ignore_case: Annotated[
        bool, typer.Option("--ignore-case", help="Case differences are formal, not textual.")
    ] = False,
    ignore_punctuation: Annotated[
        bool,
        typer.Option(
            "--ignore-punctuation",
            help="Punctuation is not aligned on its own: it goes with its word, and a "
            "difference in it is formal.",
        ),
    ] = False,
    ignore_quotes: Annotated[
        bool,
        typer.Option("--ignore-quotes", help="Curly and straight quotes and apostrophes alike."),
    ] = False,
    nfc: Annotated[
        bool, typer.Option("--nfc", help="Compare in Unicode NFC (é precomposed or not alike).")
    ] = False,
    spellings: Annotated[
        Optional[str],  # noqa: UP045 - typer needs Optional on Python 3.10
        typer.Option(
            "--spellings",
            metavar="FILE",
            help="A YAML table of equivalent spellings ('normal: [variant, ...]'); such "
            "differences are formal.",
        ),
    ] = None,
    brackets: Annotated[
        bool,
        typer.Option(
            "--editorial-brackets/--brackets-as-text",
            help="Read square brackets as the editorial layer (default: '[North] Korea' vs "
            "'North Korea' is an editorial variant), or as plain characters.",
        ),
    ] = True,
    profile: ProfileOption = None,
    color: ColorOption = Color.auto,
) -> None:
    """Collate two or more witnesses of one text: versions of a transcription, printings or
    independent translations.  Aligns their words (characters in Chinese, Japanese and
    Korean), finds the variant locations (textual, editorial, or formal when only an ignored
    difference separates them) and passages moved (transpositions).  Every output keeps each
    witness's text exactly.  No record store is needed for files.

    Example: provenance collate my-doc/en --base en@1 --format tei > apparatus.xml
    """
    import sys

    from ..collate import TokenOptions, collate
    from ..collate.render import FORMATS, RenderOptions
    from ..collate.tokens import load_spellings
    from ..collate.witnesses import resolve
    from ..textio import decode_utf8

    app_ctx = get_ctx(ctx)
    found = resolve(
        witnesses,
        sigil or (),
        store=lambda: app_ctx.store,
        stdin=lambda: decode_utf8(sys.stdin.buffer.read(), "<stdin>"),
    )
    options = TokenOptions(
        case=ignore_case,
        punctuation=ignore_punctuation,
        quotes=ignore_quotes,
        unicode=nfc,
        brackets=brackets,
    )
    if spellings:
        options = options._replace(spellings=load_spellings(spellings, options))
    prof = None
    if brackets:
        from ..interventions import load_profile, store_profile

        stored = any(w.kind == "version" for w in found)
        prof = store_profile(app_ctx.store, profile) if stored else load_profile(profile)
    result = collate(found, options, base=base, profile=prof)
    rendered = FORMATS[fmt.value](
        result, RenderOptions(color=use_color(color), variants_only=variants_only)
    )
    write(rendered)
