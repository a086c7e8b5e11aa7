"""Differences between two metadata records: changed, added, removed fields."""

from __future__ import annotations

import json

from provenance import schema, yamlio
from provenance.diff import diff_metadata
from provenance.diff.metadata import FORMATS
from provenance.diff.present import RenderOptions

OLD = """\
number: 1
parent: null
agents:
- name: Jeffrey Wang
  role: translator
message: Imported
source:
  file: page.txt
"""
NEW = """\
number: 2
parent: 1
agents:
- name: Jeffrey Wang
  role: translator
- name: Ann Editor
  role: editor
message: Word choices
date: '2024-03-01'
"""


def _diff():  # type: ignore[no-untyped-def]
    old, new = yamlio.loads(OLD, "v1.yaml"), yamlio.loads(NEW, "v2.yaml")
    return diff_metadata(
        old.data,
        new.data,
        old_label="v1.yaml",
        new_label="v2.yaml",
        old_line_of=old.line_of,
        new_line_of=new.line_of,
    )


def test_changed_added_removed() -> None:
    d = _diff()
    got = [(c.field, c.change, c.old, c.new) for c in d.changes]
    assert got == [
        ("/number", "changed", 1, 2),
        ("/parent", "changed", None, 1),
        ("/agents/1", "added", None, {"name": "Ann Editor", "role": "editor"}),
        ("/message", "changed", "Imported", "Word choices"),
        ("/source", "removed", {"file": "page.txt"}, None),
        ("/date", "added", None, "2024-03-01"),
    ]
    assert d.counts == {"changed": 3, "added": 2, "removed": 1} and d.differs
    lines = {c.field: (c.old_line, c.new_line) for c in d.changes}
    assert lines["/message"] == (6, 8) and lines["/date"] == (None, 9)


def test_types_matter_and_equal_records_do_not_differ() -> None:
    assert diff_metadata({"a": 1}, {"a": "1"}).changes[0].change == "changed"
    assert diff_metadata({"a": 1}, {"a": True}).differs
    assert not diff_metadata({"a": [1, {"b": "x/y"}]}, {"a": [1, {"b": "x/y"}]}).differs
    assert diff_metadata({"a/b": {"c~": 1}}, {"a/b": {"c~": 2}}).changes[0].field == "/a~1b/c~0"


def test_json_follows_the_schema() -> None:
    data = json.loads(FORMATS["json"](_diff()))
    schema.validate(data, "diff-output.schema.json")
    assert list(data)[:3] == ["format_version", "changes", "subject"]
    first = data["changes"][0]
    assert (first["old"], first["new"], first["old_value"]) == ("1", "2", 1)
    added = data["changes"][2]
    assert added["old"] == "" and added["new"] == '{"name": "Ann Editor", "role": "editor"}'


def test_text_markdown_html() -> None:
    d = _diff()
    text = FORMATS["text"](d)
    assert '~ /message: "Imported" -> "Word choices"\n' in text
    assert '+ /date: "2024-03-01"\n' in text and '- /source: {"file": "page.txt"}\n' in text
    assert text.endswith("6 fields differ: 3 changed, 2 added, 1 removed.\n")
    assert "| `/message` | changed |" in FORMATS["markdown"](d)
    page = FORMATS["html"](d)
    assert "<script" not in page and "<td><code>/message</code></td>" in page
    assert FORMATS["text"](d, RenderOptions(stat=True)).count("\n") == 3
