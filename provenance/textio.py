"""Reading and writing files safely: strict UTF-8, size limits, atomic writes, exclusive creates.

Texts are stored byte for byte as the user gave them; nothing here normalises line endings,
BOMs or Unicode forms.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import ConflictError, InputError

if TYPE_CHECKING:
    import re

#: Largest text a version may hold.  A whole FRUS volume is about 4 MB; this leaves ample room
#: while refusing files that are plainly not transcriptions (disk images, archives).
MAX_TEXT_BYTES = 32 * 1024 * 1024
#: Largest metadata (YAML) file read.
MAX_METADATA_BYTES = 2 * 1024 * 1024


def read_bytes(
    path: str | Path,
    *,
    limit: int = MAX_TEXT_BYTES,
    what: str = "file",
    regular: bool = False,
    no_follow: bool = False,
) -> bytes:
    """Read a whole file, refusing missing files, folders and files over ``limit`` bytes.

    ``regular`` refuses anything but a regular file (a FIFO, a device) without blocking on
    it; ``no_follow`` refuses a symlink.  Files of the store are read with both; a file the
    user names may be a pipe (``diff <(...) <(...)``)."""
    p = Path(path)
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0)
    if regular:
        flags |= getattr(os, "O_NONBLOCK", 0)
    if no_follow:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        try:
            fd = os.open(p, flags)
        except OSError as exc:
            if no_follow and os.path.islink(p):
                raise InputError(f"{what} is a symlink, which is never followed", path=p) from None
            raise exc
        with os.fdopen(fd, "rb") as fh:
            st = os.fstat(fd)
            if stat.S_ISDIR(st.st_mode):
                raise InputError(f"is a folder, not a {what}", path=p)
            if regular and not stat.S_ISREG(st.st_mode):
                raise InputError(f"{what} is not a regular file", path=p)
            if stat.S_ISREG(st.st_mode) and st.st_size > limit:
                raise InputError(
                    f"{what} is {st.st_size:,} bytes, over the limit of {limit:,} bytes", path=p
                )
            if regular and hasattr(os, "set_blocking"):
                os.set_blocking(fd, True)
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


def fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def file_mode() -> int:
    """The mode a new file gets under the process's umask (``0o644`` under ``022``)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def folder_mode() -> int:
    """The mode a new folder gets under the process's umask (``0o755`` under ``022``)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o777 & ~mask


def _temp_copy(folder: Path, name: str, raw: bytes) -> str:
    """``raw`` in a new temporary file of ``folder`` (``.NAME.XXXXXXXX.tmp``), flushed to disk,
    with the mode a file created by the user would have (not ``mkstemp``'s 0600)."""
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            if hasattr(os, "fchmod"):
                os.fchmod(fh.fileno(), file_mode())
            fh.write(raw)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return tmp


def atomic_write(path: str | Path, data: bytes | str) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and ``os.replace``.

    Readers see the old file or the new one, never half of either.
    """
    p = Path(path)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    p.parent.mkdir(parents=True, exist_ok=True)
    tmp = _temp_copy(p.parent, p.name, raw)
    try:
        os.replace(tmp, p)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_dir(p.parent)


def create_exclusive(path: str | Path, data: bytes | str) -> None:
    """Create ``path`` with ``data``, failing if it already exists, without a window for a race.

    The content is written to a temporary file first and then linked into place with
    ``os.link``, which fails atomically when the name is taken: a reader never sees a
    half-written file, and of two racing writers exactly one wins.
    """
    p = Path(path)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    p.parent.mkdir(parents=True, exist_ok=True)
    tmp = _temp_copy(p.parent, p.name, raw)
    try:
        try:
            os.link(tmp, p)
        except FileExistsError:
            raise ConflictError("already exists and is never overwritten", path=p) from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
    fsync_dir(p.parent)


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


_CONTROL: re.Pattern[str] | None = None


def printable(text: str, *, newlines: bool = False) -> str:
    """``text`` safe to print on a terminal: C0 and C1 control characters (ESC starting an
    escape sequence, a carriage return overwriting the line, a bell), DEL and the
    bidirectional overrides that reorder what a reader sees are shown as ``\\x1b``,
    ``\\u202e``...  A tab is kept, and line breaks (LF, CRLF) where ``newlines``."""
    global _CONTROL
    if _CONTROL is None:
        import re

        _CONTROL = re.compile(
            "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\n]"
        )
    if text.isascii() and text.isprintable():
        return text

    def escape(m: re.Match[str]) -> str:
        ch: str = m[0]
        if newlines and (ch == "\n" or (ch == "\r" and m.string[m.end() : m.end() + 1] == "\n")):
            return ch  # a line break, CRLF included
        code = ord(ch)
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    out: str = _CONTROL.sub(escape, text)
    return out
