"""provenance git-setup, and provenance git-diff (the diff driver git calls)"""

from __future__ import annotations

from typing import Annotated

import typer

from .app import app
from .common import note, write
from .options import get_ctx


@app.command("git-setup")
def git_setup_command(ctx: typer.Context) -> None:
    """Make git show version texts as word diffs against their parent version: writes the
    store's .gitattributes line (version texts -text, diff=provenance) and prints the git
    config commands that name the diff driver (git diff uses it; git log -p needs
    --ext-diff, which the printed alias adds).

    Example: provenance git-setup && git config diff.provenance.command "provenance git-diff"
    """
    from ..gitdriver import setup

    done = setup(get_ctx(ctx).store.root)
    note(f"{'Wrote' if done.changed else 'Already set'}: {done.attributes}")
    write("".join(command + "\n" for command in done.commands))


@app.command("git-diff")
def git_diff_command(
    args: Annotated[
        list[str],
        typer.Argument(
            metavar="PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE",
            help="What git gives a diff driver.",
        ),
    ],
) -> None:
    """The diff driver git calls (see provenance git-setup): the word diff of a version text
    against its parent version, or against its old bytes.

    Example: provenance git-diff records/d/en/v2.txt /dev/null . . v2.txt 1a2b 100644  (as git
    calls it after provenance git-setup; git diff records/d/en/v2.txt)
    """
    from ..errors import UsageError
    from ..gitdriver import driver_diff, use_color

    if len(args) < 7:
        raise UsageError("git-diff is called by git with 7 arguments (see provenance git-setup)")
    write(driver_diff(args, color=use_color()))
