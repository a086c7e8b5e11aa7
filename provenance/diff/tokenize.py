"""Splitting a text into the tokens the word diff compares.

A token is one of:

* a **word**: letters, digits and ``_`` with their combining marks (``Xiaoping``, ``38th``,
  ``é`` in either Unicode form, ``हिन्दी``);
* one **character of a script written without spaces** (Chinese, Japanese, Korean, Thai, ...):
  ``中``, ``国``;
* a **run of whitespace** (spaces, tabs, NBSP, line breaks, a BOM, zero-width spaces);
* any **other single character**: punctuation, a quote, a bracket, a symbol, an emoji, a
  combining mark with no letter before it.

The tokens of a text, joined, give the text back exactly: nothing is dropped or changed.
Astral-plane characters are single characters in a Python string and need no care here.

Compiling a character class of the CJK ranges costs ``re`` about 5 ms (it walks every code
point of a range), a noticeable part of a small diff's whole run; so a text is first probed,
on its UTF-8 bytes, for lead bytes those scripts use, and only texts that may hold them are
split by the pattern that knows them.  Both patterns give the same tokens on a text without
such characters.
"""

from __future__ import annotations

import re

from ._unicode import MARKS, NO_SPACE

#: Whitespace as the diff sees it: ``\s`` and the invisible characters that act like it.
WHITESPACE_CHARS = "\ufeff\u200b"

_SPACE = f"[\\s{WHITESPACE_CHARS}]+"
_BASIC_RE = re.compile(f"\\w+(?:[{MARKS}]+\\w*)*|{_SPACE}|.", re.DOTALL)
# UTF-8 lead (and second) bytes of U+0E00-0FFF, U+1000-10FF, U+1100-11FF, U+1780-17FF,
# U+2E80-2FFF, U+3000-CFFF, U+D000-D7FF, U+F900-FAFF, U+FF40-FFFF and the astral kana and
# ideographs: a superset of the scripts without spaces (a false alarm only costs time).
_PROBE_RE = re.compile(
    rb"\xe0[\xb8-\xbf]|\xe1[\x80-\x87\x9e\x9f]|\xe2[\xba-\xbf]|[\xe3-\xec]"
    rb"|\xed[\x80-\x9f]|\xef[\xa4-\xab\xbd-\xbf]|\xf0[\x9a\x9b\xa0-\xbf]"
)
_full_re: re.Pattern[str] | None = None
#: A word token with a letter or digit in it (a run of underscores is not a word).
_COUNT_RE = re.compile(f"_*[^\\W_]\\w*(?:[{MARKS}]+\\w*)*")
#: A word token (outside the scripts written without spaces): each match is one token.
WORD_RE = _COUNT_RE
_WORD_CHARS_RE = re.compile(r"[^\W_]")
#: A letter or digit: what makes a token, or a stretch of text, hold a word.
WORD_CHARS_RE = _WORD_CHARS_RE


def _full() -> re.Pattern[str]:
    global _full_re
    if _full_re is None:
        word = f"[^\\W{NO_SPACE}]"  # a letter, digit or "_" outside the scripts without spaces
        _full_re = re.compile(f"{word}+(?:[{MARKS}]+{word}*)*|{_SPACE}|[{NO_SPACE}]|.", re.DOTALL)
    return _full_re


def may_hold_no_space_script(text: str) -> bool:
    """Whether ``text`` may hold characters of a script written without spaces."""
    if text.isascii():
        return False
    return _PROBE_RE.search(text.encode("utf-8", "surrogatepass")) is not None


def tokenize(text: str) -> list[str]:
    """The tokens of ``text``, in order; ``"".join(tokenize(text)) == text``."""
    if may_hold_no_space_script(text):
        return _full().findall(text)
    return _BASIC_RE.findall(text)


def is_word(token: str) -> bool:
    """Whether a token is a word (or a character of a script without spaces): one with a
    letter or digit in it (``_b_`` is, ``___`` is not)."""
    return token[:1].isalnum() or _WORD_CHARS_RE.search(token) is not None


def count_words(text: str) -> int:
    """How many word tokens ``text`` holds (each Chinese character counts as one)."""
    if may_hold_no_space_script(text):
        return sum(1 for tok in tokenize(text) if is_word(tok))
    return len(_COUNT_RE.findall(text))


def has_word_chars(text: str) -> bool:
    """Whether ``text`` holds a letter or digit."""
    return _WORD_CHARS_RE.search(text) is not None
