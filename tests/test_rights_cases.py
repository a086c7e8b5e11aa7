"""Golden rights cases: a record in, what ``provenance rights`` prints out, in every format.

Each folder under ``tests/cases/rights/`` holds ``records/`` (a store with one document),
``case.yaml`` (the targets, ``DOC`` or ``DOC/STREAM``) and ``expected/``: for each target
``<target>.txt`` (text on stdout), ``<target>.stderr.txt`` (the warnings beside it),
``<target>.json`` and ``<target>.jsonld``, the target's ``/`` written ``~``.
``PROVENANCE_UPDATE_GOLDEN=1`` rewrites them.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from provenance import schema, yamlio

CASES = Path(__file__).parent / "cases" / "rights"
UPDATE = bool(os.environ.get("PROVENANCE_UPDATE_GOLDEN"))


def cases() -> list[tuple[str, str]]:
    out = []
    for folder in sorted(p for p in CASES.iterdir() if (p / "case.yaml").is_file()):
        for target in yamlio.load(folder / "case.yaml").data["targets"]:
            out.append((folder.name, target))
    return out


def _check(path: Path, actual: str) -> None:
    if UPDATE:
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(actual.encode("utf-8"))
        return
    assert actual == path.read_bytes().decode("utf-8"), f"differs from {path}"


def _expected(name: str, target: str, suffix: str) -> Path:
    return CASES / name / "expected" / (target.replace("/", "~") + suffix)


@pytest.mark.parametrize(("name", "target"), cases())
def test_text(run, name: str, target: str) -> None:  # type: ignore[no-untyped-def]
    r = run("--records", CASES / name / "records", "rights", target, "--color", "never")
    assert r.exit_code == 0, r.stderr
    _check(_expected(name, target, ".txt"), r.stdout)
    _check(_expected(name, target, ".stderr.txt"), r.stderr)


@pytest.mark.parametrize(("name", "target"), cases())
def test_json(run, name: str, target: str) -> None:  # type: ignore[no-untyped-def]
    r = run("--records", CASES / name / "records", "rights", target, "--format", "json")
    assert r.exit_code == 0, r.stderr
    assert r.stderr == ""
    schema.validate(json.loads(r.stdout), "rights-output.schema.json")
    _check(_expected(name, target, ".json"), r.stdout)


@pytest.mark.parametrize(("name", "target"), cases())
def test_jsonld(run, name: str, target: str) -> None:  # type: ignore[no-untyped-def]
    r = run("--records", CASES / name / "records", "rights", target, "--format", "jsonld")
    assert r.exit_code == 0, r.stderr
    _check(_expected(name, target, ".jsonld"), r.stdout)


def test_every_case_has_its_expected_files() -> None:
    for name, target in cases():
        for suffix in (".txt", ".stderr.txt", ".json", ".jsonld"):
            assert _expected(name, target, suffix).is_file(), (name, target, suffix)
