"""One rule for paths: nothing outside the store is read through a symlink or a setting, no
refused file's content is ever echoed, and no output lands inside the store."""

from __future__ import annotations

import hashlib
import os
import threading
from pathlib import Path

import pytest

from provenance.model import Agent
from provenance.store import Store

from .conftest import SEED_ID, snapshot

SECRET = b"TOP-SECRET runner token: ghp_abcdefghijklmnopqrstuvwxyz\n"
EN = f"{SEED_ID}/en"


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "outside" / "secret.txt"
    path.parent.mkdir()
    path.write_bytes(SECRET)
    return path


def _v2(store: Store) -> None:
    text = store.read_bytes(store.version(SEED_ID, "en", 1)).replace(b"Andong", b"Dandong", 1)
    store.commit(SEED_ID, "en", text, agents=[Agent("E", "editor")], message="m")


def _point_v1_at(store: Store, target: Path) -> None:
    """v1.txt becomes a symlink to ``target``, and its record holds the target's hash."""
    folder = store.root / SEED_ID / "en"
    (folder / "v1.txt").unlink()
    (folder / "v1.txt").symlink_to(target)
    record = folder / "v1.yaml"
    text = record.read_text(encoding="utf-8")
    old = store.version(SEED_ID, "en", 1)
    text = text.replace(old.sha256, hashlib.sha256(SECRET).hexdigest())
    text = text.replace(f"size: {old.size}", f"size: {len(SECRET)}")
    record.write_text(text, encoding="utf-8")


READERS = [
    ("show", f"{EN}@1"),
    ("diff", f"{EN}@1", f"{EN}@2"),
    ("collate", f"{EN}@1", f"{EN}@2"),
    ("interventions", f"{EN}@1"),
    ("interventions", f"{EN}@2", "--against", "@1"),
    ("blame", EN),
    ("export", f"{EN}@1", "--format", "tei"),
    ("report", f"{EN}@1", f"{EN}@2"),
]


@pytest.mark.parametrize("args", READERS, ids=lambda a: " ".join(a[:1] + a[2:3]))
def test_a_version_text_symlinked_outside_is_never_read(
    run,  # type: ignore[no-untyped-def]
    seed_store: Store,
    secret: Path,
    args: tuple[str, ...],
) -> None:
    _v2(seed_store)
    _point_v1_at(seed_store, secret)
    r = run("--records", seed_store.root, *args)
    assert r.exit_code == 2, (r.stdout[:300], r.stderr)
    assert "outside the record store" in r.stderr or "symlink" in r.stderr, r.stderr
    assert "TOP-SECRET" not in r.stdout + r.stderr
    assert len(r.stderr.strip().splitlines()) == 1


def test_a_symlink_inside_the_store_is_not_followed_either(run, seed_store: Store) -> None:  # type: ignore[no-untyped-def]
    _v2(seed_store)
    folder = seed_store.root / SEED_ID / "en"
    (folder / "v1.txt").unlink()
    (folder / "v1.txt").symlink_to(folder / "v2.txt")
    r = run("--records", seed_store.root, "show", f"{EN}@1")
    assert r.exit_code == 2 and "symlink" in r.stderr


def test_a_record_symlinked_outside_is_never_read(run, seed_store: Store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    outside = tmp_path / "v1.yaml"
    record = seed_store.root / SEED_ID / "en" / "v1.yaml"
    outside.write_bytes(record.read_bytes())
    record.unlink()
    record.symlink_to(outside)
    for args in (("show", EN), ("log", EN), ("blame", EN), ("export", SEED_ID, "-f", "prov-json")):
        r = run("--records", seed_store.root, *args)
        assert r.exit_code == 2 and "outside the record store" in r.stderr, (args, r.stderr)


@pytest.mark.parametrize("how", ["absolute", "dotdot", "symlink"])
def test_a_profile_setting_outside_the_store_is_refused_unread(
    run,  # type: ignore[no-untyped-def]
    seed_store: Store,
    secret: Path,
    how: str,
) -> None:
    target = secret.with_suffix(".yaml")
    target.write_bytes(SECRET)
    if how == "absolute":
        spec = str(target)
    elif how == "dotdot":
        spec = os.path.relpath(target, seed_store.root)
    else:
        (seed_store.root / "profile.yaml").symlink_to(target)
        spec = "profile.yaml"
    config = seed_store.root / "provenance.yaml"
    config.write_text(
        config.read_text(encoding="utf-8") + f"interventions:\n  profile: {spec}\n",
        encoding="utf-8",
    )
    for args in (("check", seed_store.root, "--no-cache"), ("interventions", EN)):
        r = run("--records", seed_store.root, *args)
        assert r.exit_code == 2, (args, r.stdout, r.stderr)
        assert "TOP-SECRET" not in r.stdout + r.stderr
        assert "outside the store" in r.stderr or "inside the store" in r.stderr, r.stderr


def test_a_profile_inside_the_store_is_used(run, seed_store: Store) -> None:  # type: ignore[no-untyped-def]
    (seed_store.root / "house.yaml").write_text(
        "schema: provenance/profile/1\nname: house\nextends: frus\n", encoding="utf-8"
    )
    config = seed_store.root / "provenance.yaml"
    config.write_text(
        config.read_text(encoding="utf-8") + "interventions:\n  profile: house.yaml\n",
        encoding="utf-8",
    )
    r = run("--records", seed_store.root, "interventions", EN)
    assert r.exit_code == 0, r.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("report", f"{EN}@1", f"{EN}@2", "-o"),
        ("export", SEED_ID, "--format", "tei", "-o"),
        ("check", "--no-cache", "-o"),
    ],
    ids=lambda a: a[0],
)
def test_no_output_lands_inside_the_store(run, seed_store: Store, args: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    _v2(seed_store)
    before = snapshot(seed_store.root)
    for target in (
        seed_store.root / SEED_ID / "en" / "v1.txt",
        seed_store.root / "report.html",
    ):
        r = run("--records", seed_store.root, *args, target)
        assert r.exit_code == 2, (r.stdout, r.stderr)
        assert "inside the record store" in r.stderr
        assert snapshot(seed_store.root) == before


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_show_of_a_fifo_does_not_hang(run, seed_store: Store) -> None:  # type: ignore[no-untyped-def]
    text = seed_store.root / SEED_ID / "en" / "v1.txt"
    text.unlink()
    os.mkfifo(text)

    def unblock() -> None:  # should the read block after all, end it rather than hang
        with open(text, "wb") as fh:
            fh.write(b"x")

    timer = threading.Timer(10, unblock)
    timer.daemon = True
    timer.start()
    try:
        r = run("--records", seed_store.root, "show", EN)
    finally:
        timer.cancel()
    assert r.exit_code == 2 and "not a regular file" in r.stderr


# -- every command that reads the store, enumerated from the command registry -----------------

_PAGE = "__page__"  # replaced by a saved page outside the store
_FILE = "__file__"  # replaced by a text file outside the store
_GIT = "__git__"  # the command runs in a git repository holding the store

#: How each command reads the store.  A command added to the registry fails
#: test_every_command_is_covered until it is listed here or in NOT_READERS.
STORE_READERS: dict[str, list[tuple[str, ...]]] = {
    "import": [(_PAGE, "--id", "another-doc")],
    "commit": [(EN, _FILE, "-a", "A", "-r", "editor", "-m", "m")],
    "stream": [(EN, "--title", "English", "-a", "A", "-m", "m")],
    "set": [(SEED_ID, "type", "memorandum", "-a", "A", "-m", "m")],
    "log": [(SEED_ID,), (EN, "--format", "json")],
    "status": [(), (SEED_ID, "--format", "json")],
    "show": [(f"{EN}@1",), (f"{EN}@1", "--format", "json")],
    "diff": [(f"{EN}@1", f"{EN}@2")],
    "collate": [(f"{EN}@1", f"{EN}@2")],
    "align": [(f"{EN}@1", f"{EN}@2")],
    "interventions": [(f"{EN}@1",), (f"{EN}@2", "--against", "@1")],
    "list": [(), ("--format", "json")],
    "cite": [(SEED_ID,), (f"{EN}@1", "--style", "chicago"), (SEED_ID, "--format", "bibtex")],
    "rights": [(SEED_ID,), (SEED_ID, "--format", "json")],
    "export": [
        (f"{EN}@1", "--format", "tei"),
        (SEED_ID, "--format", "prov-json"),
        (SEED_ID, "--format", "prov-n"),
        (SEED_ID, "--format", "prov-o"),
        (SEED_ID, "--format", "prov-xml"),
    ],
    "blame": [(EN,)],
    "report": [(f"{EN}@1", f"{EN}@2")],
    "review": [(_GIT, "HEAD~1..HEAD")],
    "check": [("--no-cache",)],
    "git-diff": [(_GIT, f"records/{EN}/v2.txt", "/dev/null", ".", ".", _FILE, "1a2b", "100644")],
    "fsck": [(), ("--format", "json")],
}
#: Commands that read no file of an existing store, and why.
NOT_READERS = {
    "init": "creates a new store; refuses an existing one",
    "git-setup": "reads only .gitattributes: test_git_setup_never_copies_a_symlinked_gitattributes",
}


def test_every_command_is_covered() -> None:
    from provenance.cli import COMMANDS

    assert set(COMMANDS) == set(STORE_READERS) | set(NOT_READERS)
    assert not set(STORE_READERS) & set(NOT_READERS)


def _secret_copy(path: Path, outside: Path, field: str) -> None:
    """``path`` becomes a symlink to a copy outside the store whose ``field`` holds a secret."""
    text = path.read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if not ln.startswith(f"{field}:")]
    lines.append(f"{field}: {SECRET.decode().strip()!r}")
    outside.write_text("\n".join(lines) + "\n", encoding="utf-8")
    path.unlink()
    path.symlink_to(outside)


def _attack(store: Store, how: str, secret: Path) -> None:
    folder = store.root / SEED_ID
    outside = secret.parent
    if how == "text":
        _point_v1_at(store, secret)
    elif how == "record":
        _secret_copy(folder / "en" / "v1.yaml", outside / "v1.yaml", "message")
    elif how == "stream":
        _secret_copy(folder / "en" / "stream.yaml", outside / "stream.yaml", "title")
    elif how == "document":
        _secret_copy(folder / "document.yaml", outside / "document.yaml", "title")
    elif how == "folder":  # the stream's whole folder, copied outside with a secret text
        copy = outside / "en"
        import shutil

        shutil.copytree(folder / "en", copy)
        (copy / "v1.txt").write_bytes(SECRET)
        shutil.rmtree(folder / "en")
        (folder / "en").symlink_to(copy, target_is_directory=True)


def _git(root: Path, *args: str) -> None:
    import subprocess

    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org"}
    env |= {"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, env=env)


#: Every invocation with a symlinked version text and record; each command's first with the
#: other attacks (they reach the same reading code).
_CASES = [
    (command, args, how)
    for command, invocations in STORE_READERS.items()
    for n, args in enumerate(invocations)
    for how in ("text", "record", "stream", "document", "folder")
    if n == 0 or how in ("text", "record")
]


@pytest.mark.parametrize(
    ("command", "args", "how"),
    _CASES,
    ids=[f"{c}-{'-'.join(a[:1] + a[2:3]).replace('/', '_')[:30]}-{h}" for c, a, h in _CASES],
)
def test_no_command_reads_through_a_symlink_leading_out(
    run,  # type: ignore[no-untyped-def]
    seed_store: Store,
    secret: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    command: str,
    args: tuple[str, ...],
    how: str,
) -> None:
    """Every store-reading command, with a version text, a version record, a stream record,
    the document record or a whole stream folder turned into a symlink leading outside the
    store (holding a secret): the secret is never printed or copied, and a command either
    refuses with one line naming the file (exit 2) or works without reading that file."""
    from .conftest import SEED_PAGE

    _v2(seed_store)
    work = tmp_path / "work"
    work.mkdir()
    text_file = work / "new.txt"
    text_file.write_bytes(seed_store.read_bytes(seed_store.version(SEED_ID, "en", 2)) + b"More.\n")
    argv = [str(a) for a in args]
    argv = [str(SEED_PAGE) if a == _PAGE else str(text_file) if a == _FILE else a for a in argv]
    if argv and argv[0] == _GIT:
        argv = argv[1:]
        repo = seed_store.root.parent
        _git(repo, "init", "-q")
        _git(repo, "add", "-A")
        _git(repo, "commit", "-qm", "base")
        _attack(seed_store, how, secret)
        _git(repo, "add", "-A")
        _git(repo, "commit", "-qm", "attack")
        monkeypatch.chdir(repo)
    else:
        _attack(seed_store, how, secret)
    outside_before = snapshot(secret.parent)
    r = run("--records", seed_store.root, command, *argv)
    shown = r.stdout + r.stderr
    assert "TOP-SECRET" not in shown, shown[:2000]
    for path in (seed_store.root.parent).rglob("*"):
        if path.is_file() and not path.is_symlink() and secret.parent not in path.parents:
            assert b"TOP-SECRET" not in path.read_bytes(), path
    assert snapshot(secret.parent) == outside_before  # nothing outside was written
    assert r.exit_code in (0, 1, 2), (r.exit_code, r.stderr)
    if r.exit_code == 2:
        lines = r.stderr.strip().splitlines()
        assert len(lines) == 1 and "Traceback" not in r.stderr, r.stderr


def test_git_setup_never_copies_a_symlinked_gitattributes(
    run, seed_store: Store, secret: Path
) -> None:  # type: ignore[no-untyped-def]
    """`git-setup` rewrites the store's .gitattributes; one that is a symlink leading out is
    refused, not read and copied into the store."""
    attributes = seed_store.root / ".gitattributes"
    attributes.unlink(missing_ok=True)
    attributes.symlink_to(secret)
    r = run("--records", seed_store.root, "git-setup")
    assert r.exit_code == 2 and "symlink" in r.stderr, r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    assert "TOP-SECRET" not in r.stdout + r.stderr
    assert attributes.is_symlink() and secret.read_bytes() == SECRET
