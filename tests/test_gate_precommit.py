"""The gate as a user meets it: a git repository of records, the shipped hook installed with
the real pre-commit framework, and every way around it tried.

Each walk-around (a hand edit of a published text, the same edit with its record's sha256 and
size rewritten to match, a deleted version, a renumbered one, a re-hashed record, the gate's
own settings loosened in the same commit) must be refused by ``git commit``; a new version
made with ``provenance commit`` and a metadata change must pass.  The same on a clone made
with ``core.autocrlf=true`` (Git for Windows' default), where ``provenance init``'s
``.gitattributes`` keeps the texts byte for byte.

The hook runs the provenance installed in this environment (``language: system``, the
shipped ``provenance-check-system`` hook), so pre-commit builds nothing and fetches nothing.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import RECORDS, ROOT, SEED_ID

pytest.importorskip("pre_commit")
pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

BIN = Path(sys.executable).parent
EN = f"records/{SEED_ID}/en"


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(
        PATH=f"{BIN}{os.pathsep}{env.get('PATH', '')}",
        PRE_COMMIT_HOME=str(home / "pre-commit"),
        HOME=str(home),
        GIT_AUTHOR_NAME="Ann Editor",
        GIT_AUTHOR_EMAIL="ann@example.org",
        GIT_COMMITTER_NAME="Ann Editor",
        GIT_COMMITTER_EMAIL="ann@example.org",
        GIT_CONFIG_NOSYSTEM="1",
        PROVENANCE_CACHE_DIR=str(home / "cache"),
        NO_COLOR="1",
    )
    env.pop("CI", None)
    return env


def sh(
    repo: Path, env: dict[str, str], *args: str, ok: bool = True
) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(args, cwd=repo, env=env, capture_output=True, text=True, check=False)
    if ok and done.returncode != 0:
        raise AssertionError(f"{' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done


def readme_config() -> str:
    """The ``.pre-commit-config.yaml`` the README gives, verbatim."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    after = readme.split("`.pre-commit-config.yaml` and run `pre-commit install`:", 1)[1]
    return after.split("```yaml\n", 1)[1].split("```", 1)[0]


def test_the_readme_hook_is_the_shipped_hook() -> None:
    [repo] = yaml.safe_load(readme_config())["repos"]
    [hook] = repo["hooks"]
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    shipped = {h["id"]: h for h in hooks}
    system = {k: v for k, v in shipped["provenance-check-system"].items() if k != "description"}
    assert {**system, "id": "provenance-check"} == hook
    python = shipped["provenance-check"]
    assert {k: v for k, v in python.items() if k not in ("description", "language")} == {
        k: v for k, v in hook.items() if k != "language"
    }
    assert python["language"] == "python" and python["always_run"] is True


def install_hook(repo: Path, env: dict[str, str]) -> None:
    (repo / ".pre-commit-config.yaml").write_text(readme_config(), encoding="utf-8")
    sh(repo, env, sys.executable, "-m", "pre_commit", "install")


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("home")


@pytest.fixture(scope="module")
def origin(home: Path) -> Path:
    """A records repository: provenance init's files, the seed, and a second version."""
    env = _env(home)
    repo = home / "origin"
    sh(home, env, str(BIN / "provenance"), "init", str(repo / "records"))
    for item in RECORDS.iterdir():
        if item.is_dir():
            shutil.copytree(item, repo / "records" / item.name)
    sh(repo, env, "git", "init", "-q", "-b", "main")
    install_hook(repo, env)
    revised = (repo / EN / "v1.txt").read_bytes().replace(b"Korea", b"the Korea", 1)
    (home / "revised.txt").write_bytes(revised)
    sh(repo, env, "git", "add", "-A")
    sh(repo, env, "git", "commit", "-q", "-m", "The seed")
    sh(
        repo,
        env,
        "provenance",
        "commit",
        f"{SEED_ID}/en",
        str(home / "revised.txt"),
        "--agent",
        "Ann Editor",
        "--role",
        "editor",
        "--message",
        "Add an article",
    )
    sh(repo, env, "git", "add", "-A")
    sh(repo, env, "git", "commit", "-q", "-m", "v2")
    return repo


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _set(path: Path, key: str, value: object) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    out = [f"{key}: {value}\n" if line.startswith(f"{key}: ") else line for line in lines]
    path.write_text("".join(out), encoding="utf-8")


def edit_text(repo: Path) -> None:
    path = repo / EN / "v1.txt"
    path.write_bytes(path.read_bytes().replace(b"Dandong", b"Dandung", 1))


def edit_text_and_record(repo: Path) -> None:
    edit_text(repo)
    text = repo / EN / "v1.txt"
    _set(repo / EN / "v1.yaml", "sha256", _sha(text))
    _set(repo / EN / "v1.yaml", "size", text.stat().st_size)


def delete_version(repo: Path) -> None:
    (repo / EN / "v2.txt").unlink()
    (repo / EN / "v2.yaml").unlink()


def renumber_version(repo: Path) -> None:
    """v2 becomes v3 (a gap that hides what v2 said)."""
    (repo / EN / "v2.txt").rename(repo / EN / "v3.txt")
    (repo / EN / "v2.yaml").rename(repo / EN / "v3.yaml")
    _set(repo / EN / "v3.yaml", "number", 3)
    _set(repo / EN / "v3.yaml", "parent", 1)


def rehash_version(repo: Path) -> None:
    """The text converted to CRLF, and its record re-hashed to match."""
    text = repo / EN / "v2.txt"
    text.write_bytes(text.read_bytes().replace(b"\n", b"\r\n"))
    _set(repo / EN / "v2.yaml", "sha256", _sha(text))
    _set(repo / EN / "v2.yaml", "size", text.stat().st_size)


def loosen_gate(repo: Path) -> None:
    """The rewrite together with settings that would ignore it."""
    edit_text_and_record(repo)
    with (repo / "records/provenance.yaml").open("a", encoding="utf-8") as fh:
        fh.write(
            "check:\n  ignore: [version-rewritten, fixity-mismatch]\n  published_ref: HEAD~1\n"
        )


WALK_AROUNDS = {
    "hand edit": edit_text,
    "hand edit with sha256 and size rewritten": edit_text_and_record,
    "deleted version": delete_version,
    "renumbered version": renumber_version,
    "re-hashed version": rehash_version,
    "gate loosened in the same commit": loosen_gate,
}


def new_version(repo: Path, env: dict[str, str]) -> None:
    path = repo.parent / f"v3-{repo.name}.txt"
    path.write_bytes((repo / EN / "v2.txt").read_bytes().replace(b"Andong", b"Andong City", 1))
    sh(
        repo,
        env,
        "provenance",
        "commit",
        f"{SEED_ID}/en",
        str(path),
        "--agent",
        "Bo Proof",
        "--role",
        "proofreader",
        "--message",
        "Name the city",
    )


def metadata_change(repo: Path, env: dict[str, str]) -> None:
    sh(
        repo,
        env,
        "provenance",
        "set",
        SEED_ID,
        "rights.statement",
        "http://rightsstatements.org/vocab/InC-EDU/1.0/",
        "--agent",
        "Ann Editor",
        "--message",
        "Rights reviewed",
    )


def attempt(repo: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    sh(repo, env, "git", "add", "-A")
    return sh(repo, env, "git", "commit", "-q", "-m", "attempt", ok=False)


def reset(repo: Path, env: dict[str, str]) -> None:
    sh(repo, env, "git", "reset", "-q", "--hard")
    sh(repo, env, "git", "clean", "-q", "-fd")


def prove(repo: Path, env: dict[str, str], walk_arounds: dict[str, object]) -> None:
    head = sh(repo, env, "git", "rev-parse", "HEAD").stdout
    for name, change in walk_arounds.items():
        change(repo)  # type: ignore[operator]
        done = attempt(repo, env)
        output = done.stdout + done.stderr
        assert done.returncode != 0, f"{name}: the hook let it through\n{output}"
        assert "version-rewritten" in output, f"{name}:\n{output}"
        assert sh(repo, env, "git", "rev-parse", "HEAD").stdout == head, name
        reset(repo, env)
    for name, legitimate in (("new version", new_version), ("metadata", metadata_change)):
        legitimate(repo, env)
        done = attempt(repo, env)
        assert done.returncode == 0, f"{name} was refused:\n{done.stdout}\n{done.stderr}"
    # leave the repository as it was for the next test
    sh(repo, env, "git", "reset", "-q", "--hard", head.strip())


def test_hook_blocks_every_walk_around_and_passes_real_changes(origin: Path, home: Path) -> None:
    prove(origin, _env(home), WALK_AROUNDS)


def test_the_same_on_a_clone_with_autocrlf(origin: Path, home: Path) -> None:
    env = _env(home)
    clone = home / "windows"
    sh(home, env, "git", "clone", "-q", "-c", "core.autocrlf=true", str(origin), str(clone))
    assert b"\r\n" not in (clone / EN / "v1.txt").read_bytes()  # .gitattributes: -text
    assert b"\r\n" in (clone / "records/provenance.yaml").read_bytes()  # autocrlf is on
    install_hook(clone, env)
    clean = sh(clone, env, "provenance", "check")
    assert "fixity-mismatch" not in clean.stdout and "line-endings" not in clean.stdout
    prove(
        clone,
        env,
        {
            k: WALK_AROUNDS[k]
            for k in ("hand edit with sha256 and size rewritten", "deleted version")
        },
    )


def test_without_gitattributes_autocrlf_is_named_for_what_it_is(origin: Path, home: Path) -> None:
    """A repository made before init wrote .gitattributes: cloned with core.autocrlf=true,
    every text is reported as converted (with the fix), never as edited."""
    env = _env(home)
    bare = home / "old"
    sh(home, env, "git", "clone", "-q", str(origin), str(bare))
    sh(bare, env, "git", "rm", "-q", "records/.gitattributes")
    sh(bare, env, "git", "commit", "-q", "--no-verify", "-m", "no attributes")
    clone = home / "old-windows"
    sh(home, env, "git", "clone", "-q", "-c", "core.autocrlf=true", str(bare), str(clone))
    assert b"\r\n" in (clone / EN / "v1.txt").read_bytes()
    done = sh(clone, env, "provenance", "check", ok=False)
    assert done.returncode == 1
    assert "line-endings-converted" in done.stdout and "fixity-mismatch" not in done.stdout
    assert "version-rewritten" not in done.stdout
    # the fix the message gives works
    (clone / "records/.gitattributes").write_text("**/v*.txt -text\n", encoding="utf-8")
    sh(clone, env, "git", "checkout", "HEAD", "--", "records")
    assert sh(clone, env, "provenance", "check").returncode == 0


def test_the_shipped_hooks_file_through_a_repo_entry(origin: Path, home: Path) -> None:
    """The hooks file as pre-commit reads it from a repository named by ``repo:`` and
    ``rev:`` (a local clone of the file stands for the hosted repository)."""
    env = _env(home)
    hooks_repo = home / "hooks-repo"
    hooks_repo.mkdir()
    shutil.copy(ROOT / ".pre-commit-hooks.yaml", hooks_repo / ".pre-commit-hooks.yaml")
    sh(hooks_repo, env, "git", "init", "-q", "-b", "main")
    sh(hooks_repo, env, "git", "add", "-A")
    sh(hooks_repo, env, "git", "commit", "-q", "-m", "hooks")
    rev = sh(hooks_repo, env, "git", "rev-parse", "HEAD").stdout.strip()
    clone = home / "with-repo-entry"
    sh(home, env, "git", "clone", "-q", str(origin), str(clone))
    config = {
        "repos": [
            {"repo": str(hooks_repo), "rev": rev, "hooks": [{"id": "provenance-check-system"}]}
        ]
    }
    (clone / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    sh(clone, env, sys.executable, "-m", "pre_commit", "install")
    edit_text_and_record(clone)
    done = attempt(clone, env)
    assert done.returncode != 0 and "version-rewritten" in done.stdout + done.stderr
