"""provenance collate W1 W2 ...: files without a store, versions and whole streams in one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from provenance import schema
from provenance.collate import TokenOptions, Witness, collate
from provenance.model import Agent
from provenance.store import Store

from .conftest import SEED_ID, snapshot

TEXTS = {
    "a.txt": "The quick brown fox jumps over [the] dog. 中华人民共和国外交部\n",
    "b.txt": "The slow brown fox jumps over the lazy dog. 中华人民共和國外交部\n",
    "c.txt": "The brown fox jumps over the dog. 中华人民共和国外交部\r\n",
}


@pytest.fixture
def files(tmp_path: Path) -> list[Path]:
    out = []
    for name, text in TEXTS.items():
        path = tmp_path / name
        path.write_bytes(text.encode())
        out.append(path)
    return out


@pytest.fixture
def no_store(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import provenance.store

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the store was opened")

    monkeypatch.setattr(provenance.store, "find_store", refuse)
    monkeypatch.chdir(tmp_path)


def test_files_need_no_store_and_the_table_shows_every_witness(run, files, no_store) -> None:  # type: ignore[no-untyped-def]
    r = run("collate", *files, "--color", "never")
    assert r.exit_code == 0, r.stderr
    assert r.stdout.startswith("Collation: 3 witnesses")
    rows = r.stdout.splitlines()
    header = next(line for line in rows if line.lstrip().startswith("#"))
    assert header.split()[2:] == ["a", "b", "c"]
    assert any(line.split()[:5] == ["1", "textual", "quick", "slow", "—"] for line in rows)
    assert any(line.split()[:4] == ["3", "textual", "国", "國"] for line in rows)
    assert "\033[" not in r.stdout


def test_json_is_what_the_library_returns_and_follows_its_schema(run, files, no_store) -> None:  # type: ignore[no-untyped-def]
    r = run(
        "collate", *files, "--format", "json", "--sigil", "A", "-s", "B", "-s", "C", "--base", "B"
    )
    assert r.exit_code == 0, r.stderr
    data = json.loads(r.stdout)
    assert next(iter(data)) == "format_version"
    schema.validate(data, "collate-output.schema.json")
    witnesses = [
        Witness(s, p.read_bytes().decode(), str(p), "file")
        for s, p in zip("ABC", files, strict=True)
    ]
    assert data == collate(witnesses, TokenOptions(), base="B").as_dict()
    assert data["base"] == "B"
    for w, path in zip(data["witnesses"], files, strict=True):
        rebuilt = w["prefix"] + "".join(t["t"] + t["ws"] for t in w["tokens"])
        assert rebuilt.encode() == path.read_bytes()  # CRLF and all


def test_options_reach_the_collation(run, tmp_path, no_store) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "x.txt").write_text("The Colour, of it", encoding="utf-8")
    (tmp_path / "y.txt").write_text("the color of it", encoding="utf-8")
    (tmp_path / "sp.yaml").write_text("color: [colour]\n", encoding="utf-8")
    r = run(
        "collate",
        "x.txt",
        "y.txt",
        "--ignore-case",
        "--ignore-punctuation",
        "--spellings",
        "sp.yaml",
        "--format",
        "json",
    )
    assert r.exit_code == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["options"]["spellings"] == 1
    assert [(s["type"], s["labels"]) for s in data["segments"] if s["location"]] == [
        ("formal", ["case", "punctuation", "spelling"])
    ]


def test_bad_input_is_one_line_and_exit_2(run, files, tmp_path, no_store) -> None:  # type: ignore[no-untyped-def]
    cases = [
        (("collate", files[0]), "at least two"),
        (("collate", files[0], "./missing.txt"), "missing.txt: no such file"),
        (("collate", *files[:2], "--sigil", "A"), "1 --sigil given for 2 witnesses"),
        (("collate", *files[:2], "--base", "Z"), "no witness has the sigil 'Z'"),
        (("collate", *files[:2], "-s", "A", "-s", "A"), "sigil 'A'"),
    ]
    (tmp_path / "bad.yaml").write_text("color: [colour]\nhonour: {a: 1}\n", encoding="utf-8")
    cases.append((("collate", *files[:2], "--spellings", "bad.yaml"), "bad.yaml:2: "))
    (tmp_path / "latin1.txt").write_bytes(b"caf\xe9")
    cases.append((("collate", files[0], "latin1.txt"), "latin1.txt"))
    before = snapshot(tmp_path)
    for args, message in cases:
        r = run(*args)
        assert r.exit_code == 2, (args, r.stderr)
        assert message in r.stderr, r.stderr
        assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr
    assert snapshot(tmp_path) == before


def test_versions_and_a_whole_stream(run, seed_store: Store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    v1 = seed_store.read_text(seed_store.version(SEED_ID, "en", 1))
    v2 = v1.replace("Consular Department", "Consular Bureau", 1)
    seed_store.commit(
        SEED_ID,
        "en",
        v2.encode(),
        agents=[Agent("Ann Editor", "editor")],
        activity="revised",
        message="Word choice",
        date="2024-03-01",
    )
    root = seed_store.root
    r = run("--records", root, "collate", f"{SEED_ID}/en", "--format", "json")
    assert r.exit_code == 0, r.stderr
    data = json.loads(r.stdout)
    assert [w["sigil"] for w in data["witnesses"]] == ["en@1", "en@2"]
    assert [w["source"] for w in data["witnesses"]] == [f"{SEED_ID}/en@1", f"{SEED_ID}/en@2"]
    assert [
        [rd["text"] for rd in s["readings"].values()] for s in data["segments"] if s["location"]
    ] == [["Department", "Bureau"]]
    other = tmp_path / "mine.txt"
    other.write_text(v2.replace("Bureau", "Office"), encoding="utf-8")
    r = run(
        "--records", root, "collate", f"{SEED_ID}/en@1", f"{SEED_ID}/en@2", other, "--base", "en@1"
    )
    assert r.exit_code == 0, r.stderr
    assert "mine" in r.stdout and "(base)" in r.stdout
    r = run("--records", root, "collate", f"{SEED_ID}/en@9", other)
    assert r.exit_code == 2 and "has no version 9" in r.stderr
