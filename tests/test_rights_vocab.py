"""The vocabularies: the shipped rightsstatements.org extract agrees with the published data,
every one of the 12 statements is recognised with its label, and the Creative Commons table
names real SPDX ids."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from provenance.rights import Statement, vocab
from provenance.rights.spdx import is_known_id

from .conftest import ROOT, shared_path

TWELVE = (
    "InC",
    "InC-OW-EU",
    "InC-EDU",
    "InC-NC",
    "InC-RUU",
    "NoC-CR",
    "NoC-NC",
    "NoC-OKLR",
    "NoC-US",
    "CNE",
    "UND",
    "NKC",
)


def _published() -> dict[str, dict[str, str]]:
    folder = shared_path("external-schemas", "rightsstatements")
    out = {}
    for sid in TWELVE:
        out[sid] = json.loads((folder / f"{sid}_en.json").read_text(encoding="utf-8"))
    return out


def test_extract_has_the_twelve_in_order() -> None:
    assert tuple(s.id for s in vocab.rightsstatements()) == TWELVE


def test_extract_agrees_with_the_published_statements() -> None:
    published = _published()
    for entry in vocab.rightsstatements():
        source = published[entry.id]
        assert entry.uri == source["@id"] == f"http://rightsstatements.org/vocab/{entry.id}/1.0/"
        assert entry.label == source["prefLabel"]
        assert entry.description == source["description"]
        assert entry.definition == source["definition"]


def test_extract_collections_agree_with_the_published_ones() -> None:
    folder = shared_path("external-schemas", "rightsstatements")
    for entry in vocab.rightsstatements():
        source = json.loads((folder / f"{entry.collection}_en.json").read_text(encoding="utf-8"))
        assert entry.collection_label == source["prefLabel"]
    groups = {e.id: e.collection for e in vocab.rightsstatements()}
    assert groups["InC-RUU"] == "collection-ic" and groups["NoC-US"] == "collection-nc"
    assert groups["UND"] == groups["CNE"] == groups["NKC"] == "collection-other"


def test_extract_script_reports_it_up_to_date() -> None:
    folder = shared_path("external-schemas", "rightsstatements")
    proc = subprocess.run(
        [
            sys.executable,
            str(ROOT / "tools" / "rightsstatements_extract.py"),
            str(folder),
            "--check",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.parametrize("sid", TWELVE)
def test_every_statement_recognised_with_its_label(sid: str) -> None:
    published = _published()[sid]
    st = Statement.from_string(published["@id"])
    assert st.kind == "rightsstatements" and st.id == sid and st.version == "1.0"
    assert st.label == published["prefLabel"]
    assert st.definition == published["definition"]
    assert str(st) == published["@id"] and st.is_canonical and st.fixes == ()


def test_data_is_shipped_inside_the_package() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"data/**/*"' in pyproject
    assert (Path(vocab.__file__).parent.parent / "data" / "rightsstatements.json").is_file()


def test_cc_spdx_ids_are_on_the_spdx_list() -> None:
    for code, unit in vocab.CC_UNITS.items():
        for version in unit.versions:
            sid = vocab.cc_licence_spdx(code, version)
            if unit.retired:
                assert sid is None
            else:
                assert sid is not None and is_known_id(sid), (code, version, sid)
                assert vocab.cc_from_spdx(sid) == ("licenses", code, version)
    for tool, (_label, _short, sid) in vocab.CC_PUBLIC_DOMAIN.items():
        assert is_known_id(sid)
        assert vocab.cc_from_spdx(sid) == ("publicdomain", tool, "1.0")


def test_cc_labels() -> None:
    assert vocab.cc_licence_label("by-nc-nd", "4.0") == (
        "Creative Commons Attribution-NonCommercial-NoDerivatives 4.0 International"
    )
    assert vocab.cc_licence_label("by-nd", "3.0") == (
        "Creative Commons Attribution-NoDerivs 3.0 Unported"
    )
    assert vocab.cc_licence_label("by", "2.5") == "Creative Commons Attribution 2.5 Generic"
    assert vocab.cc_licence_label("by-sa", "3.0", "igo") == (
        "Creative Commons Attribution-ShareAlike 3.0 IGO"
    )
    assert vocab.cc_licence_short("by-nc-sa", "2.0", "jp") == "CC BY-NC-SA 2.0 JP"
