"""Archive pages in every shape the archive has printed: golden cases under
``tests/cases/pages/<shape>/`` (``page.txt``, the fields and warnings expected in
``expected.yaml``, the body byte for byte in ``body.txt``), and printed citation sentences in
every form, each given back byte for byte by ``cite``."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from provenance import yamlio
from provenance.citation.house import CitationFields, parse_sentence, render_sentence
from provenance.citation.style import HouseStyle
from provenance.errors import ImportParseError
from provenance.importer import parse_page
from provenance.store import Store

CASES = Path(__file__).resolve().parent / "cases" / "pages"
SHAPES = sorted(p.name for p in CASES.iterdir() if (p / "page.txt").is_file())
HAPP = "History and Public Policy Program Digital Archive"
CONFIG = {
    "schema": "provenance/store/1",
    "publisher": HAPP,
    "house_style": {"quotes": "straight", "day": "two-digit", "serial_comma": True, "url": True},
}


def _case(shape: str):  # type: ignore[no-untyped-def]
    folder = CASES / shape
    text = (folder / "page.txt").read_bytes().decode("utf-8")
    expected = yamlio.load(folder / "expected.yaml").data
    return folder, text, expected


def test_every_shape_has_a_case() -> None:
    assert {
        "current-blank-lines",
        "current-single-newlines",
        "current-run-together",
        "current-labels-missing",
        "current-cut-short",
        "legacy-bullets",
        "legacy-caps-share-link",
        "legacy-no-banner",
        "pdf-run-on",
    } <= set(SHAPES)


@pytest.mark.parametrize("shape", SHAPES)
def test_fields_body_and_warnings(shape: str) -> None:
    folder, text, expected = _case(shape)
    page = parse_page(text, filename="page.txt", config=CONFIG)
    assert page.layout == expected["layout"]
    assert (page.language, page.kind) == (expected["language"], expected["kind"])
    assert page.translators == expected["translators"]
    for key, value in expected["fields"].items():
        assert page.meta.get(key) == value, key
    unexpected = {"type", "summary", "languages", "acquisition", "subjects", "citation"} - set(
        expected["fields"]
    )
    assert not unexpected & set(page.meta), unexpected & set(page.meta)
    assert page.body.encode("utf-8") == (folder / "body.txt").read_bytes()
    assert page.warnings == expected["warnings"]


@pytest.mark.parametrize("shape", SHAPES)
def test_body_free_of_chrome_and_summary(shape: str) -> None:
    _, text, _ = _case(shape)
    page = parse_page(text, config=CONFIG)
    assert page.body in text
    summary = page.meta.get("summary")
    if summary:
        assert summary not in page.body
    for chrome in (
        "Skip to content",
        "Document Information",
        "Associated ",
        "get citation",
        "Citation:",
        "Contents:",
        "English HTML",
        "Record ID",
    ):
        assert chrome not in page.body, chrome


@pytest.mark.parametrize("shape", SHAPES)
def test_import_and_cite(run, shape: str, store: Store) -> None:  # type: ignore[no-untyped-def]
    folder, _, expected = _case(shape)
    r = run("--records", store.root, "import", folder / "page.txt", "--id", "doc")
    assert r.exit_code == 0, r.stderr
    assert (
        run("--records", store.root, "show", "doc/en@1").stdout_bytes
        == (folder / "body.txt").read_bytes()
    )
    assert run("--records", store.root, "check").exit_code in (0, 1)
    printed = expected["fields"].get("citation", {}).get("as_printed")
    if printed:
        cite = run("--records", store.root, "cite", "doc")
        assert cite.stdout == printed + "\n"
        assert cite.stderr == ""


def test_placeholder_is_kept_and_reported() -> None:
    _, text, _ = _case("current-blank-lines")
    page = parse_page(text, config=CONFIG)
    assert "[email\u00a0protected]" in page.meta["rights"]["contact"]
    assert any("e-mail protection placeholder" in w for w in page.warnings)


def test_refused_only_without_title_date_or_body() -> None:
    with pytest.raises(ImportParseError, match="layout"):
        parse_page("Just some text\nwith lines\n")
    with pytest.raises(ImportParseError, match="no body"):
        parse_page("Skip to content\nMay 10, 1961\nA title only\n")
    with pytest.raises(ImportParseError, match="no title"):
        parse_page("May 10, 1961\nDocument Information\nX 1.\n")


# -- printed citation sentences ---------------------------------------------------------------

URL = "https://digitalarchive.wilsoncenter.org/document/121212"
VARIANTS = {
    "straight-two-digit": f'"Cable, A to B," May 07, 1961, {HAPP}, PRC FMA 1-2-3, 4-5. '
    "Obtained by Shen Li and translated by Jeffrey Wang and Charles Kraus.",
    "curly-plain-day": f"\u201cCable, A to B,\u201d May 7, 1961, {HAPP}, PRC FMA 1-2-3, 4-5. "
    "Translated by Anna Li.",
    "empty-date-slot": f'"Note on Talks," , {HAPP}, AVPRF, f. 0100, op. 46, d. 12, ll. 1-3. '
    "Translated by Gary Smith.",
    "month-only": f'"Letter, C to D," June 1950, {HAPP}, RGASPI, f. 558, op. 11, d. 334. '
    "Translated by Ann Lee.",
    "year-only": f'"Report on Trade," 1972, {HAPP}, MNL OL, XIX-J-1-j. Translated by Eva Toth.',
    "trailing-url": f'"Cable, A to B," May 10, 1961, {HAPP}, PRC FMA 1-2-3, 4-5. '
    f"Translated by Anna Li. {URL}",
    "publication": f"\u201cDiscussion between A and B,\u201d November 17, 1968, {HAPP}, CWIHP "
    f'Working Paper 22, "77 Conversations." {URL}',
    "publication-and-credit": f'"Talks, A and B," April 19, 1968, {HAPP}, CWIHP Working Paper 22, '
    '"77 Conversations." Translated by Paul Grey.',
    "several-references": f'"Telegram, E to F," October 12, 1950, {HAPP}, APRF, f. 45, op. 1, '
    "d. 334, l. 141; and RGASPI, f. 558, op. 11, d. 334, ll. 0141. Translated by Gary Smith.",
    "for-cwihp": f'"Memo, G to H," March 02, 1958, {HAPP}, PRC FMA 106-00100-02, 11-12. '
    "Translated for CWIHP by Li Wen and Sara Holt.",
    "obtained-and-translated-for-nkidp": f'"Conversation, I and J," October 09, 1963, {HAPP}, '
    "AMAE, Coree, vol. 8. Obtained and translated for NKIDP by Claire Martin.",
    "obtained-for-and-translated-for": f"\u201cNote from the Embassy,\u201d September 02, 1953, "
    f"{HAPP}, Polish Foreign Ministry Archive. Obtained for NKIDP by Jan Kowal and translated "
    f"for NKIDP by Maria Nowak. {URL}",
    "contributed": f'"Minutes, 14 July," July 14, 1972, {HAPP}, MNL OL, M-KS-288. '
    "Contributed by Eva Toth.",
    "three-translators-no-serial-comma": f'"Telegram, K to L," October 02, 1950, {HAPP}, '
    "Jianguo yilai Mao Zedong wengao, vol. 1, 539-541. Translated by Zhang Wei, Li Na and Ann Lee.",
    "two-credit-sentences": f'"Cable, M to N," May 10, 1961, {HAPP}, PRC FMA 1-2-3. '
    "Obtained by Shen Li. Translated by Anna Li.",
    "other-wording": f'"Memorandum, O and P," November 04, 1962, {HAPP}, Foreign Ministry '
    "archives, obtained by a television company; translation slightly revised",
    "other-publisher": '"Cable, Q to R," May 10, 1961, Wilson Center Digital Archive, '
    "PRC FMA 1-2-3. Translated by Anna Li.",
    "no-credit": f'"Telegram, S to T," December 01, 1950, {HAPP}, APRF, Fond 45, Opis 1, '
    "Delo 336, List 5.",
}


def _legacy_page(sentence: str) -> str:
    return (
        "Search in\n\nDigital Archive International History Declassified\n\nMay 10, 1961\n\n"
        f"  \u2022 Citation\n\n    get citation\n\n    A summary.\n    {sentence}\n"
        "  \u2022 share document\n\n\nEnglish HTML\n\nBody line.\n"
    )


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_printed_citation_parses_into_fields_that_render_back(name: str) -> None:
    sentence = VARIANTS[name]
    page = parse_page(_legacy_page(sentence), config=CONFIG)
    assert page.meta["citation"]["as_printed"] == sentence
    assert not any("rendered from the imported fields differs" in w for w in page.warnings)


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_cite_gives_the_printed_sentence_back(run, name: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    records = tmp_path / "records"
    assert run("init", records).exit_code == 0
    page = tmp_path / "page.txt"
    page.write_text(_legacy_page(VARIANTS[name]), encoding="utf-8")
    r = run("--records", records, "import", page, "--id", "doc")
    assert r.exit_code == 0, r.stderr
    cite = run("--records", records, "cite", "doc")
    assert cite.stdout.encode("utf-8") == VARIANTS[name].encode("utf-8") + b"\n"
    assert cite.stderr == ""


def test_variant_fields() -> None:
    def fields(name: str) -> dict:  # type: ignore[type-arg]
        return parse_page(_legacy_page(VARIANTS[name]), config=CONFIG).meta

    assert fields("empty-date-slot")["citation"]["date_as_printed"] == ""
    assert fields("several-references")["source"] == {
        "reference": "APRF, f. 45, op. 1, d. 334, l. 141; and RGASPI, f. 558, op. 11, d. 334, "
        "ll. 0141"
    }
    assert fields("publication")["source"] == {
        "reference": 'CWIHP Working Paper 22, "77 Conversations."'
    }
    assert fields("for-cwihp")["acquisition"] == {"translated_for": "CWIHP"}
    assert fields("contributed")["acquisition"] == {"contributed_by": ["Eva Toth"]}
    assert fields("obtained-for-and-translated-for")["acquisition"] == {
        "obtained_by": ["Jan Kowal"],
        "translated_for": "NKIDP",
    }
    assert fields("other-wording")["citation"]["closing_period"] is False
    assert fields("two-credit-sentences")["citation"]["credit_as_printed"] == (
        "Obtained by Shen Li. Translated by Anna Li."
    )


_WORDS = st.text(alphabet="abcdefghij ABCDEFG", min_size=1, max_size=12).map(str.strip).filter(bool)
_NAME = st.builds(lambda a, b: f"{a.title()} {b.title()}", _WORDS, _WORDS)


@given(
    title=_WORDS,
    date=st.sampled_from(["1961-05-07", "1950-01", "1972", "1961-12-25"]),
    reference=_WORDS,
    pages=st.sampled_from(["", "4-5", "ll. 20-24"]),
    obtained=st.lists(_NAME, max_size=2),
    translators=st.lists(_NAME, max_size=4),
    project=st.sampled_from(["", "NKIDP", "CWIHP"]),
    url=st.sampled_from(["", URL]),
    quotes=st.sampled_from(["straight", "curly"]),
    day=st.sampled_from(["two-digit", "numeric"]),
    serial=st.booleans(),
)
def test_render_parse_render_is_stable(  # type: ignore[no-untyped-def]
    title, date, reference, pages, obtained, translators, project, url, quotes, day, serial
) -> None:
    style = HouseStyle(publisher=HAPP, quotes=quotes, day=day, serial_comma=serial)
    fields = CitationFields(
        title=title,
        date=date,
        publisher=HAPP,
        reference=reference,
        pages=pages,
        obtained_by=tuple(obtained),
        translators=tuple(translators),
        translated_for=project if (obtained or translators) else "",
        url=url,
    )
    sentence = render_sentence(fields, style)
    parsed = parse_sentence(sentence, (HAPP,))
    assert parsed is not None
    again = render_sentence(parsed.fields, style.updated(parsed.style))
    assert again == sentence


_PAGES_TEXT = [(CASES / s / "page.txt").read_bytes().decode("utf-8") for s in SHAPES]


@given(
    page=st.sampled_from(_PAGES_TEXT),
    cut=st.integers(min_value=0, max_value=4000),
    drop=st.lists(st.integers(min_value=0, max_value=60), max_size=6),
    newline=st.sampled_from(["\n", "\r\n"]),
    noise=st.sampled_from(["", "\ufeff", "\u00a0", "Search\n", "\u201c", "Document Information\n"]),
)
def test_any_cut_or_damaged_page_imports_or_is_refused_cleanly(  # type: ignore[no-untyped-def]
    page, cut, drop, newline, noise
) -> None:
    """A page cut anywhere, with lines lost, other line ends or stray text, never crashes the
    importer: it is read (the body a part of the page) or refused with a one-line reason."""
    lines = page[:cut].split("\n") if cut else page.split("\n")
    lines = [ln for i, ln in enumerate(lines) if i not in set(drop)]
    text = noise + newline.join(lines)
    try:
        result = parse_page(text, config=CONFIG)
    except ImportParseError as exc:
        assert "\n" not in str(exc)
        return
    assert result.body and result.body in text
    assert result.meta["title"] and result.meta["date"]


def test_pdf_title_above_citation_is_the_documents(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The export wraps the citation's title otherwise (``Heon- yeong``): the document takes
    the title printed above ``Citation:``, and cite still gives the sentence back."""
    _, text, _ = _case("pdf-run-on")
    text = text.replace("Note on the Border Question Citation:", "Note on Pak Heon-yeong Citation:")
    text = text.replace('"Note on the Border Question,"', '"Note on Pak Heon- yeong,"')
    page = parse_page(text, config=CONFIG)
    assert page.meta["title"] == "Note on Pak Heon-yeong"
    assert page.meta["citation"]["title_as_printed"] == "Note on Pak Heon- yeong"
    assert not any("title" in w for w in page.warnings)  # the same title, wrapped
    records = tmp_path / "records"
    run("init", records)
    (tmp_path / "p.txt").write_text(text, encoding="utf-8")
    assert run("--records", records, "import", tmp_path / "p.txt", "--id", "d").exit_code == 0
    assert (
        run("--records", records, "cite", "d").stdout == page.meta["citation"]["as_printed"] + "\n"
    )
