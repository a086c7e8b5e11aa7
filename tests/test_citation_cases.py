"""Golden citation cases: a record in, the expected citation in every style and format out.

Each folder under ``tests/cases/citation/`` holds ``records/`` (a store with one document),
``case.yaml`` (the target and the frozen access date) and ``expected/``: ``house.txt``,
``house-pinned.txt``, ``chicago.txt``, ``mla.txt``, ``apa.txt`` (with ``*.notes.txt``, what the
command says beside a standard style), ``bibtex.bib``, ``ris.ris``, ``csl-json.json``.  The
standard styles were rendered by the processor named in ``expected/processor.txt``; with another
version of it they are skipped, not failed.  ``PROVENANCE_UPDATE_GOLDEN=1`` rewrites them.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from provenance import yamlio

CASES = Path(__file__).parent / "cases" / "citation"
UPDATE = bool(os.environ.get("PROVENANCE_UPDATE_GOLDEN"))
STYLES = ("chicago", "mla", "apa")
EXPORTS = {"bibtex": "bibtex.bib", "ris": "ris.ris", "csl-json": "csl-json.json"}


def case_names() -> list[str]:
    return sorted(p.name for p in CASES.iterdir() if (p / "case.yaml").is_file())


def _case(name: str) -> tuple[Path, dict[str, str]]:
    folder = CASES / name
    return folder, yamlio.load(folder / "case.yaml").data


def _check(path: Path, actual: str) -> None:
    if UPDATE:
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(actual.encode("utf-8"))
        return
    assert actual == path.read_bytes().decode("utf-8"), f"differs from {path}"


@pytest.mark.parametrize("name", case_names())
def test_house_style(run, name: str) -> None:  # type: ignore[no-untyped-def]
    folder, case = _case(name)
    records = folder / "records"
    r = run("--records", records, "cite", case["target"])
    assert r.exit_code == 0, r.stderr
    _check(folder / "expected" / "house.txt", r.stdout)
    r = run("--records", records, "cite", case["target"], "--pinned")
    assert r.exit_code == 0, r.stderr
    _check(folder / "expected" / "house-pinned.txt", r.stdout)


@pytest.mark.parametrize("name", case_names())
@pytest.mark.parametrize("fmt", sorted(EXPORTS))
def test_exports(run, name: str, fmt: str) -> None:  # type: ignore[no-untyped-def]
    folder, case = _case(name)
    r = run(
        "--records",
        folder / "records",
        "cite",
        case["target"],
        "--format",
        fmt,
        "--accessed",
        case["accessed"],
    )
    assert r.exit_code == 0, r.stderr
    _check(folder / "expected" / EXPORTS[fmt], r.stdout)


@pytest.mark.parametrize("name", case_names())
@pytest.mark.parametrize("style", STYLES)
def test_standard_styles(run, name: str, style: str) -> None:  # type: ignore[no-untyped-def]
    from provenance.citation.csl import processor_version

    folder, case = _case(name)
    expected = folder / "expected"
    version = processor_version()
    if UPDATE:
        (expected / "processor.txt").write_text(version + "\n", encoding="utf-8")
    elif (expected / "processor.txt").read_text(encoding="utf-8").strip() != version:
        pytest.skip(f"golden outputs were rendered by another processor version, not {version}")
    r = run(
        "--records",
        folder / "records",
        "cite",
        case["target"],
        "--style",
        style,
        "--accessed",
        case["accessed"],
    )
    assert r.exit_code == 0, r.stderr
    _check(expected / f"{style}.txt", r.stdout)
    _check(expected / f"{style}.notes.txt", r.stderr)
