"""``provenance review BASE..HEAD`` on sample pull requests: the markdown an editor pastes
and the JSON, against golden files in ``tests/cases/review/<case>/``.

``PROVENANCE_UPDATE_GOLDEN=1`` rewrites the golden files (then read the diff before
committing them).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from provenance import schema
from provenance.metaedit import set_fields
from provenance.model import Agent
from provenance.review import FORMATS, build_review, review_data
from provenance.review.render import FOLD_AFTER
from provenance.store import Store
from tests.conftest import RECORDS, SEED_ID

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

CASES = Path(__file__).parent / "cases" / "review"
UPDATE = os.environ.get("PROVENANCE_UPDATE_GOLDEN") == "1"


def git(repo: Path, *args: str, author: str = "Ann Editor") -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(
        GIT_AUTHOR_NAME=author,
        GIT_AUTHOR_EMAIL="editor@example.org",
        GIT_COMMITTER_NAME=author,
        GIT_COMMITTER_EMAIL="editor@example.org",
        GIT_AUTHOR_DATE="2026-11-28T12:00:00Z",
        GIT_COMMITTER_DATE="2026-11-28T12:00:00Z",
        GIT_CONFIG_NOSYSTEM="1",
        HOME=str(repo.parent),
    )
    done = subprocess.run(
        ["git", "-c", "commit.gpgsign=false", *args],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def commit_all(repo: Path, message: str, author: str = "Ann Editor") -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message, author=author)


def new_version(store: Store, text: bytes, who: str, role: str, why: str) -> None:
    store.commit(
        SEED_ID,
        "en",
        text,
        agents=[Agent(who, role)],
        activity="revised",
        message=why,
        date="2026-11-28",
    )
    store._versions.clear()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "archive"
    shutil.copytree(RECORDS, root / "records")
    git(root, "init", "-q", "-b", "main")
    commit_all(root, "The seed")
    git(root, "checkout", "-q", "-b", "pr")
    return root


def pull_request(repo: Path) -> None:
    """Three commits by two people: a revision with textual and editorial changes, a rights
    statement set with the CLI's library, and a long revision."""
    store = Store(repo / "records")
    v1 = (repo / "records" / SEED_ID / "en" / "v1.txt").read_bytes()
    v2 = (
        v1.replace(b"Consular Department", b"Consular Bureau", 1)
        .replace(b"Andong [Dandong]", b"Andong [Dandong City]", 1)
        .replace(b"since [the beginning of] this year", b"since the beginning of this year", 1)
    )
    new_version(store, v2, "Ann Editor", "editor", "Correct the office's name and a gloss")
    commit_all(repo, "en@2")
    set_fields(
        store,
        SEED_ID,
        [("rights.statement", "http://rightsstatements.org/vocab/InC-EDU/1.0/")],
        agent="Bo Proof",
        message="Rights reviewed",
        recorded="2026-11-28T12:00:00Z",
    )
    commit_all(repo, "rights", author="Bo Proof")
    v3 = v2
    for old, new in [
        (b"crossing", b"who crossed"),
        (b"increase", b"rise"),
        (b"residents", b"inhabitants"),
        (b"telegram", b"cable"),
        (b"suburbs", b"outskirts"),
        (b"reported", b"said"),
        (b"night", b"evening"),
        (b"Premier", b"Prime Minister"),
        (b"[North] Korea", b"North Korea"),
    ]:
        v3 = v3.replace(old, new, 1)
    new_version(store, v3, "Bo Proof", "proofreader", "Plainer words")
    commit_all(repo, "en@3", author="Bo Proof")


def rewrite(repo: Path) -> None:
    """A published text edited by hand with its record made to match."""
    import hashlib

    text = repo / "records" / SEED_ID / "en" / "v1.txt"
    raw = text.read_bytes().replace(b"Anning", b"Anling", 1)
    text.write_bytes(raw)
    record = repo / "records" / SEED_ID / "en" / "v1.yaml"
    meta = record.read_text(encoding="utf-8")
    old = meta.split("sha256: ", 1)[1].split("\n", 1)[0]
    record.write_text(meta.replace(old, hashlib.sha256(raw).hexdigest()), encoding="utf-8")
    commit_all(repo, "quiet fix")


def _stable(data: dict[str, object]) -> dict[str, object]:
    for side in ("base", "head"):
        data[side]["commit"] = "<commit>"  # type: ignore[index]
    return data


def golden(case: str, name: str, actual: str) -> None:
    path = CASES / case / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8"), f"{path} differs"


@pytest.mark.parametrize("case", ["pull-request", "rewrite"])
def test_review_golden(case: str, repo: Path) -> None:
    {"pull-request": pull_request, "rewrite": rewrite}[case](repo)
    review = build_review(repo / "records", "main..pr")
    golden(case, "expected.md", FORMATS["markdown"](review))
    data = _stable(review_data(review))
    golden(case, "expected.json", json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    assert list(schema.iter_problems(review_data(review), "review-output.schema.json")) == []
    assert review.exit_code == (1 if case == "rewrite" else 0)


def test_the_pull_request_as_a_reviewer_sees_it(repo: Path) -> None:
    pull_request(repo)
    review = build_review(repo / "records", "main..pr")
    [doc] = review.documents
    v2, v3 = doc.versions
    assert (v2.ref, v2.parent_ref) == (f"{SEED_ID}/en@2", f"{SEED_ID}/en@1")
    counts = v2.counts()
    assert counts["textual"] >= 1 and counts["editorial"] >= 2
    ivs = v2.interventions()
    assert ivs["changed"] == ["[Dandong] -> [Dandong City]"]
    assert ivs["absorbed"] == ["[the beginning of]"]
    assert v3.counts()["changes"] > FOLD_AFTER >= v2.counts()["changes"]  # v3 folded
    [meta] = doc.metadata
    assert meta.by == ("Bo Proof",) and meta.why == ("Rights reviewed",)
    assert [ch.field for ch in meta.fields] == ["/rights/statement"]
    md = FORMATS["markdown"](review)
    assert "<details><summary>Word diff" in md and md.count("<details>") == 1


def test_cli_review(run, repo: Path) -> None:  # type: ignore[no-untyped-def]
    rewrite(repo)
    r = run("--records", repo / "records", "review", "main..pr", "--format", "json")
    assert r.exit_code == 1
    data = json.loads(r.stdout)
    assert next(iter(data)) == "format_version"
    assert data == json.loads(json.dumps(review_data(build_review(repo / "records", "main..pr"))))
    codes = [(f["code"], f["line"], f["column"]) for f in data["documents"][0]["findings"]]
    assert ("version-rewritten", 16, 288) in codes
    md = run("--records", repo / "records", "review", "main..pr", "-f", "markdown")
    assert md.stdout == FORMATS["markdown"](build_review(repo / "records", "main..pr"))
    text = run("--records", repo / "records", "review", "main..pr")
    assert text.exit_code == 1
    assert f"rewritten {SEED_ID}/en@1" in text.stdout and "[-Anning-]{+Anling+}" in text.stdout
    assert "error  version-rewritten" in text.stdout
    bad = run("--records", repo / "records", "review", "nosuch..pr")
    assert bad.exit_code == 2 and "nosuch" in bad.stderr


def test_three_dots_review_from_the_merge_base(repo: Path) -> None:
    pull_request(repo)
    git(repo, "checkout", "-q", "main")
    (repo / "records" / "provenance.yaml").write_text(
        (repo / "records" / "provenance.yaml").read_text(encoding="utf-8") + "name: Archive\n",
        encoding="utf-8",
    )
    commit_all(repo, "main moved on")
    two = build_review(repo / "records", "main..pr")
    three = build_review(repo / "records", "main...pr")
    assert two.settings_changed and not three.settings_changed
    assert [v.ref for d in three.documents for v in d.versions] == [
        v.ref for d in two.documents for v in d.versions
    ]
