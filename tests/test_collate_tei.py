"""The TEI apparatus (valid TEI P5, each witness readable from it) and the HTML page."""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

import pytest
from lxml import etree

from provenance.collate import Collation, Witness, collate
from provenance.collate.html import format_html
from provenance.collate.tei import format_tei, xml_ids

from .test_collate import darwin

NS = {"t": "http://www.tei-c.org/ns/1.0"}
T = "{http://www.tei-c.org/ns/1.0}"
RNG = Path(
    os.environ.get("PROVENANCE_TEI_RNG", Path(__file__).parent / "tei" / ".cache" / "tei_all.rng")
)

MIXED = [
    Witness("A", "to [North] Korea they generally differ more from each other.\n\nAnd 中国 then"),
    Witness(
        "B", "to North Korea [sic] they generally differ from each other more.\n\nAnd 中國 then"
    ),
    Witness("C & D", "to Korea they differ more from each other <here>.\n\nAnd 中国 then"),
]


def _root(result: Collation) -> etree._Element:
    return etree.fromstring(format_tei(result).encode("utf-8"))


def _witness_text(root: etree._Element, wid: str) -> str:
    """What one witness reads: the shared text and its readings."""
    out: list[str] = []

    def walk(el: etree._Element) -> None:
        if el.text and el.tag != T + "app":
            out.append(el.text)
        for child in el:
            if child.tag == T + "app":
                for r in child:
                    if f"#{wid}" in (r.get("wit") or "").split():
                        out.append(r.text or "")
            elif child.tag == T + "p":
                walk(child)
            if child.tail:
                out.append(child.tail)

    for p in root.iterfind(".//t:body/t:p", NS):
        walk(p)
    return "".join(out)


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("base", [None, "1860"])
def test_each_witness_reads_back_from_the_apparatus(base: str | None) -> None:
    result = collate(darwin(), base=base)
    root = _root(result)
    ids = xml_ids(result.sigla)
    for wid, wit in zip(ids, result.witnesses, strict=True):
        assert _squeeze(_witness_text(root, wid)) == _squeeze(wit.text)
    apps = root.findall(".//t:app", NS)
    assert len(apps) == result.stats.locations
    if base:
        assert all(app[0].tag == T + "lem" and "#w1860" in app[0].get("wit") for app in apps)
    else:
        assert not root.findall(".//t:lem", NS)


def test_editorial_and_moved_readings_and_sigla_that_are_not_names() -> None:
    result = collate(MIXED, base="A")
    root = _root(result)
    assert xml_ids(result.sigla) == ["A", "B", "wC___D"]
    wits = root.findall(".//t:witness", NS)
    assert [w.get("n") for w in wits] == ["A", "B", "C & D"]
    types = {
        app.get("n"): (app.get("type"), [r.text for r in app])
        for app in root.iterfind(".//t:app", NS)
    }
    assert ("editorial", ["[North] ", "North ", None]) not in types.values()  # C omits North
    assert any(
        t == "textual" and texts[:2] == ["[North] ", "North "] for t, texts in types.values()
    )
    pairs = root.findall(".//t:listTranspose/t:transpose", NS)
    assert len(pairs) == 1
    ids = {el.get("{http://www.w3.org/XML/1998/namespace}id") for el in root.iter()}
    for ptr in pairs[0]:
        assert ptr.get("target")[1:] in ids
    assert len(root.findall(".//t:body/t:p", NS)) == 2  # the blank line of the base
    for wid, wit in zip(xml_ids(result.sigla), MIXED, strict=True):
        assert _squeeze(_witness_text(root, wid)) == _squeeze(wit.text)


@pytest.mark.slow
def test_the_apparatus_is_valid_tei_all() -> None:
    if not RNG.is_file():
        pytest.skip(f"no TEI schema at {RNG}; run tests/tei/get-tei-all.sh")
    schema = etree.RelaxNG(etree.parse(str(RNG)))
    for result in (collate(darwin(), base="1859"), collate(MIXED, base="B"), collate(MIXED)):
        root = _root(result)
        assert schema.validate(root), schema.error_log


class _Tags(HTMLParser):
    VOID: ClassVar[set[str]] = {"meta", "br", "hr", "img", "input", "link"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.ids: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.append(a["id"] or "")
        for key in ("href", "src"):
            if a.get(key):
                self.links.append(a[key] or "")
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack.pop() == tag, tag


def test_html_is_one_self_contained_page_with_every_location() -> None:
    result = collate(MIXED, base="A")
    page = format_html(result)
    parser = _Tags()
    parser.feed(page)
    assert parser.stack == []
    n = result.stats.locations
    assert {f"loc-{k}" for k in range(1, n + 1)} <= set(parser.ids)
    assert {f"app-{k}" for k in range(1, n + 1)} <= set(parser.ids)
    assert all(link.startswith("#") for link in parser.links)  # nothing from the network
    assert "C &amp; D" in page and "here&gt;" in page and "國" in page


def test_cli_tei_and_html(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    paths = []
    for w in MIXED:
        path = tmp_path / f"{w.sigil[0]}.txt"
        path.write_text(w.text, encoding="utf-8")
        paths.append(path)
    r = run("collate", *paths, "--base", "A", "-f", "tei")
    assert r.exit_code == 0, r.stderr
    witnesses = [Witness(p.stem, w.text, str(p), "file") for p, w in zip(paths, MIXED, strict=True)]
    assert r.stdout == format_tei(collate(witnesses, base="A"))
    r = run("collate", *paths, "-f", "html")
    assert r.exit_code == 0 and r.stdout.startswith("<!DOCTYPE html>")
