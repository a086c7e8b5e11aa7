"""What every command shares: the context object, colour and output helpers (the typer
option declarations are in :mod:`provenance.cli.options`)."""

from __future__ import annotations

import enum
import os
import sys
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..store import Store


class AppContext:
    """Built by the root callback; the store is opened lazily, only by commands that need it."""

    def __init__(self, records: Path | None = None, debug: bool = False) -> None:
        self.records = records
        self.debug = debug
        self._store: Store | None = None

    @property
    def store(self) -> Store:
        if self._store is None:
            from ..store import find_store

            self._store = find_store(self.records)
        return self._store


class Color(str, enum.Enum):
    auto = "auto"
    always = "always"
    never = "never"


def use_color(choice: Color | str, stream: IO[str] | None = None) -> bool:
    """Whether to colour: ``always``/``never`` win; ``auto`` means a terminal and no $NO_COLOR."""
    value = choice.value if isinstance(choice, Color) else choice
    if value == "always":
        return True
    if value == "never":
        return False
    if os.environ.get("NO_COLOR"):
        return False
    s = stream or sys.stdout
    return bool(getattr(s, "isatty", lambda: False)())


def dumps_json(data: Any) -> str:
    """Machine-readable output, as every renderer writes it
    (:func:`provenance.rendering.dumps_json`)."""
    from ..rendering import dumps_json

    return dumps_json(data)


def write(text: str) -> None:
    sys.stdout.write(text)


def write_bytes(data: bytes) -> None:
    """Write exact bytes (texts keep their CRLF, BOM and all)."""
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


def write_output(store: Store | Path | None, output: str | Path, text: str | bytes) -> None:
    """Write a command's ``-o`` file atomically, refusing a path inside the store."""
    from ..store import Store
    from ..textio import atomic_write

    if store is not None:
        (store if isinstance(store, Store) else Store(Path(store))).refuse_output(output)
    atomic_write(output, text)


def warn(message: str) -> None:
    sys.stderr.write(f"provenance: warning: {message}\n")


def note(message: str) -> None:
    sys.stderr.write(f"{message}\n")


def report_recovered(store: Store) -> None:
    """Say which leftovers of killed writers the store's writes removed (one line each)."""
    for item in store.recovered:
        digest = f", sha256 {item.sha256[:12]}" if item.sha256 else ""
        note(
            f"provenance: recovered: removed {store.relpath(item.path)} ({item.reason}; "
            f"{item.size:,} bytes{digest})"
        )
    store.recovered.clear()


class OutputFormat(str, enum.Enum):
    """For commands whose output is data: readable text, or JSON for scripts."""

    text = "text"
    json = "json"
