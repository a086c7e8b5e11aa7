"""Classing diff changes as editorial, textual or whitespace, on the word edit script."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance import interventions as iv
from provenance.interventions.align import word_opcodes
from provenance.interventions.classify import (
    EDITORIAL,
    TEXTUAL,
    WHITESPACE,
    Classifier,
    classify_changes,
)
from provenance.interventions.parser import TopLevel


def _classes(old: str, new: str) -> list[str]:
    ops = word_opcodes(old, new)
    return [c for c in classify_changes(iv.parse(old), iv.parse(new), ops) if c]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("to [North] Korea.", "to North Korea.", [EDITORIAL]),
        ("to North Korea.", "to [North] Korea.", [EDITORIAL]),
        ("Andong [Dandong] to", "Andong [Dandong City] to", [EDITORIAL]),
        ("the people are", "the people [illegally] are", [EDITORIAL]),
        ("a [sic] word", "a word", [EDITORIAL]),
        ("they have developed from", "they grew out of", [TEXTUAL]),
        ("Most of them", "[Nearly] all of them", [TEXTUAL]),  # the words changed too
        ("to [North] Korea", "towards Korea", [TEXTUAL]),
        ("a  b", "a b", [WHITESPACE]),
        ("at noon.", "at noon 😀.", [TEXTUAL]),  # a symbol is not punctuation
        ("Price 5 £.", "Price 5 $.", [TEXTUAL]),
        ("a “b”", 'a "b"', [WHITESPACE]),
        ("a, b", "a; b", [WHITESPACE]),
        ("line\r\nnext", "line\nnext", [WHITESPACE]),
        ("same [x] text", "same [x] text", []),
    ],
)
def test_classes(old: str, new: str, expected: list[str]) -> None:
    assert _classes(old, new) == expected


def test_a_change_inside_a_bracket_is_editorial_whatever_the_script() -> None:
    old, new = "x [ab] y", "x [ac] y"
    c = Classifier(iv.parse(old), iv.parse(new))
    assert c.classify(4, 5, 4, 5) == EDITORIAL  # just the letter
    assert c.classify(2, 6, 2, 6) == EDITORIAL  # the whole bracket
    assert c.classify(0, 1, 0, 1) == WHITESPACE  # an 'x' for an 'x'


def test_equal_opcodes_have_no_class() -> None:
    old = new = "a [b] c"
    assert classify_changes(iv.parse(old), iv.parse(new), [("equal", 0, 7, 0, 7)]) == [None]


# -- classing from the texts alone (brackets typed only near a change) ------------------------

_BRACKETY = st.text(alphabet="ab [].\n", max_size=40) | st.sampled_from(
    ["to [email protected] now", "[email protected]", "a [sic] b [email  protected] c"]
)


@settings(max_examples=300, deadline=None)
@given(text=_BRACKETY, lo=st.integers(0, 40), size=st.integers(0, 6))
def test_top_level_spans_near_a_range_are_those_the_full_parse_gives(
    text: str, lo: int, size: int
) -> None:
    prof = iv.load_profile("default")
    lo = min(lo, len(text))
    hi = min(lo + size, len(text))
    full = [i for i in iv.parse(text, prof).interventions if i.depth == 0]
    want = [
        (i.start, i.end, i.open, i.close)
        for i in full
        if (i.start < hi and i.end > lo if hi > lo else i.start < lo < i.end)
    ]
    got = [(i.start, i.end, i.open, i.close) for i in TopLevel(text, prof).touching(lo, hi)]
    assert got == want


@settings(max_examples=300, deadline=None)
@given(old=_BRACKETY, new=_BRACKETY)
def test_classing_from_texts_agrees_with_classing_from_full_parses(old: str, new: str) -> None:
    prof = iv.load_profile("default")
    ops = word_opcodes(old, new)
    lazy = Classifier(old, new, prof).classify_all(ops)
    assert lazy == classify_changes(iv.parse(old, prof), iv.parse(new, prof), ops)


def test_ignored_brackets_are_not_interventions_near_a_change() -> None:
    prof = iv.load_profile("default")
    text = "write to [email protected] or [sic] here"
    full = {(i.start, i.end) for i in iv.parse(text, prof).interventions if i.depth == 0}
    near = {(i.start, i.end) for i in TopLevel(text, prof).touching(0, len(text))}
    assert near == full == {(text.index("[sic]"), text.index("[sic]") + 5)}
