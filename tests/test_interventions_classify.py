"""Classing diff changes as editorial, textual or whitespace, on the word edit script."""

from __future__ import annotations

import pytest

from provenance import interventions as iv
from provenance.interventions.align import word_opcodes
from provenance.interventions.classify import (
    EDITORIAL,
    TEXTUAL,
    WHITESPACE,
    Classifier,
    classify_changes,
)


def _classes(old: str, new: str) -> list[str]:
    ops = word_opcodes(old, new)
    return [c for c in classify_changes(iv.parse(old), iv.parse(new), ops) if c]


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("to [North] Korea.", "to North Korea.", [EDITORIAL]),
    ("to North Korea.", "to [North] Korea.", [EDITORIAL]),
    ("Andong [Dandong] to", "Andong [Dandong City] to", [EDITORIAL]),
    ("the people are", "the people [illegally] are", [EDITORIAL]),
    ("a [sic] word", "a word", [EDITORIAL]),
    ("they have developed from", "they grew out of", [TEXTUAL]),
    ("Most of them", "[Nearly] all of them", [TEXTUAL]),  # the words changed too
    ("to [North] Korea", "towards Korea", [TEXTUAL]),
    ("a  b", "a b", [WHITESPACE]),
    ("a, b", "a; b", [WHITESPACE]),
    ("line\r\nnext", "line\nnext", [WHITESPACE]),
    ("same [x] text", "same [x] text", []),
])
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
