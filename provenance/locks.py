"""Advisory locks on the store's folders.

A writer locks the folder it writes in: the store's root to add a document, a document's
folder to add a stream, a stream's folder to add a version.  The lock is ``flock`` on the
folder itself, so it creates no file, and the system releases it when the process ends,
however it ends: a killed writer never leaves a stale lock behind.  Every temporary file or
staging folder is made while its folder's lock is held, so whoever holds that lock next knows
any such leftover belongs to a process that died (see :mod:`provenance.fsck`).

Locks are always taken from the top down (root, document, stream) and never nested the other
way, so two writers cannot deadlock.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def locked(folder: str | Path) -> Iterator[bool]:
    """Hold an exclusive lock on ``folder``; yields whether a real lock is held (``False``
    where the system has no ``flock``: exclusive creates still keep version numbers apart,
    but leftovers are then never removed automatically)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield False
        return
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            yield True
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
