"""The older page layouts and the PDF export: fields, the body exactly as printed, warnings
for what cannot be placed, and the printed citation rendered back from the record."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from provenance import yamlio
from provenance.errors import ImportParseError
from provenance.importer import import_page, parse_page
from provenance.importer.page import detect_layout
from provenance.store import Store
from provenance.textio import read_text

from .conftest import FIXTURES

PAGES = FIXTURES / "pages"
HAPP = "History and Public Policy Program Digital Archive"
CONFIG = {"schema": "provenance/store/1", "publisher": HAPP}


@dataclass
class Page:
    file: str
    layout: str
    title: str
    date: str
    translators: list[str]
    first: str  # first line of the body
    last: str  # last line of the body
    house_style: dict[str, object]
    warnings: int = 0


CASES = [
    Page(
        "legacy_1959-06-05_chinese-embassy.txt",
        "legacy",
        "Cable from the Chinese Embassy in the DPRK, 'The Situation of Korean Residents "
        "Returning from China'",
        "1959-06-05",
        ["Anna Li"],
        "[Stamp: Ministry of Foreign Affairs, Received 6 June 1959]",
        "5 June 1959",
        {"day": "numeric"},
    ),
    Page(
        "legacy_1950-03-23_roshchin-crlf.txt",
        "legacy",
        "Cable, Roshchin to Filippov [Stalin]",
        "1950-03-23",
        ["Sergey Petrov"],
        "CIPHERED TELEGRAM",
        "23.III.50",
        {},
    ),
    Page(
        "legacy-caps_1956-09-07_conversation-chinese-ambassador.txt",
        "legacy-caps",
        "Memorandum of Conversation with the Ambassador of the People\u2019s Republic of China "
        "in the DPRK",
        "1956-09-07",
        ["Daniel Park"],
        "From the diary of",
        "S. Filatov",
        {"quotes": "curly"},
        warnings=1,
    ),
    Page(
        "pdf_1950-10-02_mao-to-filippov.txt",
        "pdf",
        "Telegram, Mao Zedong to Filippov [Stalin]",
        "1950-10-02",
        ["Zhang Wei", "Li Na", "Anna Morozova"],
        "Comrade Filippov [Stalin]:",
        "2 October 1950",
        {"serial_comma": False},
    ),
    Page(
        "pdf_1953-07-01_conversation-pak-heon-yeong.txt",
        "pdf",
        "Record of a Conversation with Pak Heon-yeong",
        "1953-07-01",
        ["Eszter Nagy"],
        "Pyongyang, 1 July 1953",
        "Envoy",
        {"day": "numeric"},
    ),
]
IDS = [c.file.split("_")[0] + "-" + c.date for c in CASES]


def _parse(case: Page):  # type: ignore[no-untyped-def]
    path = PAGES / case.file
    return read_text(path), parse_page(read_text(path), filename=str(path), config=CONFIG)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_fields(case: Page) -> None:
    text, page = _parse(case)
    assert detect_layout(text) == case.layout == page.layout
    assert page.meta["title"] == case.title
    assert page.meta["date"] == case.date
    assert page.translators == case.translators
    assert page.meta["publisher"] == HAPP
    assert page.meta["citation"].get("house_style", {}) == case.house_style
    assert len(page.warnings) == case.warnings, page.warnings
    assert page.language == "en" and page.kind == "translation"


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_body_exactly_as_printed(case: Page) -> None:
    text, page = _parse(case)
    newline = "\r\n" if "\r\n" in text else "\n"
    start = text.index(case.first)
    end = text.index(case.last + newline, start) + len(case.last + newline)
    assert page.body == text[start:end]


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_citation_sentence_in_fields(case: Page) -> None:
    _, page = _parse(case)
    printed = page.meta["citation"]["as_printed"]
    assert printed.startswith(('"', "\u201c")) and case.title in printed
    assert "\n" not in printed  # the PDF's line breaks are not part of the sentence


def test_reference_with_commas_and_folios() -> None:
    _, page = _parse(CASES[1])
    assert page.meta["source"] == {
        "archive": "Archive of Foreign Policy of the Russian Federation (AVPRF)",
        "reference": "AVPRF, f. 0100, op. 43, d. 302",
        "pages": "ll. 20-24",
    }
    assert page.meta["languages"] == ["ru"]
    assert page.meta["record_id"] == "117312"
    assert page.meta["subjects"] == [
        "Sino-Soviet Relations",
        "Soviet Union--Foreign relations--China",
    ]
    assert "url" in page.meta and page.meta["url"] == ""


def test_translated_for_nkidp_and_funders() -> None:
    _, page = _parse(CASES[2])
    assert page.meta["acquisition"] == {"obtained_by": ["Kim Min-ji"], "translated_for": "NKIDP"}
    assert page.meta["url"] == "https://digitalarchive.wilsoncenter.org/document/120803"
    assert page.meta["funders"] == ["MacArthur Foundation", "Leon Levy Foundation"]
    assert "\u00a0" in page.body  # NBSP kept
    assert page.meta["unplaced"] == [
        {
            "label": "Related Documents",
            "text": "September 13, 1956\nMemorandum of Conversation with the Chinese Ambassador, "
            "13 September 1956",
        }
    ]
    assert "Related Documents" in page.warnings[0] and "unplaced" in page.warnings[0]


def test_pdf_wrapped_fields_and_obtained_and_translated() -> None:
    _, page = _parse(CASES[3])
    assert page.meta["funder_line"].endswith("and the Leon Levy Foundation")
    assert page.meta["languages"] == ["zh"]
    assert not page.body.startswith("[Translation")
    _, page = _parse(CASES[4])
    assert page.meta["acquisition"] == {"obtained_by": ["Eszter Nagy"]}
    assert page.meta["languages"] == ["hu"]


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_import_stores_body_and_cite_renders_the_printed_sentence(
    run, case: Page, store: Store
) -> None:  # type: ignore[no-untyped-def]
    text = read_text(PAGES / case.file)
    r = run("--records", store.root, "import", PAGES / case.file, "--id", "doc")
    assert r.exit_code == 0, r.stderr
    _, page = _parse(case)
    show = run("--records", store.root, "show", "doc/en@1")
    assert show.stdout_bytes == page.body.encode("utf-8")
    assert page.body in text
    cite = run("--records", store.root, "cite", "doc")
    assert cite.exit_code == 0, cite.stderr
    assert cite.stdout == page.meta["citation"]["as_printed"] + "\n"
    assert cite.stderr == ""


def test_cite_renders_from_fields_not_from_as_printed(run, store: Store) -> None:  # type: ignore[no-untyped-def]
    case = CASES[2]
    run("--records", store.root, "import", PAGES / case.file, "--id", "doc")
    path = store.root / "doc" / "document.yaml"
    meta = yamlio.load(path).data
    meta["source"]["pages"] = "ll. 183-186"
    meta["citation"]["house_style"] = {"quotes": "straight"}
    path.write_text(yamlio.dumps(meta), encoding="utf-8")
    r = run("--records", store.root, "cite", "doc")
    assert r.exit_code == 0
    assert r.stdout.startswith('"Memorandum of Conversation')
    assert "ll. 183-186. Obtained by Kim Min-ji" in r.stdout
    assert "differs from the citation as printed" in r.stderr


def test_crlf_page_stored_with_crlf(store: Store) -> None:
    _, page = import_page(store, PAGES / CASES[1].file, doc_id="roshchin")
    data = store.read_bytes(store.version("roshchin", "en", 1))
    assert b"\r\n" in data and data.count(b"\n") == data.count(b"\r\n")
    assert data.decode("utf-8") == page.body


def _legacy(citation: str, extra_before_date: str = "", heading: str = "") -> str:
    return (
        f"Search the Digital Archive\n\n{extra_before_date}May 10, 1961\n\n{heading}"
        f"Citation\n\nget citation\n\nA summary.\n\n{citation}\n\nEnglish HTML\n\nBody line.\n"
    )


def test_unknown_credit_is_kept_verbatim_and_reported() -> None:
    sentence = (
        '"Cable, A to B," May 10, 1961, '
        + HAPP
        + ", PRC FMA 1-2-3, 4-5. Translated and annotated by Someone."
    )
    page = parse_page(_legacy(sentence), config=CONFIG)
    assert any("not understood" in w for w in page.warnings)
    assert not any("rendered from the imported fields differs" in w for w in page.warnings)
    assert page.meta["citation"]["as_printed"] == sentence
    assert page.meta["citation"]["credit_as_printed"] == "Translated and annotated by Someone."
    assert page.meta["source"] == {"reference": "PRC FMA 1-2-3", "pages": "4-5"}
    assert page.body == "Body line.\n"


def test_citation_not_a_sentence_goes_to_unplaced() -> None:
    page = parse_page(
        _legacy('"Cable without a closing quote', heading="Cable, A to B\n\n"), config=CONFIG
    )
    assert page.meta["title"] == "Cable, A to B"
    assert page.meta["unplaced"] == [
        {"label": "citation", "text": '"Cable without a closing quote'}
    ]
    assert any("unplaced" in w for w in page.warnings)


def test_text_before_date_and_differing_heading_are_reported() -> None:
    sentence = '"Cable, A to B," May 10, 1961, ' + HAPP + ", X 1. Translated by C D."
    page = parse_page(
        _legacy(
            sentence, extra_before_date="Breaking news banner\n\n", heading="Another Title\n\n"
        ),
        config=CONFIG,
    )
    labels = [u["label"] for u in page.meta["unplaced"]]
    assert labels == ["before the date", "heading"]
    assert page.meta["title"] == "Cable, A to B"
    assert len(page.warnings) == 2


def test_unknown_publisher_is_reported() -> None:
    page = parse_page(
        _legacy('"Cable, A to B," May 10, 1961, Some Other Archive, X 1. Translated by C D.'),
        config=CONFIG,
    )
    assert page.meta["publisher"] == "Some Other Archive"
    assert any("publisher" in w for w in page.warnings)


def test_unknown_layout_is_refused() -> None:
    with pytest.raises(ImportParseError, match="layout"):
        detect_layout("Just some text\nwith lines\n")
    with pytest.raises(ImportParseError, match="no body"):
        parse_page("Search the Digital Archive\nMay 10, 1961\nNo citation block here\n")


def test_legacy_without_language_label_imports() -> None:
    text = _legacy('"Cable, A to B," May 10, 1961, ' + HAPP + ", X 1.").replace("English HTML", "")
    page = parse_page(text)
    assert page.language == "en" and page.body == "Body line.\n"
    assert page.meta["summary"] == "A summary."


def test_cli_import_reports_warnings(run, store: Store) -> None:  # type: ignore[no-untyped-def]
    r = run("--records", store.root, "import", PAGES / CASES[2].file, "--format", "json")
    assert r.exit_code == 0
    assert '"layout": "legacy-caps"' in r.stdout
    assert "warning:" in r.stderr and "Related Documents" in r.stderr


def test_fixture_pages_are_as_written() -> None:
    """The test pages carry what they are meant to exercise."""
    raw = {p.name: p.read_bytes() for p in Path(PAGES).glob("*.txt")}
    assert b"\r\n" in raw[CASES[1].file]
    assert "\u00a0".encode() in raw[CASES[0].file] and "\u201c".encode() in raw[CASES[2].file]
