"""Golden record stores: ``tests/cases/check/positive/*`` pass, ``negative/*`` fail with
exactly the findings their ``expected.txt`` lists."""

from __future__ import annotations

from pathlib import Path

import pytest

from provenance.check import run_check

CASES = Path(__file__).resolve().parent / "cases" / "check"
POSITIVE = sorted(p.name for p in (CASES / "positive").iterdir() if p.is_dir())
NEGATIVE = sorted(p.name for p in (CASES / "negative").iterdir() if p.is_dir())


@pytest.mark.parametrize("name", POSITIVE)
def test_positive_case_passes(name: str) -> None:
    result = run_check(CASES / "positive" / name / "records", use_cache=False)
    assert result.findings == () and result.exit_code == 0


@pytest.mark.parametrize("name", NEGATIVE)
def test_negative_case_fails_as_expected(name: str) -> None:
    folder = CASES / "negative" / name
    expected = [
        line.split()
        for line in (folder / "expected.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    result = run_check(folder / "records", use_cache=False)
    found = [[f.code, f"{f.file}:{f.line or '-'}"] for f in result.findings]
    assert sorted(found) == sorted(expected)
    assert result.exit_code == 1


def test_there_are_cases() -> None:
    assert POSITIVE and NEGATIVE
