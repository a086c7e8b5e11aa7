"""provenance diff OLD NEW: files without a store, versions in one, every format."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from provenance import schema
from provenance.diff import DiffOptions, diff_texts
from provenance.model import Agent
from provenance.store import Store

from .conftest import SEED_ID

OLD = "Request for the Consular Department to handle.\n中华人民共和国外交部\n"
NEW = "Request for the Consular Bureau to handle.\n中华人民共和國外交部\n"


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    a, b = tmp_path / "old.txt", tmp_path / "new.txt"
    a.write_bytes(OLD.encode())
    b.write_bytes(NEW.encode())
    return a, b


@pytest.fixture
def no_store(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Opening a store fails the test: two files must not need one."""
    import provenance.store

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the store was opened")

    monkeypatch.setattr(provenance.store, "find_store", refuse)
    monkeypatch.chdir(tmp_path)


def test_two_files_need_no_store(run, files, no_store) -> None:  # type: ignore[no-untyped-def]
    a, b = files
    r = run("diff", a, b)
    assert r.exit_code == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0] == f"--- {a}" and lines[1] == f"+++ {b}"
    assert "for the Consular [-Department-]{+Bureau+} to handle." in r.stdout
    assert "民共和[-国-]{+國+}外交部" in r.stdout


def test_exit_code(run, files, no_store) -> None:  # type: ignore[no-untyped-def]
    a, b = files
    assert run("diff", a, a, "--exit-code").exit_code == 0
    assert run("diff", a, b, "--exit-code").exit_code == 1
    assert run("diff", a, b).exit_code == 0


def test_ignored_differences_exit_zero(run, tmp_path, no_store) -> None:  # type: ignore[no-untyped-def]
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_bytes("It’s  here.\r\n".encode())
    b.write_bytes(b"It's here.\n")
    assert run("diff", a, b, "--exit-code").exit_code == 1
    r = run("diff", a, b, "--exit-code", "--ignore-whitespace", "--ignore-quotes")
    assert r.exit_code == 0 and "No changes; ignoring quotes, whitespace" in r.stdout


def test_json_output_is_what_the_library_returns(run, files, no_store) -> None:  # type: ignore[no-untyped-def]
    a, b = files
    r = run("diff", a, b, "--format", "json", "--ignore-case")
    assert r.exit_code == 0
    data = json.loads(r.stdout)
    schema.validate(data, "diff-output.schema.json")
    expected = diff_texts(
        OLD, NEW, options=DiffOptions(ignore_case=True), old_label=str(a), new_label=str(b)
    ).as_dict()
    for change in data["changes"] + expected["changes"]:
        change.pop("category")  # the command also classes each change (provenance.interventions)
    assert data == expected
    assert list(data)[:2] == ["format_version", "changes"]


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "json"])
def test_every_format(run, files, no_store, fmt: str) -> None:  # type: ignore[no-untyped-def]
    a, b = files
    r = run("diff", a, b, "-f", fmt)
    assert r.exit_code == 0 and "Bureau" in r.stdout


def test_stat_and_context(run, files, no_store) -> None:  # type: ignore[no-untyped-def]
    a, b = files
    r = run("diff", a, b, "--stat")
    assert "[-" not in r.stdout and "2 changes: 2 words changed" in r.stdout
    r = run("diff", a, b, "--context", "1")
    assert "Consular [-Department-]{+Bureau+} to\n" in r.stdout


def test_color(run, files, no_store, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    a, b = files
    assert "\x1b[" not in run("diff", a, b).stdout  # not a terminal
    assert "\x1b[31m[-Department-]" in run("diff", a, b, "--color", "always").stdout
    assert "\x1b[" not in run("diff", a, b, "--color", "never").stdout


def test_standard_input(run, files, no_store) -> None:  # type: ignore[no-untyped-def]
    a, _ = files
    r = run("diff", a, "-", stdin=NEW.encode())
    assert r.exit_code == 0 and "+++ <stdin>" in r.stdout and "{+Bureau+}" in r.stdout
    r = run("diff", "-", "-")
    assert r.exit_code == 2 and "only one side" in r.stderr


def test_bad_input_is_one_line_and_exit_2(run, files, tmp_path, no_store) -> None:  # type: ignore[no-untyped-def]
    a, _ = files
    r = run("diff", a, tmp_path / "missing" / "file.txt")
    assert r.exit_code == 2 and r.stderr.count("\n") == 1 and "no such file" in r.stderr
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("caf\xe9\n".encode("latin-1"))
    r = run("diff", a, bad)
    assert r.exit_code == 2 and "not valid UTF-8" in r.stderr and ":1:4" in r.stderr


def test_time_limit_that_runs_out_exits_4(run, files, no_store, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import provenance.diff.engine as eng

    class Clock:
        now = 0.0

        def time(self) -> float:
            self.now += 10.0
            return self.now

    monkeypatch.setattr(eng, "time", Clock())
    a, b = files
    r = run("diff", a, b, "--time-limit", "1")
    assert r.exit_code == 4
    assert "warning: the time limit of 1 s ran out" in r.stderr
    assert "INCOMPLETE" in r.stdout


def _commit_v2(store: Store) -> str:
    v1 = store.read_text(store.version(SEED_ID, "en", 1))
    v2 = v1.replace("Consular Department", "Consular Bureau").replace(
        "Andong [Dandong]", "Andong [Dandong City]"
    )
    store.commit(
        SEED_ID,
        "en",
        v2.encode(),
        agents=[Agent("Ann Editor", "editor")],
        activity="revised",
        message="Word choices",
        date="2024-03-01",
    )
    return v2


def test_versions_in_the_store(run, seed_store: Store) -> None:  # type: ignore[no-untyped-def]
    _commit_v2(seed_store)
    r = run(
        "--records", seed_store.root, "diff", f"{SEED_ID}/en@1", f"{SEED_ID}/en@2", "--exit-code"
    )
    assert r.exit_code == 1, r.stderr
    assert f"--- {SEED_ID}/en@1" in r.stdout
    assert "[-Department-]{+Bureau+}" in r.stdout and "[Dandong{+ City+}]" in r.stdout
    same = run("--records", seed_store.root, "diff", f"{SEED_ID}/en@2", "@2", "--exit-code")
    assert same.exit_code == 0 and "No changes" in same.stdout


def test_a_version_against_a_file(run, seed_store: Store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    v2 = _commit_v2(seed_store)
    f = tmp_path / "draft.txt"
    f.write_bytes(v2.replace("Bureau", "Office").encode())
    r = run("--records", seed_store.root, "diff", f"{SEED_ID}/en", f)
    assert r.exit_code == 0 and "[-Bureau-]{+Office+}" in r.stdout


def test_unknown_version(run, seed_store: Store) -> None:  # type: ignore[no-untyped-def]
    r = run("--records", seed_store.root, "diff", f"{SEED_ID}/en@1", f"{SEED_ID}/en@9")
    assert r.exit_code == 2 and "no such file, and" in r.stderr


def test_metadata_of_two_versions(run, seed_store: Store) -> None:  # type: ignore[no-untyped-def]
    _commit_v2(seed_store)
    r = run(
        "--records",
        seed_store.root,
        "diff",
        f"{SEED_ID}/en@1",
        f"{SEED_ID}/en@2",
        "--metadata",
        "--format",
        "json",
        "--exit-code",
    )
    assert r.exit_code == 1, r.stderr
    data = json.loads(r.stdout)
    schema.validate(data, "diff-output.schema.json")
    assert data["subject"] == "metadata"
    fields = {c["field"]: c for c in data["changes"]}
    assert fields["/version/number"]["old"] == "1" and fields["/version/number"]["new"] == "2"
    assert fields["/version/message"]["new"] == "Word choices"
    assert fields["/version/message"]["old_line"] and fields["/version/message"]["new_line"]
    assert not any(f.startswith(("/document", "/stream")) for f in fields)
    text = run(
        "--records", seed_store.root, "diff", f"{SEED_ID}/en@1", f"{SEED_ID}/en@2", "--metadata"
    ).stdout
    assert '~ /version/message: "Imported' in text and "fields differ" in text


def test_help_has_an_example(run) -> None:  # type: ignore[no-untyped-def]
    r = run("diff", "--help")
    assert r.exit_code == 0 and "Example: provenance diff" in r.stdout
    assert "--ignore-whitespace" in r.stdout and "--time-limit" in r.stdout


@pytest.mark.e2e
def test_installed_command_on_two_files(files, tmp_path) -> None:  # type: ignore[no-untyped-def]
    a, b = files
    exe = Path(sys.executable).with_name("provenance")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "provenance"]
    env = {k: v for k, v in os.environ.items() if k != "PROVENANCE_RECORDS"}
    done = subprocess.run(
        [*cmd, "diff", str(a), str(b), "--exit-code"],
        cwd=tmp_path,
        capture_output=True,
        env=env,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert "[-Department-]{+Bureau+}" in done.stdout.decode()
