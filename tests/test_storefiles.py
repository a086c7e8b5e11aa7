"""``provenance init`` writes a commented provenance.yaml showing every setting, and a
.gitattributes that keeps version texts byte for byte."""

from __future__ import annotations

import re
from pathlib import Path

from provenance import schema, yamlio
from provenance.check.config import validate_section
from provenance.store import Store
from provenance.storefiles import gitattributes, store_template

_SETTING = re.compile(r"^# ( *[a-z_-]+:| *- )")


def uncommented(text: str) -> str:
    return "\n".join(line[2:] if _SETTING.match(line) else line for line in text.splitlines())


def test_init_writes_both_files(tmp_path: Path) -> None:
    store = Store.init(tmp_path / "records", publisher="Digital Archive")
    text = (store.root / "provenance.yaml").read_text(encoding="utf-8")
    assert yamlio.loads(text).data == {
        "schema": "provenance/store/1",
        "publisher": "Digital Archive",
    }
    assert store.config["publisher"] == "Digital Archive"
    attributes = (store.root / ".gitattributes").read_text(encoding="utf-8")
    assert "**/v*.txt -text\n" in attributes


def test_every_setting_is_shown_and_valid_when_uncommented() -> None:
    text = store_template({"schema": "provenance/store/1"})
    data = yamlio.loads(uncommented(text)).data
    known = schema.load_schema("store.schema.json")["properties"]
    assert set(data) == set(known)
    assert list(schema.iter_problems(data, "store.schema.json")) == []
    check_keys = schema.load_schema("check-config.schema.json")["properties"]
    assert set(data["check"]) == set(check_keys)
    validate_section(data["check"], "provenance.yaml")
    house = schema.load_schema("house-style.schema.json")["properties"]
    assert set(data["house_style"]) == set(house)


def test_names_with_quotes_survive(tmp_path: Path) -> None:
    store = Store.init(tmp_path / "r", name='The "Cold War" archive: 1945–1991')
    assert store.config["name"] == 'The "Cold War" archive: 1945–1991'


def test_an_existing_gitattributes_is_kept(tmp_path: Path) -> None:
    (tmp_path / "records").mkdir()
    (tmp_path / "records" / ".gitattributes").write_text("* text=auto\n", encoding="utf-8")
    Store.init(tmp_path / "records")
    assert (tmp_path / "records" / ".gitattributes").read_text() == "* text=auto\n"
    assert gitattributes("provenance").endswith("**/v*.txt -text diff=provenance\n")
