"""git's view of version texts: a diff driver so that ``git diff`` (and ``git log -p
--ext-diff``) of a version file shows the word diff against its parent version, where git
alone shows every line of a new version as added.

``provenance git-setup`` marks the store's version texts with ``diff=provenance`` in the
store's ``.gitattributes`` (beside ``-text``, which keeps them byte for byte) and gives the
``git config`` command naming :func:`driver_diff` as the driver.  git calls the driver with
seven arguments (path, old file, old hash, old mode, new file, new hash, new mode; ``/dev/null``
for a side that does not exist).
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .storefiles import GITATTRIBUTES_FILE, TEXT_PATTERN, gitattributes
from .textio import atomic_write

if TYPE_CHECKING:
    from .diff.result import DiffResult

DRIVER = "provenance"
CONFIG_COMMAND = f'git config diff.{DRIVER}.command "provenance git-diff"'
LOG_ALIAS_COMMAND = 'git config alias.vlog "log -p --ext-diff"'

_VERSION_PATH = re.compile(r"(?:^|/)([^/]+)/([^/]+)/v([1-9][0-9]*)\.txt$")
_LINE = re.compile(rf"^{re.escape(TEXT_PATTERN)}(\s.*)?$")


@dataclass(frozen=True)
class Setup:
    """What ``git-setup`` did: the attributes file, whether it changed, and the commands
    the user runs to name the driver."""

    attributes: Path
    changed: bool
    commands: tuple[str, ...] = (CONFIG_COMMAND, LOG_ALIAS_COMMAND)


def setup(store_root: Path) -> Setup:
    """Write (or complete) the store's ``.gitattributes`` line for version texts: ``-text``
    and ``diff=provenance``.  Other lines are kept as they are."""
    from .textio import decode_utf8, read_bytes

    path = Path(store_root) / GITATTRIBUTES_FILE
    wanted = f"{TEXT_PATTERN} -text diff={DRIVER}"
    if not os.path.lexists(path):
        atomic_write(path, gitattributes(DRIVER))
        return Setup(path, True)
    # never through a symlink: what it points to would be copied into the store
    text = decode_utf8(read_bytes(path, what="file", regular=True, no_follow=True), path)
    lines = text.splitlines()
    out, found = [], False
    for line in lines:
        if _LINE.match(line.strip()):
            found = True
            attrs = line.split()[1:]
            attrs = [a for a in attrs if not a.startswith(("diff", "-diff", "text", "-text"))]
            line = " ".join([TEXT_PATTERN, "-text", f"diff={DRIVER}", *attrs])
        out.append(line)
    if not found:
        out.append(wanted)
    new = "\n".join(out) + "\n"
    if new == text:
        return Setup(path, False)
    atomic_write(path, new)
    return Setup(path, True)


def _top() -> Path:
    out = subprocess.run(
        ["git", "rev-parse", "--show-toplevel"], capture_output=True, check=False, text=True
    )
    return Path(out.stdout.strip() or ".").resolve()


def _read(path: str) -> bytes | None:
    if path == "/dev/null":
        return None
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except OSError:
        return None


def _read_inside(path: Path, top: Path) -> bytes | None:
    """A version text of the working tree, read only when it is a regular file inside
    ``top`` (the store, or the repository) and not a symlink (its target, outside the store,
    must never be printed)."""
    from .errors import ProvenanceError
    from .textio import read_bytes

    real, root = os.path.realpath(path.parent), os.path.realpath(top)
    if real != root and not real.startswith(root.rstrip(os.sep) + os.sep):
        return None
    try:
        return read_bytes(path, regular=True, no_follow=True)
    except ProvenanceError:
        return None


def _parent_number(folder: Path, number: int) -> int | None:
    """The parent the version's record names (the version before it where unreadable)."""
    from . import yamlio
    from .errors import ProvenanceError

    try:
        data = yamlio.load(folder / f"v{number}.yaml", store_file=True).data
    except (ProvenanceError, OSError):
        data = None
    parent = data.get("parent") if isinstance(data, dict) else number - 1
    return parent if isinstance(parent, int) and 0 < parent < number else None


def _store_for(top: Path, path: str) -> Path | None:
    from .store import STORE_FILE

    folder = (top / path).parent
    for candidate in (folder, *folder.parents):
        if (candidate / STORE_FILE).is_file():
            return candidate
        if candidate == top:
            break
    return None


def driver_diff(args: list[str], *, color: bool = False) -> str:
    """The diff git shows for one file: the word diff of a version text against its parent
    (a new version) or against its old bytes (a changed one)."""
    from .diff import diff_texts
    from .diff.render import RenderOptions, format_text

    path, old_file, _, _, new_file = args[:5]
    top = _top()
    old, new = _read(old_file), _read(new_file)
    m = _VERSION_PATH.search(path)
    old_label, new_label = f"a/{path}", f"b/{path}"
    header = f"diff --provenance a/{path} b/{path}\n"
    if new is None:
        return header + f"deleted: {path}\n"
    if old is None and m:
        number = int(m[3])
        folder = (top / path).parent
        parent = _parent_number(folder, number)
        if parent is None:
            return header + f"new: {path} (v{number}, the stream's first version)\n"
        inside = _store_for(top, path) or top
        old = _read_inside(folder / f"v{parent}.txt", inside) or _git_head(top, path, parent)
        ref = f"{m[1]}/{m[2]}@"
        old_label, new_label = f"{ref}{parent} (parent)", f"{ref}{number}"
        if old is None:
            return header + f"new: {path} (parent v{parent} not found)\n"
    old_text = (old or b"").decode("utf-8", "replace")
    new_text = new.decode("utf-8", "replace")
    result = diff_texts(old_text, new_text, old_label=old_label, new_label=new_label)
    store = _store_for(top, path)
    if store is not None:
        result = _categorized(result, store)
    return header + format_text(result, RenderOptions(color=color))


def _git_head(top: Path, path: str, parent: int) -> bytes | None:
    other = re.sub(r"v[1-9][0-9]*\.txt$", f"v{parent}.txt", path)
    done = subprocess.run(
        ["git", "cat-file", "blob", f"HEAD:{other}"], cwd=top, capture_output=True, check=False
    )
    return done.stdout if done.returncode == 0 else None


def _categorized(result: DiffResult, store_root: Path) -> DiffResult:
    from .errors import ProvenanceError
    from .interventions import store_profile
    from .interventions.classify import categorize
    from .store import Store

    try:
        classed: DiffResult = categorize(result, store_profile(Store(store_root), None))
    except ProvenanceError:
        return result
    return classed


def use_color() -> bool:
    """Colour when git shows the diff through its pager on a terminal."""
    return os.environ.get("GIT_PAGER_IN_USE") == "true" and not os.environ.get("NO_COLOR")


__all__ = ["CONFIG_COMMAND", "DRIVER", "Setup", "driver_diff", "setup"]
