"""TEI P5 in: one document of a TEI file as a record, the editorial layer as brackets."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from provenance.errors import ImportParseError
from provenance.store import Store
from provenance.tei import import_tei, read_tei, sniff_format

from .conftest import shared_path

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
    assert parsed.interventions == {"expan": 2, "supplied": 2, "gloss": 1, "sic": 1,
                                    "gap": 2, "note": 1, "pb": 1}


def test_letter_header_gives_identifiers_dates_and_people() -> None:
    parsed = read_tei(LETTER.read_bytes(), div="l1")
    meta = parsed.meta
    assert meta["date"] == "1950-01-07"
    assert meta["source"]["reference"] == "NEB 12-3, document 1"
    assert meta["publisher"] == "Example Digital Archive"
    assert meta["collection"] == "Letters of the Northeast Bureau, 1950"
    assert meta["record_id"] == "l1"
    assert parsed.language == "en" and not parsed.warnings
    assert parsed.agents == [("Li Wei", "transcriber"), ("Ana Costa", "encoder")]


def test_nothing_but_markup_whitespace_is_changed() -> None:
    xml = ("<TEI xmlns='http://www.tei-c.org/ns/1.0'><teiHeader/><text><body>"
           "<p>Curly “quotes”,\u00a0NBSP, Кириллица, 中文, 𝔄 astral</p></body></text></TEI>")
    parsed = read_tei(b"\xef\xbb\xbf" + xml.encode("utf-8"))
    assert parsed.text == "Curly “quotes”,\u00a0NBSP, Кириллица, 中文, 𝔄 astral\n"


def test_a_file_of_many_documents_needs_a_div() -> None:
    with pytest.raises(ImportParseError,
                       match=r"2 documents; choose one with --div ID \(l1, l2\)"):
        read_tei(LETTER.read_bytes())
    with pytest.raises(ImportParseError, match=r"no element with xml:id 'l9'.*l1, l2"):
        read_tei(LETTER.read_bytes(), div="l9")


@pytest.mark.parametrize(("data", "message"), [
    (b"<TEI xmlns='http://www.tei-c.org/ns/1.0'><text>", "not well-formed XML"),
    (b"<html><body/></html>", "not a TEI P5 document"),
    (b"<TEI><text><body><p>x</p></body></text></TEI>", "not a TEI P5 document"),
    (b"", "not well-formed XML"),
])
def test_bad_input_is_refused_with_a_reason(data: bytes, message: str) -> None:
    with pytest.raises(ImportParseError, match=message):
        read_tei(data, filename="bad.xml")


def test_entities_are_not_expanded(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET", encoding="utf-8")
    xml = (f'<?xml version="1.0"?><!DOCTYPE TEI [<!ENTITY x SYSTEM "file://{secret}">]>'
           "<TEI xmlns='http://www.tei-c.org/ns/1.0'><text><body><p>a &x; b</p></body></text>"
           "</TEI>").encode()
    parsed = read_tei(xml)
    assert "TOP SECRET" not in parsed.text


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
    # FRUS TEI prints no availability statement, and the importer does not invent one: the
    # only error is the missing rights, which the editor then records as for any import.
    r = run("--records", records, "check", "--format", "json")
    errors = [f["code"] for f in json.loads(r.stdout)["findings"] if f["severity"] == "error"]
    assert errors == ["rights-missing"], r.stdout
    doc_yaml = next(records.glob("*/document.yaml"))
    doc_yaml.write_text(doc_yaml.read_text(encoding="utf-8") + "rights:\n  statement: "
                        "http://rightsstatements.org/vocab/NoC-US/1.0/\n", encoding="utf-8")
    r = run("--records", records, "check")
    assert r.exit_code == 0, r.stdout + r.stderr
