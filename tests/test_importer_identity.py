"""Another crawl of a document the store holds, and another document with the same default
id: ``provenance import`` recognises the first and renames the second."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from provenance import schema
from provenance.importer.batch import import_many
from provenance.importer.identity import ALREADY, NEW_VERSION, same_document
from provenance.store import Store

from .conftest import snapshot

PAGE = Path(__file__).resolve().parent / "cases" / "pages" / "current-blank-lines" / "page.txt"
DOC = "1958-03-02-telegram-embassy-in-ulaanbaatar-to"


def crawl(tmp_path: Path, name: str, *, record: str = "", body: str = "", title: str = "") -> Path:
    """The test page as another crawl saved it: a record id, a word of its body changed, or
    another document's title with the same first words."""
    text = PAGE.read_text(encoding="utf-8")
    if title:
        text = text.replace("to the Ministry of Foreign Affairs\n", f"to the {title}\n", 1)
    if record:
        text = text.replace("Record ID\n\n\n\n", f"Record ID\n\n{record}\n\n")
    if body:
        text = text.replace("would be reported to Beijing", body)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("stored", "page", "why"),
    [
        ({"record_id": "1", "title": "A"}, {"record_id": "1", "title": "B"}, "record id 1"),
        ({"record_id": "1", "title": "A"}, {"record_id": "2", "title": "A"}, ""),
        (
            {"url": "https://digitalarchive.wilsoncenter.org/document/114215/"},
            {"url": "http://mirror.example.org/document/114215?lang=en"},
            "URL path /document/114215",
        ),
        ({"url": "https://a.org/document/1"}, {"url": "https://a.org/document/2"}, ""),
        (
            {"title": "Cable,  X to Y", "date": "1961"},
            {"title": "cable, x to y", "date": "1961"},
            "title",
        ),
        (
            {"title": "Cable, X to Y", "date": "1961"},
            {"title": "Cable, X to Y", "date": "1962"},
            "",
        ),
    ],
)
def test_same_document(stored: dict[str, str], page: dict[str, str], why: str) -> None:
    found = same_document(stored, page)
    assert (why in found) if why else found == ""


def test_the_same_crawl_again_writes_nothing_and_exits_0(run, store: Store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    first = crawl(tmp_path, "a.txt", record="300101")
    assert run("--records", store.root, "import", first).exit_code == 0
    before = snapshot(store.root)
    r = run("--records", store.root, "import", crawl(tmp_path, "b.txt", record="300101"))
    assert r.exit_code == 0, r.stderr
    assert (
        f"already imported as {DOC}/en@1 (the same record id 300101); nothing written" in r.stderr
    )
    r = run("--records", store.root, "import", first, "--format", "json")
    data = json.loads(r.stdout)
    assert (data["outcome"], data["version"], data["warnings"]) == (ALREADY, f"{DOC}/en@1", [])
    assert snapshot(store.root) == before


def test_another_text_is_refused_or_added_as_a_new_version(
    run, store: Store, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    run("--records", store.root, "import", crawl(tmp_path, "a.txt"))
    later = crawl(tmp_path, "later.txt", body="would be reported to Beijing at once")
    before = snapshot(store.root)
    r = run("--records", store.root, "import", later)
    assert r.exit_code == 2 and r.stderr.count("\n") == 1
    assert "later.txt" in r.stderr and "the same title and date" in r.stderr
    assert f"--as-new-version adds this page's text as {DOC}/en@2" in r.stderr
    assert snapshot(store.root) == before  # a published version is never overwritten
    r = run("--records", store.root, "import", later, "--as-new-version", "--format", "json")
    assert r.exit_code == 0, r.stderr
    data = json.loads(r.stdout)
    assert (data["outcome"], data["version"]) == (NEW_VERSION, f"{DOC}/en@2")
    assert not any("differ" in w for w in data["warnings"])  # the same fields
    v1, v2 = store.versions(DOC, "en")
    assert store.read_text(v1) != store.read_text(v2) and "at once" in store.read_text(v2)
    assert (v2.activity, v2.parent) == ("imported", 1)
    assert v2.source["file"] == "later.txt"
    assert [a.name for a in v2.agents] == ["Li Wen", "Sara Holt"]
    # the first crawl again: it is version 1, nothing written
    r = run("--records", store.root, "import", tmp_path / "a.txt", "--as-new-version")
    assert r.exit_code == 0 and f"already imported as {DOC}/en@1" in r.stderr
    assert len(store.versions(DOC, "en")) == 2


def test_a_different_document_with_the_same_id_gets_its_record_id(
    run, store: Store, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    run("--records", store.root, "import", crawl(tmp_path, "a.txt", record="300101"))
    other = crawl(tmp_path, "other.txt", record="300102", body="was not for us to decide")
    r = run("--records", store.root, "import", other)
    assert r.exit_code == 0, r.stderr
    assert f"imported as '{DOC}-300102'" in r.stderr
    assert sorted(d.id for d in store.documents()) == [DOC, f"{DOC}-300102"]
    # no record id, another title with the same first words: a number after the id
    plain = crawl(tmp_path, "plain.txt", title="Mongolian People's Party")
    r = run("--records", store.root, "import", plain, "--format", "json")
    assert json.loads(r.stdout)["id"] == f"{DOC}-2"
    # its own crawl again lands on it, not on a third id
    r = run("--records", store.root, "import", other)
    assert r.exit_code == 0 and f"already imported as {DOC}-300102/en@1" in r.stderr


def test_an_id_given_is_never_changed(run, store: Store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    run("--records", store.root, "import", crawl(tmp_path, "a.txt", record="1"), "--id", "mine")
    r = run("--records", store.root, "import", crawl(tmp_path, "b.txt", record="2"), "--id", "mine")
    assert r.exit_code == 2 and "'mine' already exists" in r.stderr
    r = run("--records", store.root, "import", crawl(tmp_path, "c.txt", record="1"), "--id", "mine")
    assert r.exit_code == 0 and "already imported as mine/en@1" in r.stderr


def test_batch_reports_each_case_in_the_table_and_json(run, store: Store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pages = [
        crawl(tmp_path, "1-first.txt", record="300101"),
        crawl(tmp_path, "2-same.txt", record="300101"),
        crawl(tmp_path, "3-later.txt", record="300101", body="would be reported at once"),
        crawl(tmp_path, "4-other.txt", record="300102", body="was not for us"),
    ]
    r = run("--records", store.root, "import", *pages)
    assert r.exit_code == 1  # the later crawl is refused without --as-new-version
    rows = {line.split("  ", 1)[0]: line for line in r.stdout.splitlines()}
    assert "2-same.txt" in rows["already imported"]
    assert f"the same text as {DOC}/en@1: nothing written" in rows["already imported"]
    assert "3-later.txt" in rows["refused"] and "--as-new-version" in rows["refused"]
    assert f"{DOC}-300102" in r.stdout
    fresh = Store.init(tmp_path / "fresh")
    r = run("--records", fresh.root, "import", *pages, "--format", "json", "--as-new-version")
    assert r.exit_code == 0, r.stdout
    data = json.loads(r.stdout)
    schema.validate(data, "import-output.schema.json")
    got = [(p["status"], p["id"], p["version"]) for p in data["pages"]]
    assert got == [
        ("imported with warnings", DOC, f"{DOC}/en@1"),
        ("already imported", DOC, f"{DOC}/en@1"),
        ("new version", DOC, f"{DOC}/en@2"),
        ("imported with warnings", f"{DOC}-300102", f"{DOC}-300102/en@1"),
    ]
    assert (data["new_versions"], data["already_imported"], data["refused"]) == (1, 1, 0)
    assert "another document's" in data["pages"][3]["note"]
    assert import_many(Store.init(tmp_path / "lib"), pages).as_dict()["refused"] == 1


def test_dry_run_says_what_another_crawl_would_do(run, store: Store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    run("--records", store.root, "import", crawl(tmp_path, "a.txt", record="300101"))
    same = run(
        "--records", store.root, "import", crawl(tmp_path, "b.txt", record="300101"), "--dry-run"
    )
    assert "is this document already (the same record id 300101)" in same.stdout
    other = crawl(tmp_path, "c.txt", record="300102")
    plan = json.loads(
        run("--records", store.root, "import", other, "--dry-run", "--format", "json").stdout
    )
    assert plan["id"] == f"{DOC}-300102"
