"""provenance review BASE..HEAD [--format text|markdown|json] [-o FILE]"""

from __future__ import annotations

import enum
from typing import Annotated

import typer

from .app import app
from .common import note, write, write_output
from .options import OutputOption, ProfileOption, get_ctx


class ReviewFormat(str, enum.Enum):
    text = "text"
    markdown = "markdown"
    json = "json"


@app.command("review")
def review_command(
    ctx: typer.Context,
    spec: Annotated[
        str,
        typer.Argument(
            metavar="BASE..HEAD",
            help="The commits to review: BASE..HEAD, BASE...HEAD (from their merge base) "
            "or BASE (to HEAD).",
        ),
    ],
    fmt: Annotated[
        ReviewFormat,
        typer.Option("--format", "-f", help="text, markdown (a pull-request comment) or json."),
    ] = ReviewFormat.text,
    output: OutputOption = None,
    profile: ProfileOption = None,
) -> None:
    """Show reviewers what a range of commits changed in the record store: every document
    touched, each new version with its word diff against its parent (editorial and textual
    changes told apart) and the interventions it added or removed, metadata changes with who
    made them, and what provenance check finds (published versions of BASE must be
    unchanged).  Exit 1 when the check finds an error.

    Example: provenance review origin/main..HEAD --format markdown -o review.md
    """
    from ..review import FORMATS, build_review

    store = get_ctx(ctx).store
    review = build_review(store.root, spec, profile=profile)
    text = FORMATS[fmt.value](review)
    if output is None:
        write(text)
    else:
        write_output(store, output, text)
        note(f"Wrote {output}")
    raise typer.Exit(review.exit_code)
