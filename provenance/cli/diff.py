"""provenance diff OLD NEW: two versions, two files, or a file and standard input."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from .app import app
from .common import AppContext, Color, use_color, warn, write
from .options import ColorOption, ProfileOption, get_ctx

if TYPE_CHECKING:
    from ..diff import DiffOptions, DiffResult
    from ..model import Version
    from ..store import Store

#: Exit status when --time-limit ran out and the result is coarser than word by word.
EXIT_INCOMPLETE = 4


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
    a, b, store = resolve_sides(get_ctx(ctx), old, new)
    if metadata:
        differs = _metadata(a, b, store, fmt.value, stat, color)
        raise typer.Exit(1 if exit_code and differs else 0)

    from ..diff import DiffOptions
    from ..diff.render import FORMATS, RenderOptions

    options = DiffOptions(
        ignore_whitespace=ignore_whitespace,
        ignore_case=ignore_case,
        ignore_quotes=ignore_quotes,
        ignore_punctuation=ignore_punctuation,
        nfc=nfc,
        time_limit=time_limit,
    )
    result = _compare(a, b, store, profile, options)
    render = RenderOptions(
        context=context,
        stat=stat,
        color=fmt is DiffFormat.text and use_color(color),
        only=frozenset({only.value}) if only else None,
    )
    write(FORMATS[fmt.value](result, render))
    for message in result.warnings:
        warn(message)
    if result.degraded:
        raise typer.Exit(EXIT_INCOMPLETE)
    raise typer.Exit(1 if exit_code and result.differs else 0)


class Side:
    """One side of the comparison: a version in the store, a file, or standard input."""

    def __init__(
        self,
        label: str,
        version: Version | None = None,
        path: str | None = None,
        stdin: bool = False,
    ) -> None:
        self.label = label
        self.version = version
        self.path = path
        self.stdin = stdin

    def text(self, store: Store | None) -> str:
        if self.version is not None:
            assert store is not None
            return store.read_text(self.version)
        from ..textio import decode_utf8, read_text

        if self.stdin:
            import sys

            return decode_utf8(sys.stdin.buffer.read(), "<stdin>")
        assert self.path is not None
        return read_text(self.path)

    def record(self, store: Store | None) -> tuple[Any, Any]:
        """The metadata to compare and a function giving the line of a JSON pointer."""
        from .. import yamlio

        if self.version is None:
            if self.stdin:
                import sys

                doc = yamlio.loads(sys.stdin.read(), "<stdin>")
            else:
                doc = yamlio.load(self.path or "")
            return doc.data, doc.line_of
        assert store is not None
        from ..diff.metadata import version_records

        return version_records(store, self.version)


def _looks_like_ref(arg: str) -> bool:
    return arg.count("/") <= 1 and not arg.startswith((".", "/", "~")) and "\\" not in arg


def resolve_sides(app: AppContext, old: str, new: str) -> tuple[Side, Side, Store | None]:
    """Each argument as a side: ``-`` (standard input), an existing file, ``DOC/STREAM@N``
    (or ``@N``, the other side's stream).  The store is opened only if a side needs it."""
    import os

    from ..errors import InputError, UsageError

    if old == "-" and new == "-":
        raise UsageError("only one side can be read from standard input ('-')")
    store: Store | None = None
    sides: list[Side | None] = [None, None]
    refs: dict[int, str] = {}
    for i, arg in enumerate((old, new)):
        if arg == "-":
            sides[i] = Side("<stdin>", stdin=True)
        elif os.path.exists(arg) or not _looks_like_ref(arg):
            if not os.path.exists(arg):
                raise InputError("no such file", path=arg)
            sides[i] = Side(arg, path=arg)
        else:
            refs[i] = arg
    for i, arg in refs.items():
        if arg.startswith("@"):
            from ..refs import relative_to

            arg = relative_to(arg, refs.get(1 - i, ""))
        if store is None:
            store = app.store
        from ..errors import StoreError

        try:
            version = store.resolve(arg)
        except StoreError as exc:
            raise InputError(f"{arg}: no such file, and {exc.message}") from None
        sides[i] = Side(version.ref, version=version)
    a, b = sides
    assert a is not None and b is not None
    return a, b, store


def _compare(
    a: Side, b: Side, store: Store | None, profile: str | None, options: DiffOptions
) -> DiffResult:
    """The classed diff: of two versions as the library compares them, else of the texts,
    by the bracket profile given, else the store's (when a side is a version), else the
    default one."""
    if a.version is not None and b.version is not None:
        from ..comparison import compare_versions

        assert store is not None
        return compare_versions(store, a.version, b.version, profile, options=options).diff
    from ..comparison import classed_diff
    from ..interventions import load_profile, store_profile

    prof = load_profile(profile) if store is None else store_profile(store, profile)
    return classed_diff(
        a.text(store), b.text(store), prof, options=options, old_label=a.label, new_label=b.label
    )


def _metadata(a: Side, b: Side, store: Store | None, fmt: str, stat: bool, color: Color) -> bool:
    from ..diff import metadata as md
    from ..diff.present import RenderOptions

    old, old_line = a.record(store)
    new, new_line = b.record(store)
    diff = md.diff_metadata(
        old, new, old_label=a.label, new_label=b.label, old_line_of=old_line, new_line_of=new_line
    )
    options = RenderOptions(color=fmt == "text" and use_color(color), stat=stat)
    write(md.FORMATS[fmt](diff, options))
    return diff.differs
