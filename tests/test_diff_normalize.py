"""Normalisation options and labels: whitespace-, quote-, case-only changes are shown and
labelled, or hidden when asked."""

from __future__ import annotations

import pytest

from provenance.diff import DiffOptions, diff_texts
from provenance.diff.normalize import is_ignored, labels, normalize


@pytest.mark.parametrize(
    ("old", "new", "want"),
    [
        ("a  b", "a b", ("whitespace",)),
        ("a\u00a0b", "a b", ("whitespace",)),
        ("line\r\n", "line\n", ("whitespace",)),
        ("\ufefftext", "text", ("whitespace",)),
        ("colonies.In", "colonies. In", ("whitespace",)),
        ("“Hi”", '"Hi"', ("quotes",)),
        ("It’s", "It's", ("quotes",)),
        ("Hello", "hello", ("case",)),
        ("e\u0301", "é", ("unicode",)),
        ("“Hello”", '"hello"', ("quotes", "case")),
        ("Korea,", "Korea", ("punctuation",)),
        ("cat", "dog", ()),
        ("same", "same", ()),
    ],
)
def test_labels(old: str, new: str, want: tuple[str, ...]) -> None:
    assert labels(old, new) == want


def test_without_options_every_change_is_shown_and_labelled() -> None:
    old = "He said “yes”  to\u00a0the Ministry.\r\n"
    new = 'He said "yes" to the ministry.\n'
    result = diff_texts(old, new)
    assert result.differs and not any(c.ignored for c in result.changes)
    assert {lab for c in result.reported for lab in c.labels} == {"quotes", "whitespace", "case"}
    assert result.apply() == new


def test_options_hide_what_they_ignore_and_keep_the_result_exact() -> None:
    old = "\ufeffHe said “yes”  to\u00a0the Ministry.\r\n"
    new = 'He said "yes" to the ministry.\n'
    options = DiffOptions(ignore_whitespace=True, ignore_quotes=True, ignore_case=True)
    result = diff_texts(old, new, options=options)
    assert not result.differs and result.reported == ()
    assert result.changes and all(c.ignored for c in result.changes)
    assert result.stats.ignored == len(result.changes)
    assert result.apply() == new
    assert diff_texts(old, new, options=DiffOptions(ignore_whitespace=True)).differs


def test_ignoring_whitespace_does_not_hide_a_changed_word() -> None:
    options = DiffOptions(ignore_whitespace=True)
    result = diff_texts("the  cat\r\nsat", "the dog\nsat", options=options)
    assert [(c.old, c.new) for c in result.reported] == [("  cat", " dog")]
    assert [(c.old, c.new) for c in result.changes if c.ignored] == [("\r\n", "\n")]


def test_ignore_punctuation_and_nfc() -> None:
    result = diff_texts(
        "Korea, North.", "Korea North", options=DiffOptions(ignore_punctuation=True)
    )
    assert not result.differs
    result = diff_texts("café", "cafe\u0301", options=DiffOptions(nfc=True))
    assert not result.differs and result.changes
    assert [c.labels for c in diff_texts("café", "cafe\u0301").reported] == [("unicode",)]


def test_normalize_and_is_ignored() -> None:
    assert normalize("“A”\u00a0b,", ["quotes", "whitespace", "punctuation", "case"]) == "ab"
    assert is_ignored("A", "a", DiffOptions(ignore_case=True))
    assert not is_ignored("A", "a", DiffOptions())
