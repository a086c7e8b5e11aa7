"""Normalisation for comparison, and labels that say what kind of change a change is.

Two levels, kept consistent:

* :func:`token_key` maps one token to what the engine compares when options are on (``""``
  drops the token: whitespace under ``ignore_whitespace``, punctuation under
  ``ignore_punctuation``); it only steers the alignment.
* :func:`normalize` maps a whole string; a change is *ignored* exactly when its old and new
  text normalise to the same string, and :func:`labels` names the smallest set of aspects
  under which they do (``("whitespace",)``, ``("quotes",)``, ``("case", "quotes")``...).

Nothing here changes a stored text: the result always carries the texts as they are.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from itertools import combinations

from .options import ASPECTS, CASE, PUNCTUATION, QUOTES, UNICODE, WHITESPACE, DiffOptions
from .tokenize import WHITESPACE_CHARS

#: Quotation marks and apostrophes that ``ignore_quotes`` treats as their straight forms.
QUOTE_MAP = str.maketrans(
    {
        **dict.fromkeys("‘’‚‛′‹›`´ʼ＇", "'"),
        **dict.fromkeys("“”„‟″«»＂〝〞", '"'),
    }
)
_SPACE_RE = re.compile(f"[\\s{WHITESPACE_CHARS}]+")


_OTHER_RE = re.compile(r"[^\w\s]|_")  # candidates for punctuation (and symbols, marks)
_WORD_CHARS_RE = re.compile(r"[^\W_]+")


def _is_punctuation(ch: str) -> bool:
    return unicodedata.category(ch)[0] == "P"


def _drop_punctuation(match: re.Match[str]) -> str:
    ch = match.group()
    return "" if _is_punctuation(ch) else ch


def _strip_punctuation(text: str) -> str:
    return _OTHER_RE.sub(_drop_punctuation, text)


#: Every ASCII character but the letters and digits, to drop.
_ASCII_OTHER = dict.fromkeys(i for i in range(128) if not chr(i).isalnum())


def _word_chars(text: str) -> str:
    """The letters and digits that survive every normalisation, in order: two texts that
    differ here cannot be equal under any set of aspects."""
    if text.isascii():
        return text.lower().translate(_ASCII_OTHER)
    folded = unicodedata.normalize("NFC", unicodedata.normalize("NFC", text).casefold())
    return "".join(_WORD_CHARS_RE.findall(folded))


def normalize(text: str, aspects: Iterable[str]) -> str:
    """``text`` as compared when the given aspects are ignored."""
    wanted = frozenset(aspects)
    if UNICODE in wanted:
        text = unicodedata.normalize("NFC", text)
    if CASE in wanted:
        text = text.casefold()
    if QUOTES in wanted:
        text = text.translate(QUOTE_MAP)
    if PUNCTUATION in wanted:
        text = _strip_punctuation(text)
    if WHITESPACE in wanted:
        text = _SPACE_RE.sub("", text)
    if UNICODE in wanted and CASE in wanted:
        text = unicodedata.normalize("NFC", text)  # case folding can decompose
    return text


_SUBSETS = [
    frozenset(c) for size in range(1, len(ASPECTS) + 1) for c in combinations(ASPECTS, size)
]


def labels(old: str, new: str, prefer: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """The smallest set of aspects a change is confined to, in :data:`ASPECTS` order; empty
    for a change of the words themselves (or for no change).  Where several sets of one size
    fit (curly for straight quotes is both ``quotes`` and ``punctuation``), one within
    ``prefer`` (the aspects a diff ignores) is taken, so an ignored change says why."""
    if old == new or (not (old and new) and _WORD_CHARS_RE.search(old or new)):
        return ()  # a word put in or taken out
    if _word_chars(old) != _word_chars(new):
        return ()
    if normalize(old, ASPECTS) != normalize(new, ASPECTS):
        return ()
    order = sorted(_SUBSETS, key=lambda s: (len(s), not s <= prefer)) if prefer else _SUBSETS
    for subset in order:
        if normalize(old, subset) == normalize(new, subset):
            return tuple(a for a in ASPECTS if a in subset)
    return ()  # pragma: no cover - the full set always matches here


def is_ignored(old: str, new: str, options: DiffOptions) -> bool:
    """Whether a change disappears under the options' normalisations."""
    ignored = options.ignored
    return bool(ignored) and normalize(old, ignored) == normalize(new, ignored)


def token_key(options: DiffOptions) -> Callable[[str], str] | None:
    """The key function for tokens under ``options`` (``None`` when nothing is ignored)."""
    ignored = options.ignored
    if not ignored:
        return None
    drop_space = WHITESPACE in ignored
    drop_punct = PUNCTUATION in ignored
    nfc = UNICODE in ignored
    fold = CASE in ignored
    quotes = QUOTES in ignored

    def key(token: str) -> str:
        first = token[0]
        if drop_space and (first.isspace() or first in WHITESPACE_CHARS):
            return ""
        if drop_punct and len(token) == 1 and _is_punctuation(first):
            return ""
        if nfc and not token.isascii():
            token = unicodedata.normalize("NFC", token)
        if fold:
            token = token.casefold()
        if quotes:
            token = token.translate(QUOTE_MAP)
        return token

    return key
