"""compare_versions: the one way versions are compared (diff, report, review), and the
reference forms every command accepts (``@N`` names a version of the other side's stream)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from provenance.comparison import compare_versions
from provenance.errors import UsageError
from provenance.refs import complete_pair, relative_to
from provenance.store import Store

from .conftest import SEED_ID

REF = f"{SEED_ID}/en"


@pytest.fixture
def two_versions(run, seed_store: Store, tmp_path: Path) -> Store:  # type: ignore[no-untyped-def]
    text = (seed_store.root / SEED_ID / "en" / "v1.txt").read_bytes()
    edited = tmp_path / "edited.txt"
    edited.write_bytes(
        text.replace(b"[North] Korea", b"North Korea", 1).replace(b"handle", b"deal with", 1)
    )
    r = run(
        *("--records", seed_store.root, "commit", REF, edited),
        *("--agent", "Charles Kraus", "--role", "editor", "--message", "Two edits"),
    )
    assert r.exit_code == 0, r.stderr
    return seed_store


def test_relative_references() -> None:
    assert relative_to("@2", "doc/en@1") == "doc/en@2"
    assert relative_to("doc/zh@1", "doc/en@1") == "doc/zh@1"
    assert complete_pair("doc/en@1", "@2") == ("doc/en@1", "doc/en@2")
    assert complete_pair("@1", "doc/en") == ("doc/en@1", "doc/en")
    with pytest.raises(UsageError):
        complete_pair("@1", "@2")
    with pytest.raises(UsageError):
        relative_to("@2", "a-file.txt")


def test_compare_versions_classes_every_change(two_versions: Store) -> None:
    c = compare_versions(two_versions, f"{REF}@1", "@2")
    assert (c.old.ref, c.new.ref) == (f"{REF}@1", f"{REF}@2")
    categories = {ch.category for ch in c.diff.reported}
    assert categories == {"editorial", "textual"}
    assert c.diff.apply() == c.new_text


def test_diff_json_is_what_the_library_returns(run, two_versions: Store) -> None:  # type: ignore[no-untyped-def]
    r = run("--records", two_versions.root, "diff", f"{REF}@1", "@2", "--format", "json")
    assert r.exit_code == 0, r.stderr
    library = compare_versions(two_versions, f"{REF}@1", f"{REF}@2").diff.as_dict()
    assert json.loads(r.stdout) == json.loads(json.dumps(library))


@pytest.mark.parametrize("pair", [(f"{REF}@1", "@2"), ("@1", f"{REF}@2")])
def test_report_takes_the_same_reference_forms_as_diff(
    run,  # type: ignore[no-untyped-def]
    two_versions: Store,
    pair: tuple[str, str],
) -> None:
    r = run("report", *pair, "--records", two_versions.root, "--date", "2026-12-01")
    assert r.exit_code == 0, r.stderr
    assert f"{REF}@1" in r.stdout and f"{REF}@2" in r.stdout


def test_both_sides_relative_is_a_usage_error(run, two_versions: Store) -> None:  # type: ignore[no-untyped-def]
    r = run("--records", two_versions.root, "report", "@1", "@2")
    assert r.exit_code == 2
    assert "give one side as DOC/STREAM@N" in r.stderr
