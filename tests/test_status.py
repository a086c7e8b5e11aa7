"""The seed scenario: import the seed, add a Chinese transcription, link the English to it,
correct the Chinese; check and status name the English as stale with the paragraph that
changed and the English paragraph to review; a new English version made from zh@2 clears it.
Also: translation-source-missing, and status --format json equals the library's result."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from provenance.align.stale import stale_detail
from provenance.check import run_check
from provenance.status import store_status
from provenance.store import Store

from .conftest import FIXTURES, SEED_ID

ZH1 = FIXTURES / "lineage" / "seed-zh-v1.txt"
ZH2 = FIXTURES / "lineage" / "seed-zh-v2.txt"  # zh@1 with 715 corrected to 751 in paragraph 6


@pytest.fixture
def scenario(run, tmp_path: Path, seed_page: Path) -> Path:  # type: ignore[no-untyped-def]
    """The seed imported, zh@1 transcribed, en linked to it, zh@2 committed."""
    root = tmp_path / "records"
    steps = [
        ("init", root),
        ("--records", root, "import", seed_page),
        ("--records", root, "commit", f"{SEED_ID}/zh", ZH1, "--kind", "transcription",
         "--language", "zh", "-a", "Shen Zhihua", "-r", "transcriber", "-m", "Transcribed"),
        ("--records", root, "stream", f"{SEED_ID}/en", "--translates", "zh", "-a",
         "Charles Kraus", "-m", "The English was translated from this transcription"),
        ("--records", root, "commit", f"{SEED_ID}/zh", ZH2, "-a", "Shen Zhihua", "-r", "editor",
         "-m", "Correct 715 to 751 against the scan"),
    ]  # fmt: skip
    for args in steps:
        r = run(*args)
        assert r.exit_code == 0, (args, r.stderr)
    return root


def test_seed_scenario_stale_then_cleared(run, scenario: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    base = ("--records", scenario)
    r = run(*base, "check", "--format", "json")
    stale = [f for f in json.loads(r.stdout)["findings"] if f["code"] == "translation-stale"]
    assert len(stale) == 1
    assert stale[0]["message"] == (
        "en@1 was made from zh@1, but zh is now at zh@2: zh@1 ¶6 changed (¶6 in zh@2); review en ¶6"
    )
    assert stale[0]["file"].endswith(f"{SEED_ID}/en/stream.yaml") and stale[0]["line"]
    r = run(*base, "status")
    assert r.exit_code == 0, r.stderr
    assert "en  @1  6575e280eac5  from zh@1  (translation of zh, en)  STALE" in r.stdout
    assert "review en ¶6" in r.stdout
    data = json.loads(run(*base, "status", SEED_ID, "--format", "json").stdout)
    (doc,) = data["documents"]
    assert doc["stale"][0]["original_paragraphs_changed"] == [6]
    assert doc["stale"][0]["translation_paragraphs_to_review"] == [6]
    assert {g["code"] for g in doc["gaps"]} == {"rights-statement-missing"}

    # The English follows the correction: en@2, made from zh@2
    en = tmp_path / "en2.txt"
    en.write_bytes(
        (scenario / SEED_ID / "en" / "v1.txt").read_bytes().replace(b"715 people", b"751 people")
    )
    r = run(*base, "commit", f"{SEED_ID}/en", en, "-a", "Charles Kraus", "-r", "translator",
            "-m", "Follow zh@2", "--from", "zh@2")  # fmt: skip
    assert r.exit_code == 0, r.stderr
    assert f"made from {SEED_ID}/zh@2" in r.stderr and "the latest" not in r.stderr
    r = run(*base, "check", "--format", "json")
    assert not [f for f in json.loads(r.stdout)["findings"] if f["code"] == "translation-stale"]
    data = json.loads(run(*base, "status", "--format", "json").stdout)
    assert data["summary"]["stale"] == 0
    en_status = data["documents"][0]["streams"][0]
    assert en_status["state"] == "current" and en_status["latest"]["made_from"] == "zh@2"


def test_status_json_is_the_library_result(run, scenario: Path) -> None:  # type: ignore[no-untyped-def]
    r = run("--records", scenario, "status", "--format", "json")
    data = json.loads(r.stdout)
    assert next(iter(data)) == "format_version"
    assert data == store_status(Store(scenario)).as_dict()


def test_status_of_an_empty_store_and_a_missing_document(run, store: Store) -> None:  # type: ignore[no-untyped-def]
    r = run("--records", store.root, "status")
    assert r.exit_code == 0 and "no documents" in r.stdout
    r = run("--records", store.root, "status", "nope")
    assert r.exit_code == 2 and r.stderr.count("\n") == 1


def test_source_missing_names_the_version(scenario: Path) -> None:
    record = scenario / SEED_ID / "en" / "stream.yaml"
    record.write_text(
        record.read_text("utf-8").replace("translates: zh@1", "translates: zh@9"), "utf-8"
    )
    result = run_check(scenario, use_cache=False)
    codes = {f.code: f for f in result.findings}
    assert "translation-source-missing" in codes
    assert "en@1 is recorded as made from zh@9" in codes["translation-source-missing"].message
    assert "translation-stale" not in codes


def test_stale_detail_new_and_removed_paragraphs() -> None:
    old = "甲。\n\n乙，1961年。\n\n丙。\n"
    translation = "A.\n\nB, in 1961.\n\nC.\n"
    added = stale_detail(old, "甲。\n\n乙，1961年。\n\n新。\n\n丙。\n", translation)
    assert added.changed == () and added.changed_latest == (3,) and added.review == (2,)
    removed = stale_detail(old, "甲。\n\n丙。\n", translation)
    assert removed.changed == (2,) and removed.review == (2,)
    same = stale_detail(old, old.replace("\n", "\r\n"), translation)
    assert same.changed == () and same.review == ()
