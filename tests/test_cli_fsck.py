"""provenance fsck: leftovers of killed writers reported, and removed with a record; and the
checks every commit makes before it writes anything."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from provenance import fsck
from provenance.store import Store

from .conftest import SEED_ID, snapshot


def _leftovers(root: Path) -> None:
    stream = root / SEED_ID / "en"
    (stream / ".v2.txt.abcd_123.tmp").write_bytes(b"half a text")
    (stream / "v2.txt").write_bytes(b"a killed commit's text\n")
    (root / f".{SEED_ID}-2.k3j4h5g6.staging").mkdir()
    (root / f".{SEED_ID}-2.k3j4h5g6.staging" / "document.yaml").write_bytes(b"id: x\n")
    (root / SEED_ID / "zh").mkdir()  # a stream folder of an interrupted creation


def test_fsck_reports_then_cleans_with_a_record(run, seed_store: Store) -> None:  # type: ignore[no-untyped-def]
    root = seed_store.root
    r = run("--records", root, "fsck")
    assert r.exit_code == 0 and "no leftovers" in r.stderr
    _leftovers(root)
    r = run("--records", root, "fsck", "--format", "json")
    assert r.exit_code == 1
    data = json.loads(r.stdout)
    assert next(iter(data)) == "format_version"
    kinds = sorted(item["kind"] for item in data["leftovers"])
    assert kinds == ["half-stream", "orphan-text", "staging-folder", "temp-file"]
    assert data["leftovers"] == [i.as_dict(seed_store.relpath(i.path)) for i in fsck.find(root)]
    assert data["removed"] == []
    r = run("--records", root, "fsck", "--clean")
    assert r.exit_code == 0, r.stderr
    lines = r.stdout.splitlines()
    assert len(lines) == 4 and all(line.startswith("removed  ") for line in lines)
    assert "records/" + SEED_ID + "/en/v2.txt" in r.stdout and "sha256 " in r.stdout
    assert fsck.find(root) == []
    assert not (root / SEED_ID / "zh").exists()
    assert (root / SEED_ID / "en" / "v1.txt").is_file()
    assert run("--records", root, "fsck").exit_code == 0


def test_fsck_keeps_a_young_foreign_temp_file(seed_store: Store) -> None:
    foreign = seed_store.root / SEED_ID / ".notes.md.abcdefgh.tmp"
    foreign.write_bytes(b"some tool's write in progress")
    assert [i.kind for i in fsck.find(seed_store.root)] == ["temp-file"]
    assert fsck.clean(seed_store.root) == []
    assert foreign.exists()


def _commit(run, root: Path, ref: str, text: Path, *extra: str):  # type: ignore[no-untyped-def]
    return run(
        "--records",
        root,
        "commit",
        ref,
        text,
        "--agent",
        "A",
        "--role",
        "transcriber",
        "--message",
        "m",
        *extra,
    )


@pytest.mark.parametrize("date", ["1961-13-45", "1961-02-29", "1961-5-1", "1962/1961", "٢٠٠٠"])
def test_impossible_dates_are_refused_before_writing(
    run, seed_store: Store, tmp_path: Path, date: str
) -> None:  # type: ignore[no-untyped-def]
    text = tmp_path / "t.txt"
    text.write_bytes(b"new\n")
    before = snapshot(seed_store.root)
    r = _commit(
        run,
        seed_store.root,
        f"{SEED_ID}/zh",
        text,
        "--kind",
        "transcription",
        "--language",
        "zh",
        "--date",
        date,
    )
    assert r.exit_code == 2 and "--date" in r.stderr, r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    assert snapshot(seed_store.root) == before
    assert not (seed_store.root / SEED_ID / "zh").exists()


def test_a_new_stream_with_a_bad_role_writes_nothing(
    run, seed_store: Store, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    text = tmp_path / "t.txt"
    text.write_bytes(b"new\n")
    before = sorted(p.name for p in (seed_store.root / SEED_ID).iterdir())
    r = run(
        "--records",
        seed_store.root,
        "commit",
        f"{SEED_ID}/zh",
        text,
        "--agent",
        "A",
        "--role",
        "typist",
        "--message",
        "m",
        "--kind",
        "transcription",
        "--language",
        "zh",
    )
    assert r.exit_code == 2 and "typist" in r.stderr
    assert sorted(p.name for p in (seed_store.root / SEED_ID).iterdir()) == before


def test_files_follow_the_umask(run, seed_store: Store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text = tmp_path / "t.txt"
    text.write_bytes(b"new\n")
    old = os.umask(0o022)
    try:
        r = _commit(
            run,
            seed_store.root,
            f"{SEED_ID}/zh",
            text,
            "--kind",
            "transcription",
            "--language",
            "zh",
        )
    finally:
        os.umask(old)
    assert r.exit_code == 0, r.stderr
    folder = seed_store.root / SEED_ID / "zh"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o755
    for name in ("stream.yaml", "v1.txt", "v1.yaml"):
        assert stat.S_IMODE((folder / name).stat().st_mode) == 0o644, name


def test_an_existing_stream_matching_kind_and_language_is_added_to(
    run, seed_store: Store, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    text = tmp_path / "t.txt"
    text.write_bytes(b"new\n")
    r = _commit(
        run, seed_store.root, f"{SEED_ID}/en", text, "--kind", "translation", "--language", "fr"
    )
    assert r.exit_code == 2 and "exists already as a translation in en" in r.stderr
    stream = Store(seed_store.root).stream(SEED_ID, "en")
    r = _commit(
        run,
        seed_store.root,
        f"{SEED_ID}/en",
        text,
        "--kind",
        "translation",
        "--language",
        stream.language,
        *(["--translates", stream.translates] if stream.translates else []),
    )
    assert r.exit_code == 0, r.stderr


def test_a_new_translation_stream_records_its_originals_version(
    run, seed_store: Store, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    text = tmp_path / "t.txt"
    text.write_bytes("公安部\n".encode())
    r = _commit(
        run, seed_store.root, f"{SEED_ID}/zh", text, "--kind", "transcription", "--language", "zh"
    )
    assert r.exit_code == 0, r.stderr
    text.write_bytes(b"Ministry\n")
    r = _commit(
        run,
        seed_store.root,
        f"{SEED_ID}/en2",
        text,
        "--kind",
        "translation",
        "--language",
        "en",
        "--translates",
        "zh",
        "--allow",
        "translator-missing",
    )
    assert r.exit_code == 0, r.stderr
    assert "made from" in r.stderr
    v = Store(seed_store.root).version(SEED_ID, "en2")
    assert v.translates == "zh@1" and v.activity == "translated"
