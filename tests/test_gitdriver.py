"""``provenance git-setup``: git shows a new version text as its word diff against the
parent version (``git diff``; ``git log -p --ext-diff``), not as fifty added lines."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from provenance.gitdriver import CONFIG_COMMAND, setup
from provenance.storefiles import gitattributes
from tests.conftest import RECORDS, SEED_ID

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(
        PATH=f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}",
        HOME=str(home),
        GIT_AUTHOR_NAME="A",
        GIT_AUTHOR_EMAIL="a@example.org",
        GIT_COMMITTER_NAME="A",
        GIT_COMMITTER_EMAIL="a@example.org",
        GIT_CONFIG_NOSYSTEM="1",
        NO_COLOR="1",
    )
    return env


def sh(repo: Path, env: dict[str, str], *args: str) -> str:
    done = subprocess.run(args, cwd=repo, env=env, capture_output=True, text=True, check=True)
    return done.stdout


def test_git_shows_the_word_diff_against_the_parent(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    env = _env(tmp_path)
    repo = tmp_path / "repo"
    shutil.copytree(RECORDS, repo / "records")
    sh(repo, env, "git", "init", "-q", "-b", "main")
    r = run("--records", repo / "records", "git-setup")
    assert r.exit_code == 0 and CONFIG_COMMAND in r.stdout
    assert "--ext-diff" in r.stdout
    assert "**/v*.txt -text diff=provenance" in (repo / "records/.gitattributes").read_text()
    sh(repo, env, "sh", "-c", CONFIG_COMMAND)
    sh(repo, env, "git", "add", "-A")
    sh(repo, env, "git", "commit", "-q", "-m", "seed")
    new = tmp_path / "v2.txt"
    v1 = (repo / "records" / SEED_ID / "en" / "v1.txt").read_bytes()
    new.write_bytes(v1.replace(b"Consular Department", b"Consular Bureau", 1))
    commit = run(
        "--records", repo / "records", "commit", f"{SEED_ID}/en", new,
        "--agent", "A", "--role", "editor", "--message", "m",
    )  # fmt: skip
    assert commit.exit_code == 0, commit.stderr
    sh(repo, env, "git", "add", "-A")
    sh(repo, env, "git", "commit", "-q", "-m", "v2")
    path = f"records/{SEED_ID}/en/v2.txt"
    expected = "-1:26 +1:26  for the Consular [-Department-]{+Bureau+} to handle."
    shown = sh(repo, env, "git", "diff", "HEAD~1", "HEAD", "--", path)
    assert f"--- {SEED_ID}/en@1 (parent)\n+++ {SEED_ID}/en@2\n{expected}\n" in shown
    assert "1 textual" in shown
    logged = sh(repo, env, "git", "log", "-p", "--ext-diff", "-1", "--", path)
    assert expected in logged
    # a published text changed in place: its old bytes against its new
    text = repo / path
    text.write_bytes(text.read_bytes().replace(b"Bureau", b"Office", 1))
    assert "[-Bureau-]{+Office+}" in sh(repo, env, "git", "diff", "--", path)


def test_setup_completes_the_line_init_wrote_and_keeps_the_rest(tmp_path: Path) -> None:
    path = tmp_path / ".gitattributes"
    path.write_text("# mine\n*.pdf binary\n" + gitattributes(), encoding="utf-8")
    assert setup(tmp_path).changed
    text = path.read_text(encoding="utf-8")
    assert "*.pdf binary\n" in text and "# mine\n" in text
    assert text.count("**/v*.txt") == 1 and "**/v*.txt -text diff=provenance\n" in text
    assert not setup(tmp_path).changed
