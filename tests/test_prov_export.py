"""The PROV graph of a document: built with ``prov``, parsed back, and its shape checked."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import pytest

from provenance.exchange import VOCAB, build_prov, serialize_prov
from provenance.model import Agent
from provenance.store import NewStream, Store

from .conftest import SEED_ID

prov_model = pytest.importorskip("prov.model")
PROV = prov_model.PROV


def _commit_v2(store: Store) -> None:
    text = store.read_text(store.version(SEED_ID, "en", 1))
    store.commit(
        SEED_ID,
        "en",
        text.replace("[To] Premier", "To Premier").encode("utf-8"),
        agents=[Agent("Ann Editor", "editor"), Agent("Bo Proof", "proofreader")],
        activity="revised",
        message="Drop a needless bracket",
        date="2024-03-01",
        recorded="2024-03-02T10:00:00Z",
    )


def _parse(text: str, fmt: str) -> Any:
    name = {"prov-json": "json", "prov-xml": "xml", "prov-o": "rdf"}[fmt]
    args = {"rdf_format": "turtle"} if fmt == "prov-o" else {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # rdflib's own internals
        return prov_model.ProvDocument.deserialize(content=text, format=name, **args)


def _ident(record: Any) -> str:
    return str(record.identifier.uri)


def _typed(graph: Any, local: str) -> list[Any]:
    want = prov_model.QualifiedName(prov_model.Namespace("provenance", VOCAB), local)
    return [r for r in graph.get_records(prov_model.ProvEntity) if want in r.get_asserted_types()]


def _attr(record: Any, local: str) -> Any:
    values = [v for k, v in record.attributes if str(k.uri) == VOCAB + local]
    assert len(values) == 1, (local, values)
    return values[0]


def _rel(graph: Any, cls: Any) -> list[dict[str, str]]:
    out = []
    for r in graph.get_records(cls):
        out.append(
            {
                str(k.localpart): (str(v.uri) if hasattr(v, "uri") else str(v))
                for k, v in r.attributes
            }
        )
    return out


REC = "urn:provenance:records/"  # no base_uri in the seed store: a URN naming it
V1 = f"{REC}{SEED_ID}/en/v1"
V2 = f"{REC}{SEED_ID}/en/v2"


@pytest.mark.parametrize("fmt", ["prov-json", "prov-xml", "prov-o"])
def test_seed_after_v2_parses_back_with_two_versions_linked_by_revision(
    seed_store: Store, fmt: str
) -> None:
    _commit_v2(seed_store)
    graph = _parse(serialize_prov(build_prov(seed_store, SEED_ID), fmt), fmt).unified()

    versions = {_ident(r): r for r in _typed(graph, "Version")}
    assert set(versions) == {V1, V2}
    for number in (1, 2):
        v = seed_store.version(SEED_ID, "en", number)
        assert str(_attr(versions[f"{REC}{SEED_ID}/en/v{number}"], "sha256")) == v.sha256

    revisions = [
        d
        for d in graph.get_records(prov_model.ProvDerivation)
        if PROV["Revision"] in d.get_asserted_types()
    ]
    pairs = {
        (str(d.formal_attributes[0][1].uri), str(d.formal_attributes[1][1].uri)) for d in revisions
    }
    assert pairs == {(V2, V1)}

    attributed: dict[str, set[str]] = {}
    labels = {
        _ident(a): str(next(iter(a.get_attribute(PROV["label"]))))
        for a in graph.get_records(prov_model.ProvAgent)
    }
    for rel in _rel(graph, prov_model.ProvAttribution):
        attributed.setdefault(rel["entity"], set()).add(labels[rel["agent"]])
    assert attributed[V1] == {"Jeffrey Wang", "Charles Kraus"}
    assert attributed[V2] == {"Ann Editor", "Bo Proof"}


def test_activities_carry_agents_in_their_roles(seed_store: Store) -> None:
    _commit_v2(seed_store)
    graph = _parse(serialize_prov(build_prov(seed_store, SEED_ID), "prov-json"), "prov-json")
    labels = {
        _ident(a): str(next(iter(a.get_attribute(PROV["label"]))))
        for a in graph.get_records(prov_model.ProvAgent)
    }
    roles = {
        (r["activity"].rsplit("/", 2)[-2], labels[r["agent"]], r["role"].split("#")[-1])
        for r in _rel(graph, prov_model.ProvAssociation)
    }
    assert ("v2", "Ann Editor", "editor") in roles
    assert ("v2", "Bo Proof", "proofreader") in roles
    assert ("v1", "Jeffrey Wang", "translator") in roles
    # the people who obtained it, on the obtaining activity
    assert any(
        r["activity"].endswith("/obtaining")
        and labels[r["agent"]] == "Shen Zhihua"
        and r["role"].endswith("#obtainer")
        for r in _rel(graph, prov_model.ProvAssociation)
    )
    activities = {_ident(a): a for a in graph.get_records(prov_model.ProvActivity)}
    v2_act = activities[V2 + "/activity"]
    assert {str(t.localpart) for t in v2_act.get_asserted_types()} == {"Revising"}
    assert str(v2_act.get_endTime().isoformat()).startswith("2024-03-02T10:00:00")
    assert {str(t.localpart) for t in activities[V1 + "/activity"].get_asserted_types()} == {
        "Importing"
    }


def test_publisher_funders_and_import_source(seed_store: Store) -> None:
    graph = _parse(serialize_prov(build_prov(seed_store, SEED_ID), "prov-json"), "prov-json")
    agents = {
        str(next(iter(a.get_attribute(PROV["label"])))): a
        for a in graph.get_records(prov_model.ProvAgent)
    }
    for org in (
        "History and Public Policy Program Digital Archive",
        "MacArthur Foundation",
        "Leon Levy Foundation",
    ):
        assert PROV["Organization"] in agents[org].get_asserted_types()
    assert PROV["Person"] in agents["Shen Zhihua"].get_asserted_types()
    sources = _typed(graph, "Source")
    assert len(sources) == 1
    source_id = _ident(sources[0])
    assert str(_attr(sources[0], "sha256")) == seed_store.version(SEED_ID, "en", 1).source["sha256"]
    assert any(
        r["entity"] == source_id
        and r["agent"] == _ident(agents["History and Public Policy Program Digital Archive"])
        for r in _rel(graph, prov_model.ProvAttribution)
    )
    funded = [r for r in _rel(graph, prov_model.ProvInfluence)]
    assert len(funded) == 2


def _bilingual(store: Store) -> Store:
    meta = {
        "schema": "provenance/document/1",
        "id": "letter",
        "title": "Letter, 1950",
        "source": {"archive": "Central Archive", "reference": "CA 1-2-3"},
    }
    store.add_document(
        meta,
        [
            NewStream(
                id="zh",
                kind="transcription",
                language="zh",
                text="信。".encode(),
                agents=[Agent("王明", "transcriber")],
                activity="transcribed",
                message="First",
                date="2020",
            )
        ],
    )
    store.commit(
        "letter",
        "zh",
        "信件。".encode(),
        agents=[Agent("王明", "editor")],
        activity="corrected",
        message="Fix",
        recorded="2020-02-01T00:00:00Z",
    )
    store.create_stream("letter", "en", kind="translation", language="en", translates="zh")
    store.commit(
        "letter",
        "en",
        b"A letter.",
        agents=[Agent("Ann Lee", "translator")],
        activity="translated",
        message="Translate",
        recorded="2021-01-01T00:00:00Z",
        translates="zh@2",
    )
    return store


def test_translation_versions_derive_from_the_transcription_they_translate(store: Store) -> None:
    _bilingual(store)
    graph = _parse(serialize_prov(build_prov(store, "letter"), "prov-json"), "prov-json")
    translations = {
        (r["generatedEntity"], r["usedEntity"])
        for r in _rel(graph, prov_model.ProvDerivation)
        if r.get("type", "").endswith("#Translation")
    }
    assert (f"{REC}letter/en/v1", f"{REC}letter/zh/v2") in translations
    assert (f"{REC}letter/en", f"{REC}letter/zh") in translations
    # the archive holds it; a non-Latin name still gets a distinct, stable agent id
    labels = {
        str(next(iter(a.get_attribute(PROV["label"])))): _ident(a)
        for a in graph.get_records(prov_model.ProvAgent)
    }
    assert "Central Archive" in labels and "王明" in labels
    assert labels["王明"].startswith(REC + "agents/person/")
    assert labels["王明"] != REC + "agents/person/document"


def test_output_is_deterministic_and_base_is_honoured(seed_store: Store) -> None:
    a = serialize_prov(build_prov(seed_store, SEED_ID), "prov-n")
    b = serialize_prov(build_prov(seed_store, SEED_ID), "prov-n")
    assert a == b and a.startswith("document") and a.endswith("endDocument\n")
    other = serialize_prov(build_prov(seed_store, SEED_ID, base="https://example.org/r/"), "prov-n")
    assert "prefix rec <https://example.org/r/>" in other


def test_unknown_format_and_document_are_refused(seed_store: Store, tmp_path: Path) -> None:
    from provenance.errors import NotFoundError, UsageError

    with pytest.raises(UsageError):
        serialize_prov(build_prov(seed_store, SEED_ID), "dot")
    with pytest.raises(NotFoundError):
        build_prov(seed_store, "no-such-doc")
