"""The diff engine: exact on any Unicode, word-level, never silently degraded."""

from __future__ import annotations

import itertools
import random

import pytest
from diff_match_patch import diff_match_patch  # type: ignore[import-untyped]
from hypothesis import example, given, settings
from hypothesis import strategies as st

from provenance.diff import DiffOptions, diff_texts
from provenance.diff import engine as eng
from provenance.diff.result import DiffResult

ANY = st.text(st.characters(codec="utf-8"), max_size=120)  # astral characters included
WORDS = st.sampled_from(
    [
        "the",
        "cat",
        "中",
        "国",
        "𠀀",
        "😀",
        "é",
        "e\u0301",
        " ",
        "  ",
        "\n",
        "\r\n",
        "\u00a0",
        "\ufeff",
        ",",
        "“",
        "”",
        "'",
        "Korea",
        "[",
        "]",
    ]
)
WORDY = st.lists(WORDS, max_size=60).map("".join)
OPTIONS = st.builds(
    DiffOptions,
    ignore_whitespace=st.booleans(),
    ignore_case=st.booleans(),
    ignore_quotes=st.booleans(),
    ignore_punctuation=st.booleans(),
    nfc=st.booleans(),
)


def check(result: DiffResult, old: str, new: str) -> None:
    """Everything a result promises: the operations cover both texts in order, equal ones
    are equal, positions are right, and applying the changes gives the new text."""
    assert result.apply() == new
    assert result.apply(old) == new
    a = b = 0
    for op in result.operations:
        assert (op.old_start, op.new_start) == (a, b)
        assert old[op.old_start : op.old_end] == op.old
        assert new[op.new_start : op.new_end] == op.new
        if op.op == "equal":
            assert op.old == op.new
        else:
            assert op.op == ("replace" if op.old and op.new else "delete" if op.old else "insert")
        line = old.count("\n", 0, op.old_start) + 1
        col = op.old_start - (old.rfind("\n", 0, op.old_start) + 1) + 1
        assert (op.old_line, op.old_column) == (line, col)
        line = new.count("\n", 0, op.new_start) + 1
        col = op.new_start - (new.rfind("\n", 0, op.new_start) + 1) + 1
        assert (op.new_line, op.new_column) == (line, col)
        a, b = op.old_end, op.new_end
    assert (a, b) == (len(old), len(new))
    ops = result.operations
    for x, y in itertools.pairwise(ops):
        assert x.op != "equal" or y.op != "equal", "adjacent equal operations"
        if x.op != "equal" and y.op != "equal":  # only a change the options ignore, apart
            assert x.ignored != y.ignored, "adjacent changes"


@given(ANY, ANY)
def test_applying_the_diff_gives_the_new_text(old: str, new: str) -> None:
    check(diff_texts(old, new), old, new)


@given(WORDY, WORDY, OPTIONS)
@example("“", "”", DiffOptions(ignore_punctuation=True))  # quotes are punctuation too
def test_exact_under_every_option(old: str, new: str, options: DiffOptions) -> None:
    result = diff_texts(old, new, options=options)
    check(result, old, new)
    for ch in result.changes:
        if ch.ignored:
            assert ch.labels and set(ch.labels) <= options.ignored | {"whitespace"}


@settings(max_examples=40)
@given(
    st.lists(
        st.sampled_from(["alpha", "beta", "gamma", "中", "文", "\n", " ", ", "]),
        min_size=200,
        max_size=600,
    ),
    st.randoms(use_true_random=False),
)
def test_exact_on_long_texts_through_the_anchors(words: list[str], rnd: random.Random) -> None:
    old = "".join(words)
    edited = list(words)
    for _ in range(rnd.randint(1, 30)):
        k = rnd.randrange(len(edited))
        edited[k : k + rnd.randint(0, 3)] = rnd.choice([[], ["delta"], ["\n", "epsilon"]])
    new = "".join(edited)
    check(diff_texts(old, new), old, new)


def test_identical_texts_have_no_changes() -> None:
    result = diff_texts("same\ntext\n", "same\ntext\n")
    assert result.changes == () and not result.differs
    assert [op.op for op in result.operations] == ["equal"]
    assert diff_texts("", "").operations == ()


def test_a_one_character_change_in_a_chinese_sentence_is_that_character() -> None:
    old = "中华人民共和国外交部关于朝鲜问题的声明。"
    new = "中华人民共和国外交部关于韩国问题的声明。"
    assert [(c.old, c.new) for c in diff_texts(old, new).reported] == [("朝鲜", "韩国")]
    new = old.replace("声", "申")
    result = diff_texts(old, new)
    assert [(c.old, c.new, c.old_column) for c in result.reported] == [("声", "申", 18)]


def test_a_changed_phrase_reads_as_one_change() -> None:
    old = "jungles of the Darien Strait and the coast"
    new = "jungles of the Darién Gap and the coast"
    assert [(c.old, c.new) for c in diff_texts(old, new).reported] == [
        ("Darien Strait", "Darién Gap")
    ]


def test_a_kept_word_between_two_edits_stays_kept() -> None:
    result = diff_texts("line four\n", "line  four\nnew line\n")
    assert [(c.old, c.new) for c in result.reported] == [(" ", "  "), ("", "new line\n")]


def test_changes_are_words_not_characters() -> None:
    result = diff_texts("the Unites States", "the United States")
    assert [(c.old, c.new) for c in result.reported] == [("Unites", "United")]


def test_no_silent_time_out_on_a_long_text() -> None:
    """diff-match-patch with its default one-second time-out gives up on this pair and calls
    it one big replacement; the engine finds the few words that changed."""
    rnd = random.Random(7)
    vocab = [f"w{i}" for i in range(300)]
    words = [rnd.choice(vocab) for _ in range(60_000)]
    old = " ".join(words)
    changed = list(words)
    for k in rnd.sample(range(len(words)), 40):
        changed[k] = "CHANGED"
    new = " ".join(changed)
    result = diff_texts(old, new)
    assert not result.degraded
    assert len(result.reported) == 40
    assert {c.new for c in result.reported} == {"CHANGED"}
    assert eng.Differ().dmp.Diff_Timeout == 0


def test_the_half_match_shortcut_is_off() -> None:
    """dmp takes an inexact shortcut whenever a time-out is set; the engine never does."""
    dmp = eng._ExactDMP()
    dmp.Diff_Timeout = 5
    assert dmp.diff_halfMatch("1234567890abcdef", "12345xyz67890abc") is None
    assert diff_match_patch().diff_halfMatch("1234567890", "a345678z") is not None


class _Clock:
    """A clock that jumps a second at every reading: any time limit runs out at once."""

    def __init__(self) -> None:
        self.now = 1000.0

    def time(self) -> float:
        self.now += 1.0
        return self.now


def test_a_time_limit_that_runs_out_flags_the_result(monkeypatch: pytest.MonkeyPatch) -> None:
    old = "".join(f"line {i} of the text\n" for i in range(50))
    new = old.replace("line 3 ", "line three ").replace("line 30 ", "LINE 30 ")
    monkeypatch.setattr(eng, "time", _Clock())
    result = diff_texts(old, new, options=DiffOptions(time_limit=0.5))
    assert result.degraded
    assert result.warnings and "time limit" in result.warnings[0]
    check(result, old, new)  # coarser, still exact
    assert any("\n" in c.old for c in result.reported)  # whole lines


def test_without_a_time_limit_nothing_is_ever_cut(monkeypatch: pytest.MonkeyPatch) -> None:
    old = "".join(f"line {i} of the text\n" for i in range(50))
    new = old.replace("line 3 ", "line three ")
    monkeypatch.setattr(eng, "time", _Clock())
    result = diff_texts(old, new)
    assert not result.degraded and not result.warnings
    assert [(c.old, c.new) for c in result.reported] == [("3", "three")]


def test_too_many_distinct_words_fall_back_to_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(eng, "MAX_CODES", 8)
    old = "one two\nthree four five six seven eight nine ten eleven\n"
    new = "one two\nthree four five six seven EIGHT nine ten eleven\n"
    result = diff_texts(old, new)
    check(result, old, new)
    assert result.warnings and "line by line" in result.warnings[0]
    assert [(c.old, c.new) for c in result.reported] == [
        (
            "three four five six seven eight nine ten eleven",
            "three four five six seven EIGHT nine ten eleven",
        )
    ]


def test_encode_gives_one_character_per_distinct_unit() -> None:
    a, b = eng.encode(["x", "y", "x"], ["y", "z"])
    assert len(set(a + b)) == 3 and a[0] == a[2] and a[1] == b[0]
    with pytest.raises(eng.TooManyUnits):
        eng.encode(["a", "b"], ["c"], limit=2)
    codes = {
        eng._code(i) for i in (0, 131_071, 131_072, 0xD800 - 0x100 + 131_072, eng.MAX_CODES - 1)
    }
    assert len(codes) == 5
    assert not any(0xD800 <= ord(c) <= 0xDFFF for c in codes)
    assert ord(eng._code(eng.MAX_CODES - 1)) <= 0xEFFFF


@given(st.text("abcd", max_size=40), st.text("abcd", max_size=40))
def test_the_bit_parallel_lcs_is_exact_and_as_short_as_myers(a: str, b: str) -> None:
    differ = eng.Differ()
    if not a or not b:
        return
    diffs = differ._lcs(a, b)
    assert "".join(t for op, t in diffs if op != eng.INSERT) == a
    assert "".join(t for op, t in diffs if op != eng.DELETE) == b
    kept = sum(len(t) for op, t in diffs if op == eng.EQUAL)
    assert kept == sum(len(t) for op, t in differ._myers(a, b) if op == eng.EQUAL)


def test_anchors_are_unique_and_in_order() -> None:
    # unique on both sides: x A B c C y; B is out of order, so left out
    assert eng.unique_anchors("xAbBcCy", "BxAcCzy") == [(0, 1), (1, 2), (4, 3), (5, 4), (6, 6)]
    assert eng.unique_anchors("aa", "aa") == []
