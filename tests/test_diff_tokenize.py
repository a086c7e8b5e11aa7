"""Tokens of the word diff: words, whitespace, punctuation, one token per CJK character."""

from __future__ import annotations

import re
import sys
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from provenance.diff import tokenize as tk
from provenance.diff._unicode import MARKS, MARKS_UNICODE_VERSION, NO_SPACE

ANY_TEXT = st.text(st.characters(codec="utf-8"), max_size=200)


@given(ANY_TEXT)
def test_tokens_join_back_to_the_text(text: str) -> None:
    tokens = tk.tokenize(text)
    assert "".join(tokens) == text
    assert all(tokens)


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("Hello, world!", ["Hello", ",", " ", "world", "!"]),
        ("It’s 38th.", ["It", "’", "s", " ", "38th", "."]),
        ("[North] Korea", ["[", "North", "]", " ", "Korea"]),
        ("中华人民共和国", list("中华人民共和国")),
        ("ひらがなカタカナ漢字", list("ひらがなカタカナ漢字")),
        ("안녕하세요 세계", ["안", "녕", "하", "세", "요", " ", "세", "계"]),
        ("abc中文def", ["abc", "中", "文", "def"]),
        ("e\u0301te\u0301 hi", ["e\u0301te\u0301", " ", "hi"]),
        ("हिन्दी भाषा", ["हिन्दी", " ", "भाषा"]),
        ("Жуков, Г.К.", ["Жуков", ",", " ", "Г", ".", "К", "."]),
        ("\ufeffa\u00a0b\r\n", ["\ufeff", "a", "\u00a0", "b", "\r\n"]),
        ("𝐀𝐁 😀x 𠀀𠀁", ["𝐀𝐁", " ", "😀", "x", " ", "𠀀", "𠀁"]),
        ("a  \t b", ["a", "  \t ", "b"]),
    ],
)
def test_tokens(text: str, tokens: list[str]) -> None:
    assert tk.tokenize(text) == tokens


def test_words_and_counts() -> None:
    assert tk.is_word("Korea") and tk.is_word("中") and tk.is_word("38th")
    assert not tk.is_word(" ") and not tk.is_word("[") and not tk.is_word("_")
    assert tk.count_words("[North] Korea, 中国") == 4


def test_the_probe_finds_every_character_of_the_scripts_without_spaces() -> None:
    ranges = re.findall(r"(.)(?:-(.))?", NO_SPACE, re.DOTALL)
    for lo, hi in ranges:
        for point in range(ord(lo), ord(hi or lo) + 1):
            ch = chr(point)
            assert tk.may_hold_no_space_script(f"é{ch}"), hex(point)
    assert not tk.may_hold_no_space_script("“Curly” quotes, NBSP\u00a0and an em dash — é")


_NO_SPACE_RE = re.compile(f"[{NO_SPACE}]")


@given(st.text(st.characters(codec="utf-8"), max_size=80).map(lambda t: _NO_SPACE_RE.sub("", t)))
def test_both_patterns_agree_where_no_such_script_is(text: str) -> None:
    full = tk._full()
    assert tk._BASIC_RE.findall(text) == full.findall(text)


def test_the_mark_table_covers_every_combining_mark() -> None:
    if unicodedata.unidata_version != MARKS_UNICODE_VERSION:
        pytest.skip(
            f"the table is of Unicode {MARKS_UNICODE_VERSION}, this Python has "
            f"{unicodedata.unidata_version}"
        )
    marks = re.compile(f"[{MARKS}]")
    for point in range(sys.maxunicode + 1):
        ch = chr(point)
        is_mark = unicodedata.category(ch).startswith("M")
        if is_mark:
            assert marks.match(ch), hex(point)
        elif marks.match(ch):
            assert unicodedata.category(ch) == "Cn", hex(point)  # only unassigned between
