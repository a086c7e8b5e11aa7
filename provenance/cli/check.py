"""provenance check [PATH...] [--format F] [--select R] [--ignore R] [--since REF]"""

from __future__ import annotations

import enum
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import IO, Annotated, Optional

import typer

from .app import app
from .common import Color, note, use_color, write, write_output
from .options import ColorOption, OutputOption, get_ctx


class CheckFormat(str, enum.Enum):
    text = "text"
    json = "json"
    github = "github"
    junit = "junit"
    sarif = "sarif"


def _store_root(records: Optional[Path], paths: list[Path]) -> Path:  # noqa: UP045
    """The store: --records, else the one holding the first PATH, else the usual search."""
    from ..layout import find_store_root

    if records is not None or not paths:
        return find_store_root(records).absolute()
    first = paths[0] if paths[0].is_dir() else paths[0].parent
    return find_store_root(None, start=first).absolute()


def progress_bar(stream: IO[str] | None = None) -> Callable[[int, int], None] | None:
    """A one-line progress bar for long runs (from 2,000 files) on a terminal's stderr; None
    in CI or when stderr is not a terminal."""
    out = stream or sys.stderr
    if not out.isatty() or os.environ.get("CI"):
        return None
    state = {"shown": False}

    def show(done: int, total: int) -> None:
        if total < 2000 and not state["shown"]:
            return
        state["shown"] = True
        width = 30
        filled = width * done // max(total, 1)
        out.write(f"\rchecking [{'#' * filled}{'.' * (width - filled)}] {done}/{total} files")
        if done >= total:
            out.write("\r" + " " * (width + 40) + "\r")
        out.flush()

    return show


@app.command("check")
def check_command(
    ctx: typer.Context,
    paths: Annotated[
        Optional[list[Path]],  # noqa: UP045 - typer needs Optional on Python 3.10
        typer.Argument(
            metavar="PATH...",
            help="Documents, folders or files to check (default: the whole store).",
        ),
    ] = None,
    fmt: Annotated[
        CheckFormat,
        typer.Option(
            "--format",
            "-f",
            help="text (grouped by file), json, github (workflow commands), junit (XML), sarif.",
        ),
    ] = CheckFormat.text,
    select: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option(
            "--select",
            help="Rules to run instead of the configured set: codes, "
            "globs (rights-*), 'default' or 'ALL'; repeat or separate with commas.",
        ),
    ] = None,
    ignore: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option("--ignore", help="Rules not to run (codes or globs)."),
    ] = None,
    since: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--since",
            metavar="REF",
            help="Check only documents changed since this git reference, and report "
            "published versions whose bytes changed since it.",
        ),
    ] = None,
    published: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--published",
            metavar="REF",
            help="The git reference whose versions count as published (default: the store's "
            "check.published_ref, else HEAD; in CI the pull request's base).  Every "
            "published version must be unchanged in the work tree.",
        ),
    ] = None,
    no_cache: Annotated[
        bool,
        typer.Option("--no-cache", help="Analyse every file afresh (and do not write the cache)."),
    ] = False,
    output: OutputOption = None,
    jobs: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            help="Processes to use (default: one: on two cores a pool was measured slower).",
        ),
    ] = None,
    list_rules: Annotated[
        bool,
        typer.Option(
            "--list-rules", help="List every rule with its code, severity and description."
        ),
    ] = False,
    color: ColorOption = Color.auto,
) -> None:
    """Check the record store for CI: metadata against the schemas, texts against their
    hashes, version chains, translators, sources, rights and funders, citations, the
    editorial brackets, symlinks.  Inside git, every version published in HEAD (or
    --published REF) must be unchanged, whatever its record now says.  Exit 0 with no
    error-level finding, 1 with any, 2 when the check could not run.

    Example: provenance check records/ --format github
    """
    if list_rules:
        from ..check import RULES
        from ..check.render import RULE_FORMATS
        from ..errors import UsageError
        from ..rendering import PLAIN

        if fmt.value not in RULE_FORMATS:
            raise UsageError(f"--list-rules prints {' or '.join(RULE_FORMATS)}, not {fmt.value}")
        write(RULE_FORMATS[fmt.value](list(RULES.values()), PLAIN))
        return
    from ..check import FORMATS, run_check

    app_ctx = get_ctx(ctx)
    given = list(paths or [])
    root = _store_root(app_ctx.records, given)
    result = run_check(
        root,
        given,
        select=select or (),
        ignore=ignore or (),
        since=since,
        published=published,
        use_cache=not no_cache,
        workers=jobs,
        progress=progress_bar(),
    )
    from ..rendering import RenderOptions

    text = FORMATS[fmt.value](result, RenderOptions(color=output is None and use_color(color)))
    if output is None:
        write(text)
    else:
        from ..check.render import summary_line

        write_output(root, output, text)
        note(f"Wrote {output}. {summary_line(result)}")
    raise typer.Exit(result.exit_code)
