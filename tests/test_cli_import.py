"""provenance import ... --rights STATEMENT on saved archive pages."""

from __future__ import annotations

import json
from pathlib import Path

from provenance.store import Store

from .conftest import FIXTURES, SEED_ID, snapshot

PDF_PAGE = FIXTURES / "pages" / "pdf_1950-10-02_mao-to-filippov.txt"


def _init(run, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    records = tmp_path / "records"
    assert run("init", records).exit_code == 0
    return records


def test_rights_given_are_recorded_with_the_pages_text(
    run,
    tmp_path: Path,  # type: ignore[no-untyped-def]
    seed_page: Path,
) -> None:
    records = _init(run, tmp_path)
    r = run("--records", records, "import", seed_page, "--rights", "InC")
    assert r.exit_code == 0, r.stderr
    rights = Store(records).document(SEED_ID).meta["rights"]
    assert rights["statement"] == "http://rightsstatements.org/vocab/InC/1.0/"
    assert rights["text"].startswith("The History and Public Policy Program welcomes reuse")
    assert list(rights) == ["text", "statement", "contact"]
    assert "rights" not in r.stderr  # the page printed no statement: nothing to replace


def test_a_page_without_rights_text_gets_the_statements_label(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    records = _init(run, tmp_path)
    r = run(
        "--records",
        records,
        "import",
        PDF_PAGE,
        "--id",
        "mao-filippov",
        "--rights",
        "https://rightsstatements.org/page/InC-EDU/1.0/",
        "--format",
        "json",
    )
    assert r.exit_code == 0, r.stderr
    assert json.loads(r.stdout)["id"] == "mao-filippov"
    meta = Store(records).document("mao-filippov").meta
    assert meta["rights"] == {
        "text": "In Copyright - Educational Use Permitted",
        "statement": "http://rightsstatements.org/vocab/InC-EDU/1.0/",
    }
    keys = list(meta)
    assert keys.index("rights") < keys.index("url") < keys.index("imported")


def test_an_spdx_expression_is_recorded_as_written(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    records = _init(run, tmp_path)
    r = run("--records", records, "import", PDF_PAGE, "--id", "mao", "--rights", "CC-BY-4.0")
    assert r.exit_code == 0, r.stderr
    rights = Store(records).document("mao").meta["rights"]
    assert rights["statement"] == "CC-BY-4.0"
    assert rights["text"] == "Creative Commons Attribution 4.0 International"


def test_a_bad_statement_is_one_line_and_writes_nothing(
    run,
    tmp_path: Path,  # type: ignore[no-untyped-def]
    seed_page: Path,
) -> None:
    records = _init(run, tmp_path)
    before = snapshot(records)
    for bad in (
        "In copyright, all rights reserved",
        "http://rightsstatements.org/vocab/InC/2.0/",
        "InC-XYZ",
        "",
    ):
        r = run("--records", records, "import", seed_page, "--rights", bad)
        assert r.exit_code == 2, (bad, r.stderr)
        assert r.stderr.startswith("provenance: error: --rights: rights statement ")
        assert r.stderr.count("\n") == 1, r.stderr
        assert r.stdout == ""
        assert snapshot(records) == before
