"""``--since REF``: what changed in git since a reference, for the store's files."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from ..errors import UsageError

_VERSION_PATH = re.compile(r"^[^/]+/[^/]+/v[1-9][0-9]*\.(?:txt|yaml)$")


@dataclass(frozen=True)
class Change:
    """A path under the store (relative to it) and its git status: A, M, D or T."""

    status: str
    path: str

    @property
    def is_version_file(self) -> bool:
        return bool(_VERSION_PATH.match(self.path))


def _git(args: list[str], cwd: Path) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except FileNotFoundError:
        raise UsageError("--since needs git, which is not installed") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UsageError(
            f"git {' '.join(args[:2])} failed: "
            f"{message[-1] if message else 'exit ' + str(done.returncode)}"
        )
    return done.stdout


class GitHistory:
    """The git work tree holding a store, compared with one reference."""

    def __init__(self, store_root: Path, ref: str) -> None:
        self.root = store_root.resolve()
        try:
            top = _git(["rev-parse", "--show-toplevel"], self.root)
        except UsageError:
            raise UsageError(
                "--since needs the store to be inside a git repository", path=store_root
            ) from None
        self.top = Path(top.decode().strip()).resolve()
        self.prefix = self.root.relative_to(self.top).as_posix()
        self.prefix = "" if self.prefix == "." else self.prefix + "/"
        try:
            _git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], self.top)
        except UsageError:
            raise UsageError(
                f"--since: {ref!r} is not a commit, branch or tag in this repository"
            ) from None
        self.ref = ref

    def changes(self) -> list[Change]:
        """Files under the store changed between REF and the work tree (staged or not), and
        files git does not track yet."""
        where = self.prefix or "."
        out = _git(
            ["diff", "--name-status", "-z", "--no-renames", self.ref, "--", where], self.top
        ).split(b"\0")
        changes = []
        for status, path in zip(out[0::2], out[1::2], strict=False):
            changes.append(Change(status.decode()[:1], self._inside(path)))
        untracked = _git(
            ["ls-files", "-z", "--others", "--exclude-standard", "--", where], self.top
        ).split(b"\0")
        changes += [Change("A", self._inside(p)) for p in untracked if p]
        return [c for c in changes if c.path]

    def _inside(self, path: bytes) -> str:
        text = path.decode("utf-8", "surrogateescape")
        return text[len(self.prefix) :] if text.startswith(self.prefix) else ""

    def old_bytes(self, path: str) -> bytes | None:
        """A file's bytes at REF (None if it did not exist there)."""
        try:
            return _git(["show", f"{self.ref}:{self.prefix}{path}"], self.top)
        except UsageError:
            return None
