"""provenance rights: the seed's verbatim text and credit line, a recorded statement's label,
URI slips reported with the canonical form, a stream's own rights, JSON and JSON-LD."""

from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Any

import pytest

from provenance import schema, yamlio
from provenance.rights import rights_of
from provenance.store import Store

from .conftest import ROOT, SEED_ID, snapshot

CREDIT = (
    "This document was made possible with support from the MacArthur Foundation and Leon "
    "Levy Foundation."
)
INC_EDU = "http://rightsstatements.org/vocab/InC-EDU/1.0/"


def _edit(path: Path, change: Any) -> None:
    data = yamlio.load(path).data
    change(data)
    path.write_text(yamlio.dumps(data), encoding="utf-8")


def _set_statement(store: Store, value: str) -> None:
    def change(d: dict[str, Any]) -> None:
        d["rights"]["statement"] = value

    _edit(store.doc_folder(SEED_ID) / "document.yaml", change)


def test_seed_verbatim_text_and_credit_line(run, seed_store: Store) -> None:  # type: ignore[no-untyped-def]
    stored = yamlio.load(seed_store.doc_folder(SEED_ID) / "document.yaml").data["rights"]
    r = run("--records", seed_store.root, "rights", SEED_ID)
    assert r.exit_code == 0 and r.stderr == ""
    assert f"\n{stored['text']}\n" in r.stdout
    assert f"Contact:   {stored['contact']}\n" in r.stdout
    assert f"Credit:    {CREDIT}\n" in r.stdout
    assert "Statement: none recorded" in r.stdout


def test_recorded_statement_shows_its_label(run, seed_store: Store) -> None:  # type: ignore[no-untyped-def]
    _set_statement(seed_store, INC_EDU)
    r = run("--records", seed_store.root, "rights", SEED_ID)
    assert r.exit_code == 0 and r.stderr == ""
    assert "Statement: In Copyright - Educational Use Permitted\n" in r.stdout
    assert f"           {INC_EDU}\n" in r.stdout


@pytest.mark.parametrize(
    "written",
    [
        "https://rightsstatements.org/vocab/InC-EDU/1.0/",
        "http://rightsstatements.org/page/InC-EDU/1.0/",
        "http://rightsstatements.org/vocab/InC-EDU/1.0",
        "http://www.rightsstatements.org/vocab/InC-EDU/1.0/",
    ],
)
def test_wrong_uri_form_reported_with_the_canonical_one(  # type: ignore[no-untyped-def]
    run, seed_store: Store, written: str
) -> None:
    _set_statement(seed_store, written)
    before = snapshot(seed_store.root)
    r = run("--records", seed_store.root, "rights", SEED_ID)
    assert r.exit_code == 0
    assert "In Copyright - Educational Use Permitted" in r.stdout
    assert f"recorded as {written!r}" in r.stdout
    assert r.stderr.startswith("provenance: warning: rights-noncanonical-uri: ")
    assert f"write {INC_EDU!r}" in r.stderr
    assert snapshot(seed_store.root) == before  # reported, never rewritten


def test_unknown_statement_reported_with_suggestion(run, seed_store: Store) -> None:  # type: ignore[no-untyped-def]
    _set_statement(seed_store, "http://rightsstatements.org/vocab/InC-EDUC/1.0/")
    r = run("--records", seed_store.root, "rights", SEED_ID)
    assert r.exit_code == 0
    assert "rights-unknown-statement" in r.stderr and f"did you mean {INC_EDU}?" in r.stderr
    data = json.loads(run("--records", seed_store.root, "rights", SEED_ID, "-f", "json").stdout)
    assert data["statement"]["recognised"] is False
    assert data["statement"]["suggestion"] == INC_EDU


def _add_stream_rights(store: Store) -> None:
    def change(d: dict[str, Any]) -> None:
        d["rights"] = {
            "text": "Translation shared under CC BY 4.0.",
            "statement": "https://creativecommons.org/licenses/by/4.0/",
            "holder": "History and Public Policy Program",
        }

    _edit(store.stream_folder(SEED_ID, "en") / "stream.yaml", change)


def test_stream_rights_override_the_documents(run, seed_store: Store) -> None:  # type: ignore[no-untyped-def]
    _set_statement(seed_store, INC_EDU)
    _add_stream_rights(seed_store)
    r = run("--records", seed_store.root, "rights", SEED_ID, "--stream", "en")
    assert r.exit_code == 0, r.stderr
    assert "the stream's own rights" in r.stdout
    assert "Translation shared under CC BY 4.0." in r.stdout
    assert "Creative Commons Attribution 4.0 International" in r.stdout
    assert "welcomes reuse" not in r.stdout and "Educational" not in r.stdout
    assert f"Credit:    {CREDIT}" in r.stdout  # funders are the document's
    assert run("--records", seed_store.root, "rights", f"{SEED_ID}/en").stdout == r.stdout
    doc = run("--records", seed_store.root, "rights", SEED_ID)
    assert "In Copyright - Educational Use Permitted" in doc.stdout
    assert f"provenance rights {SEED_ID} --stream en" in doc.stdout


def test_json_is_what_the_library_returns(run, seed_store: Store) -> None:  # type: ignore[no-untyped-def]
    _set_statement(seed_store, "https://rightsstatements.org/page/InC-EDU/1.0/")
    r = run("--records", seed_store.root, "rights", SEED_ID, "--format", "json")
    assert r.exit_code == 0 and r.stderr == ""
    data = json.loads(r.stdout)
    schema.validate(data, "rights-output.schema.json")
    assert data == rights_of(Store(seed_store.root), SEED_ID).as_dict()
    assert next(iter(data)) == "format_version"
    st = data["statement"]
    assert (st["canonical"], st["label"], st["kind"]) == (
        INC_EDU,
        "In Copyright - Educational Use Permitted",
        "rightsstatements",
    )
    assert data["credit_line"] == CREDIT
    assert [f["code"] for f in data["findings"]] == ["rights-noncanonical-uri"]


def test_jsonld_parses_as_rdf(run, seed_store: Store) -> None:  # type: ignore[no-untyped-def]
    from rdflib import Graph, Literal, URIRef
    from rdflib.namespace import DCTERMS

    _set_statement(seed_store, INC_EDU)
    r = run("--records", seed_store.root, "rights", SEED_ID, "--format", "jsonld")
    assert r.exit_code == 0, r.stderr
    with warnings.catch_warnings():  # rdflib's JSON-LD parser uses its deprecated ConjunctiveGraph
        warnings.simplefilter("ignore", DeprecationWarning)
        g = Graph().parse(data=r.stdout, format="json-ld")
    edm = URIRef("http://www.europeana.eu/schemas/edm/rights")
    schema_org = "http://schema.org/"
    [work] = set(g.subjects(DCTERMS.identifier, Literal(SEED_ID)))
    assert g.value(work, edm) == URIRef(INC_EDU)
    assert (
        str(g.value(URIRef(INC_EDU), URIRef("http://www.w3.org/2004/02/skos/core#prefLabel")))
        == "In Copyright - Educational Use Permitted"
    )
    assert str(g.value(work, DCTERMS.rights)).startswith("The History and Public Policy Program")
    funders = {
        str(g.value(f, URIRef(schema_org + "name")))
        for f in g.objects(work, URIRef(schema_org + "funder"))
    }
    assert funders == {"MacArthur Foundation", "Leon Levy Foundation"}
    assert str(g.value(work, URIRef(schema_org + "creditText"))) == CREDIT


def test_jsonld_licence_for_cc_and_spdx(run, seed_store: Store) -> None:  # type: ignore[no-untyped-def]
    _set_statement(seed_store, "https://creativecommons.org/licenses/by-nc/4.0/")
    data = json.loads(run("--records", seed_store.root, "rights", SEED_ID, "-f", "jsonld").stdout)
    assert data["dcterms:license"] == {"@id": "https://creativecommons.org/licenses/by-nc/4.0/"}
    _set_statement(seed_store, "MIT OR Apache-2.0")
    data = json.loads(run("--records", seed_store.root, "rights", SEED_ID, "-f", "jsonld").stdout)
    assert data["dcterms:license"] == "MIT OR Apache-2.0" and "edm:rights" not in data


def test_colour_only_when_asked(run, seed_store: Store) -> None:  # type: ignore[no-untyped-def]
    assert "\x1b[" not in run("--records", seed_store.root, "rights", SEED_ID).stdout
    r = run("--records", seed_store.root, "rights", SEED_ID, "--color", "always")
    assert "\x1b[1mCredit:" in r.stdout


def test_errors(run, seed_store: Store) -> None:  # type: ignore[no-untyped-def]
    r = run("--records", seed_store.root, "rights", "no-such-doc")
    assert r.exit_code == 2 and "no document 'no-such-doc'" in r.stderr
    r = run("--records", seed_store.root, "rights", SEED_ID, "--stream", "xx")
    assert r.exit_code == 2 and "has no stream 'xx'" in r.stderr
    r = run("--records", seed_store.root, "rights", f"{SEED_ID}/en", "--stream", "zh")
    assert r.exit_code == 2 and "--stream says 'zh'" in r.stderr
    r = run("--records", seed_store.root, "rights", SEED_ID, "--format", "xml")
    assert r.exit_code == 2


def test_help_has_an_example(run) -> None:  # type: ignore[no-untyped-def]
    r = run("rights", "--help")
    assert r.exit_code == 0 and "Example: provenance rights" in r.stdout


def test_readme_documents_the_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "## provenance rights" in readme
    assert "rights-noncanonical-uri" in readme
