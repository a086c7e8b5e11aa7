"""Many documents and versions cited at once: one key per version, stable, sorted, and files
that reference managers' parsers (bibtexparser, rispy, the CSL-JSON schema) read back whole."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from provenance import schema, yamlio
from provenance.citation.bibliography import cite_many, sort_key
from provenance.citation.exports import ris_record
from provenance.citation.record import citation_key
from provenance.store import Store

from .conftest import SEED_ID, shared_path

CASES = Path(__file__).parent / "cases" / "citation"
ACCESSED = "2026-11-28"


@pytest.fixture
def many(run, tmp_path: Path) -> Store:  # type: ignore[no-untyped-def]
    """Six documents from the citation cases, the seed with an English version 2 and a
    Chinese transcription."""
    root = tmp_path / "records"
    root.mkdir()
    shutil.copy(CASES / "seed-current-layout" / "records" / "provenance.yaml", root)
    for doc in sorted(CASES.glob("*/records/*/document.yaml")):
        shutil.copytree(doc.parent, root / doc.parent.name)
    store = Store(root)
    v1 = store.read_bytes(store.version(SEED_ID, "en", 1))
    (tmp_path / "en2.txt").write_bytes(v1 + b"\n[Revised]\n")
    (tmp_path / "zh1.txt").write_text("\u516c\u5b89\u90e8\u515a\u59d4\n", encoding="utf-8")
    for args in (
        (
            f"{SEED_ID}/en",
            tmp_path / "en2.txt",
            "--agent",
            "Charles Kraus",
            "--role",
            "translator",
            "--message",
            "Revise",
            "--date",
            "2026-11-20",
        ),
        (
            f"{SEED_ID}/zh",
            tmp_path / "zh1.txt",
            "--agent",
            "Li Na",
            "--role",
            "transcriber",
            "--message",
            "Transcribe",
            "--kind",
            "transcription",
            "--language",
            "zh",
        ),
    ):
        r = run("--records", root, "commit", *args)
        assert r.exit_code == 0, r.stderr
    return store


VERSIONS = [f"{SEED_ID}/en@1", f"{SEED_ID}/en@2", f"{SEED_ID}/zh@1"]


def test_one_key_per_version_stable_across_runs(run, many: Store) -> None:  # type: ignore[no-untyped-def]
    args = ("--records", many.root, "cite", *VERSIONS, "--all", "--accessed", ACCESSED)
    first = run(*args, "--format", "bibtex")
    assert first.exit_code == 0, first.stderr
    assert run(*args, "--format", "bibtex").stdout == first.stdout  # the same file every run
    data = json.loads(run(*args, "--format", "csl-json").stdout)
    keys = [item["id"] for item in data]
    assert len(keys) == len(set(keys)) == 8  # 6 documents; the seed's en@2 is --all's pick
    assert {f"{SEED_ID}:en:v1", f"{SEED_ID}:en:v2", f"{SEED_ID}:zh:v1"} <= set(keys)
    assert all(item["citation-key"] == item["id"] for item in data)
    assert keys == sorted(keys)


def test_bibtex_parses_back_without_loss(run, many: Store) -> None:  # type: ignore[no-untyped-def]
    import bibtexparser

    base = ("--records", many.root, "cite", "--all", *VERSIONS, "--accessed", ACCESSED)
    items = json.loads(run(*base, "--format", "csl-json").stdout)
    library = bibtexparser.parse_string(run(*base, "--format", "bibtex").stdout)
    assert not library.failed_blocks
    assert [e.key for e in library.entries] == [i["id"] for i in items]
    for entry, item in zip(library.entries, items, strict=True):
        fields = {f.key: f.value for f in entry.fields}
        assert fields["title"] == "{" + item["title"] + "}"
        if "page" in item:
            assert fields["pages"] == item["page"].replace("-", "--")
        if "translator" in item:
            assert fields["translator"].count(" and ") == len(item["translator"]) - 1
        if "author" in item:
            assert fields["author"].count(" and ") == len(item["author"]) - 1
        assert fields["urldate"] == ACCESSED


def test_ris_parses_back_without_loss(run, many: Store) -> None:  # type: ignore[no-untyped-def]
    import rispy

    base = ("--records", many.root, "cite", "--all", *VERSIONS, "--accessed", ACCESSED)
    items = json.loads(run(*base, "--format", "csl-json").stdout)
    records = rispy.loads(run(*base, "--format", "ris").stdout)
    assert records == [ris_record(item) for item in items]
    assert [r["id"] for r in records] == [i["id"] for i in items]


def test_csl_json_follows_the_csl_schema(run, many: Store) -> None:  # type: ignore[no-untyped-def]
    from jsonschema import Draft7Validator

    csl_schema = json.loads(shared_path("external-schemas", "csl-data.json").read_text("utf-8"))
    r = run(
        "--records",
        many.root,
        "cite",
        "--all",
        *VERSIONS,
        "--pinned",
        "--format",
        "csl-json",
        "--accessed",
        ACCESSED,
    )
    items = json.loads(r.stdout)
    assert list(Draft7Validator(csl_schema).iter_errors(items)) == []


def test_bibliography_is_sorted_and_json_follows_its_schema(run, many: Store) -> None:  # type: ignore[no-untyped-def]
    for style in ("chicago", "mla", "apa", "house"):
        r = run("--records", many.root, "cite", "--all", "--style", style)
        assert r.exit_code == 0, r.stderr
        lines = r.stdout.splitlines()
        assert len(lines) == 6 and lines == sorted(lines, key=sort_key)
        assert all(n.startswith("provenance: note: ") for n in r.stderr.splitlines())
    r = run("--records", many.root, "cite", "--all", "-s", "chicago", "--format", "json")
    data = json.loads(r.stdout)
    schema.validate(data, "cite-list-output.schema.json")
    bib = cite_many(
        many, many.document_ids(), style="chicago", accessed=data["citations"][0]["accessed"]
    )
    assert [c["citation"] for c in data["citations"]] == [b.text for b in bib.results]


def test_notes_keep_the_order_asked(run, many: Store) -> None:  # type: ignore[no-untyped-def]
    order = ["1961-05-10-cable-ministry-of-public-security", "1950-03-23-roshchin-to-filippov"]
    r = run("--records", many.root, "cite", *order, "-s", "chicago", "--form", "short")
    assert r.stdout.splitlines() == [
        "Ministry of Public Security Party Committee to Zhou, Deng, and Peng, May 10, 1961.",
        "Roshchin to Filippov [Stalin], March 23, 1950.",
    ]


def test_transcriber_of_the_original_is_credited(run, many: Store) -> None:  # type: ignore[no-untyped-def]
    r = run("--records", many.root, "cite", f"{SEED_ID}/zh@1", "-s", "chicago", "--form", "note")
    assert "transcribed by Li Na" in r.stdout and "trans. " not in r.stdout
    r = run("--records", many.root, "cite", f"{SEED_ID}/zh@1", "--format", "csl-json")
    assert json.loads(r.stdout)[0]["contributor"] == [{"family": "Na", "given": "Li"}]


def test_pinned_fills_version_accessed_and_url(run, many: Store) -> None:  # type: ignore[no-untyped-def]
    config = many.root / "provenance.yaml"
    data = dict(yamlio.load(config).data)
    data["citation"] = {"version_url": "https://example.org/records/{doc}/{stream}/v{number}.txt"}
    config.write_text(yamlio.dumps(data), encoding="utf-8")
    v2 = Store(many.root).version(SEED_ID, "en", 2)
    r = run(
        "--records",
        many.root,
        "cite",
        f"{SEED_ID}/en@2",
        "--pinned",
        "--format",
        "csl-json",
        "--accessed",
        ACCESSED,
    )
    (item,) = json.loads(r.stdout)
    assert item["version"] == f"en@2, sha256 {v2.sha256[:12]}"
    assert item["accessed"] == {"date-parts": [[2026, 11, 28]]}
    assert item["URL"] == f"https://example.org/records/{SEED_ID}/en/v2.txt"
    assert "Cited from version 2" in item["note"]
    r = run("--records", many.root, "cite", f"{SEED_ID}/en@2", "--pinned", "-s", "chicago")
    assert f"https://example.org/records/{SEED_ID}/en/v2.txt" in r.stdout
    r = run("--records", many.root, "cite", f"{SEED_ID}/en@2", "--pinned", "--format", "bibtex")
    assert f"version = {{en@2, sha256 {v2.sha256[:12]}}}" in r.stdout
    # without --pinned the item names no version and keeps the record's own URL (none here)
    r = run("--records", many.root, "cite", f"{SEED_ID}/en@2", "--format", "csl-json")
    (item,) = json.loads(r.stdout)
    assert "version" not in item and "URL" not in item


def test_nothing_to_cite_is_a_usage_error(run, many: Store) -> None:  # type: ignore[no-untyped-def]
    r = run("--records", many.root, "cite")
    assert r.exit_code == 2 and "--all" in r.stderr
    r = run("--records", many.root, "cite", "--all", "--style", "mla", "--form", "note")
    assert r.exit_code == 2 and "notes are Chicago's" in r.stderr


_slug = st.from_regex(r"[a-z0-9](?:[a-z0-9._-]{0,20}[a-z0-9])?", fullmatch=True)


@given(_slug, _slug, st.integers(1, 10_000), _slug, _slug, st.integers(1, 10_000))
def test_keys_name_document_stream_and_version(  # type: ignore[no-untyped-def]
    d1, s1, n1, d2, s2, n2
) -> None:
    """Two versions share a key only when they are the same version (slugs hold no colon)."""
    k1, k2 = citation_key(f"{d1}/{s1}@{n1}"), citation_key(f"{d2}/{s2}@{n2}")
    assert k1 == f"{d1}:{s1}:v{n1}"
    assert (k1 == k2) == ((d1, s1, n1) == (d2, s2, n2))


def test_single_json_names_its_form(run, many: Store) -> None:  # type: ignore[no-untyped-def]
    r = run(
        "--records",
        many.root,
        "cite",
        SEED_ID,
        "-s",
        "chicago",
        "--form",
        "short",
        "--format",
        "json",
    )
    data = json.loads(r.stdout)
    schema.validate(data, "cite-output.schema.json")
    assert data["form"] == "short" and data["citation"].endswith("May 10, 1961.")


def test_an_empty_store_has_an_empty_bibliography(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert run("init", tmp_path / "r").exit_code == 0
    r = run("--records", tmp_path / "r", "cite", "--all")
    assert r.exit_code == 0 and r.stdout == "" and "no documents" in r.stderr
