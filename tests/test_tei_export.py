"""TEI P5 out: the header from the metadata, each intervention its TEI element."""

from __future__ import annotations

import os
import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from provenance import yamlio
from provenance.store import Store
from provenance.tei import build_tei, read_tei
from provenance.tei.body import ELEMENT_OF, Span, build_body, gap_attributes
from provenance.tei.inline import render_text

from .conftest import SEED_ID
from .wordtools import bracket_spans

NS = {"t": "http://www.tei-c.org/ns/1.0"}
T = "{http://www.tei-c.org/ns/1.0}"
RNG = Path(
    os.environ.get("PROVENANCE_TEI_RNG", Path(__file__).parent / "tei" / ".cache" / "tei_all.rng")
)


def _tree(xml: str) -> etree._Element:
    return etree.fromstring(xml.encode("utf-8"))


def _counts(root: etree._Element) -> Counter[str]:
    body = root.find(".//t:body", NS)
    return Counter(etree.QName(el).localname for el in body.iter() if isinstance(el.tag, str))


def _seed_tei(store: Store, spans=bracket_spans):  # type: ignore[no-untyped-def]
    return build_tei(store, f"{SEED_ID}/en@1", spans=spans)


def _with_rights_statement(store: Store) -> None:
    path = store.doc_folder(SEED_ID) / "document.yaml"
    meta = yamlio.load(path).data
    meta["rights"]["statement"] = "http://rightsstatements.org/vocab/InC-EDU/1.0/"
    meta["date"] = "1961-05-10"
    path.write_text(yamlio.dumps(meta), encoding="utf-8")


# -- the header --------------------------------------------------------------------------


def test_header_from_the_metadata(seed_store: Store) -> None:
    _with_rights_statement(seed_store)
    root = _tree(_seed_tei(Store(seed_store.root)).xml)
    h = root.find("t:teiHeader", NS)
    text = lambda path: [" ".join(e.itertext()) for e in h.iterfind(path, NS)]  # noqa: E731
    assert text("t:fileDesc/t:titleStmt/t:title[@type='main']") == [
        "Cable, Ministry of Public Security Party Committee to Zhou Enlai, Deng Xiaoping, and "
        "Peng Zhen"
    ]
    assert text(".//t:sourceDesc/t:bibl/t:idno[@type='archival']") == ["PRC FMA 118-01026-03"]
    assert h.find(".//t:sourceDesc/t:bibl/t:date", NS).get("when") == "1961-05-10"
    assert text(".//t:sourceDesc/t:bibl/t:biblScope") == ["69-70"]
    resp = {
        r.findtext("t:resp", namespaces=NS): [p.text for p in r.iterfind("t:persName", NS)]
        for r in h.iterfind(".//t:titleStmt/t:respStmt", NS)
    }
    assert resp == {
        "Translated by": ["Jeffrey Wang", "Charles Kraus"],
        "Obtained by": ["Shen Zhihua"],
    }
    assert text(".//t:titleStmt/t:funder") == ["MacArthur Foundation", "Leon Levy Foundation"]
    licence = h.find(".//t:publicationStmt/t:availability/t:licence", NS)
    assert licence.get("target") == "http://rightsstatements.org/vocab/InC-EDU/1.0/"
    assert licence.text.startswith("The History and Public Policy Program welcomes reuse")
    assert text(".//t:publicationStmt/t:publisher") == [
        "History and Public Policy Program Digital Archive"
    ]
    sha = h.find(".//t:editionStmt/t:edition/t:idno[@type='sha256']", NS).text
    assert sha == seed_store.version(SEED_ID, "en", 1).sha256
    assert (
        "Obtained by Shen Zhihua and translated by Jeffrey Wang and Charles Kraus."
        in text(".//t:notesStmt/t:note[@type='citation']")[0]
    )
    assert h.find(".//t:langUsage/t:language", NS).get("ident") == "en"
    assert len(h.findall(".//t:revisionDesc/t:listChange/t:change", NS)) == 1


# -- the body ----------------------------------------------------------------------------


def test_one_element_per_intervention_with_a_stand_in_ledger(seed_store: Store) -> None:
    result = _seed_tei(seed_store)
    counts = _counts(_tree(result.xml))
    expected = Counter(ELEMENT_OF[s.kind] for s in result.spans)
    assert result.elements == len(result.spans) == 33
    for element, n in expected.items():
        assert counts[element] == n, element
    assert counts["choice"] == counts["orig"] == counts["reg"] == 2  # Dandong, Lüshun-Dalian
    assert counts["expan"] == 1 and counts["ex"] == 1  # [Deng] Xiaoping


def test_seed_body_reads_back_as_the_same_text(seed_store: Store) -> None:
    """Export then import gives the stored text again (paragraph spacing aside)."""
    xml = _seed_tei(seed_store).xml
    back = read_tei(xml.encode("utf-8")).text
    stored = seed_store.read_text(seed_store.version(SEED_ID, "en", 1))
    squash = lambda t: re.sub(r"\n\s*\n", "\n\n", t).strip()  # noqa: E731
    assert squash(back) == squash(stored)


def _body(text: str, spans: list[Span]) -> etree._Element:
    root = etree.Element(f"{T}body", nsmap={None: NS["t"]})
    build_body(root, text, spans)
    return root


def _spans(text: str, kinds: list[str]) -> list[Span]:
    found = list(re.finditer(r"\[([^\[\]]*)\]", text))
    return [Span(m.start(), m.end(), k, m.group(1)) for m, k in zip(found, kinds, strict=True)]


@pytest.mark.parametrize(
    ("text", "kinds", "xml"),
    [
        ("[North] Korea", ["supplied"], "<supplied>North</supplied> Korea"),
        (
            "F[oreign] M[inistry]",
            ["expansion", "expansion"],
            "<expan>F<ex>oreign</ex></expan> <expan>M<ex>inistry</ex></expan>",
        ),
        ("comr[ade]s", ["expansion"], "<expan>comr<ex>ade</ex>s</expan>"),
        (
            "in Andong [Dandong] to",
            ["gloss"],
            "in <choice><orig>Andong</orig><reg>Dandong</reg></choice> to",
        ),
        (
            "Pak Heon-yeong [Pak Hon Yong] said",
            ["gloss"],
            "<choice><orig>Pak Heon-yeong</orig><reg>Pak Hon Yong</reg></choice> said",
        ),
        ("the forth [sic] day", ["sic"], "the <sic>forth</sic> day"),
        ("a [illegible] b", ["gap"], 'a <gap reason="illegible"/> b'),
        ("a […] b", ["gap"], 'a <gap reason="omitted"/> b'),
        (
            "[1 line not declassified]",
            ["gap"],
            '<gap reason="not-declassified" quantity="1" unit="line"/>',
        ),
        (
            "x [translator's note: a ferry] y",
            ["note"],
            'x <note type="translator">a ferry</note> y',
        ),
        ("x [Page 152] y", ["page"], 'x <pb n="152"/> y'),
        ("word[2] y", ["footnote"], 'word<ptr type="noteAnchor" n="2"/> y'),
        ("odd [?] one", ["other"], 'odd <seg type="bracket">[?]</seg> one'),
        ("line one\nline [two]", ["supplied"], "line one<lb/>line <supplied>two</supplied>"),
    ],
)
def test_each_kind_becomes_its_element(text: str, kinds: list[str], xml: str) -> None:
    p = _body(text, _spans(text, kinds))[0]
    inner = etree.tostring(p, encoding="unicode")
    inner = re.sub(r"^<p[^>]*>|</p>$", "", inner)
    assert inner == xml


def test_nested_and_uncertain() -> None:
    text = "[translator's note: the [North] side]"
    at = text.index("[North]")
    spans = [Span(0, len(text), "note", text[1:-1]), Span(at, at + 7, "supplied", "North", True)]
    p = _body(text, spans)[0]
    assert etree.tostring(p, encoding="unicode").endswith(
        '<note type="translator">the <supplied cert="low">North</supplied> side</note></p>'
    )


def test_messy_text_stays_well_formed() -> None:
    text = "\ufeffCRLF\r\nline\x0c [中文] 𝔄\u00a0x\r\n\r\nnext"
    root = _body(text, _spans(text, ["supplied"]))
    again = etree.fromstring(etree.tostring(root))
    assert ["".join(p.itertext()) for p in again] == ["CRLFline\ufffd 中文 𝔄\u00a0x", "next"]
    assert len(again[0].findall(f"{T}lb")) == 1


def test_gap_attributes() -> None:
    assert gap_attributes("text not declassified") == {"reason": "not-declassified"}
    assert gap_attributes("2 lines not declassified") == {
        "reason": "not-declassified",
        "quantity": "2",
        "unit": "line",
    }
    assert gap_attributes("...") == {"reason": "omitted"}
    assert gap_attributes("10 words omitted") == {
        "reason": "omitted",
        "quantity": "10",
        "unit": "word",
    }


words = st.text(alphabet=st.sampled_from(list("abcXYZ中é")), min_size=1, max_size=6)


@settings(max_examples=120, deadline=None)
@given(st.lists(st.tuples(words, st.booleans()), min_size=1, max_size=12))
def test_supplied_words_round_trip(items: list[tuple[str, bool]]) -> None:
    """Text with supplied words, written as TEI and read back, is the same text."""
    text = " ".join(f"[{w}]" if bracketed else w for w, bracketed in items)
    spans = _spans(text, ["supplied"] * sum(b for _, b in items))
    body = _body(text, spans)
    root = etree.fromstring(etree.tostring(body))
    assert render_text(root)[0] == text + "\n"


# -- with the real parser ----------------------------------------------------------------


def test_seed_tei_holds_one_element_per_ledger_intervention(run, seed_store: Store) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("provenance.interventions", reason="the parser is not built yet")
    from provenance.tei.ledger import ledger_spans

    r = run("--records", seed_store.root, "export", f"{SEED_ID}/en@1", "--format", "tei")
    assert r.exit_code == 0, r.stderr
    root = _tree(r.stdout)  # well-formed
    spans = ledger_spans(
        seed_store,
        seed_store.document(SEED_ID),
        seed_store.read_text(seed_store.version(SEED_ID, "en", 1)),
    )
    assert spans
    counts = _counts(root)
    for element, n in Counter(ELEMENT_OF[s.kind] for s in spans).items():
        assert counts[element] == n, element


@pytest.mark.slow
def test_seed_tei_is_valid_against_tei_all(seed_store: Store) -> None:
    if not RNG.is_file():
        pytest.skip(f"no TEI schema at {RNG}; run tests/tei/get-tei-all.sh")
    _with_rights_statement(seed_store)
    store = Store(seed_store.root)
    try:
        from provenance import interventions  # noqa: F401

        result = build_tei(store, f"{SEED_ID}/en@1")
    except ImportError:
        result = _seed_tei(store)
    schema = etree.RelaxNG(etree.parse(str(RNG)))
    doc = _tree(result.xml)
    assert schema.validate(doc), schema.error_log
    text = "a [x] F[oreign] [sic] Andong [Dandong] [illegible] [Page 3] [2] [tr. note: y] [?]"
    body = _body(
        text,
        _spans(
            text,
            ["supplied", "expansion", "sic", "gloss", "gap", "page", "footnote", "note", "other"],
        ),
    )
    old_body = doc.find(".//t:body", NS)
    old_body.getparent().replace(old_body, body)
    assert schema.validate(doc), schema.error_log


# -- the licence URI: what check reads ---------------------------------------------------


@pytest.mark.parametrize(
    ("statement", "uri"),
    [
        (
            "http://rightsstatements.org/vocab/InC-EDU/1.0/",
            "http://rightsstatements.org/vocab/InC-EDU/1.0/",
        ),
        (
            "https://rightsstatements.org/page/NoC-US/1.0/",
            "http://rightsstatements.org/vocab/NoC-US/1.0/",
        ),
        ("CC BY-NC 4.0", "https://creativecommons.org/licenses/by-nc/4.0/"),
        ("CC-BY-4.0", "https://creativecommons.org/licenses/by/4.0/"),
        ("MIT", "http://spdx.org/licenses/MIT"),
        ("MIT OR Apache-2.0", ""),  # an expression of several licences has no URI
        ("https://example.org/our-terms", ""),  # check does not know it: no licence target
        ("Free to use", ""),
    ],
)
def test_licence_target_is_the_statements_canonical_uri(
    seed_store: Store, statement: str, uri: str
) -> None:
    path = seed_store.doc_folder(SEED_ID) / "document.yaml"
    meta = yamlio.load(path).data
    meta["rights"]["statement"] = statement
    path.write_text(yamlio.dumps(meta), encoding="utf-8")
    root = _tree(_seed_tei(Store(seed_store.root)).xml)
    licence = root.find(".//t:publicationStmt/t:availability/t:licence", NS)
    assert licence.get("target") == (uri or None)
