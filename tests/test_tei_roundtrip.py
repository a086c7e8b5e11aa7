"""TEI round trip without loss: export -> import -> export gives back the same document and
stream metadata (date, reference and pages, funders, stream kind and language, agents and
roles, lineage) and the same texts, for every document in records/ and the TEI samples in
tests/; and the TEI markup alone (without the record block) still reads back what matters."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from provenance.metaedit import change_stream
from provenance.model import Agent
from provenance.store import Store
from provenance.tei import export_tei, import_tei, read_tei

from .conftest import FIXTURES, RECORDS, SEED_ID

SAMPLES = sorted((Path(__file__).parent / "cases" / "tei").rglob("*.xml"))


def _order(store: Store, doc_id: str) -> list[str]:
    """Streams in an order an import can follow: originals before their translations."""
    streams = store.streams(doc_id)
    return [s.id for s in streams if s.translates is None] + [
        s.id for s in streams if s.translates is not None
    ]


def _snapshot(store: Store, doc_id: str) -> dict[str, Any]:
    """What must survive: the document's metadata (but where it was imported from), each
    stream's, and each latest version's agents, date, lineage and exact text."""
    doc = {k: v for k, v in store.document(doc_id).meta.items() if k != "imported"}
    streams = {}
    for stream in store.streams(doc_id):
        latest = store.version(doc_id, stream.id)
        streams[stream.id] = {
            "meta": stream.meta,
            "agents": [a.as_dict() for a in latest.agents],
            "date": latest.date,
            "translates": latest.translates,
            "text": store.read_bytes(latest),
        }
    return {"document": doc, "streams": streams}


def _round_trip(store: Store, doc_id: str, tmp_path: Path, target: Store) -> None:
    first = None
    for stream_id in _order(store, doc_id):
        xml = tmp_path / f"{doc_id}-{stream_id}.xml"
        xml.write_text(export_tei(store, f"{doc_id}/{stream_id}"), encoding="utf-8")
        if first is None:
            _, parsed = import_tei(target, xml)
            first = doc_id
        else:
            _, parsed = import_tei(target, xml, into=doc_id)
        assert not [w for w in parsed.warnings if "not used" in w or "lineage" in w]


@pytest.mark.parametrize("doc_id", Store(RECORDS).document_ids())
def test_every_record_survives_export_import_export(doc_id: str, tmp_path: Path) -> None:
    source = Store(RECORDS)
    back = Store.init(tmp_path / "back")
    _round_trip(source, doc_id, tmp_path, back)
    assert _snapshot(back, doc_id) == _snapshot(source, doc_id)
    # and once more: the second export carries the same records as the first
    again = Store.init(tmp_path / "again")
    (tmp_path / "second").mkdir()
    _round_trip(back, doc_id, tmp_path / "second", again)
    assert _snapshot(again, doc_id) == _snapshot(source, doc_id)


def test_lineage_survives_stream_by_stream(seed_store: Store, tmp_path: Path) -> None:
    zh = (FIXTURES / "lineage" / "seed-zh-v1.txt").read_bytes()
    seed_store.create_stream(SEED_ID, "zh", kind="transcription", language="zh")
    seed_store.commit(
        SEED_ID, "zh", zh, agents=[Agent("Shen Zhihua", "transcriber")], activity="transcribed",
        message="m", date="2020-05",
    )  # fmt: skip
    change_stream(seed_store, SEED_ID, "en", agent="A", message="m", translates="zh@1")
    seed_store.commit(
        SEED_ID, "en", b"Revised.\n", agents=[Agent("Charles Kraus", "translator")],
        activity="revised", message="m", translates="zh@1",
    )  # fmt: skip
    back = Store.init(tmp_path / "back")
    _round_trip(seed_store, SEED_ID, tmp_path, back)
    got, want = _snapshot(back, SEED_ID), _snapshot(seed_store, SEED_ID)
    assert got["document"] == want["document"]
    assert got["streams"]["en"]["translates"] == "zh@1"
    assert back.stream(SEED_ID, "en").translates == "zh"
    for key in ("agents", "date", "text"):
        assert got["streams"]["en"][key] == want["streams"]["en"][key]
        assert got["streams"]["zh"][key] == want["streams"]["zh"][key]
    # imported alone, a translation keeps what it can and says what it could not
    alone = Store.init(tmp_path / "alone")
    xml = tmp_path / f"{SEED_ID}-en.xml"
    alone.add_document({"schema": "provenance/document/1", "id": "other", "title": "T"}, [])
    _, parsed = import_tei(alone, xml, into="other")
    assert any("no stream 'zh'" in w for w in parsed.warnings)
    assert alone.version("other", "en").translates is None


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_tei_samples_survive_import_export_import(sample: Path, tmp_path: Path) -> None:
    first = Store.init(tmp_path / "first")
    for div in _divs(sample):
        doc, _ = import_tei(first, sample, div=div)
        second = Store.init(tmp_path / f"second-{div}")
        _round_trip(first, doc.id, tmp_path, second)
        assert _snapshot(second, doc.id) == _snapshot(first, doc.id)


def _divs(sample: Path) -> list[str | None]:
    ids = re.findall(rb'<div[^>]*type="document"[^>]*xml:id="([^"]+)"', sample.read_bytes())
    return [i.decode() for i in ids] or [None]


def test_the_markup_alone_reads_back_what_matters(tmp_path: Path) -> None:
    """Without the record block, the header and body still give the date, reference and
    pages, funders, kind and language, agents and roles, who obtained it."""
    store = Store(RECORDS)
    xml = export_tei(store, f"{SEED_ID}/en")
    bare = re.sub(r"<xenoData.*?</xenoData>\s*", "", xml, flags=re.S)
    parsed = read_tei(bare.encode())
    meta = store.document(SEED_ID).meta
    assert parsed.record is None
    assert parsed.meta["date"] == meta["date"]
    assert parsed.meta["source"] == meta["source"]
    assert parsed.meta["funders"] == meta["funders"]
    assert parsed.meta["acquisition"] == meta["acquisition"]
    assert parsed.meta["funder_line"] == meta["funder_line"]
    assert parsed.meta["summary"] == meta["summary"]
    assert parsed.meta["type"] == meta["type"]
    assert parsed.kind == "translation" and parsed.language == "en"
    assert parsed.agents == [("Jeffrey Wang", "translator"), ("Charles Kraus", "translator")]
    # a record block whose text no longer matches the body is not trusted
    record = re.search(r"<xenoData[^>]*>(.*?)</xenoData>", xml, re.S)
    assert record is not None
    tampered = xml.replace("Request for the Consular", "Request to the Consular")
    parsed = read_tei(tampered.encode())
    assert parsed.record is None and any("not used" in w for w in parsed.warnings)
    assert json.loads(record.group(1))["document"]["id"] == SEED_ID


def test_a_long_text_with_many_notes_reads_back_exactly_through_small_edits(
    tmp_path: Path,
) -> None:
    """A text of 2,000 brackets, notes and footnote calls among them (which the body does not
    read back as written): the record carries only the edits from what the body reads back
    to the exact text (no copy of the whole text, whatever the machine's speed), and an
    import gives the text back byte for byte."""
    from provenance.store import NewStream
    from provenance.tei.reader import apply_edits

    mix = ("[North] Korea ", "[2] ", "[translator's note: see above] ", "Andong [Dandong] ")
    text = "".join(mix[i % len(mix)] + ("\n\n" if i % 40 == 39 else "") for i in range(2000))
    store = Store.init(tmp_path / "records")
    agents = [Agent("A", "translator")]
    meta = {"schema": "provenance/document/1", "id": "notes", "title": "Many notes"}
    store.add_document(
        meta, [NewStream("en", "translation", "en", text.encode(), agents, "translated", "v1")]
    )
    xml = export_tei(Store(store.root), "notes/en@1")
    assert export_tei(Store(store.root), "notes/en@1") == xml
    record = json.loads(re.search(r'<xenoData type="[^"]+">(.*?)</xenoData>', xml, re.S)[1])
    edits = record["text"]["edits"]
    assert edits and record["text"]["patch"] == ""
    assert sum(len(e[2]) for e in edits) < len(text) // 2  # only what the body leaves out
    parsed = read_tei(xml.encode("utf-8"))
    assert parsed.text == text
    with pytest.raises(ValueError):
        apply_edits("short", [[10, 0, "x"]])
