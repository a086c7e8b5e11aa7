"""The result object: operations, positions, stats, apply, JSON."""

from __future__ import annotations

import pytest

from provenance import schema
from provenance.diff import DiffOptions, diff_texts
from provenance.diff.result import Operation
from provenance.errors import InputError

OLD = "The cable of 10 May.\nThe Consular Department to handle.\nEnd.\n"
NEW = "The cable of 10 May 1961.\nThe Consular Bureau to handle.\nEnd.\n"


def test_operations_carry_offsets_and_positions_on_both_sides() -> None:
    result = diff_texts(OLD, NEW)
    changes = result.reported
    assert [(c.op, c.old, c.new) for c in changes] == [
        ("insert", "", " 1961"),
        ("replace", "Department", "Bureau"),
    ]
    ins, rep = changes
    assert (ins.old_start, ins.old_end, ins.new_start, ins.new_end) == (19, 19, 19, 24)
    assert (ins.old_line, ins.old_column, ins.new_line, ins.new_column) == (1, 20, 1, 20)
    assert (rep.old_line, rep.old_column, rep.new_line, rep.new_column) == (2, 14, 2, 14)
    assert OLD[rep.old_start : rep.old_end] == "Department"
    assert NEW[rep.new_start : rep.new_end] == "Bureau"
    assert isinstance(rep, Operation) and rep.is_change and rep.category is None


def test_stats() -> None:
    s = diff_texts(OLD, NEW).stats
    assert (s.changes, s.words_changed, s.words_inserted, s.words_deleted) == (2, 1, 1, 0)
    assert (s.lines_old, s.lines_new, s.ignored) == (2, 2, 0)
    s = diff_texts("a b c d", "a x d").stats
    assert (s.words_changed, s.words_inserted, s.words_deleted) == (1, 0, 1)
    s = diff_texts("one\ntwo\n", "one\ninserted line\ntwo\n").stats
    assert (s.lines_old, s.lines_new) == (0, 1)  # whole lines put in touch no old line
    s = diff_texts("中华人民共和国", "中华民国").stats  # 人 and 共和 deleted, 民 kept
    assert (s.changes, s.words_deleted, s.words_changed) == (2, 3, 0)


def test_apply_to_another_text_checks_what_it_replaces() -> None:
    result = diff_texts(OLD, NEW)
    assert result.apply() == NEW
    with pytest.raises(InputError, match="does not apply"):
        result.apply(OLD.replace("Department", "Ministry"))


def test_with_categories_fills_each_change() -> None:
    result = diff_texts(OLD, NEW)
    classed = result.with_categories(["textual", "editorial"])
    assert [c.category for c in classed.changes] == ["textual", "editorial"]
    assert [c.category for c in result.changes] == [None, None]  # the original is frozen
    with pytest.raises(ValueError):
        result.with_categories(["textual"])


def test_as_dict_follows_the_schema_and_starts_with_the_version() -> None:
    result = diff_texts(
        OLD, NEW, options=DiffOptions(ignore_case=True), old_label="a.txt", new_label="b.txt"
    )
    data = result.as_dict()
    assert list(data)[:2] == ["format_version", "changes"]
    schema.validate(data, "diff-output.schema.json")
    assert data["old"]["label"] == "a.txt" and data["new"]["lines"] == 3
    assert data["options"]["ignore_case"] is True and data["differs"] is True
    change = data["changes"][0]
    assert change["old"] == "" and change["new"] == " 1961" and change["op"] == "insert"


def test_the_json_changes_alone_rebuild_the_new_text() -> None:
    old, new = "Ａ “quoted”\u00a0text\r\n", 'A "quoted" text\n'
    data = diff_texts(
        old, new, options=DiffOptions(ignore_quotes=True, ignore_whitespace=True)
    ).as_dict()
    out, pos = [], 0
    for ch in data["changes"]:
        out += [old[pos : ch["old_start"]], ch["new"]]
        pos = ch["old_end"]
    assert "".join(out) + old[pos:] == new
