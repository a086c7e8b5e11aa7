"""The PROV export says only what the records say: every translation derivation is one the
records hold (and every one they hold is there), nothing said of a version changes when the
original grows, committed files belong to who committed them, times run forward, metadata
changes are activities, and identifiers live under the store's base_uri."""

from __future__ import annotations

import re
import warnings
from pathlib import Path
from typing import Any

import pytest

from provenance.exchange import build_prov, serialize_prov
from provenance.lineage import made_from
from provenance.metaedit import change_stream, set_fields
from provenance.model import Agent
from provenance.store import Store

from .conftest import SEED_ID

prov_model = pytest.importorskip("prov.model")
PROV = prov_model.PROV


def _commit(store: Store, doc: str, stream: str, text: str, when: str, **kw: Any) -> None:
    role = "translator" if stream != "zh" else "transcriber"
    store.commit(
        doc,
        stream,
        text.encode(),
        agents=[Agent(kw.pop("who", "Ann Lee"), role)],
        activity=kw.pop("activity", "revised"),
        message="m",
        recorded=when,
        source={"file": "draft.txt"},
        **kw,
    )


def _graph(store: Store, doc: str) -> Any:
    text = serialize_prov(build_prov(store, doc), "prov-json")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return prov_model.ProvDocument.deserialize(content=text, format="json").unified()


def _pairs(graph: Any, local: str) -> set[tuple[str, str]]:
    out = set()
    for d in graph.get_records(prov_model.ProvDerivation):
        if any(str(t.localpart) == local for t in d.get_asserted_types()):
            attrs = dict(d.formal_attributes)
            out.add((str(attrs[PROV["generatedEntity"]].uri), str(attrs[PROV["usedEntity"]].uri)))
    return out


@pytest.fixture
def multi(store: Store) -> Store:
    """zh with three versions; en made from zh@1 then zh@3; ru with no recorded lineage;
    de linked afterwards (its v1 declared made from zh@2)."""
    store.add_document(
        {"schema": "provenance/document/1", "id": "doc", "title": "A cable",
         "source": {"reference": "X 1"}},
        [],
    )  # fmt: skip
    store.create_stream("doc", "zh", kind="transcription", language="zh")
    for n, when in ((1, "2020-01-01"), (2, "2020-02-01"), (3, "2020-03-01")):
        _commit(store, "doc", "zh", f"电报第{n}稿。", f"{when}T00:00:00Z", activity="transcribed")
    store.create_stream("doc", "en", kind="translation", language="en", translates="zh")
    _commit(store, "doc", "en", "Cable, draft 1.", "2020-01-15T00:00:00Z", translates="zh@1")
    _commit(store, "doc", "en", "Cable, draft 3.", "2020-03-15T00:00:00Z", translates="zh@3")
    store.create_stream("doc", "ru", kind="translation", language="ru", translates="zh")
    _commit(store, "doc", "ru", "Телеграмма.", "2020-04-01T00:00:00Z")
    store.create_stream("doc", "de", kind="translation", language="de")
    _commit(store, "doc", "de", "Telegramm.", "2020-04-02T00:00:00Z", who="Karl Weber")
    change_stream(store, "doc", "de", agent="Ann Lee", message="Link", translates="zh@2")
    return store


def test_derivations_are_exactly_those_recorded(multi: Store) -> None:
    graph = _graph(multi, "doc")
    rec = "urn:provenance:records/doc/"
    expected = set()
    for stream in multi.streams("doc"):
        for version in multi.versions("doc", stream.id):
            ref = made_from(stream, version)
            if ref:
                s, n = ref.split("@")
                expected.add((f"{rec}{stream.id}/v{version.number}", f"{rec}{s}/v{n}"))
    version_pairs = {p for p in _pairs(graph, "Translation") if "/v" in p[0]}
    assert version_pairs == expected
    assert expected == {
        (f"{rec}en/v1", f"{rec}zh/v1"),
        (f"{rec}en/v2", f"{rec}zh/v3"),
        (f"{rec}de/v1", f"{rec}zh/v2"),
    }
    # the declared one names the metadata change that declared it
    declared = [
        d
        for d in graph.get_records(prov_model.ProvDerivation)
        if any(str(k.localpart) == "declaredIn" for k, _ in d.attributes)
    ]
    assert len(declared) == 1
    assert str(next(v for k, v in declared[0].attributes if k.localpart == "declaredIn").uri) == (
        f"{rec}changes/1"
    )


def test_earlier_statements_survive_a_new_original_version(multi: Store) -> None:
    def statements() -> set[str]:
        text = serialize_prov(build_prov(multi, "doc"), "prov-n")
        return {line.strip() for line in text.splitlines()}

    before = statements()
    _commit(multi, "doc", "zh", "电报第4稿。", "2020-05-01T00:00:00Z", activity="corrected")
    after = statements()
    assert before <= after
    added = after - before
    new_ids = {"zh/v4"} | {
        m for line in added if "zh/v4" in line for m in re.findall(r"sources/[0-9a-f]+", line)
    }
    assert added and all(any(i in line for i in new_ids) for line in added), added


def test_sources_attributed_to_who_committed_them(multi: Store) -> None:
    graph = _graph(multi, "doc")
    labels = {
        str(a.identifier.uri): str(next(iter(a.get_attribute(PROV["label"]))))
        for a in graph.get_records(prov_model.ProvAgent)
    }
    sources = {
        str(e.identifier.uri)
        for e in graph.get_records(prov_model.ProvEntity)
        if any(str(t.localpart) == "Source" for t in e.get_asserted_types())
    }
    assert len(sources) == 7  # seven versions committed from files named draft.txt: seven files
    owners = {}
    for a in graph.get_records(prov_model.ProvAttribution):
        attrs = dict(a.formal_attributes)
        entity = str(attrs[PROV["entity"]].uri)
        if entity in sources:
            owners.setdefault(entity, set()).add(labels[str(attrs[PROV["agent"]].uri)])
    assert set(owners) == sources
    assert {frozenset(v) for v in owners.values()} == {
        frozenset({"Ann Lee"}),
        frozenset({"Karl Weber"}),
    }


def test_an_imported_page_is_its_publishers(seed_store: Store) -> None:
    seed = _graph(seed_store, SEED_ID)
    publisher = "History and Public Policy Program Digital Archive"
    seed_labels = {
        str(a.identifier.uri): str(next(iter(a.get_attribute(PROV["label"]))))
        for a in seed.get_records(prov_model.ProvAgent)
    }
    owned = [
        seed_labels[str(dict(a.formal_attributes)[PROV["agent"]].uri)]
        for a in seed.get_records(prov_model.ProvAttribution)
        if "/sources/" in str(dict(a.formal_attributes)[PROV["entity"]].uri)
    ]
    assert owned == [publisher]


def test_times_run_forward(multi: Store) -> None:
    # a hand-made record whose recorded time is before its parent's: no time is claimed
    _commit(multi, "doc", "en", "Cable, draft 4.", "2019-01-01T00:00:00Z", translates="zh@3")
    graph = _graph(multi, "doc")
    generated = {}
    for g in graph.get_records(prov_model.ProvGeneration):
        attrs = dict(g.formal_attributes)
        if attrs.get(PROV["time"]) is not None:
            generated[str(attrs[PROV["entity"]].uri)] = attrs[PROV["time"]]
    assert not any(k.endswith("en/v3") for k in generated)
    checked = 0
    for d in graph.get_records(prov_model.ProvDerivation):
        attrs = dict(d.formal_attributes)
        new, old = str(attrs[PROV["generatedEntity"]].uri), str(attrs[PROV["usedEntity"]].uri)
        if new in generated and old in generated:
            assert generated[old] <= generated[new], (new, old)
            checked += 1
    assert checked >= 3


def test_metadata_changes_are_activities_with_their_agents(multi: Store) -> None:
    set_fields(
        multi,
        "doc",
        [("rights", {"statement": "http://rightsstatements.org/vocab/InC-EDU/1.0/"})],
        agent="Rita Rights",
        message="Rights reviewed",
        recorded="2020-06-01T00:00:00Z",
    )
    graph = _graph(multi, "doc")
    changes = {
        str(a.identifier.uri): a
        for a in graph.get_records(prov_model.ProvActivity)
        if any(str(t.localpart) == "MetadataChange" for t in a.get_asserted_types())
    }
    assert set(changes) == {
        "urn:provenance:records/doc/changes/1",
        "urn:provenance:records/doc/changes/2",
    }
    associated = {
        (str(dict(a.formal_attributes)[PROV["activity"]].uri).rsplit("/", 1)[-1])
        for a in graph.get_records(prov_model.ProvAssociation)
        if "/changes/" in str(dict(a.formal_attributes)[PROV["activity"]].uri)
    }
    assert associated == {"1", "2"}
    second = changes["urn:provenance:records/doc/changes/2"]
    assert second.get_endTime().isoformat().startswith("2020-06-01")


def test_base_uri_is_a_store_setting(multi: Store, tmp_path: Path) -> None:
    config = multi.root / "provenance.yaml"
    config.write_text(
        config.read_text("utf-8") + "base_uri: https://archive.example.org/records/\n", "utf-8"
    )
    text = serialize_prov(build_prov(Store(multi.root), "doc"), "prov-n")
    assert "prefix rec <https://archive.example.org/records/>" in text
    assert "invalid" not in re.sub(r"provenance <[^>]*>", "", text)


def test_seed_scenario_graph(seed_store: Store) -> None:
    """The README's scenario: the graph holds exactly the recorded derivations, and another
    zh commit changes no earlier statement."""
    zh = (Path(__file__).parent / "fixtures" / "lineage").glob("seed-zh-v*.txt")
    texts = [p.read_text("utf-8") for p in sorted(zh)]
    seed_store.create_stream(SEED_ID, "zh", kind="transcription", language="zh")
    _commit(seed_store, SEED_ID, "zh", texts[0], "2026-01-01T00:00:00Z", activity="transcribed")
    change_stream(seed_store, SEED_ID, "en", agent="Charles Kraus", message="m", translates="zh")
    _commit(seed_store, SEED_ID, "zh", texts[1], "2026-01-02T00:00:00Z", activity="corrected")
    en = seed_store.read_text(seed_store.version(SEED_ID, "en", 1)).replace("715", "751")
    _commit(seed_store, SEED_ID, "en", en, "2026-01-03T00:00:00Z", translates="zh@2")
    rec = f"urn:provenance:records/{SEED_ID}/"
    first = serialize_prov(build_prov(seed_store, SEED_ID), "prov-n")
    pairs = {p for p in _pairs(_graph(seed_store, SEED_ID), "Translation") if "/v" in p[0]}
    assert pairs == {(f"{rec}en/v1", f"{rec}zh/v1"), (f"{rec}en/v2", f"{rec}zh/v2")}
    _commit(seed_store, SEED_ID, "zh", texts[1] + "补。\n", "2026-01-04T00:00:00Z")
    second = serialize_prov(build_prov(seed_store, SEED_ID), "prov-n")
    assert set(first.splitlines()) <= set(second.splitlines())
