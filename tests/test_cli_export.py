"""provenance export on the command line: PROV formats, files, errors."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest

from provenance.exchange import build_prov, serialize_prov
from provenance.store import Store

from .conftest import SEED_ID


def test_prov_json_equals_the_library(run, seed_store: Store) -> None:  # type: ignore[no-untyped-def]
    r = run("--records", seed_store.root, "export", SEED_ID, "--format", "prov-json")
    assert r.exit_code == 0, r.stderr
    assert r.stdout == serialize_prov(build_prov(seed_store, SEED_ID), "prov-json")
    data = json.loads(r.stdout)
    assert {"prefix", "entity", "activity", "agent"} <= set(data)


def test_default_format_is_prov_json_and_a_version_ref_names_its_document(run, seed_store):  # type: ignore[no-untyped-def]
    a = run("--records", seed_store.root, "export", SEED_ID)
    b = run("--records", seed_store.root, "export", f"{SEED_ID}/en@1")
    assert a.exit_code == b.exit_code == 0 and a.stdout == b.stdout


@pytest.mark.parametrize(
    ("fmt", "start"), [("prov-n", "document\n"), ("prov-o", "@prefix"), ("prov-xml", "<?xml")]
)
def test_other_prov_formats(run, seed_store: Store, fmt: str, start: str) -> None:  # type: ignore[no-untyped-def]
    r = run("--records", seed_store.root, "export", SEED_ID, "-f", fmt)
    assert r.exit_code == 0, r.stderr
    assert r.stdout.lstrip().startswith(start)


def test_output_file(run, seed_store: Store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out" / "seed.provn"
    r = run("--records", seed_store.root, "export", SEED_ID, "-f", "prov-n", "-o", out)
    assert r.exit_code == 0 and r.stdout == ""
    assert out.read_text(encoding="utf-8").startswith("document")
    assert "Wrote" in r.stderr


def test_prov_o_parses_back(run, seed_store: Store) -> None:  # type: ignore[no-untyped-def]
    from prov.model import ProvDocument

    r = run("--records", seed_store.root, "export", SEED_ID, "-f", "prov-o")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # rdflib's own internals
        graph = ProvDocument.deserialize(content=r.stdout, format="rdf", rdf_format="turtle")
    assert len(graph.unified().get_records()) > 10


def test_tei_export(run, seed_store: Store) -> None:  # type: ignore[no-untyped-def]
    r = run("--records", seed_store.root, "export", f"{SEED_ID}/en@1", "--format", "tei")
    try:
        import provenance.interventions  # noqa: F401
    except ImportError:
        assert r.exit_code == 2 and "interventions parser" in r.stderr
        return
    assert r.exit_code == 0, r.stderr
    assert r.stdout.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<TEI ')


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("no-such-doc",), "no document 'no-such-doc'"),
        ((SEED_ID, "-f", "dot"), "Invalid value"),
        (("../etc",), "refused"),
    ],
)
def test_errors(run, seed_store: Store, args: tuple[str, ...], message: str) -> None:  # type: ignore[no-untyped-def]
    r = run("--records", seed_store.root, "export", *args)
    assert r.exit_code == 2
    assert message in r.stderr


def test_help_has_an_example(run) -> None:  # type: ignore[no-untyped-def]
    for command in ("export", "blame", "report"):
        r = run(command, "--help")
        assert r.exit_code == 0 and f"Example: provenance {command}" in r.stdout
