"""One rule for paths: nothing outside the store is read through a symlink or a setting, no
refused file's content is ever echoed, and no output lands inside the store."""

from __future__ import annotations

import hashlib
import os
import threading
from pathlib import Path

import pytest

from provenance.model import Agent
from provenance.store import Store

from .conftest import SEED_ID, snapshot

SECRET = b"TOP-SECRET runner token: ghp_abcdefghijklmnopqrstuvwxyz\n"
EN = f"{SEED_ID}/en"


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "outside" / "secret.txt"
    path.parent.mkdir()
    path.write_bytes(SECRET)
    return path


def _v2(store: Store) -> None:
    text = store.read_bytes(store.version(SEED_ID, "en", 1)).replace(b"Andong", b"Dandong", 1)
    store.commit(SEED_ID, "en", text, agents=[Agent("E", "editor")], message="m")


def _point_v1_at(store: Store, target: Path) -> None:
    """v1.txt becomes a symlink to ``target``, and its record holds the target's hash."""
    folder = store.root / SEED_ID / "en"
    (folder / "v1.txt").unlink()
    (folder / "v1.txt").symlink_to(target)
    record = folder / "v1.yaml"
    text = record.read_text(encoding="utf-8")
    old = store.version(SEED_ID, "en", 1)
    text = text.replace(old.sha256, hashlib.sha256(SECRET).hexdigest())
    text = text.replace(f"size: {old.size}", f"size: {len(SECRET)}")
    record.write_text(text, encoding="utf-8")


READERS = [
    ("show", f"{EN}@1"),
    ("diff", f"{EN}@1", f"{EN}@2"),
    ("collate", f"{EN}@1", f"{EN}@2"),
    ("interventions", f"{EN}@1"),
    ("interventions", f"{EN}@2", "--against", "@1"),
    ("blame", EN),
    ("export", f"{EN}@1", "--format", "tei"),
    ("report", f"{EN}@1", f"{EN}@2"),
]


@pytest.mark.parametrize("args", READERS, ids=lambda a: " ".join(a[:1] + a[2:3]))
def test_a_version_text_symlinked_outside_is_never_read(
    run,  # type: ignore[no-untyped-def]
    seed_store: Store,
    secret: Path,
    args: tuple[str, ...],
) -> None:
    _v2(seed_store)
    _point_v1_at(seed_store, secret)
    r = run("--records", seed_store.root, *args)
    assert r.exit_code == 2, (r.stdout[:300], r.stderr)
    assert "outside the record store" in r.stderr or "symlink" in r.stderr, r.stderr
    assert "TOP-SECRET" not in r.stdout + r.stderr
    assert len(r.stderr.strip().splitlines()) == 1


def test_a_symlink_inside_the_store_is_not_followed_either(run, seed_store: Store) -> None:  # type: ignore[no-untyped-def]
    _v2(seed_store)
    folder = seed_store.root / SEED_ID / "en"
    (folder / "v1.txt").unlink()
    (folder / "v1.txt").symlink_to(folder / "v2.txt")
    r = run("--records", seed_store.root, "show", f"{EN}@1")
    assert r.exit_code == 2 and "symlink" in r.stderr


def test_a_record_symlinked_outside_is_never_read(run, seed_store: Store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    outside = tmp_path / "v1.yaml"
    record = seed_store.root / SEED_ID / "en" / "v1.yaml"
    outside.write_bytes(record.read_bytes())
    record.unlink()
    record.symlink_to(outside)
    for args in (("show", EN), ("log", EN), ("blame", EN), ("export", SEED_ID, "-f", "prov-json")):
        r = run("--records", seed_store.root, *args)
        assert r.exit_code == 2 and "outside the record store" in r.stderr, (args, r.stderr)


@pytest.mark.parametrize("how", ["absolute", "dotdot", "symlink"])
def test_a_profile_setting_outside_the_store_is_refused_unread(
    run,  # type: ignore[no-untyped-def]
    seed_store: Store,
    secret: Path,
    how: str,
) -> None:
    target = secret.with_suffix(".yaml")
    target.write_bytes(SECRET)
    if how == "absolute":
        spec = str(target)
    elif how == "dotdot":
        spec = os.path.relpath(target, seed_store.root)
    else:
        (seed_store.root / "profile.yaml").symlink_to(target)
        spec = "profile.yaml"
    config = seed_store.root / "provenance.yaml"
    config.write_text(
        config.read_text(encoding="utf-8") + f"interventions:\n  profile: {spec}\n",
        encoding="utf-8",
    )
    for args in (("check", seed_store.root, "--no-cache"), ("interventions", EN)):
        r = run("--records", seed_store.root, *args)
        assert r.exit_code == 2, (args, r.stdout, r.stderr)
        assert "TOP-SECRET" not in r.stdout + r.stderr
        assert "outside the store" in r.stderr or "inside the store" in r.stderr, r.stderr


def test_a_profile_inside_the_store_is_used(run, seed_store: Store) -> None:  # type: ignore[no-untyped-def]
    (seed_store.root / "house.yaml").write_text(
        "schema: provenance/profile/1\nname: house\nextends: frus\n", encoding="utf-8"
    )
    config = seed_store.root / "provenance.yaml"
    config.write_text(
        config.read_text(encoding="utf-8") + "interventions:\n  profile: house.yaml\n",
        encoding="utf-8",
    )
    r = run("--records", seed_store.root, "interventions", EN)
    assert r.exit_code == 0, r.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("report", f"{EN}@1", f"{EN}@2", "-o"),
        ("export", SEED_ID, "--format", "tei", "-o"),
        ("check", "--no-cache", "-o"),
    ],
    ids=lambda a: a[0],
)
def test_no_output_lands_inside_the_store(run, seed_store: Store, args: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    _v2(seed_store)
    before = snapshot(seed_store.root)
    for target in (
        seed_store.root / SEED_ID / "en" / "v1.txt",
        seed_store.root / "report.html",
    ):
        r = run("--records", seed_store.root, *args, target)
        assert r.exit_code == 2, (r.stdout, r.stderr)
        assert "inside the record store" in r.stderr
        assert snapshot(seed_store.root) == before


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_show_of_a_fifo_does_not_hang(run, seed_store: Store) -> None:  # type: ignore[no-untyped-def]
    text = seed_store.root / SEED_ID / "en" / "v1.txt"
    text.unlink()
    os.mkfifo(text)

    def unblock() -> None:  # should the read block after all, end it rather than hang
        with open(text, "wb") as fh:
            fh.write(b"x")

    timer = threading.Timer(10, unblock)
    timer.daemon = True
    timer.start()
    try:
        r = run("--records", seed_store.root, "show", EN)
    finally:
        timer.cancel()
    assert r.exit_code == 2 and "not a regular file" in r.stderr
