"""``--since REF``: only documents changed since a git reference are checked, and a published
version whose bytes changed since it is reported even when its record was made to match."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path

import pytest

from provenance.check import run_check
from provenance.errors import UsageError
from tests.conftest import RECORDS, SEED_ID

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        [
            "git",
            "-c",
            "user.name=T",
            "-c",
            "user.email=t@example.org",
            "-c",
            "commit.gpgsign=false",
            *args,
        ],
        cwd=repo,
        check=True,
        capture_output=True,
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(RECORDS, root / "records")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "seed")
    return root


def codes(result: object) -> list[tuple[str, str]]:
    return [(f.code, f.file.rsplit("/", 1)[-1]) for f in result.findings]  # type: ignore[attr-defined]


def test_nothing_changed_checks_nothing(repo: Path) -> None:
    result = run_check(repo / "records", since="HEAD", use_cache=False)
    assert result.checked_documents == () and result.exit_code == 0


def test_consistent_rewrite_of_a_published_text(repo: Path) -> None:
    """The text and its record's sha256 both changed: fixity passes, history does not."""
    folder = repo / "records" / SEED_ID / "en"
    data = (folder / "v1.txt").read_bytes().replace(b"Korea", b"Corea", 1)
    (folder / "v1.txt").write_bytes(data)
    meta = (folder / "v1.yaml").read_text(encoding="utf-8")
    old = meta.split("sha256: ", 1)[1].split("\n", 1)[0]
    (folder / "v1.yaml").write_text(
        meta.replace(old, hashlib.sha256(data).hexdigest(), 1), encoding="utf-8"
    )
    without = run_check(repo / "records", use_cache=False, published=False)
    assert without.exit_code == 0
    for result in (
        run_check(repo / "records", since="HEAD", use_cache=False),
        run_check(repo / "records", use_cache=False),  # inside git, HEAD is published
    ):
        assert result.exit_code == 1
        assert result.published == "HEAD"
        assert ("version-rewritten", "v1.txt") in codes(result)
        [text] = [f for f in result.findings if f.file.endswith("v1.txt")]
        at = data.decode().index("Corea")  # a word's first letter
        line = data.decode().count("\n", 0, at) + 1
        column = at - data.decode().rfind("\n", 0, at)
        assert (text.line, text.column) == (line, column)
        assert "'Korean' became 'Corean'" in text.message
        [record] = [f for f in result.findings if f.file.endswith("v1.yaml")]
        assert record.code == "version-rewritten" and record.pointer == "/sha256"
        assert record.line == 4


def test_edited_description_is_a_warning(repo: Path) -> None:
    path = repo / "records" / SEED_ID / "en" / "v1.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("Imported from", "Taken from"), encoding="utf-8"
    )
    result = run_check(repo / "records", since="HEAD", use_cache=False)
    assert ("version-record-edited", "v1.yaml") in codes(result)
    assert result.exit_code == 0


def test_deleted_text_and_new_versions(repo: Path) -> None:
    (repo / "records" / SEED_ID / "en" / "v1.txt").unlink()
    result = run_check(repo / "records", since="HEAD", use_cache=False)
    assert {("version-rewritten", "v1.txt"), ("record-without-text", "v1.yaml")} <= set(
        codes(result)
    )


def test_only_changed_documents_are_checked(repo: Path) -> None:
    other = repo / "records" / "1962-other"
    shutil.copytree(repo / "records" / SEED_ID, other)
    doc = other / "document.yaml"
    doc.write_text(
        doc.read_text(encoding="utf-8").replace(f"id: {SEED_ID}", "id: 1962-other"),
        encoding="utf-8",
    )
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "other")
    (other / "en" / "v2.txt").write_text("an untracked new text\n", encoding="utf-8")
    result = run_check(repo / "records", since="HEAD", use_cache=False)
    assert result.checked_documents == ("1962-other",)
    assert ("text-without-record", "v2.txt") in codes(result)
    assert run_check(repo / "records", since="HEAD~1", use_cache=False).checked_documents == (
        "1962-other",
    )


def test_changed_settings_check_everything(repo: Path) -> None:
    path = repo / "records" / "provenance.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "name: Test\n", encoding="utf-8")
    result = run_check(repo / "records", since="HEAD", use_cache=False)
    assert result.checked_documents == (SEED_ID,)


def test_bad_reference_and_no_repository(repo: Path, tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="not a commit"):
        run_check(repo / "records", since="no-such-branch", use_cache=False)
    plain = tmp_path / "plain"
    shutil.copytree(RECORDS, plain / "records")
    with pytest.raises(UsageError, match="git repository"):
        run_check(plain / "records", since="HEAD", use_cache=False)


def test_renderers_carry_the_column(repo: Path) -> None:
    from provenance.check import FORMATS

    path = repo / "records" / SEED_ID / "en" / "v1.txt"
    data = path.read_bytes()
    path.write_bytes(data.replace(b"Dandong", b"Dandung", 1))
    result = run_check(repo / "records", use_cache=False)
    [hit] = [f for f in result.findings if f.code == "fixity-mismatch"]
    text = data.decode()
    at = text.index("Dandong") + len("Dand")  # the first character that differs
    assert hit.line == text.count("\n", 0, at) + 1
    assert hit.column == at - text.rfind("\n", 0, at)
    assert "'Dandong' became 'Dandung'" in hit.message
    github = FORMATS["github"](result)
    assert f"line={hit.line},col={hit.column},title=fixity-mismatch" in github
    sarif = FORMATS["sarif"](result)
    assert f'"startColumn": {hit.column}' in sarif
    assert f"{hit.line}:{hit.column}" in FORMATS["text"](result)


def test_outside_git_the_check_says_what_it_could_not_verify(tmp_path: Path) -> None:
    shutil.copytree(RECORDS, tmp_path / "records")
    result = run_check(tmp_path / "records", use_cache=False)
    assert result.published is None
    [note] = result.notes
    assert "not inside a git work tree" in note and "recorded sha256" in note
