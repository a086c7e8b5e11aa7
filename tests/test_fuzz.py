"""Fuzz targets for what reads untrusted input: the page importer, the TEI reader, the YAML
loader and the bracket parser.  Each must either succeed or raise a ProvenanceError (a
one-line message, exit 2): never another exception.  CI runs them briefly (a few dozen
examples each); run longer with ``--hypothesis-profile`` settings or by raising
``FUZZ_EXAMPLES``."""

from __future__ import annotations

import contextlib
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from provenance import interventions as iv
from provenance import yamlio
from provenance.errors import ProvenanceError
from provenance.importer.page import parse_page
from provenance.tei.reader import read_tei

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "40"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text built from the pieces real records hold, so the fuzzer reaches past the first check.
PIECES = st.sampled_from(
    [
        "[",
        "]",
        "[[",
        "]]",
        "(",
        ")",
        "{",
        "}",
        "<",
        ">",
        "\n",
        "\r\n",
        "\n\n",
        " ",
        "\u00a0",
        "\ufeff",
        "\t",
        "North",
        "Korea",
        "[sic]",
        "[…]",
        "[illegible]",
        "[Page 152]",
        "[2]",
        "[translator's note: ",
        "Andong [Dandong]",
        "F[oreign]",
        "公安部",
        "「",
        "」",
        "中",
        "May 10, 1961",
        "Citation:",
        "Contents:",
        "Summary",
        "Source",
        "Rights",
        "Funders",
        "translated by ",
        "Obtained by ",
        "“",
        "”",
        "—",
        "\x00",
        "\x1b",
        "&",
        "&amp;",
        ";",
    ]
)
TEXTS = st.one_of(st.text(max_size=300), st.lists(PIECES, max_size=60).map("".join))


@FUZZ
@given(TEXTS)
def test_bracket_parser(text: str) -> None:
    result = iv.parse(text, iv.load_profile("default"))
    for item in result.interventions:
        assert 0 <= item.start < item.end <= len(text)
        assert text[item.start] == item.open and text[item.end - 1] == item.close


@FUZZ
@given(TEXTS)
def test_page_importer(text: str) -> None:
    with contextlib.suppress(ProvenanceError):
        parse_page(text, filename="page.txt")


XML_PIECES = st.sampled_from(
    [
        "<TEI xmlns='http://www.tei-c.org/ns/1.0'>",
        "</TEI>",
        "<teiHeader>",
        "</teiHeader>",
        "<text>",
        "</text>",
        "<body>",
        "</body>",
        "<p>",
        "</p>",
        "<div type='document'>",
        "</div>",
        "<supplied>",
        "</supplied>",
        "<gap reason='illegible'/>",
        "<lb/>",
        "<title>",
        "</title>",
        "<date when='1961-05-10'>",
        "</date>",
        "&mdash;",
        "&amp;",
        "<!DOCTYPE TEI [<!ENTITY mdash '&#x2014;'>]>",
        "text",
        "公安部",
        "]]>",
        "<![CDATA[",
        "<note>",
        "</note>",
        "\x00",
        "<?xml version='1.0'?>",
    ]
)


@FUZZ
@given(st.one_of(st.binary(max_size=200), st.lists(XML_PIECES, max_size=40).map("".join)))
def test_tei_reader(data: bytes | str) -> None:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    with contextlib.suppress(ProvenanceError):
        read_tei(raw, filename="fuzz.xml")


YAML_PIECES = st.sampled_from(
    [
        "a: 1\n",
        "a: 1\n",
        "- x\n",
        "  - y\n",
        "b:\n  c: d\n",
        "&x ",
        "*x",
        "<<: ",
        "!!python/object ",
        "'",
        '"',
        "{",
        "}",
        "[",
        "]",
        ": ",
        "\t",
        "date: 1961-05-10\n",
        "no\n",
        "? ",
        "|\n",
        "%YAML 1.1\n",
        "---\n",
        "...\n",
        "\ufeff",
        "\x00",
        "公安部: 中\n",
    ]
)


@FUZZ
@given(st.one_of(st.text(max_size=200), st.lists(YAML_PIECES, max_size=40).map("".join)))
def test_yaml_loader(text: str) -> None:
    try:
        doc = yamlio.loads(text, "fuzz.yaml")
    except ProvenanceError:
        return
    for key in doc.data if isinstance(doc.data, dict) else ():
        assert isinstance(key, str)
