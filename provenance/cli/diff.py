"""provenance diff OLD NEW (the options; what it does is in :mod:`.diff_run`)."""

from __future__ import annotations

import enum
from typing import Annotated, Optional

import typer

from .app import app
from .common import Color
from .interventions import ProfileOption
from .options import ColorOption, get_ctx


class DiffFormat(str, enum.Enum):
    text = "text"
    json = "json"
    markdown = "markdown"
    html = "html"


class ChangeClass(str, enum.Enum):
    """The classes of change (see provenance.interventions.classify)."""

    editorial = "editorial"
    textual = "textual"
    whitespace = "whitespace"


@app.command("diff")
def diff_command(
    ctx: typer.Context,
    old: Annotated[
        str, typer.Argument(metavar="OLD", help="DOC/STREAM@N, a file, or - for standard input.")
    ],
    new: Annotated[
        str,
        typer.Argument(
            metavar="NEW", help="DOC/STREAM@N (or @N: the same stream as OLD), a file, or -."
        ),
    ],
    fmt: Annotated[
        DiffFormat,
        typer.Option(
            "--format",
            "-f",
            help="text (inline [-old-]{+new+}), json, markdown (for a pull "
            "request), html (one page, inline and side by side).",
        ),
    ] = DiffFormat.text,
    stat: Annotated[
        bool,
        typer.Option(
            "--stat",
            help="Only the summary: words changed, inserted, deleted; lines touched "
            "(JSON always has it).",
        ),
    ] = False,
    exit_code: Annotated[
        bool, typer.Option("--exit-code", help="Exit 1 when the texts differ, 0 when they do not.")
    ] = False,
    only: Annotated[
        Optional[ChangeClass],  # noqa: UP045 - typer needs Optional on Python 3.10
        typer.Option(
            "--only",
            help="Show only the editorial changes (in the square-bracket "
            "layer), the textual ones (the translated words), or those of "
            "whitespace and punctuation only; --stat counts each class.",
        ),
    ] = None,
    profile: ProfileOption = None,
    context: Annotated[
        int,
        typer.Option(
            "--context", "-C", min=0, metavar="N", help="Words of context on each side of a change."
        ),
    ] = 3,
    color: ColorOption = Color.auto,
    ignore_whitespace: Annotated[
        bool,
        typer.Option(
            "--ignore-whitespace",
            help="Ignore whitespace: NBSP vs space, CRLF vs LF, runs of "
            "spaces, a BOM, and spaces added or removed between words and punctuation.",
        ),
    ] = False,
    ignore_case: Annotated[
        bool, typer.Option("--ignore-case", help="Ignore differences of case.")
    ] = False,
    ignore_quotes: Annotated[
        bool,
        typer.Option("--ignore-quotes", help="Ignore curly vs straight quotes and apostrophes."),
    ] = False,
    ignore_punctuation: Annotated[
        bool, typer.Option("--ignore-punctuation", help="Ignore punctuation.")
    ] = False,
    nfc: Annotated[
        bool,
        typer.Option(
            "--nfc",
            help="Compare in Unicode NFC (a precomposed é equals e + combining accent; "
            "without it such a change is shown, labelled 'unicode').",
        ),
    ] = False,
    metadata: Annotated[
        bool,
        typer.Option(
            "--metadata",
            help="Compare the versions' metadata records (or two YAML files) "
            "instead of their texts: fields changed, added and removed.",
        ),
    ] = False,
    time_limit: Annotated[
        Optional[float],  # noqa: UP045 - typer needs Optional on Python 3.10
        typer.Option(
            "--time-limit",
            metavar="SECONDS",
            min=0.001,
            help="Stop refining word by word after this long: the rest is compared "
            "by whole lines, a warning says so and the exit status is 4. Without it "
            "the diff is always complete.",
        ),
    ] = None,
) -> None:
    """Show which words changed between two versions of a text, or two files (no record
    store needed for files).  Chinese, Japanese and Korean text is compared character by
    character.  Whitespace-only, quote-only and case-only changes are shown and labelled as
    such unless an --ignore option hides them.  Exit 0, or with --exit-code 1 when they
    differ; 2 on bad input; 4 when --time-limit ran out.

    Example: provenance diff my-doc/en@1 my-doc/en@2 --format html > changes.html
    """
    from .diff_run import run

    raise typer.Exit(
        run(
            get_ctx(ctx),
            old,
            new,
            fmt=fmt.value,
            stat=stat,
            exit_code=exit_code,
            only=only.value if only else None,
            profile=profile,
            context=context,
            color=color.value,
            ignore_whitespace=ignore_whitespace,
            ignore_case=ignore_case,
            ignore_quotes=ignore_quotes,
            ignore_punctuation=ignore_punctuation,
            nfc=nfc,
            metadata=metadata,
            time_limit=time_limit,
        )
    )
