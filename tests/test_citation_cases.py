"""Golden citation cases: a record in, the expected citation in every style, form and format.

Each folder under ``tests/cases/citation/`` holds ``records/`` (a store with one document),
``case.yaml`` (the target and the frozen access date) and ``expected/``: ``house.txt``,
``house-pinned.txt``, one file per manual style and form (with ``*.notes.txt``, what the
command says beside it), ``bibtex.bib``, ``ris.ris``, ``csl-json.json``, and
``csl-*.txt``, CSL repository styles (the bibliography entry, a note style's first and later
note, an author-date style's in-text citation) rendered by the processor named in
``expected/processor.txt`` (with another version of it that one is skipped, not
failed).  ``PROVENANCE_UPDATE_GOLDEN=1`` rewrites them.

What each manual file follows (the manuals' own examples are checked in
``test_citation_manual.py``):

* ``chicago-note.txt``: CMOS 17th ed., 14.20 (a note's elements, separated by commas),
  14.221-14.231 (manuscript collections: "sender to recipient, description, date", the
  item's number, the collection, the depository), 14.104 (``trans.``), 14.2 (commentary in a
  note: who obtained the document), 6.78 (en dash in page ranges);
* ``chicago-short.txt``: CMOS 14.29-14.33 (family name, short title of up to four words);
* ``chicago.txt``: CMOS 14.21 (elements separated by periods), 14.72 (first author
  inverted), 14.221-14.231 (a single item cited from a collection, "Letter to ...");
* ``mla.txt``: MLA Handbook 9th ed., ch. 5 (core elements), MLA Style Center "Citing letters"
  and "Citing materials from physical archives" (description unquoted, date after it,
  collection as container, holding archive in the location), ``pp.`` and en dash for pages,
  URL without its scheme;
* ``mla-short.txt``: MLA 9, 6.1-6.4 (in-text citation);
* ``apa.txt``: APA 7th ed., 9.8 (authors, initials), 9.14-9.17 (date), 9.21 (bracketed
  description after the title and its parenthetical), 9.39 (``(J. Wang & C. Kraus,
  Trans.)``), APA Style "Archival documents and collections" (collection (reference),
  repository), 9.35 (no period after a URL);
* ``apa-short.txt``: APA 7, 8.10-8.12 (parenthetical citation).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from provenance import yamlio

CASES = Path(__file__).parent / "cases" / "citation"
UPDATE = bool(os.environ.get("PROVENANCE_UPDATE_GOLDEN"))
#: Expected file name -> (style, form) rendered by the manuals' code.
MANUAL = {
    "chicago-note": ("chicago", "note"),
    "chicago-short": ("chicago", "short"),
    "chicago": ("chicago", "bibliography"),
    "mla": ("mla", "bibliography"),
    "mla-short": ("mla", "short"),
    "apa": ("apa", "bibliography"),
    "apa-short": ("apa", "short"),
}
#: Expected file name -> a CSL repository style and form rendered by the processor.
CSL_STYLES = {
    "csl-chicago-notes-bibliography": ("chicago-notes-bibliography", "bibliography"),
    "csl-chicago-notes-bibliography-note": ("chicago-notes-bibliography", "note"),
    "csl-chicago-notes-bibliography-short": ("chicago-notes-bibliography", "short"),
    "csl-apa-short": ("csl:apa", "short"),
}
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
@pytest.mark.parametrize("expected_name", sorted(MANUAL))
def test_manual_styles(run, name: str, expected_name: str) -> None:  # type: ignore[no-untyped-def]
    folder, case = _case(name)
    style, form = MANUAL[expected_name]
    r = run(
        "--records",
        folder / "records",
        "cite",
        case["target"],
        "--style",
        style,
        "--form",
        form,
        "--accessed",
        case["accessed"],
    )
    assert r.exit_code == 0, r.stderr
    _check(folder / "expected" / f"{expected_name}.txt", r.stdout)
    _check(folder / "expected" / f"{expected_name}.notes.txt", r.stderr)


@pytest.mark.parametrize("name", case_names())
@pytest.mark.parametrize("expected_name", sorted(CSL_STYLES))
def test_csl_styles(run, name: str, expected_name: str) -> None:  # type: ignore[no-untyped-def]
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
        CSL_STYLES[expected_name][0],
        "--form",
        CSL_STYLES[expected_name][1],
        "--accessed",
        case["accessed"],
    )
    assert r.exit_code == 0, r.stderr
    _check(expected / f"{expected_name}.txt", r.stdout)
    _check(expected / f"{expected_name}.notes.txt", r.stderr)
