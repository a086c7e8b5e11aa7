"""Reading and writing files safely: strict UTF-8, size limits, atomic writes, exclusive creates.

Texts are stored byte for byte as the user gave them; nothing here normalises line endings,
BOMs or Unicode forms.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from .errors import ConflictError, InputError

#: Largest text a version may hold.  A whole FRUS volume is about 4 MB; this leaves ample room
#: while refusing files that are plainly not transcriptions (disk images, archives).
MAX_TEXT_BYTES = 32 * 1024 * 1024
#: Largest metadata (YAML) file read.
MAX_METADATA_BYTES = 2 * 1024 * 1024


def read_bytes(path: str | Path, *, limit: int = MAX_TEXT_BYTES, what: str = "file") -> bytes:
    """Read a whole file, refusing missing files, folders and files over ``limit`` bytes."""
    p = Path(path)
    try:
        size = p.stat().st_size
        if p.is_dir():
            raise InputError(f"is a folder, not a {what}", path=p)
        if size > limit:
            raise InputError(f"{what} is {size:,} bytes, over the limit of {limit:,} bytes", path=p)
        with p.open("rb") as fh:
            data = fh.read(limit + 1)
    except FileNotFoundError:
        raise InputError(f"no such {what}", path=p) from None
    except PermissionError:
        raise InputError(f"{what} is not readable (permission denied)", path=p) from None
    except IsADirectoryError:
        raise InputError(f"is a folder, not a {what}", path=p) from None
    except OSError as exc:
        raise InputError(f"cannot read {what}: {exc.strerror or exc}", path=p) from None
    if len(data) > limit:
        raise InputError(f"{what} is over the limit of {limit:,} bytes", path=p)
    return data


def decode_utf8(data: bytes, path: str | Path | None = None, *, what: str = "text") -> str:
    """Decode strictly as UTF-8; on failure name the line and column of the first bad byte.

    A leading BOM is kept as U+FEFF in the returned string: it is part of what the user stored.
    """
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise InputError(
            f"{what} is not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})",
            path=path,
            line=line,
            column=column,
        ) from None


def read_text(path: str | Path, *, limit: int = MAX_TEXT_BYTES, what: str = "text") -> str:
    """Read a UTF-8 text exactly (no newline translation, BOM kept)."""
    return decode_utf8(read_bytes(path, limit=limit, what=what), path, what=what)


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def atomic_write(path: str | Path, data: bytes | str) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and ``os.replace``.

    Readers see the old file or the new one, never half of either.
    """
    p = Path(path)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    p.parent.mkdir(parents=True, exist_ok=True)
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=p.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, p)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(p.parent)


def create_exclusive(path: str | Path, data: bytes | str) -> None:
    """Create ``path`` with ``data``, failing if it already exists, without a window for a race.

    The content is written to a temporary file first and then linked into place with
    ``os.link``, which fails atomically when the name is taken: a reader never sees a
    half-written file, and of two racing writers exactly one wins.
    """
    p = Path(path)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    p.parent.mkdir(parents=True, exist_ok=True)
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=p.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
            fh.flush()
            os.fsync(fh.fileno())
        try:
            os.link(tmp, p)
        except FileExistsError:
            raise ConflictError("already exists and is never overwritten", path=p) from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
    _fsync_dir(p.parent)


def update_generated(path: Path, text: str, module: str, argv: list[str]) -> int:
    """The ``main`` of a module that generates a source file: write ``text`` to ``path``, or,
    with ``--check`` in ``argv``, exit status 1 (and say how to regenerate) when the file on
    disk differs from it."""
    if "--check" in argv:
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            import sys

            sys.stderr.write(f"{path} is out of date: run python -m {module}\n")
            return 1
        return 0
    atomic_write(path, text)
    return 0
