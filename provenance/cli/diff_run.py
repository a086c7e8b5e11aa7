"""What ``provenance diff`` does, without the command-line framework.

The typer command (:mod:`provenance.cli.diff`) and the fast path (:mod:`provenance.cli.fast`)
both call :func:`run`; nothing here imports typer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .common import AppContext, use_color, warn, write

if TYPE_CHECKING:
    from ..store import Store

#: Exit status when --time-limit ran out and the result is coarser than word by word.
EXIT_INCOMPLETE = 4


class Side:
    """One side of the comparison: a version in the store, a file, or standard input."""

    def __init__(
        self, label: str, version: Any = None, path: str | None = None, stdin: bool = False
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
            other = refs.get(1 - i, "")
            if not other or other.startswith("@"):
                raise UsageError(
                    f"{arg!r} names a version of the other side's stream, but the "
                    "other side is not a version (use DOC/STREAM@N)"
                )
            arg = other.split("@", 1)[0] + arg
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


def run(
    app: AppContext,
    old: str,
    new: str,
    *,
    fmt: str = "text",
    stat: bool = False,
    exit_code: bool = False,
    only: str | None = None,
    profile: str | None = None,
    context: int = 3,
    color: str = "auto",
    ignore_whitespace: bool = False,
    ignore_case: bool = False,
    ignore_quotes: bool = False,
    ignore_punctuation: bool = False,
    nfc: bool = False,
    metadata: bool = False,
    time_limit: float | None = None,
) -> int:
    """Compare, print, and return the exit status (0; 1 with ``exit_code`` when the sides
    differ; :data:`EXIT_INCOMPLETE` when ``time_limit`` ran out)."""
    a, b, store = resolve_sides(app, old, new)
    if metadata:
        differs = _metadata(a, b, store, fmt, stat, color)
        return 1 if exit_code and differs else 0

    from ..diff import DiffOptions, diff_texts
    from ..diff.render import RENDERERS, RenderOptions

    options = DiffOptions(
        ignore_whitespace=ignore_whitespace,
        ignore_case=ignore_case,
        ignore_quotes=ignore_quotes,
        ignore_punctuation=ignore_punctuation,
        nfc=nfc,
        time_limit=time_limit,
    )
    result = diff_texts(
        a.text(store), b.text(store), options=options, old_label=a.label, new_label=b.label
    )
    result = _classed(result, store, profile)
    render = RenderOptions(
        context=context,
        stat=stat,
        color=fmt == "text" and use_color(color),
        only=frozenset({only}) if only else None,
    )
    write(RENDERERS[fmt](result, render))
    for message in result.warnings:
        warn(message)
    if result.degraded:
        return EXIT_INCOMPLETE
    return 1 if exit_code and result.differs else 0


def _classed(result: Any, store: Store | None, profile: str | None) -> Any:
    """Each change classed editorial, textual or whitespace, by the bracket profile given,
    else the store's (when a side is a version), else the default one."""
    from ..interventions import load_profile, store_profile
    from ..interventions.classify import categorize

    prof = load_profile(profile) if store is None else store_profile(store, profile)
    return categorize(result, prof)


def _metadata(a: Side, b: Side, store: Store | None, fmt: str, stat: bool, color: str) -> bool:
    from ..diff import metadata as md

    old, old_line = a.record(store)
    new, new_line = b.record(store)
    diff = md.diff_metadata(
        old, new, old_label=a.label, new_label=b.label, old_line_of=old_line, new_line_of=new_line
    )
    write(md.RENDERERS[fmt](diff, fmt == "text" and use_color(color), stat))
    return diff.differs
