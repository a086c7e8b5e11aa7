"""The ledger of two versions compared: kept, added, removed, changed, absorbed."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance import interventions as iv
from provenance.interventions.align import word_opcodes
from provenance.interventions.compare import OffsetMap

from .conftest import RECORDS, SEED_ID

SEED_V1 = (RECORDS / SEED_ID / "en" / "v1.txt").read_bytes().decode("utf-8")


def _rows(old: str, new: str, **kw: object) -> set[tuple[str, str, str]]:
    c = iv.compare(old, new, **kw)  # type: ignore[arg-type]
    return {
        (r.status, r.old.text if r.old else "", r.new.text if r.new else "")
        for r in c.changes
        if r.status != "kept"
    }


@pytest.mark.parametrize(
    ("old", "new", "rows"),
    [
        ("to [North] Korea.", "to North Korea.", {("absorbed", "[North]", "")}),
        (
            "Andong [Dandong] to",
            "Andong [Dandong City] to",
            {("changed", "[Dandong]", "[Dandong City]")},
        ),
        ("to [North] Korea.", "to Korea.", {("removed", "[North]", "")}),
        ("Most of the people", "[Nearly] all of the people", {("added", "", "[Nearly]")}),
        ("to North Korea.", "to [North] Korea.", {("added", "", "[North]")}),
        ("a [x] b [y] c", "a [x] b [y] c", set()),
        ("a [x] b", "new words a [x] b and more", set()),
        ("teh [sic] word", "the word", {("removed", "[sic]", "")}),
        ("Andong [Dandong] to", "Andong [Tantung] to", {("changed", "[Dandong]", "[Tantung]")}),
        (
            "single Han [Chinese] men",
            "single Han men [sic]",  # another bracket, not a change
            {("removed", "[Chinese]", ""), ("added", "", "[sic]")},
        ),
    ],
)
def test_statuses(old: str, new: str, rows: set[tuple[str, str, str]]) -> None:
    assert _rows(old, new) == rows


def test_counts_have_every_status() -> None:
    c = iv.compare("a [x] b", "a [x] b")
    assert c.counts == {"kept": 1, "added": 0, "removed": 0, "changed": 0, "absorbed": 0}
    assert list(c.counts) == list(iv.STATUSES)


def test_repeated_brackets_pair_up_in_order() -> None:
    old = "the [North] side and the [North] side and the [North] side"
    new = "the [North] side and the North side and the [North] side"
    c = iv.compare(old, new)
    assert [r.status for r in c.changes] == ["kept", "absorbed", "kept"]
    kept = c.by_status("kept")
    assert [(r.old.start, r.new.start) for r in kept] == [(4, 4), (46, 44)]  # type: ignore[union-attr]


def test_the_review_scenario_on_the_seed() -> None:
    v2 = (
        SEED_V1.replace("to [North] Korea. The illegal", "to North Korea. The illegal", 1)
        .replace("Most of the people", "[Nearly] all of the people")
        .replace("Andong [Dandong]", "Andong [Dandong City]")
        .replace(
            "The illegal crossings have developed from individuals",
            "Illegal crossings have grown from individuals",
        )
    )
    c = iv.compare(SEED_V1, v2)
    assert c.counts == {"kept": 31, "added": 1, "removed": 0, "changed": 1, "absorbed": 1}
    assert _rows(SEED_V1, v2) == {
        ("absorbed", "[North]", ""),
        ("added", "", "[Nearly]"),
        ("changed", "[Dandong]", "[Dandong City]"),
    }
    positions = [r.position for r in c.changes]
    assert positions == sorted(positions)


def test_an_edit_script_can_be_given() -> None:
    old, new = "x [a] y", "x [a] y"
    c = iv.compare(old, new, ops=[("equal", 0, len(old), 0, len(new))])
    assert c.counts["kept"] == 1


def test_offset_map() -> None:
    old, new = "to [North] Korea", "to North Korea"
    m = OffsetMap(word_opcodes(old, new), len(old), len(new))
    assert new[m.start(3) : m.end(10)] == "North"
    assert m.start(0) == 0 and m.end(len(old)) == len(new)
    assert m.start(11) == new.index("Korea")


def test_word_opcodes_cover_both_texts() -> None:
    old, new = "a [b] c d", "a b c e d"
    ops = word_opcodes(old, new)
    assert ops[0][1] == 0 and ops[0][3] == 0
    assert ops[-1][2] == len(old) and ops[-1][4] == len(new)
    for (_, _, a1, _, b1), (_, a0, _, b0, _) in itertools.pairwise(ops):
        assert (a1, b1) == (a0, b0)
    for tag, a0, a1, b0, b1 in ops:
        if tag == "equal":
            assert old[a0:a1] == new[b0:b1]


TEXTS = st.lists(
    st.sampled_from(
        [*"ab .,\n", "[x]", "[North] ", "Korea", "[sic]", "[", "]", " [Dandong]", "F[oreign]"]
    ),
    max_size=40,
).map("".join)


@settings(max_examples=200, deadline=None)
@given(TEXTS, TEXTS)
def test_every_intervention_has_one_row(old: str, new: str) -> None:
    c = iv.compare(old, new)
    assert sorted(r.old.start for r in c.changes if r.old) == [i.start for i in c.old.interventions]
    assert sorted(r.new.start for r in c.changes if r.new) == [i.start for i in c.new.interventions]
    same = iv.compare(old, old)
    assert same.counts["kept"] == len(same.old.interventions)
