"""provenance import FILE...: many pages in one call, and --dry-run."""

from __future__ import annotations

import json
from pathlib import Path

from provenance import schema
from provenance.importer.batch import REFUSED, WARNINGS, import_many
from provenance.importer.identity import ALREADY
from provenance.store import Store

from .conftest import snapshot

CASES = Path(__file__).resolve().parent / "cases" / "pages"


def _pages(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "pages"
    folder.mkdir()
    out = []
    for case in sorted(CASES.iterdir()):
        target = folder / f"{case.name}.txt"
        target.write_bytes((case / "page.txt").read_bytes())
        out.append(target)
    bad = folder / "not-a-page.txt"
    bad.write_text("Nothing here is an archive page.\n", encoding="utf-8")
    invalid = folder / "latin1.txt"
    invalid.write_bytes(b"May 10, 1961\nT\xe9l\xe9gramme\nBody.\n")
    return [*out, bad, invalid]


def test_one_refused_page_stops_none_of_the_others(store: Store, tmp_path: Path) -> None:
    pages = _pages(tmp_path)
    seen: list[int] = []
    result = import_many(store, pages, progress=lambda n, total, path: seen.append(n))
    assert seen == list(range(1, len(pages) + 1))
    by_file = {Path(o.file).name: o for o in result.outcomes}
    assert by_file["not-a-page.txt"].status == REFUSED
    assert "not a saved archive page" in by_file["not-a-page.txt"].reason
    assert by_file["latin1.txt"].status == REFUSED and "UTF-8" in by_file["latin1.txt"].reason
    assert result.refused == 2
    imported = [o for o in result.outcomes if o.status != REFUSED]
    assert len(imported) == len(pages) - 2
    assert sorted(d.id for d in store.documents()) == sorted(o.id for o in imported)
    assert by_file["current-cut-short.txt"].status == WARNINGS


def test_pages_imported_again_are_recognised_and_change_nothing(
    store: Store, tmp_path: Path
) -> None:
    pages = _pages(tmp_path)[:2]
    first = import_many(store, pages)
    before = snapshot(store.root)
    again = import_many(store, pages)
    assert [o.status for o in again.outcomes] == [ALREADY, ALREADY]
    assert [o.version for o in again.outcomes] == [o.version for o in first.outcomes]
    assert all(o.note == "the same title and date" for o in again.outcomes)
    assert snapshot(store.root) == before
    assert again.as_dict()["already_imported"] == 2


def test_cli_table_and_exit_code(run, store: Store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pages = _pages(tmp_path)
    r = run("--records", store.root, "import", *pages)
    assert r.exit_code == 1  # some were refused
    lines = r.stdout.splitlines()
    assert lines[0].split() == ["status", "page", "document", "note"]
    assert any(line.startswith("refused") and "not-a-page.txt" in line for line in lines)
    assert lines[-1].endswith(f"2 refused ({len(pages)} pages)")
    assert "importing" not in r.stderr  # no progress off a terminal


def test_cli_json_is_the_librarys_result(run, store: Store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pages = _pages(tmp_path)[:3]
    r = run("--records", store.root, "import", *pages, "--format", "json")
    assert r.exit_code == 0, r.stdout
    data = json.loads(r.stdout)
    assert next(iter(data)) == "format_version"
    assert data["imported"] + data["imported_with_warnings"] == 3 and data["refused"] == 0
    assert [Path(p["file"]).name for p in data["pages"]] == [p.name for p in pages]
    assert all(p["id"] and p["stream"] == "en" for p in data["pages"])
    schema.validate(data, "import-output.schema.json")
    # the same as the library's result for the same pages in a fresh store
    fresh = Store.init(tmp_path / "fresh")
    assert import_many(fresh, pages).as_dict() == data


def test_cli_several_pages_refuse_one_id(run, store: Store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pages = _pages(tmp_path)[:2]
    r = run("--records", store.root, "import", *pages, "--id", "x")
    assert r.exit_code == 2 and "--id" in r.stderr
    assert list(store.documents()) == []


def test_dry_run_writes_nothing_and_says_where_each_part_goes(
    run, store: Store, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    page = CASES / "legacy-bullets" / "page.txt"
    before = snapshot(store.root)
    r = run("--records", store.root, "import", page, "--dry-run")
    assert r.exit_code == 0, r.stderr
    assert "first:  Pyongyang, 9 October 1963" in r.stdout
    assert "translators  Claire Martin" in r.stdout
    assert "summary: The ambassador and the deputy minister" in r.stdout
    j = json.loads(
        run("--records", store.root, "import", page, "--dry-run", "--format", "json").stdout
    )
    assert j["layout"] == "legacy" and j["body_last"].startswith("He said")
    assert snapshot(store.root) == before
    pages = _pages(tmp_path)
    many = run("--records", store.root, "import", *pages, "--dry-run")
    assert many.exit_code == 1 and "nothing written" in many.stdout
    data = json.loads(
        run("--records", store.root, "import", *pages, "--dry-run", "--format", "json").stdout
    )
    schema.validate(data, "import-output.schema.json")
    assert data["dry_run"] is True and data["refused"] == 2
    assert snapshot(store.root) == before
