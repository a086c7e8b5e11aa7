"""The citation library: house style rendering and parsing, the CSL item, exports, and what a
record lacks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance.citation import (
    CitationFields,
    HouseStyle,
    csl,
    csl_item,
    document_style,
    exports,
    missing_fields,
    parse_sentence,
    render_sentence,
    store_style,
    written_date,
)
from provenance.citation.house import join_names
from provenance.errors import InputError, UsageError
from provenance.store import Store

from .conftest import SEED_ID, shared_path

CASES = Path(__file__).parent / "cases" / "citation"
HAPP = "History and Public Policy Program Digital Archive"
SEED = (
    '"Cable, Ministry of Public Security Party Committee to Zhou Enlai, Deng Xiaoping, and '
    'Peng Zhen," May 10, 1961, History and Public Policy Program Digital Archive, PRC FMA '
    "118-01026-03, 69-70. Obtained by Shen Zhihua and translated by Jeffrey Wang and Charles "
    "Kraus."
)


def seed_fields() -> CitationFields:
    return CitationFields(
        title="Cable, Ministry of Public Security Party Committee to Zhou Enlai, Deng Xiaoping, "
        "and Peng Zhen",
        date="1961-05-10",
        publisher=HAPP,
        reference="PRC FMA 118-01026-03",
        pages="69-70",
        obtained_by=("Shen Zhihua",),
        translators=("Jeffrey Wang", "Charles Kraus"),
    )


def test_seed_sentence() -> None:
    assert render_sentence(seed_fields(), HouseStyle()) == SEED


@pytest.mark.parametrize(
    ("iso", "day", "text"),
    [
        ("1961-05-10", "two-digit", "May 10, 1961"),
        ("1950-01-07", "two-digit", "January 07, 1950"),
        ("1950-01-07", "numeric", "January 7, 1950"),
        ("1961-05", "two-digit", "May 1961"),
        ("1961", "two-digit", "1961"),
        ("1961-05-10?", "two-digit", "1961-05-10?"),
    ],
)
def test_written_date(iso: str, day: str, text: str) -> None:
    assert written_date(iso, day) == text


def test_names_and_credits() -> None:
    assert join_names(["A"]) == "A"
    assert join_names(["A", "B"]) == "A and B"
    assert join_names(["A", "B", "C"]) == "A, B, and C"
    assert join_names(["A", "B", "C"], serial_comma=False) == "A, B and C"
    base = CitationFields(title="T", date="1950", publisher="P", reference="R")
    style = HouseStyle()
    assert render_sentence(base, style) == '"T," 1950, P, R.'
    with_t = CitationFields(**{**base.__dict__, "translators": ("Y",)})
    assert render_sentence(with_t, style) == '"T," 1950, P, R. Translated by Y.'
    nkidp = CitationFields(**{**with_t.__dict__, "translated_for": "NKIDP"})
    assert render_sentence(nkidp, style) == '"T," 1950, P, R. Translated for NKIDP by Y.'
    both = CitationFields(**{**with_t.__dict__, "obtained_by": ("Y",)})
    assert render_sentence(both, style) == '"T," 1950, P, R. Obtained and translated by Y.'
    url = CitationFields(**{**with_t.__dict__, "url": "https://x.example/1"})
    assert render_sentence(url, style).endswith("Translated by Y. https://x.example/1")
    assert not render_sentence(url, HouseStyle(url=False)).endswith("/1")
    curly = HouseStyle(quotes="curly")
    assert render_sentence(base, curly) == "\u201cT,\u201d 1950, P, R."


def test_store_and_document_style() -> None:
    config = {"publisher": "Store Pub", "house_style": {"quotes": "curly", "day": "numeric"}}
    assert store_style(config) == HouseStyle(publisher="Store Pub", quotes="curly", day="numeric")
    meta = {"citation": {"house_style": {"quotes": "straight"}}}
    assert document_style(config, meta).quotes == "straight"
    assert document_style(config, meta).day == "numeric"


def test_store_house_style_changes_the_seed_citation(seed_store: Store) -> None:
    from provenance import yamlio
    from provenance.citation import cite

    path = seed_store.root / "provenance.yaml"
    config = yamlio.load(path).data
    config["house_style"] = {"quotes": "curly"}
    path.write_text(yamlio.dumps(config), encoding="utf-8")
    text = cite(Store(seed_store.root), SEED_ID).text
    assert text == SEED.replace('"Cable', "\u201cCable").replace('Zhen,"', "Zhen,\u201d")


def test_parse_seed_sentence() -> None:
    parsed = parse_sentence(SEED, [HAPP])
    assert parsed is not None and parsed.problems == []
    assert parsed.fields == seed_fields()
    assert parsed.style == {"quotes": "straight"}


_letters = st.sampled_from("abcdefghijkXYZ\u00e9\u0416\u4e2d")
_word = st.text(alphabet=_letters, min_size=1, max_size=6)
_name = st.builds(lambda a, b: f"{a.title()} {b.title()}", _word, _word)
_names = st.lists(_name, max_size=4, unique=True).map(tuple)


@settings(max_examples=150, deadline=None)
@given(
    title=st.lists(_word, min_size=1, max_size=6).map(" ".join),
    date=st.sampled_from(["1961-05-10", "1950-01-07", "1961-05", "1961", ""]),
    reference=st.sampled_from(
        ["PRC FMA 118-01026-03", "AVPRF, f. 0100, op. 43, d. 302", "RGANI, f. 5, op. 28, d. 412"]
    ),
    pages=st.sampled_from(["", "69-70", "ll. 20-24", "p. 7"]),
    obtained=_names,
    translators=_names,
    project=st.sampled_from(["", "NKIDP"]),
    url=st.sampled_from(["", "https://digitalarchive.wilsoncenter.org/document/114563"]),
    quotes=st.sampled_from(["straight", "curly"]),
    day=st.sampled_from(["two-digit", "numeric"]),
    serial=st.booleans(),
)
def test_render_parse_round_trip(
    title: str,
    date: str,
    reference: str,
    pages: str,
    obtained: tuple[str, ...],
    translators: tuple[str, ...],
    project: str,
    url: str,
    quotes: str,
    day: str,
    serial: bool,
) -> None:
    f = CitationFields(
        title=title,
        date=date,
        publisher=HAPP,
        reference=reference,
        pages=pages,
        obtained_by=obtained,
        translators=translators,
        translated_for=project if translators else "",
        url=url,
    )
    style = HouseStyle(quotes=quotes, day=day, serial_comma=serial)
    sentence = render_sentence(f, style)
    parsed = parse_sentence(sentence, [HAPP])
    assert parsed is not None, sentence
    assert parsed.problems == []
    # What the sentence shows of its style (the rest cannot matter to it) renders it again.
    assert render_sentence(parsed.fields, HouseStyle().updated(parsed.style)) == sentence


def test_missing_fields() -> None:
    assert (
        missing_fields(
            {"title": "T", "date": "1961", "source": {"reference": "R"}, "publisher": "P"}
        )
        == []
    )
    found = missing_fields({"title": "T"}, "house", translators=[])
    assert [m.pointer for m in found] == ["/date", "/source/reference", "/publisher", ""]
    assert all(isinstance(m.message, str) and m.message for m in found)
    assert [
        m.pointer
        for m in missing_fields({"title": "T", "date": "1961"}, "house", config={"publisher": HAPP})
    ] == ["/source/reference"]
    for style in ("apa", "chicago"):
        found = missing_fields({"title": "T", "date": "1961"}, style)
        assert [m.pointer for m in found] == ["/url"]


def test_missing_fields_on_the_seed(seed_store: Store) -> None:
    doc = seed_store.document(SEED_ID)
    assert (
        missing_fields(doc, "house", config=seed_store.config, translators=["Jeffrey Wang"]) == []
    )


def test_csl_item_shape() -> None:
    item = csl_item(seed_fields(), accessed="2026-11-28")
    assert item["type"] == "document"
    assert item["issued"] == {"date-parts": [[1961, 5, 10]]}
    assert item["accessed"] == {"date-parts": [[2026, 11, 28]]}
    assert item["archive_location"] == "PRC FMA 118-01026-03"  # reference and pages apart
    assert item["page"] == "69-70" and "archive" not in item
    assert item["translator"] == [
        {"family": "Wang", "given": "Jeffrey"},
        {"family": "Kraus", "given": "Charles"},
    ]
    assert item["note"] == "Obtained by Shen Zhihua."
    assert csl.date_variable("1961?") == {"date-parts": [[1961]], "circa": True}
    assert csl.date_variable("1961-05/1961-06") == {"date-parts": [[1961, 5], [1961, 6]]}
    assert csl.date_variable("spring 1961") == {"literal": "spring 1961"}


def test_processor_item_workarounds() -> None:
    item = {
        "title": "Conversation with Pak Heon-yeong and Kim Il-sung",
        "translator": [
            {"family": "Zhang", "given": "Wei", "static-ordering": True},
            {"family": "Kraus", "given": "Charles"},
        ],
    }
    out = csl.processor_item(item)
    assert out["title"] == (
        'Conversation with Pak <span class="nocase">Heon-yeong</span> and Kim '
        '<span class="nocase">Il-sung</span>'
    )
    assert out["translator"] == [{"literal": "Zhang Wei"}, {"family": "Kraus", "given": "Charles"}]
    assert item["title"].endswith("Il-sung")  # the item itself is not changed


def _case_items() -> list[dict[str, object]]:
    return [
        json.loads((p / "expected" / "csl-json.json").read_text(encoding="utf-8"))[0]
        for p in sorted(CASES.iterdir())
        if (p / "expected").is_dir()
    ]


def test_csl_json_validates_against_the_csl_schema() -> None:
    from jsonschema import Draft7Validator

    schema = json.loads(shared_path("external-schemas", "csl-data.json").read_text("utf-8"))
    items = _case_items()
    assert len(items) >= 6
    Draft7Validator.check_schema(schema)
    errors = list(Draft7Validator(schema).iter_errors(items))
    assert errors == []


def test_bibtex_parses() -> None:
    import bibtexparser

    for item in _case_items():
        text = exports.bibtex(item)
        library = bibtexparser.parse_string(text)
        assert not library.failed_blocks
        (entry,) = library.entries
        assert entry.entry_type == "misc"
        assert entry.key == item["id"]
        title = exports.bibtex_escape(str(item["title"]))
        assert entry.fields_dict["title"].value == "{" + title + "}"
        assert entry.fields_dict["urldate"].value == "2026-11-28"


def test_bibtex_escapes_special_characters() -> None:
    import bibtexparser

    item = {"id": "x", "title": "50% of {Braces} & $ #1 a_b ~ ^ \\", "note": "Obtained by A & B."}
    library = bibtexparser.parse_string(exports.bibtex(item))
    assert not library.failed_blocks and len(library.entries) == 1


def test_ris_round_trips() -> None:
    import rispy

    for item in _case_items():
        text = exports.ris(item)
        assert text.startswith("TY  - GEN\n") and text.rstrip().endswith("ER  -")
        (record,) = rispy.loads(text)
        assert record == exports.ris_record(item)


def test_resolve_style(tmp_path: Path) -> None:
    assert csl.resolve_style("chicago").path.name == "chicago-notes-bibliography.csl"
    assert csl.resolve_style("mla").path.name == "modern-language-association.csl"
    assert "APA" in csl.resolve_style("apa").title
    own = tmp_path / "mine.csl"
    own.write_bytes(csl.resolve_style("apa").path.read_bytes())
    assert csl.resolve_style(str(own)).path == own
    with pytest.raises(UsageError, match="unknown citation style"):
        csl.resolve_style("no-such-style")
    with pytest.raises(InputError):
        csl.resolve_style("../apa")
    with pytest.raises(InputError, match="no such CSL style file"):
        csl.resolve_style(str(tmp_path / "missing.csl"))
    (tmp_path / "bad.csl").write_text("not xml", encoding="utf-8")
    with pytest.raises(InputError, match="not a CSL style"):
        csl.resolve_style(str(tmp_path / "bad.csl"))


def test_dependent_style_resolves_to_its_parent() -> None:
    folder = csl.styles_folder() / "dependent"
    if not folder.is_dir():
        pytest.skip("no dependent styles installed")
    name = sorted(p.stem for p in folder.glob("*.csl"))[0]
    style = csl.resolve_style(name)
    assert style.path.parent == csl.styles_folder()
