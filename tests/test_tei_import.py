"""TEI P5 in: one document of a TEI file as a record, the editorial layer as brackets."""

from __future__ import annotations

import hashlib
import importlib.util
import json
from pathlib import Path

import pytest

from provenance.errors import ImportParseError
from provenance.rights import Statement
from provenance.store import Store
from provenance.tei import import_tei, read_tei, sniff_format
from provenance.tei.rights import federal_publisher

from .conftest import SEED_ID, shared_path, snapshot

CASES = Path(__file__).parent / "cases" / "tei" / "import"
LETTER = CASES / "letter.xml"
NICARAGUA = ("corpus", "frus-volumes", "frus1894Nicaragua@260afe5.xml")
HAC = ("corpus", "frus-history", "1958-11-07-hac-meeting-minutes.xml")


def test_letter_text_matches_the_golden_file() -> None:
    parsed = read_tei(LETTER.read_bytes(), div="l1")
    assert parsed.text == (CASES / "letter-l1.txt").read_text(encoding="utf-8")


def test_editorial_elements_become_brackets() -> None:
    parsed = read_tei(LETTER.read_bytes(), div="l1")
    text = parsed.text
    assert "[To] Comrade [Deng] Xiaoping:" in text  # supplied
    assert "F[oreign] M[inistry]" in text  # expan/ex
    assert "Andong [Dandong]" in text  # choice orig/reg
    assert "forth [sic]" in text
    assert "the [illegible] was closed.[1]" in text
    assert "[2 lines not declassified]" in text
    assert "[Page 152]" in text
    assert text.rstrip().endswith("[1] The ferry, not the bridge.")
    assert "day;\nthe" in text  # <lb/> is a line break
    assert "The rest of the text." in text  # markup indentation collapsed
    assert parsed.interventions == {
        "expan": 2,
        "supplied": 2,
        "gloss": 1,
        "sic": 1,
        "gap": 2,
        "note": 1,
        "pb": 1,
    }


def test_letter_header_gives_identifiers_dates_and_people() -> None:
    parsed = read_tei(LETTER.read_bytes(), div="l1")
    meta = parsed.meta
    assert meta["date"] == "1950-01-07"
    assert meta["source"]["reference"] == "NEB 12-3, document 1"
    assert meta["publisher"] == "Example Digital Archive"
    assert meta["collection"] == "Letters of the Northeast Bureau, 1950"
    assert meta["record_id"] == "l1"
    assert parsed.language == "en"
    assert len(parsed.warnings) == 1 and "no rights recorded" in parsed.warnings[0]
    assert parsed.agents == [("Li Wei", "transcriber"), ("Ana Costa", "encoder")]


def test_nothing_but_markup_whitespace_is_changed() -> None:
    xml = (
        "<TEI xmlns='http://www.tei-c.org/ns/1.0'><teiHeader/><text><body>"
        "<p>Curly “quotes”,\u00a0NBSP, Кириллица, 中文, 𝔄 astral</p></body></text></TEI>"
    )
    parsed = read_tei(b"\xef\xbb\xbf" + xml.encode("utf-8"))
    assert parsed.text == "Curly “quotes”,\u00a0NBSP, Кириллица, 中文, 𝔄 astral\n"


def test_a_file_of_many_documents_needs_a_div() -> None:
    with pytest.raises(ImportParseError, match=r"2 documents; choose one with --div ID \(l1, l2\)"):
        read_tei(LETTER.read_bytes())
    with pytest.raises(ImportParseError, match=r"no element with xml:id 'l9'.*l1, l2"):
        read_tei(LETTER.read_bytes(), div="l9")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<TEI xmlns='http://www.tei-c.org/ns/1.0'><text>", "not well-formed XML"),
        (b"<html><body/></html>", "not a TEI P5 document"),
        (b"<TEI><text><body><p>x</p></body></text></TEI>", "not a TEI P5 document"),
        (b"", "not well-formed XML"),
    ],
)
def test_bad_input_is_refused_with_a_reason(data: bytes, message: str) -> None:
    with pytest.raises(ImportParseError, match=message):
        read_tei(data, filename="bad.xml")


def test_entities_are_not_expanded(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET", encoding="utf-8")
    xml = (
        f'<?xml version="1.0"?><!DOCTYPE TEI [<!ENTITY x SYSTEM "file://{secret}">]>'
        "<TEI xmlns='http://www.tei-c.org/ns/1.0'><text><body><p>a &x; b</p></body></text>"
        "</TEI>"
    ).encode()
    with pytest.raises(ImportParseError) as info:
        read_tei(xml, filename="x.xml")
    assert "TOP SECRET" not in str(info.value)
    assert info.value.line == 1 and "'x'" in str(info.value)


def test_entities_declared_in_the_file_are_kept() -> None:
    xml = (
        b'<?xml version="1.0"?>\n<!DOCTYPE TEI [<!ENTITY mdash "&#x2014;">'
        b'<!ENTITY ed "the editor">]>\n'
        b"<TEI xmlns='http://www.tei-c.org/ns/1.0'><text><body>"
        b"<p>Korea&mdash;a note by &ed;</p></body></text></TEI>"
    )
    assert "Korea\u2014a note by the editor" in read_tei(xml).text


def test_entity_expansion_bombs_are_refused() -> None:
    decls = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10 if i else "lol"}">' for i in range(10))
    xml = (
        f'<?xml version="1.0"?><!DOCTYPE TEI [{decls}]>'
        "<TEI xmlns='http://www.tei-c.org/ns/1.0'><text><body><p>&l9;</p></body></text></TEI>"
    ).encode()
    with pytest.raises(ImportParseError, match="amplification"):
        read_tei(xml)


def test_sniff_format(tmp_path: Path) -> None:
    assert sniff_format(LETTER) == "tei"
    other = tmp_path / "page.txt"
    other.write_bytes(b"\xef\xbb\xbf<?xml version='1.0'?><TEI/>")
    assert sniff_format(other) == "tei"
    other.write_text("Cable, Ministry...", encoding="utf-8")
    assert sniff_format(other) == "page"


def test_import_into_a_store(store: Store) -> None:
    doc, parsed = import_tei(store, LETTER, div="l1", doc_id="neb-letter")
    version = store.version("neb-letter", "en", 1)
    assert store.read_text(version) == parsed.text
    assert [(a.name, a.role) for a in version.agents] == parsed.agents
    assert version.activity == "imported"
    assert version.source["sha256"] == hashlib.sha256(LETTER.read_bytes()).hexdigest()
    assert store.stream("neb-letter", "en").kind == "transcription"
    assert doc.meta["imported"]["layout"] == "tei"


# -- the real corpus ---------------------------------------------------------------------


def test_frus_document_from_the_corpus(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    volume = shared_path(*NICARAGUA)
    records = tmp_path / "records"
    assert run("init", records).exit_code == 0
    r = run("--records", records, "import", volume, "--div", "d2", "--format", "json")
    assert r.exit_code == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["layout"] == "tei"
    store = Store(records)
    doc = store.document(out["id"])  # read back: validated against document.schema.json
    assert doc.title == "No. 2. Mr. Gresham to Mr. Baker."
    assert doc.date == "1894-02-01"
    assert doc.meta["source"]["reference"] == "frus1894Nicaragua, document 2"
    assert doc.meta["source"]["pages"] == "9-10"
    assert doc.meta["record_id"] == "d2"
    assert "1895" in doc.meta["source"]["note"]
    assert doc.meta["collection"].startswith("Foreign Relations of the United States, 1894")
    version = store.version(doc.id, out["stream"], 1)
    text = store.read_text(version)
    assert text.startswith("No. 2.\nMr. Gresham to Mr. Baker.\n\nDepartment of State,\n")
    assert "a copy of a telegram[1] from our consular agent" in text
    assert "[Page 10]" in text and text.rstrip().endswith("[1] No. 1.")
    assert version.source["sha256"] == hashlib.sha256(volume.read_bytes()).hexdigest()


def test_frus_gap_becomes_brackets() -> None:
    parsed = read_tei(shared_path(*NICARAGUA).read_bytes(), div="d38")
    assert "asked by Mr. Hatch [10 words omitted] [Page 55] to police the town" in parsed.text
    assert parsed.interventions["gap"] == 4


def test_frus_history_transcript_takes_its_dates_from_the_header() -> None:
    parsed = read_tei(shared_path(*HAC).read_bytes())  # the file's only document div
    assert parsed.meta["date"] == "1958-11-07"
    assert parsed.meta["uploaded"] == "2015-02-13"
    assert parsed.meta["title"].startswith("Transcript of 1958 Meeting of the Advisory")
    assert "Edwin M. J. Kretzmann, [Deputy] Assistant Secretary" in parsed.text


def test_imported_frus_record_passes_check(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    volume = shared_path(*NICARAGUA)
    pytest.importorskip("provenance.check", reason="provenance check is not built yet")
    records = tmp_path / "records"
    run("init", records)
    assert run("--records", records, "import", volume, "--div", "d2").exit_code == 0
    r = run("--records", records, "check", "--format", "json")
    assert r.exit_code == 0, r.stdout
    assert not [f for f in json.loads(r.stdout)["findings"] if f["severity"] == "error"]


# -- rights ------------------------------------------------------------------------------

FRUS1870 = ("corpus", "frus-volumes", "frus1870@d8f522a.xml")
NOC_US = "http://rightsstatements.org/vocab/NoC-US/1.0/"


def _check_errors(run, records: Path) -> list[str]:  # type: ignore[no-untyped-def]
    r = run("--records", records, "check", "--format", "json")
    return [f["code"] for f in json.loads(r.stdout)["findings"] if f["severity"] == "error"]


def test_frus_import_is_accepted_by_check(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """FRUS TEI states no rights; its publisher (the GPO) makes it a work of the United States
    Government, which the importer records as NoC-US, saying it inferred them."""
    volume = shared_path(*FRUS1870)
    pytest.importorskip("provenance.check", reason="provenance check is not built yet")
    records = tmp_path / "records"
    assert run("init", records).exit_code == 0
    r = run("--records", records, "import", volume, "--div", "d1")
    assert r.exit_code == 0, r.stderr
    assert "inferred from its publisher 'United States Government Printing Office'" in r.stderr
    assert "check this, or give --rights" in r.stderr
    doc = Store(records).document("frus1870-d1")
    assert doc.meta["rights"]["statement"] == NOC_US
    assert "17 U.S.C. § 105" in doc.meta["rights"]["text"]
    assert "not subject to copyright in the United States" in doc.meta["rights"]["text"]
    r = run("--records", records, "check")
    assert r.exit_code == 0, r.stdout + r.stderr
    assert _check_errors(run, records) == []


def test_rights_given_replace_the_inferred_ones_without_a_warning(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    volume = shared_path(*NICARAGUA)
    records = tmp_path / "records"
    run("init", records)
    r = run(
        "--records",
        records,
        "import",
        volume,
        "--div",
        "d2",
        "--rights",
        "InC-EDU",
        "--format",
        "json",
    )
    assert r.exit_code == 0, r.stderr
    out = json.loads(r.stdout)
    assert not [w for w in out["warnings"] if "rights" in w]
    rights = Store(records).document(out["id"]).meta["rights"]
    assert rights == {
        "text": "In Copyright - Educational Use Permitted",
        "statement": "http://rightsstatements.org/vocab/InC-EDU/1.0/",
    }


def test_a_publisher_that_is_not_governmental_gets_no_statement(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    records = tmp_path / "records"
    run("init", records)
    r = run(
        "--records",
        records,
        "import",
        LETTER,
        "--div",
        "l1",
        "--id",
        "neb-letter",
        "--format",
        "json",
    )
    assert r.exit_code == 0, r.stderr
    [warning] = json.loads(r.stdout)["warnings"]
    assert "its publisher 'Example Digital Archive' is not a United States Government" in warning
    assert "give them with --rights STATEMENT" in warning
    assert "provenance: warning: the TEI states no rights" in r.stderr
    assert "rights" not in Store(records).document("neb-letter").meta
    if importlib.util.find_spec("provenance.check") is not None:
        assert "rights-missing" in _check_errors(run, records)


def test_a_header_without_a_publisher_gets_no_rights() -> None:
    parsed = read_tei(shared_path(*HAC).read_bytes())
    assert "rights" not in parsed.meta
    assert any("it names no publisher" in w for w in parsed.warnings)


@pytest.mark.parametrize(
    ("name", "place", "federal"),
    [
        ("United States Government Printing Office", "", True),
        ("U.S. Government Publishing Office", "", True),
        ("US Government Printing Office", "", True),
        ("Office of the Historian, U.S. Department of State", "", True),
        ("Office of the Historian Bureau of Public Affairs U.S. Department of State", "", True),
        ("GOVERNMENT PRINTING OFFICE", "WASHINGTON:", True),
        ("Government Printing Office", "Wellington", False),
        ("Government Printing Office", "", False),
        ("New York Department of State", "Albany", False),
        ("Example Digital Archive", "Washington", False),
        ("Harvard University Press", "", False),
    ],
)
def test_federal_publishers(name: str, place: str, federal: bool) -> None:
    assert federal_publisher(name, place) is federal


AVAILABLE = """<TEI xmlns='http://www.tei-c.org/ns/1.0'><teiHeader><fileDesc>
<titleStmt><title>T</title></titleStmt>
<publicationStmt><publisher>United States Government Printing Office</publisher>
<availability><licence target='https://rightsstatements.org/page/InC/1.0/?language=en'>Reuse
  by permission.</licence><p>Rights holder: Jane Roe</p><p>Write to the archive.</p>
</availability></publicationStmt>
<sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader>
<text><body><p>Words.</p></body></text></TEI>"""


def test_availability_gives_the_rights() -> None:
    parsed = read_tei(AVAILABLE.encode())
    assert parsed.meta["rights"] == {
        "text": "Reuse by permission.",
        "statement": "http://rightsstatements.org/vocab/InC/1.0/",
        "holder": "Jane Roe",
        "contact": "Write to the archive.",
    }
    # an availability wins over the publisher: nothing is inferred
    assert [w for w in parsed.warnings if "canonical form" in w]
    assert not [w for w in parsed.warnings if "inferred" in w]


def test_rights_given_win_over_the_source_and_keep_its_text() -> None:
    parsed = read_tei(AVAILABLE.encode(), rights=Statement.from_string("CC BY 4.0"))
    assert parsed.meta["rights"]["statement"] == "https://creativecommons.org/licenses/by/4.0/"
    assert parsed.meta["rights"]["text"] == "Reuse by permission."
    assert any(
        "'http://rightsstatements.org/vocab/InC/1.0/' is replaced by "
        "--rights https://creativecommons.org/licenses/by/4.0/" in w
        for w in parsed.warnings
    )
    same = read_tei(AVAILABLE.encode(), rights=Statement.from_string("InC"))
    assert not [w for w in same.warnings if "replaced" in w]


def test_an_unknown_licence_target_is_not_a_statement() -> None:
    xml = AVAILABLE.replace(
        "https://rightsstatements.org/page/InC/1.0/?language=en", "https://example.org/terms"
    )
    parsed = read_tei(xml.encode())
    assert "statement" not in parsed.meta["rights"]
    assert any(
        "'https://example.org/terms' is not a rights statement" in w for w in parsed.warnings
    )


def test_exported_rights_read_back(run, seed_store: Store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    r = run("--records", seed_store.root, "export", SEED_ID, "--format", "tei")
    assert r.exit_code == 0, r.stderr
    xml = tmp_path / "seed.xml"
    xml.write_bytes(r.stdout_bytes)
    r = run("--records", seed_store.root, "import", xml, "--id", "seed-back", "--rights", "NoC-US")
    assert r.exit_code == 0, r.stderr
    before = seed_store.document(SEED_ID).meta["rights"]
    after = Store(seed_store.root).document("seed-back").meta["rights"]
    assert after["text"] == before["text"] and after["contact"] == before["contact"]
    assert after["statement"] == NOC_US


def test_a_bad_statement_writes_nothing(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    records = tmp_path / "records"
    run("init", records)
    before = snapshot(records)
    r = run("--records", records, "import", LETTER, "--div", "l1", "--rights", "InC-XYZ")
    assert r.exit_code == 2
    assert r.stderr.count("\n") == 1 and r.stderr.startswith("provenance: error: --rights: ")
    assert snapshot(records) == before


def test_format_tei_names_what_the_file_is(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    records = tmp_path / "records"
    run("init", records)
    renamed = tmp_path / "letter-as-saved.txt"  # not recognisable as XML by its name
    renamed.write_bytes(Path(LETTER).read_bytes())
    r = run(
        "--records",
        records,
        "import",
        renamed,
        "--input-format",
        "tei",
        "--div",
        "l1",
        "--id",
        "neb-letter",
        "--format",
        "json",
    )
    assert r.exit_code == 0, r.stderr
    assert "--input-format" not in r.stderr  # no deprecation warning
    assert json.loads(r.stdout)["layout"] == "tei"
    bad = run("--records", records, "import", renamed, "--input-format", "docx")
    assert bad.exit_code == 2 and "page" in bad.stderr and "tei" in bad.stderr


def test_the_former_spellings_format_tei_and_json_still_work(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Scripts written for ``import FILE --format tei --json`` keep working, warned once."""
    records = tmp_path / "records"
    run("init", records)
    renamed = tmp_path / "letter-as-saved.txt"
    renamed.write_bytes(Path(LETTER).read_bytes())
    args = ("--records", records, "import", renamed, "--div", "l1", "--id", "neb-letter")
    r = run(*args, "--format", "tei", "--json")
    assert r.exit_code == 0, r.stderr
    assert json.loads(r.stdout)["layout"] == "tei"
    assert r.stderr.startswith(
        "provenance: warning: --format tei is now spelled --input-format tei\n"
    )
    assert r.stderr.count("--input-format") == 1
    clash = run(*args, "--format", "page", "--input-format", "tei")
    assert clash.exit_code == 2 and "disagree" in clash.stderr
    help_text = run("import", "--help").stdout
    assert "--json" not in help_text and "[text|json]" in help_text
