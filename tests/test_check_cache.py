"""The cache of per-file analyses: warm runs give the same findings from the cache, a changed
file is analysed again, the cache lives outside the store, and a pool gives the same result."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from provenance.check import run_check
from provenance.check.cache import Cache, cache_dir
from provenance.store import Store
from tests.conftest import SEED_ID, snapshot
from tests.test_check_rules import bracket_unbalanced, commit, fixity_mismatch, schema_invalid


@pytest.fixture(autouse=True)
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache-home"
    monkeypatch.setenv("PROVENANCE_CACHE_DIR", str(folder))
    return folder


def test_warm_run_comes_from_the_cache(seed_store: Store, cache_home: Path) -> None:
    folder = seed_store.root / SEED_ID
    bracket_unbalanced(seed_store, folder)
    schema_invalid(seed_store, folder)
    before = snapshot(seed_store.root)
    cold = run_check(seed_store.root)
    warm = run_check(seed_store.root)
    assert warm.findings == cold.findings and len(cold.findings) >= 3
    assert cold.stats.analysed == 6 and cold.stats.cached == 0  # all but provenance.yaml
    assert warm.stats.analysed == 0 and warm.stats.cached == 6
    assert snapshot(seed_store.root) == before  # nothing written into the store
    assert list((cache_home / "check").glob("*.json"))


def test_a_changed_file_is_analysed_again(seed_store: Store) -> None:
    run_check(seed_store.root)
    fixity_mismatch(seed_store, seed_store.root / SEED_ID)
    again = run_check(seed_store.root)
    # the changed text, and the document's three metadata files: their analyses are not
    # kept (parsing a few files again costs less than loading every analysis of the store)
    assert again.stats.analysed == 4
    assert [f.code for f in again.findings if f.severity.value == "error"] == ["fixity-mismatch"]


def test_the_bracket_layer_runs_only_on_a_changed_text(
    seed_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A document whose record changed but whose text did not keeps its text's bracket
    findings from the cache; a changed text is linted again."""
    from provenance.check import analyse

    linted: list[str] = []
    real = analyse.lint_text

    def counting(raw: bytes, where: str, *args: object, **kw: object) -> dict[str, object]:
        linted.append(where)
        return real(raw, where, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(analyse, "lint_text", counting)
    cold = run_check(seed_store.root)
    assert [w.rsplit("/", 2)[-2:] for w in linted] == [["en", "v1.txt"]]
    record = next((seed_store.root / SEED_ID).glob("en/v1.yaml"))
    record.write_text(record.read_text(encoding="utf-8") + "# a comment\n", encoding="utf-8")
    linted.clear()
    again = run_check(seed_store.root)
    assert linted == [] and again.findings == cold.findings
    fixity_mismatch(seed_store, seed_store.root / SEED_ID)
    run_check(seed_store.root)
    assert len(linted) == 1


def test_no_cache_neither_reads_nor_writes(seed_store: Store, cache_home: Path) -> None:
    result = run_check(seed_store.root, use_cache=False)
    assert result.stats.analysed == 4
    assert not cache_home.exists()


def test_a_damaged_or_foreign_cache_is_ignored(seed_store: Store) -> None:
    run_check(seed_store.root)
    [path] = (cache_dir() / "check").glob("*.json")
    files = path.with_suffix(".analyses")  # the analyses of single files, beside it
    for each in (path, files):
        data = json.loads(each.read_text(encoding="utf-8"))
        data["entries"] = {k: {"f": [], "facts": None} for k in data["entries"]}
        data["fingerprint"] = "another version of the rules"
        each.write_text(json.dumps(data), encoding="utf-8")
    assert run_check(seed_store.root).stats.cached == 0
    path.write_text("{not json", encoding="utf-8")
    files.write_text("{not json", encoding="utf-8")
    assert run_check(seed_store.root).stats.cached == 0


def test_untouched_files_are_known_by_their_signature(
    seed_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Files last changed long enough ago, of the same size, times and inode as when a run
    knew their document, are not read again; a file changed since is."""
    import os

    from provenance.check import runner

    monkeypatch.setattr(runner, "RACY_SECONDS", 0.0)
    reads: list[str] = []
    real_read = runner._read

    def counting_read(path: str | Path) -> tuple[bytes | None, object]:
        reads.append(str(path))
        return real_read(path)  # type: ignore[return-value]

    monkeypatch.setattr(runner, "_read", counting_read)
    cold = run_check(seed_store.root)
    reads.clear()
    warm = run_check(seed_store.root)
    assert warm.findings == cold.findings and warm.stats.cached == 4
    assert [p for p in reads if not p.endswith("provenance.yaml")] == []
    text = next((seed_store.root / SEED_ID).glob("*/v1.txt"))
    os.utime(text, ns=(0, 0))  # the same bytes, another modification time: read again
    again = run_check(seed_store.root)
    assert any(p.endswith("v1.txt") for p in reads)
    assert again.findings == cold.findings


def test_settings_change_invalidates(seed_store: Store) -> None:
    run_check(seed_store.root)
    config = seed_store.root / "provenance.yaml"
    config.write_text(
        config.read_text(encoding="utf-8") + "check:\n  citation_style: mla\n", encoding="utf-8"
    )
    assert run_check(seed_store.root).stats.cached == 0


def test_cache_keeps_entries_of_other_documents(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "c.json", "f")
    for i in range(10):
        cache.put(f"k{i}", {"f": []})
    cache.save()
    again = Cache(tmp_path / "c.json", "f")
    again.load()
    assert again.get("k3") == {"f": []} and len(again.entries) == 10


def test_pool_gives_the_same_findings(seed_store: Store) -> None:
    for i in range(3):
        commit(seed_store, f"Version {i} with [brackets] and [an open one\n")
    schema_invalid(seed_store, seed_store.root / SEED_ID)
    one = run_check(seed_store.root, use_cache=False, workers=1)
    two = run_check(seed_store.root, use_cache=False, workers=2)
    assert two.stats.workers == 2 and one.stats.workers == 1
    assert one.findings == two.findings
