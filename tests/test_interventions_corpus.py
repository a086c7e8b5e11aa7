"""Real bracket conventions from ../shared/corpus: FRUS volumes and the Office of the
Historian's TEI (raw and as text), and the Frankenstein witnesses.  Nothing may fail, every
character survives, and unbalanced brackets come back as findings."""

from __future__ import annotations

import functools
from collections import Counter
from pathlib import Path

import pytest

from provenance import interventions as iv

from .conftest import shared_path

TEI = "{http://www.tei-c.org/ns/1.0}"
FRUS = [
    ("frus-volumes", "frus1861@463076f.xml"),
    ("frus-volumes", "frus1870@ee153f9.xml"),
    ("frus-volumes", "frus1894Nicaragua@260afe5.xml"),
    ("frus-history", "frus-history@9e03bbc.xml"),
    ("frus-history", "1958-11-07-hac-meeting-minutes.xml"),
]


@functools.cache
def body_text(path: Path) -> str:
    """The TEI body's text as the volume is read on the web: each page break shown as the
    series prints it, ``[Page N]``."""
    from lxml import etree

    root = etree.parse(str(path)).getroot()
    body = root.find(f".//{TEI}body")
    assert body is not None
    for pb in body.iter(f"{TEI}pb"):
        if pb.get("n"):
            pb.tail = f"[Page {pb.get('n')}]" + (pb.tail or "")
    return "".join(body.itertext())


def _check(text: str, result: iv.ParseResult) -> None:
    assert str(result) == text
    for item in result.interventions:
        assert text[item.start : item.end] == item.text
    for f in iv.lint(result, "frus"):
        assert 0 <= f.start <= f.end <= len(text) and f.line >= 1


@pytest.mark.parametrize(("folder", "name"), FRUS)
def test_frus_raw_tei_parses(folder: str, name: str) -> None:
    raw = shared_path("corpus", folder, name).read_text(encoding="utf-8")
    result = iv.parse(raw, "frus")
    _check(raw, result)
    assert len(result.findings) == len(result.strays)


@pytest.mark.parametrize(("folder", "name"), FRUS)
def test_frus_text_parses_and_projects(folder: str, name: str) -> None:
    text = body_text(shared_path("corpus", folder, name))
    result = iv.parse(text, "frus")
    _check(text, result)
    assert result.counts.get("page", 0) == text.count("[Page ")
    source = iv.source_only_text(result, "frus")
    assert "[Page " not in source and len(source) < len(text)


def test_frus_1861_unbalanced_brackets_are_findings() -> None:
    text = body_text(shared_path("corpus", "frus-volumes", "frus1861@463076f.xml"))
    result = iv.parse(text, "frus")
    closes = [f for f in result.findings if "closes no bracket" in f.message]
    assert len(closes) > 100  # dispatch numbers printed "No. 1.]" with no opening bracket
    first = closes[0]
    assert text[first.start - 6 : first.end] == "No. 1.]"
    assert (first.code, first.severity) == ("bracket-unbalanced", "error")


def test_frus_history_names_and_conventions() -> None:
    text = body_text(shared_path("corpus", "frus-history", "frus-history@9e03bbc.xml"))
    result = iv.parse(text, "frus")
    types = Counter((i.type, i.content) for i in result.interventions)
    assert types[("note", "no date")] > 10
    assert types[("not-declassified", "name not declassified")] > 1
    assert types[("sic", "sic")] > 10
    assert types[("expansion", "avid")] > 1  # D[avid]
    # "R[ichard] H [M[orefield]": one bracket is never closed
    (finding,) = result.findings
    assert "never closed" in finding.message
    assert text[finding.start : finding.start + 3] == "[M["


def test_frus_1870_unclosed_bracket_caught_across_paragraphs() -> None:
    text = body_text(shared_path("corpus", "frus-volumes", "frus1870@ee153f9.xml"))
    codes = Counter(f.code for f in iv.lint(text, "frus"))
    assert codes["bracket-unbalanced"] > 100
    assert codes["bracket-across-paragraphs"] >= 1  # "qu'à son [su et de sa" ... "No. 252.]"


def test_frus_history_revision_keeps_every_intervention() -> None:
    old = body_text(shared_path("corpus", "frus-history", "frus-history@a59ddc5.xml"))
    new = body_text(shared_path("corpus", "frus-history", "frus-history@9e03bbc.xml"))
    c = iv.compare(old, new, "frus")
    assert c.counts["kept"] == len(c.old.interventions) == len(c.new.interventions)


def test_frankenstein_witnesses_parse() -> None:
    folder = shared_path("corpus", "frankenstein-variorum")
    files = sorted(folder.glob("*/*.txt")) + sorted(folder.glob("*/*.xml"))
    assert len(files) == 16
    for path in files:
        text = path.read_text(encoding="utf-8")
        result = iv.parse(text)
        assert str(result) == text
        assert result.interventions == () and iv.lint(result) == []
        assert iv.reading_text(result) == text == iv.source_only_text(result)


def test_leiden_profile_on_the_darwin_witnesses() -> None:
    """Texts with no square brackets come through any profile untouched."""
    for path in sorted(shared_path("corpus", "collatex-darwin").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        result = iv.parse(text, "leiden")
        assert str(result) == text and iv.source_only_text(result, "leiden") == text
