"""``log`` filters (``-n``, ``--agent``, ``--since``, ``--until``) and ``list`` from the
store's index: the same answer as reading every record, and read again where files changed."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from provenance.errors import UsageError
from provenance.history import LogFilter, list_data, log_data
from provenance.index import document_summaries, index_path
from provenance.model import Agent
from provenance.store import Store
from tests.conftest import SEED_ID


def _commit(store: Store, text: str, who: str, date: str) -> None:
    store.commit(
        SEED_ID,
        "en",
        text.encode(),
        agents=[Agent(who, "editor")],
        activity="revised",
        message=f"by {who}",
        date=date,
    )
    store._versions.clear()


@pytest.fixture
def history(seed_store: Store) -> Store:
    _commit(seed_store, "Second.\n", "Ann Editor", "2024-03-01")
    _commit(seed_store, "Third.\n", "Charles Kraus", "2024-04")
    _commit(seed_store, "Fourth.\n", "Ann Editor", "2025-01-15")
    return seed_store


def numbers(data: dict[str, object]) -> list[int]:
    [stream] = data["streams"]  # type: ignore[index]
    return [v["number"] for v in stream["versions"]]


def test_log_filters(history: Store) -> None:
    assert numbers(log_data(history, SEED_ID)) == [4, 3, 2, 1]
    assert numbers(log_data(history, SEED_ID, LogFilter(limit=2))) == [4, 3]
    assert numbers(log_data(history, SEED_ID, LogFilter(agent="ann"))) == [4, 2]
    assert numbers(log_data(history, SEED_ID, LogFilter(agent="KRAUS"))) == [3, 1]
    assert numbers(log_data(history, SEED_ID, LogFilter(since="2024-04-10"))) == [4, 3]
    assert numbers(log_data(history, SEED_ID, LogFilter(until="2024-03"))) == [2]
    assert numbers(log_data(history, SEED_ID, LogFilter(since="2024", until="2024"))) == [3, 2]
    both = LogFilter(limit=1, agent="Ann", since="2024-01-01")
    data = log_data(history, SEED_ID, both)
    assert numbers(data) == [4]
    assert data["filters"] == {"limit": 1, "agent": "Ann", "since": "2024-01-01", "until": None}
    with pytest.raises(UsageError, match="not a date"):
        LogFilter(since="March 2024")


def test_cli_log_json_equals_the_library(run, history: Store) -> None:  # type: ignore[no-untyped-def]
    r = run("--records", history.root, "log", SEED_ID, "-n", "1", "--agent", "ann", "-f", "json")
    assert r.exit_code == 0, r.stderr
    data = json.loads(r.stdout)
    assert next(iter(data)) == "format_version"
    assert data == log_data(history, SEED_ID, LogFilter(limit=1, agent="ann"))
    none = run("--records", history.root, "log", SEED_ID, "--since", "2030")
    assert "(no versions match)" in none.stdout
    bad = run("--records", history.root, "log", SEED_ID, "--until", "soon")
    assert bad.exit_code == 2 and "not a date" in bad.stderr


def _age(store: Store) -> None:
    """Make every file look older than the index's racy window."""
    old = time.time() - 60
    for path in [store.root, *store.root.rglob("*")]:
        os.utime(path, (old, old), follow_symlinks=False)


def _slow(store: Store) -> list[dict[str, object]]:
    return document_summaries(store, use_index=False)


def test_list_from_the_index_is_what_the_records_say(
    history: Store, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PROVENANCE_CACHE_DIR", str(tmp_path / "cache"))
    _age(history)
    first = list_data(history)["documents"]
    assert first == _slow(history)
    assert index_path(history.root).is_file()
    # warm: nothing is read (reading would fail now)
    monkeypatch.setattr(Store, "document", lambda *a: (_ for _ in ()).throw(AssertionError))
    assert list_data(Store(history.root))["documents"] == first
    monkeypatch.undo()
    monkeypatch.setenv("PROVENANCE_CACHE_DIR", str(tmp_path / "cache"))
    # a new version is seen
    _commit(history, "Fifth.\n", "Bo Proof", "2025-02-01")
    [entry] = list_data(Store(history.root))["documents"]
    assert entry["streams"][0]["versions"] == 5
    # a hand edit of the title in place, of the same size, is seen
    _age(history)
    list_data(Store(history.root))
    doc = history.root / SEED_ID / "document.yaml"
    text = doc.read_text(encoding="utf-8")
    doc.write_text(text.replace("title: Cable", "title: Cablf", 1), encoding="utf-8")
    again = list_data(Store(history.root))["documents"]
    assert again == _slow(Store(history.root))
    assert again[0]["title"].startswith("Cablf")


def test_list_progress_and_an_unreadable_index(
    seed_store: Store, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PROVENANCE_CACHE_DIR", str(tmp_path / "cache"))
    path = index_path(seed_store.root)
    path.parent.mkdir(parents=True)
    path.write_text("{not json", encoding="utf-8")
    seen: list[tuple[int, int]] = []
    assert document_summaries(seed_store, progress=lambda d, t: seen.append((d, t))) == _slow(
        seed_store
    )
    assert seen == [(1, 1)]
