"""The seed page: its body is stored character for character, and importing it into an empty
store reproduces the project's own records/ byte for byte."""

from __future__ import annotations

import shutil
from pathlib import Path

from provenance.importer import import_page, parse_page
from provenance.store import Store
from provenance.textio import read_text

from .conftest import RECORDS, SEED_ID, snapshot


def test_seed_body_is_the_page_body(seed_page: Path) -> None:
    text = read_text(seed_page)
    page = parse_page(text, filename=str(seed_page))
    # Independently: from the first line after the funder line to the closing date line.
    start = text.index("Request for the Consular Department to handle.")
    end = text.index("10 May 1961\n") + len("10 May 1961\n")
    assert page.body == text[start:end]
    assert page.layout == "digital-archive"
    assert page.body.encode("utf-8") == (RECORDS / SEED_ID / "en" / "v1.txt").read_bytes()
    assert "Skip to content" not in page.body and "Document Information" not in page.body


def test_seed_fields(seed_page: Path) -> None:
    page = parse_page(read_text(seed_page), filename=str(seed_page))
    meta = page.meta
    assert meta["date"] == "1961-05-10"
    assert meta["source"] == {"reference": "PRC FMA 118-01026-03", "pages": "69-70"}
    assert meta["acquisition"] == {"obtained_by": ["Shen Zhihua"]}
    assert page.translators == ["Jeffrey Wang", "Charles Kraus"]
    assert meta["funders"] == ["MacArthur Foundation", "Leon Levy Foundation"]
    assert meta["record_id"] == "" and meta["uploaded"] == ""
    # The contact line's address is the site's e-mail protection placeholder: kept, reported.
    assert len(page.warnings) == 1
    assert page.warnings[0].startswith("line 70: '[email\u00a0protected]' is the site's e-mail")


def test_seed_import_reproduces_records(seed_page: Path, tmp_path: Path) -> None:
    target = tmp_path / "records"
    target.mkdir()
    shutil.copy(RECORDS / "provenance.yaml", target / "provenance.yaml")  # the store's settings
    store = Store(target)
    doc, _ = import_page(store, seed_page)
    assert doc.id == SEED_ID
    # Every file of the seed document (other documents may join records/ over time).
    expected = {
        k: v
        for k, v in snapshot(RECORDS).items()
        if k == "provenance.yaml" or k.startswith(SEED_ID + "/")
    }
    assert snapshot(target) == expected
