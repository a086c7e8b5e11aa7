"""Witnesses from the command line's arguments: a stored version (``DOC/en@2``), a whole
stream (``DOC/en``: every version, oldest first), a file, or ``-`` (standard input)."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from ..errors import InputError, StoreError, UsageError
from .model import Witness

if TYPE_CHECKING:
    from ..store import Store


def _looks_like_ref(arg: str) -> bool:
    return arg.count("/") <= 1 and not arg.startswith((".", "/", "~")) and "\\" not in arg


def _parses(arg: str) -> bool:
    from ..refs import parse_ref

    try:
        parse_ref(arg)
    except UsageError:
        return False
    return True


def _file_sigil(path: str) -> str:
    name = os.path.basename(path.rstrip("/\\")) or path
    stem, _ = os.path.splitext(name)
    return stem or name


def _unique(sigla: list[str]) -> list[str]:
    out: list[str] = []
    seen: set[str] = set()
    for s in sigla:
        cand, n = s, 2
        while cand in seen:
            cand = f"{s}-{n}"
            n += 1
        seen.add(cand)
        out.append(cand)
    return out


def resolve(
    specs: Sequence[str],
    sigla: Sequence[str] = (),
    *,
    store: Callable[[], Store] | None = None,
    stdin: Callable[[], str] | None = None,
) -> list[Witness]:
    """The witnesses the arguments name, with their sigla (given, or made from the names).

    ``store`` is called only when an argument needs the record store; ``stdin`` reads ``-``."""
    from ..refs import parse_ref
    from ..textio import read_text

    found: list[tuple[str, str, str, str]] = []  # (default sigil, text, source, kind)
    versions: list[tuple[str, str]] = []  # (doc, stream) of each stored witness, for sigla
    opened: Store | None = None
    used_stdin = False
    for arg in specs:
        if arg == "-":
            if used_stdin:
                raise UsageError("only one witness can be read from standard input ('-')")
            if stdin is None:
                raise UsageError("standard input ('-') is not available here")
            used_stdin = True
            found.append(("stdin", stdin(), "<stdin>", "stdin"))
            continue
        if os.path.exists(arg) or not _looks_like_ref(arg) or not _parses(arg):
            if not os.path.exists(arg):
                raise InputError("no such file", path=arg)
            if os.path.isdir(arg):
                raise InputError("is a folder, not a text file", path=arg)
            found.append((_file_sigil(arg), read_text(arg), arg, "file"))
            continue
        if store is None:
            raise InputError("no such file", path=arg)
        if opened is None:
            try:
                opened = store()
            except StoreError as exc:
                raise InputError(f"{arg}: no such file, and {exc.message}") from None
        try:
            ref = parse_ref(arg)
            if ref.version is None and "@" not in arg:
                stream = ref.stream or opened.default_stream(ref.doc).id
                listed = opened.versions(ref.doc, stream)
                if not listed:
                    raise UsageError(f"stream {ref.doc}/{stream} has no versions yet")
            else:
                listed = [opened.resolve(ref)]
        except StoreError as exc:
            raise InputError(f"{arg}: no such file, and {exc.message}") from None
        for v in listed:
            versions.append((v.doc_id, v.stream_id))
            found.append((v.ref, opened.read_text(v), v.ref, "version"))
    if sigla:
        if len(sigla) != len(found):
            raise UsageError(
                f"{len(sigla)} --sigil given for {len(found)} witnesses "
                "(a whole stream counts one witness per version); give one per witness or none"
            )
        names = list(sigla)
    else:
        docs = {d for d, _ in versions}
        names = []
        for default, _, source, kind in found:
            if kind == "version" and len(docs) == 1:
                default = source.split("/", 1)[1]  # en@2: the document is the same for all
            names.append(default)
        names = _unique(names)
    for s in names:
        if not s or re.search(r"\s", s):
            raise UsageError(f"a sigil must be a word without spaces, not {s!r}")
    return [
        Witness(sigil, text, source, kind)
        for sigil, (_, text, source, kind) in zip(names, found, strict=True)
    ]
