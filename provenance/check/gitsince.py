"""What was published: the store's files in a git reference, compared with the work tree.

Inside a git work tree the check compares every published version (a version file present in
the reference: ``HEAD`` for the pre-commit hook, the pull request's base in CI, or the store's
``check.published_ref``) with the work tree, whatever the work tree's records now claim.
``--since REF`` does the same and also limits the check to the documents changed since REF.
"""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from ..errors import UsageError

_VERSION_PATH = re.compile(r"^[^/]+/[^/]+/v[1-9][0-9]*\.(?:txt|yaml)$")

#: git's environment variables that would point our git calls at another repository.
_GIT_ENV_DROP = ("GIT_DIR", "GIT_WORK_TREE")


@dataclass(frozen=True)
class Change:
    """A path under the store (relative to it) and its git status: A, M, D or T."""

    status: str
    path: str

    @property
    def is_version_file(self) -> bool:
        return bool(_VERSION_PATH.match(self.path))


class GitUnavailable(Exception):
    """git is not installed, or the folder is not inside a git work tree."""


def _env() -> dict[str, str]:
    env = dict(os.environ)
    for name in _GIT_ENV_DROP:
        env.pop(name, None)
    index = env.get("GIT_INDEX_FILE")
    if index and not os.path.isabs(index):  # a hook's index, relative to where we started
        env["GIT_INDEX_FILE"] = os.path.abspath(index)
    env["GIT_OPTIONAL_LOCKS"] = "0"  # reading must not take the index lock (pre-commit holds it)
    return env


def _git(args: list[str], cwd: Path) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False, env=_env())
    except FileNotFoundError:
        raise GitUnavailable("git is not installed") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UsageError(
            f"git {' '.join(args[:2])} failed: "
            f"{message[-1] if message else 'exit ' + str(done.returncode)}"
        )
    return done.stdout


def work_tree_top(folder: Path) -> Path:
    """The top of the git work tree holding ``folder``; raises :class:`GitUnavailable`."""
    try:
        top = _git(["rev-parse", "--show-toplevel"], folder)
    except UsageError:
        raise GitUnavailable(f"{folder} is not inside a git work tree") from None
    text = top.decode("utf-8", "surrogateescape").strip()
    if not text:  # inside .git itself
        raise GitUnavailable(f"{folder} is not inside a git work tree")
    return Path(text).resolve()


def resolve_commit(top: Path, ref: str) -> str | None:
    """The commit a reference names, or None."""
    try:
        out = _git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], top)
    except UsageError:
        return None
    return out.decode().strip() or None


class GitHistory:
    """The git work tree holding a store, compared with one reference."""

    def __init__(
        self,
        store_root: Path,
        ref: str,
        *,
        option: str = "--since",
        top: Path | None = None,
        commit: str | None = None,
    ) -> None:
        self.root = store_root.resolve()
        if top is None:
            try:
                top = work_tree_top(self.root)
            except GitUnavailable as exc:
                raise UsageError(
                    f"{option} needs the store to be inside a git repository ({exc})",
                    path=store_root,
                ) from None
        self.top = top
        self.prefix = self.root.relative_to(self.top).as_posix()
        self.prefix = "" if self.prefix == "." else self.prefix + "/"
        if commit is None:
            commit = resolve_commit(self.top, ref)
        if commit is None:
            raise UsageError(f"{option}: {ref!r} is not a commit, branch or tag in this repository")
        self.ref = ref
        self.commit = commit
        self._old: dict[str, bytes | None] = {}
        self._running: subprocess.Popen[bytes] | None = None

    def _revisions(self) -> list[str]:
        """What ``git diff`` compares: REF with the work tree."""
        return [self.commit]

    def _diff_args(self) -> list[str]:
        where = self.prefix or "."
        return [
            "diff",
            "--name-status",
            "-z",
            "--no-renames",
            "--no-ext-diff",
            *self._revisions(),
            "--",
            where,
        ]

    def start(self) -> None:
        """Start comparing REF with the work tree in the background (git stats every
        tracked file: on a large store that takes a while, which the check's own reading
        can hide); :meth:`changes` collects the answer."""
        try:
            self._running = subprocess.Popen(
                ["git", *self._diff_args()],
                cwd=self.top,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                env=_env(),
            )
        except OSError:
            self._running = None

    def _diff_output(self) -> bytes:
        running = self._running
        self._running = None
        if running is None:
            return _git(self._diff_args(), self.top)
        out: bytes
        err: bytes
        out, err = running.communicate()
        if running.returncode != 0:
            message = err.decode("utf-8", "replace").strip().splitlines()
            raise UsageError(
                f"git diff failed: {message[-1] if message else 'exit ' + str(running.returncode)}"
            )
        return out

    def changes(self, *, untracked: bool = True) -> list[Change]:
        """Files under the store changed between REF and the work tree (staged or not), and
        (with ``untracked``) files git does not track yet."""
        where = self.prefix or "."
        out = self._diff_output().split(b"\0")
        changes = []
        for status, path in zip(out[0::2], out[1::2], strict=False):
            changes.append(Change(status.decode()[:1], self._inside(path)))
        if untracked:
            others = _git(
                ["ls-files", "-z", "--others", "--exclude-standard", "--", where], self.top
            ).split(b"\0")
            changes += [Change("A", self._inside(p)) for p in others if p]
        return [c for c in changes if c.path]

    def _inside(self, path: bytes) -> str:
        text = path.decode("utf-8", "surrogateescape")
        return text[len(self.prefix) :] if text.startswith(self.prefix) else ""

    def old_bytes(self, path: str) -> bytes | None:
        """A file's bytes at REF, exactly as committed (None if it did not exist there)."""
        if path not in self._old:
            try:
                self._old[path] = _git(
                    ["cat-file", "blob", f"{self.commit}:{self.prefix}{path}"], self.top
                )
            except UsageError:
                self._old[path] = None
        return self._old[path]

    def remember(self, path: str, data: bytes | None) -> None:
        """What a file holds at REF, already read (see :func:`batch`)."""
        self._old[path] = data


def batch(top: Path, names: list[str]) -> list[tuple[str, bytes] | None]:
    """Objects named as git names them (``REF^{commit}``, ``REF:path``, ``REF:./path``
    relative to ``top``), read in one call: ``(object id, bytes)`` each, or None where there
    is no such object."""
    try:
        done = subprocess.run(
            ["git", "cat-file", "--batch"],
            cwd=top,
            input="".join(n + "\n" for n in names).encode("utf-8", "surrogateescape"),
            capture_output=True,
            check=False,
            env=_env(),
        )
    except OSError:
        return [None] * len(names)
    return _parse_batch(done.stdout, names)


def start_batch(cwd: Path, names: list[str]) -> subprocess.Popen[bytes] | None:
    """:func:`batch` of a few ``names`` (written to git at once), started to run beside
    other work; :func:`batch_result` waits for it."""
    try:
        proc = subprocess.Popen(
            ["git", "cat-file", "--batch"],
            cwd=cwd,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=_env(),
        )
    except OSError:
        return None
    assert proc.stdin is not None
    try:
        proc.stdin.write("".join(n + "\n" for n in names).encode("utf-8", "surrogateescape"))
    except OSError:
        pass  # git stopped early (not a repository): it answers nothing
    finally:
        with contextlib.suppress(OSError):
            proc.stdin.close()
    return proc


def batch_result(
    proc: subprocess.Popen[bytes] | None, names: list[str]
) -> list[tuple[str, bytes] | None]:
    if proc is None:
        return [None] * len(names)
    assert proc.stdout is not None
    with proc.stdout:  # its input was written and closed already; errors go nowhere
        data = proc.stdout.read()
    proc.wait()
    return _parse_batch(data, names)


def _parse_batch(data: bytes, names: list[str]) -> list[tuple[str, bytes] | None]:
    at = 0
    out: list[tuple[str, bytes] | None] = []
    for _ in names:
        end = data.find(b"\n", at)
        if end < 0:
            out.append(None)
            continue
        head = data[at:end].split()
        if len(head) != 3 or head[1] == b"missing":
            out.append(None)
            at = end + 1
            continue
        size = int(head[2])
        out.append((head[0].decode(), data[end + 1 : end + 1 + size]))
        at = end + 1 + size + 1
    return out


class CommitRange(GitHistory):
    """Two commits of the repository holding a store: what changed from ``base`` to
    ``head`` (the work tree is not looked at).  ``root`` may be a copy of the store made
    elsewhere from ``head``: :attr:`store_root` is the store inside the repository."""

    def __init__(self, store_root: Path, base: str, head: str) -> None:
        super().__init__(store_root, base, option="review")
        commit = resolve_commit(self.top, head)
        if commit is None:
            raise UsageError(f"review: {head!r} is not a commit, branch or tag in this repository")
        self.head = head
        self.head_commit = commit

    def start(self) -> None:
        """Nothing to start: two commits are compared when asked."""

    def _revisions(self) -> list[str]:
        """What ``git diff`` compares: the two commits."""
        return [self.commit, self.head_commit]

    def changes(self, *, untracked: bool = True) -> list[Change]:
        out = _git(self._diff_args(), self.top).split(b"\0")
        found = [
            Change(status.decode()[:1], self._inside(path))
            for status, path in zip(out[0::2], out[1::2], strict=False)
        ]
        return [c for c in found if c.path]

    def new_bytes(self, path: str) -> bytes | None:
        """A store file's bytes at ``head`` (None if absent there)."""
        try:
            return _git(["cat-file", "blob", f"{self.head_commit}:{self.prefix}{path}"], self.top)
        except UsageError:
            return None

    def tree(self, paths: list[str]) -> list[tuple[str, str, str]]:
        """``(mode, blob, path inside the store)`` of every file under ``paths`` at ``head``."""
        if not paths:
            return []
        out = _git(
            ["ls-tree", "-r", "-z", "--full-tree", self.head_commit, "--"]
            + [self.prefix + p for p in paths],
            self.top,
        )
        rows = []
        for item in out.split(b"\0"):
            if not item:
                continue
            meta, _, path = item.partition(b"\t")
            mode, kind, blob = meta.decode().split()
            if kind == "blob":
                rows.append((mode, blob, self._inside(path)))
        return rows

    def blobs(self, ids: list[str]) -> list[bytes]:
        """The bytes of many blobs at once (``git cat-file --batch``)."""
        found = batch(self.top, ids) if ids else []
        if any(f is None for f in found):
            raise UsageError("git cat-file could not read every file of the commit")
        return [f[1] for f in found if f is not None]

    def authors(self, path: str) -> list[str]:
        """Who made the commits between base and head that touched a store file."""
        out = _git(
            [
                "log",
                "--format=%an",
                f"{self.commit}..{self.head_commit}",
                "--",
                self.prefix + path,
            ],
            self.top,
        )
        names: list[str] = []
        for name in out.decode("utf-8", "replace").splitlines():
            if name and name not in names:
                names.append(name)
        return names
