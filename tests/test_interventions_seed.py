"""The seed translation's editorial layer: every bracket of the body with its type, and its
projections, checked against golden files in tests/cases/interventions/
(``PROVENANCE_UPDATE_GOLDEN=1`` rewrites them)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from provenance import interventions as iv

from .conftest import RECORDS, SEED_ID, shared_path

CASES = Path(__file__).resolve().parent / "cases" / "interventions"
UPDATE = bool(os.environ.get("PROVENANCE_UPDATE_GOLDEN"))
SEED_V1 = RECORDS / SEED_ID / "en" / "v1.txt"


def _seed() -> str:
    return SEED_V1.read_bytes().decode("utf-8")


def _golden(name: str, actual: str) -> None:
    path = CASES / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(actual.encode("utf-8"))
    assert path.is_file(), f"missing golden file {path} (run with PROVENANCE_UPDATE_GOLDEN=1)"
    assert actual == path.read_bytes().decode("utf-8"), name


def ledger_lines(result: iv.ParseResult) -> str:
    rows = ["line:column\ttype\tlabel\tuncertain\ttext"]
    for i in result.interventions:
        rows.append(
            f"{i.line}:{i.column}\t{i.type}\t{i.label or ''}\t"
            f"{'uncertain' if i.uncertain else ''}\t{i.text}"
        )
    return "\n".join(rows) + "\n"


def test_every_bracket_of_the_body_is_found() -> None:
    text = _seed()
    result = iv.parse(text)
    assert len(result.interventions) == text.count("[") == text.count("]") == 33
    assert result.findings == () and result.ignored == ()


def test_the_types_the_issue_names() -> None:
    by_text: dict[str, set[tuple[str, str | None]]] = {}
    for i in iv.parse(_seed()).interventions:
        by_text.setdefault(i.text, set()).add((i.type, i.label))
    assert {t for t, _ in by_text["[Dandong]"]} == {"gloss"}
    assert {t for t, _ in by_text["[Lüshun-Dalian]"]} == {"gloss"}
    assert by_text["[Deng]"] == {("expansion", "name")}
    assert {t for t, _ in by_text["[North]"]} == {"supplied"}
    assert {t for t, _ in by_text["[Ideological]"]} == {"supplied"}
    assert by_text["[1961]"] == {("supplied", "date")}


def test_seed_counts() -> None:
    assert iv.parse(_seed()).counts == {"supplied": 30, "gloss": 2, "expansion": 1}


def test_seed_ledger_golden() -> None:
    _golden("seed-en-v1.ledger.tsv", ledger_lines(iv.parse(_seed())))


@pytest.mark.parametrize("mode", iv.PROJECTIONS)
def test_seed_projection_golden(mode: str) -> None:
    projected = iv.projection(_seed(), mode).text
    _golden(f"seed-en-v1.{mode}.txt", projected)
    assert "[" not in projected and "  " not in projected
    assert projected.count("\n") == _seed().count("\n")


def test_nothing_outside_the_body_is_counted(seed_page: Path) -> None:
    """The saved page holds the body and, around it, the rights block with an address
    hidden by e-mail protection: the body's brackets are the version's, the address is not
    an intervention."""
    page = shared_path("seeds", "000_c1ca01929961c88c.txt").read_text(encoding="utf-8")
    result = iv.parse(page)
    ignored = [" ".join(i.text.split()) for i in result.ignored]  # the page has an NBSP
    assert ignored == ["[email protected]"]
    body = iv.parse(_seed())
    assert [i.text for i in result.interventions] == [i.text for i in body.interventions]
