"""init, import, commit, log, show, list through the CLI, in-process; and every named error
case exits 2 with one line and leaves the store as it was."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from provenance.store import Store

from .conftest import RECORDS, SEED_ID, snapshot

REF = f"{SEED_ID}/en"


def test_log_and_show_the_seed(run, seed_store: Store) -> None:  # type: ignore[no-untyped-def]
    r = run("--records", seed_store.root, "log", SEED_ID)
    assert r.exit_code == 0, r.stderr
    assert "@1" in r.stdout and "Jeffrey Wang (translator)" in r.stdout
    assert "imported" in r.stdout and "6575e280eac5" in r.stdout
    r = run("--records", seed_store.root, "show", f"{REF}@1")
    assert r.exit_code == 0
    assert r.stdout_bytes == (seed_store.root / SEED_ID / "en" / "v1.txt").read_bytes()


def test_env_var_points_to_store(
    run,
    seed_store: Store,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    monkeypatch.chdir(tmp_path.parent)
    monkeypatch.setenv("PROVENANCE_RECORDS", str(seed_store.root))
    r = run("list", "--format", "json")
    assert r.exit_code == 0, r.stderr
    assert json.loads(r.stdout)["documents"][0]["id"] == SEED_ID


def test_store_found_from_working_directory(
    run,
    seed_store: Store,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(seed_store.root / SEED_ID / "en")
    r = run("list", "--format", "json")
    assert r.exit_code == 0, r.stderr
    data = json.loads(r.stdout)
    assert list(data) == ["format_version", "documents"]
    items = data["documents"]
    assert items[0]["id"] == SEED_ID and items[0]["title"].startswith("Cable, Ministry")


def test_commit_log_show_json(run, seed_store: Store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text = (seed_store.root / SEED_ID / "en" / "v1.txt").read_bytes()
    edited = tmp_path / "edited.txt"
    edited.write_bytes(text.replace(b"[North] Korea", b"North Korea", 1))
    r = run(
        "--records",
        seed_store.root,
        "commit",
        REF,
        edited,
        "--agent",
        "Charles Kraus",
        "--role",
        "editor",
        "--message",
        "Absorb one bracket",
        "--date",
        "2026-11-28",
    )
    assert r.exit_code == 0, r.stderr
    assert f"{REF}@2" in r.stderr
    r = run("--records", seed_store.root, "log", REF, "--format", "json")
    data = json.loads(r.stdout)
    assert next(iter(data)) == "format_version"
    versions = data["streams"][0]["versions"]
    assert [v["number"] for v in versions] == [2, 1]
    assert versions[0]["parent"] == 1 and versions[0]["activity"] == "revised"
    assert versions[0]["agents"] == [{"name": "Charles Kraus", "role": "editor"}]
    assert versions[0]["sha256"] != versions[1]["sha256"]
    r = run("--records", seed_store.root, "show", REF, "--format", "json")
    shown = json.loads(r.stdout)
    assert shown["version"]["number"] == 2
    assert shown["text"].encode() == edited.read_bytes()


def test_commit_from_stdin_and_new_stream(run, seed_store: Store) -> None:  # type: ignore[no-untyped-def]
    r = run(
        "--records",
        seed_store.root,
        "commit",
        f"{SEED_ID}/zh",
        "-",
        "--agent",
        "Li Hua",
        "--role",
        "transcriber",
        "--message",
        "Transcribed from the scan",
        "--kind",
        "transcription",
        "--language",
        "zh",
        stdin="公安部党委\n".encode(),
    )
    assert r.exit_code == 0, r.stderr
    v = Store(seed_store.root).resolve(f"{SEED_ID}/zh")
    assert v.activity == "transcribed" and v.number == 1


def test_commit_to_unknown_stream_without_kind_fails_cleanly(
    run,
    seed_store: Store,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    f = tmp_path / "t.txt"
    f.write_text("text\n", encoding="utf-8")
    before = snapshot(seed_store.root)
    r = run(
        "--records",
        seed_store.root,
        "commit",
        f"{SEED_ID}/ru",
        f,
        "--agent",
        "A",
        "--role",
        "translator",
        "--message",
        "m",
    )
    assert r.exit_code == 2
    assert "--kind" in r.stderr
    assert snapshot(seed_store.root) == before


def test_list_text(run) -> None:  # type: ignore[no-untyped-def]
    r = run("--records", RECORDS, "list")
    assert r.exit_code == 0
    assert SEED_ID in r.stdout and "en@1" in r.stdout


def test_init_creates_store(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    r = run("init", tmp_path / "new")
    assert r.exit_code == 0
    assert (tmp_path / "new" / "provenance.yaml").is_file()
    r = run("init", tmp_path / "new")
    assert r.exit_code == 2 and "already exists" in r.stderr


def _assert_one_line_error(r, *needles: str) -> None:  # type: ignore[no-untyped-def]
    assert r.exit_code == 2, (r.stdout, r.stderr)
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    assert lines[0].startswith("provenance: error: ")
    assert "Traceback" not in r.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]


def _commit_args(root: Path, ref: str, file: Path | str) -> list[object]:
    return [
        "--records",
        root,
        "commit",
        ref,
        file,
        "--agent",
        "A",
        "--role",
        "editor",
        "--message",
        "m",
    ]


def test_error_malformed_yaml(run, seed_store: Store) -> None:  # type: ignore[no-untyped-def]
    path = seed_store.root / SEED_ID / "en" / "v1.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("activity: imported", "activity: [imported"),
        encoding="utf-8",
    )
    before = snapshot(seed_store.root)
    r = run("--records", seed_store.root, "log", SEED_ID)
    _assert_one_line_error(r, "v1.yaml:", "malformed YAML")
    assert snapshot(seed_store.root) == before


def test_error_schema_violation(run, seed_store: Store) -> None:  # type: ignore[no-untyped-def]
    path = seed_store.root / SEED_ID / "en" / "v1.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("role: translator", "role: typist", 1),
        encoding="utf-8",
    )
    r = run("--records", seed_store.root, "show", REF)
    _assert_one_line_error(r, "v1.yaml:", "/agents/0/role")


def test_error_invalid_utf8(run, seed_store: Store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    f = tmp_path / "latin1.txt"
    f.write_bytes("Caf\u00e9 ".encode("latin-1") + b"\n")
    before = snapshot(seed_store.root)
    r = run(*_commit_args(seed_store.root, REF, f))
    _assert_one_line_error(r, "latin1.txt:1:4", "not valid UTF-8")
    assert snapshot(seed_store.root) == before


@pytest.mark.parametrize("content", [None, b""])
def test_error_missing_or_empty_file(
    run,
    seed_store: Store,
    tmp_path: Path,  # type: ignore[no-untyped-def]
    content: bytes | None,
) -> None:
    f = tmp_path / "t.txt"
    if content is not None:
        f.write_bytes(content)
    before = snapshot(seed_store.root)
    r = run(*_commit_args(seed_store.root, REF, f))
    _assert_one_line_error(r, "t.txt", "no such" if content is None else "empty")
    assert snapshot(seed_store.root) == before


@pytest.mark.parametrize("bad_id", ["../../etc", "a/b", "..", "Upper Case"])
def test_error_unsafe_document_id(run, seed_page: Path, store: Store, bad_id: str) -> None:  # type: ignore[no-untyped-def]
    before = snapshot(store.root.parent)
    r = run("--records", store.root, "import", seed_page, "--id", bad_id)
    _assert_one_line_error(r, repr(bad_id))
    assert snapshot(store.root.parent) == before


def test_error_document_already_exists(  # type: ignore[no-untyped-def]
    run, seed_page: Path, seed_store: Store, tmp_path: Path
) -> None:
    before = snapshot(seed_store.root)
    r = run("--records", seed_store.root, "import", seed_page)  # the same page again
    assert r.exit_code == 0 and f"already imported as {SEED_ID}/en@1" in r.stderr
    other = tmp_path / "other.txt"
    text = seed_page.read_text(encoding="utf-8")
    other.write_text(text.replace("and Peng Zhen\n", "and Li Fuchun\n", 1), encoding="utf-8")
    r = run("--records", seed_store.root, "import", other, "--id", SEED_ID)
    _assert_one_line_error(r, "already exists")
    assert snapshot(seed_store.root) == before


def test_commit_recovers_a_killed_commits_text(run, seed_store: Store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (seed_store.root / SEED_ID / "en" / "v2.txt").write_bytes(b"killed\n")
    f = tmp_path / "t.txt"
    f.write_bytes(b"mine\n")
    r = run(*_commit_args(seed_store.root, REF, f))
    assert r.exit_code == 0, r.stderr
    assert "recovered: removed records/" in r.stderr and "v2.txt" in r.stderr
    assert (seed_store.root / SEED_ID / "en" / "v2.txt").read_bytes() == b"mine\n"


def test_error_alias_bomb(run, seed_store: Store) -> None:  # type: ignore[no-untyped-def]
    path = seed_store.root / SEED_ID / "document.yaml"
    bomb = 'x: &a ["l","l","l","l","l","l","l","l","l"]\n' + "".join(
        f"y{i}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 9) + "]\n" for i in range(9)
    )
    path.write_text(path.read_text(encoding="utf-8") + bomb, encoding="utf-8")
    r = run("--records", seed_store.root, "log", SEED_ID)
    _assert_one_line_error(r, "document.yaml:", "aliases")


def test_error_text_over_size_limit(run, seed_store: Store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from provenance.textio import MAX_TEXT_BYTES

    f = tmp_path / "huge.txt"
    with f.open("wb") as fh:
        fh.truncate(MAX_TEXT_BYTES + 1)
    before = snapshot(seed_store.root)
    r = run(*_commit_args(seed_store.root, REF, f))
    _assert_one_line_error(r, "huge.txt", "over the limit")
    assert snapshot(seed_store.root) == before


def test_error_unknown_reference_lists_what_exists(run, seed_store: Store) -> None:  # type: ignore[no-untyped-def]
    r = run("--records", seed_store.root, "show", f"{SEED_ID}/en@7")
    _assert_one_line_error(r, "no version 7", "@1")
    r = run("--records", seed_store.root, "show", "other-doc/en")
    _assert_one_line_error(r, "no document 'other-doc'", SEED_ID)


def test_error_no_store(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    r = run("list")
    _assert_one_line_error(r, "no record store found")


def test_debug_shows_traceback(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    r = run("--debug", "list")
    assert r.exit_code == 2 and "Traceback" in r.stderr


def test_bad_usage_exits_2(run) -> None:  # type: ignore[no-untyped-def]
    assert run("show").exit_code == 2
    assert run("no-such-command").exit_code == 2


def test_version_and_help(run) -> None:  # type: ignore[no-untyped-def]
    r = run("--version")
    assert r.exit_code == 0 and r.stdout.startswith("provenance ")
    r = run("--help")
    assert r.exit_code == 0 and "--records" in r.stdout
