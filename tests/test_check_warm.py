"""A warm check never misses a change: whatever is done to a store after a run that cached it
(a file changed in place, added, removed, renamed, replaced by a symlink; a document added or
removed; a leftover of an interrupted write), the next cached run reports exactly what a run
without the cache reports.

The cache trusts a file or folder only when it was last changed more than ``RACY_SECONDS``
ago; here that margin is set to zero and every file's and folder's modification time is put
back by a day before the first run, so the cache is really used (a test store is always
"just changed") and every later change shows in the times, as it does on a real clock.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from provenance.check import RULES, run_check, runner, walk
from provenance.check.findings import CheckResult
from provenance.store import Store
from tests.conftest import SEED_ID
from tests.test_check_rules import CASES, commit

DOC = SEED_ID


@pytest.fixture(autouse=True)
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache-home"
    monkeypatch.setenv("PROVENANCE_CACHE_DIR", str(folder))
    monkeypatch.setattr(runner, "RACY_SECONDS", 0.0)
    monkeypatch.setattr(walk, "RACY_SECONDS", 0.0)
    return folder


def age(root: Path) -> None:
    """Every file and folder under ``root`` last modified a day ago."""
    then = time.time_ns() - 86400 * 10**9
    for path in [*root.rglob("*"), root]:
        if not path.is_symlink():
            os.utime(path, ns=(then, then))


def view(result: CheckResult) -> tuple[object, ...]:
    return (result.findings, result.checked_files, result.checked_documents, result.exit_code)


def warm_then(store: Store, change: Callable[[Path], object]) -> CheckResult:
    """Cache a check of ``store``, ``change`` its document folder, check again with the
    cache; the second run must agree with a run that does not use the cache."""
    age(store.root)
    run_check(store.root)
    change(store.root / DOC)
    warm = run_check(store.root)
    fresh = run_check(store.root, use_cache=False)
    assert view(warm) == view(fresh)
    return warm


@pytest.mark.parametrize("name", list(CASES))
def test_every_broken_store_is_seen_after_a_warm_run(name: str, seed_store: Store) -> None:
    """Each rule's breaking change, made after a cached run, is reported by the next one."""
    code, breaker = CASES[name]
    warm = warm_then(seed_store, lambda folder: breaker(seed_store, folder))
    if RULES[code].default:  # a rule off by default does not run without --select
        assert any(f.code == code for f in warm.findings)


def _text(folder: Path) -> Path:
    return folder / "en" / "v1.txt"


def test_a_text_changed_in_place_with_the_same_size(seed_store: Store) -> None:
    def change(folder: Path) -> None:
        path = _text(folder)
        raw = path.read_bytes()
        with open(path, "r+b") as fh:  # in place: the folder's listing does not change
            fh.write(b"X" + raw[1:2])
        assert path.stat().st_size == len(raw)

    warm = warm_then(seed_store, change)
    assert any(f.code == "fixity-mismatch" for f in warm.findings)


def test_a_file_given_back_its_old_modification_time(seed_store: Store) -> None:
    """Its change time still moves (nothing can set it back), so it is read again."""

    def change(folder: Path) -> None:
        path = _text(folder)
        st = path.stat()
        path.write_bytes(b"Y" + path.read_bytes()[1:])
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))

    warm = warm_then(seed_store, change)
    assert any(f.code == "fixity-mismatch" for f in warm.findings)


def test_a_file_added(seed_store: Store) -> None:
    warm = warm_then(seed_store, lambda folder: (folder / "en" / "v7.txt").write_text("new\n"))
    assert any(f.code == "text-without-record" for f in warm.findings)


def test_a_file_removed(seed_store: Store) -> None:
    warm = warm_then(seed_store, lambda folder: _text(folder).unlink())
    assert any(f.code == "record-without-text" for f in warm.findings)


def test_a_file_renamed(seed_store: Store) -> None:
    warm = warm_then(seed_store, lambda folder: _text(folder).rename(folder / "en" / "v01.txt"))
    assert any(f.code == "version-file-name" for f in warm.findings)


def test_a_file_replaced_by_a_symlink(seed_store: Store, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.txt"

    def change(folder: Path) -> None:
        path = _text(folder)
        shutil.copyfile(path, outside)
        path.unlink()
        path.symlink_to(outside)

    warm = warm_then(seed_store, change)
    assert any(f.code == "path-outside-store" for f in warm.findings)


def test_a_symlink_replaced_by_the_file(seed_store: Store, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.txt"
    path = _text(seed_store.root / DOC)
    shutil.copyfile(path, outside)
    path.unlink()
    path.symlink_to(outside)

    def change(folder: Path) -> None:
        path.unlink()
        shutil.copyfile(outside, path)

    warm = warm_then(seed_store, change)
    assert not any(f.code in ("symlink", "path-outside-store") for f in warm.findings)


def test_a_document_added_and_one_removed(seed_store: Store) -> None:
    def change(folder: Path) -> None:
        shutil.copytree(folder, folder.parent / "1961-05-11-copy")
        (folder.parent / "1961-05-11-copy" / "document.yaml").write_text("id: [unclosed\n")

    warm = warm_then(seed_store, change)
    assert any(f.code == "yaml-malformed" for f in warm.findings)
    assert "1961-05-11-copy" in warm.checked_documents
    warm = warm_then(seed_store, lambda folder: shutil.rmtree(folder.parent / "1961-05-11-copy"))
    assert warm.checked_documents == (DOC,)


def test_a_stream_added_to_a_document(seed_store: Store) -> None:
    def change(folder: Path) -> None:
        (folder / "fr").mkdir()
        (folder / "fr" / "v1.txt").write_text("Texte [non fermé\n", encoding="utf-8")

    warm = warm_then(seed_store, change)
    assert any(f.file.endswith("fr/v1.txt") for f in warm.findings)


def test_the_history_of_a_document_changed(seed_store: Store) -> None:
    from provenance.metaedit import HISTORY_FILE

    def change(folder: Path) -> None:
        (folder / HISTORY_FILE).write_text("- [not a change record\n", encoding="utf-8")

    warm_then(seed_store, change)
    # and changed again, in place, once cached
    warm_then(
        seed_store,
        lambda folder: (folder / HISTORY_FILE).write_text("entries: 1\n", encoding="utf-8"),
    )


@pytest.mark.parametrize(
    "leftover",
    [
        "en/.v2.txt.k3j4h5g6.tmp",  # a commit's temporary copy in a stream
        ".document.yaml.k3j4h5g6.tmp",  # a metadata rewrite's, in the document's folder
        "de/.v1.txt.k3j4h5g6.tmp",  # a half-made stream: nothing but a temporary file
        ".de.k3j4h5g6.staging/v1.txt",  # a stream being assembled
    ],
)
def test_a_leftover_of_an_interrupted_write(seed_store: Store, leftover: str) -> None:
    def change(folder: Path) -> None:
        path = folder / leftover
        path.parent.mkdir(exist_ok=True)
        path.write_text("half a write\n", encoding="utf-8")

    warm = warm_then(seed_store, change)
    assert any(f.code == "leftover" for f in warm.findings)


def test_a_leftover_in_the_store_folder(seed_store: Store) -> None:
    def change(folder: Path) -> None:
        (folder.parent / ".provenance.yaml.k3j4h5g6.tmp").write_text("half\n", encoding="utf-8")

    warm = warm_then(seed_store, change)
    assert any(f.code == "leftover" for f in warm.findings)


def test_unchanged_folders_are_not_listed_again(seed_store: Store) -> None:
    """The point of the cache (and what makes the tests above real ones): a warm run of an
    unchanged store reads no file and lists no folder, and gives what the cold one gave; one
    change lists only the document it was made in."""
    shutil.copytree(seed_store.root / DOC, seed_store.root / "1961-05-11-another")
    age(seed_store.root)
    cold = run_check(seed_store.root)
    listed: list[str] = []
    real = walk._scandir

    def counting(path: str) -> list[walk.Entry]:
        listed.append(path)
        return real(path)

    reads: list[str] = []
    real_read = runner._read

    def counting_read(path: str | Path) -> tuple[bytes | None, object]:
        reads.append(str(path))
        return real_read(path)  # type: ignore[return-value]

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(walk, "_scandir", counting)
        mp.setattr(runner, "_read", counting_read)
        warm = run_check(seed_store.root)
        assert view(warm) == view(cold) and warm.stats.analysed == 0
        assert listed == []
        assert [p for p in reads if not p.endswith("provenance.yaml")] == []
        commit(seed_store, "A new version.\n")
        run_check(seed_store.root)
    assert listed == [str(seed_store.root / DOC), str(seed_store.root / DOC / "en")]


PROBE = """
import contextlib, io, json, sys
from provenance.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    code = main(sys.argv[1:])
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""

#: What a check that finds everything in its cache has no use for: the store's machinery,
#: the bracket parser and its rules, the rights checks, schema validation.
NOT_NEEDED_WARM = (
    "provenance.store",
    "provenance.metaedit",
    "provenance.interventions.parser",
    "provenance.interventions.rules",
    "provenance.rights.record",
    "provenance.rights.statement",
    "provenance.schema",
    "provenance.fastschema",
    "provenance.citation",
)


@pytest.mark.e2e
def test_a_warm_check_loads_only_what_it_uses(tmp_path: Path) -> None:
    import json
    import subprocess
    import sys

    from tests.conftest import RECORDS

    newest = max(p.lstat().st_ctime for p in [RECORDS, *RECORDS.rglob("*")])
    time.sleep(max(0.0, newest + walk.RACY_SECONDS + 0.1 - time.time()))  # a fresh clone
    env = dict(os.environ, PROVENANCE_CACHE_DIR=str(tmp_path / "cache"))
    seen = []
    for _ in range(2):
        done = subprocess.run(
            [sys.executable, "-c", PROBE, "check", str(RECORDS)],
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
            env=env,
        )
        seen.append(json.loads(done.stdout.splitlines()[-1]))
    cold, warm = seen
    assert cold["code"] == warm["code"] == 0
    needed_cold = {"provenance.interventions.parser", "provenance.rights.record"}
    assert needed_cold <= set(cold["modules"])  # the test is a real one
    assert not set(NOT_NEEDED_WARM) & set(warm["modules"])
