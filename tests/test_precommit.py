"""commit tells what check would say about the new version before it writes: warnings are
printed, errors refuse the commit (exit 1, nothing written) unless --allow names them."""

from __future__ import annotations

from pathlib import Path

from provenance.model import Agent
from provenance.precommit import precheck
from provenance.store import NewVersion, Store

from .conftest import SEED_ID, snapshot

REF = f"{SEED_ID}/en"


def _text(store: Store, tail: str) -> bytes:
    return (store.root / SEED_ID / "en" / "v1.txt").read_bytes() + tail.encode()


def test_library_names_only_what_the_new_version_adds(seed_store: Store) -> None:
    new = NewVersion(
        _text(seed_store, "\nThe [North Korea side said so.\n"),
        [Agent("Ed Itor", "editor")],
        "m",
        activity="revised",
    )
    found = precheck(seed_store, SEED_ID, "en", new)
    assert [f.code for f in found.findings] == ["bracket-unbalanced"]
    (error,) = found.errors
    assert error.file == f"records/{SEED_ID}/en/v2.txt" and error.line == 52
    assert found.refused(["bracket-unbalanced"]) == []
    assert not (seed_store.root / SEED_ID / "en" / "v2.txt").exists()


def test_cli_refuses_an_error_and_allow_overrides(run, seed_store: Store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text = tmp_path / "new.txt"
    text.write_bytes(_text(seed_store, "\nThe [North Korea side said so.\n"))
    before = snapshot(seed_store.root)
    base = (
        "--records",
        seed_store.root,
        "commit",
        REF,
        text,
        "-a",
        "Ed",
        "-r",
        "editor",
        "-m",
        "m",
    )
    r = run(*base)
    assert r.exit_code == 1
    assert "error: bracket-unbalanced" in r.stderr
    assert "commit refused" in r.stderr and "--allow bracket-unbalanced" in r.stderr
    assert snapshot(seed_store.root) == before
    r = run(*base, "--allow", "bracket-unbalanced")
    assert r.exit_code == 0, r.stderr
    assert "allowed error: bracket-unbalanced" in r.stderr
    assert (seed_store.root / SEED_ID / "en" / "v2.txt").read_bytes() == text.read_bytes()


def test_cli_prints_warnings_and_commits(run, seed_store: Store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text = tmp_path / "new.txt"
    text.write_bytes(_text(seed_store, "\nAn empty [ ] bracket.\n"))
    r = run(
        "--records", seed_store.root, "commit", REF, text, "-a", "Ed", "-r", "editor", "-m", "m"
    )
    assert r.exit_code == 0, r.stderr
    assert "warning: bracket-empty" in r.stderr


def test_a_new_translation_without_translator_is_refused(
    run, seed_store: Store, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    text = tmp_path / "fr.txt"
    text.write_text("Une traduction.\n", encoding="utf-8")
    before = snapshot(seed_store.root)
    args = ("--records", seed_store.root, "commit", f"{SEED_ID}/fr", text, "--kind",
            "translation", "--language", "fr", "-a", "Ed", "-r", "editor", "-m", "m")  # fmt: skip
    r = run(*args)
    assert r.exit_code == 1 and "translator-missing" in r.stderr
    assert snapshot(seed_store.root) == before  # the new stream's folder is gone too
    r = run(*args, "--allow", "nonsense-rule")
    assert r.exit_code == 2 and "no such check rule" in r.stderr


def test_a_store_with_its_own_bracket_profile_can_commit(
    run, seed_store: Store, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """The check before a commit runs on a copy of the store that holds the profile its
    settings name (and what that profile extends), not on a copy without it."""
    folder = seed_store.root / "profiles"
    folder.mkdir()
    (folder / "base.yaml").write_text(
        "schema: provenance/profile/1\nname: base\nextends: frus\n", encoding="utf-8"
    )
    (folder / "house.yaml").write_text(
        "schema: provenance/profile/1\nname: house\nextends: base.yaml\n", encoding="utf-8"
    )
    config = seed_store.root / "provenance.yaml"
    config.write_text(
        config.read_text(encoding="utf-8") + "interventions:\n  profile: profiles/house.yaml\n",
        encoding="utf-8",
    )
    text = tmp_path / "v2.txt"
    text.write_bytes(seed_store.read_bytes(seed_store.version(SEED_ID, "en", 1)) + b"More.\n")
    r = run("--records", seed_store.root, "commit", f"{SEED_ID}/en", text, "-a", "A", "-r",
            "editor", "-m", "m")  # fmt: skip
    assert r.exit_code == 0, r.stderr
