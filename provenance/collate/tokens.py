"""A witness's text as the tokens a collation aligns, each with the key it is compared by.

Tokens come from the diff engine's tokenizer (:func:`provenance.diff.tokenize.tokenize`): words,
single punctuation characters, one token per Chinese, Japanese or Korean character.  Whitespace
is never a token here: it rides after the token it follows (``ws``), so the text is kept
exactly (``prefix + "".join(t.text + t.ws for t in tokens) == text``) while a line break or an
NBSP between two words never decides an alignment.

The **key** is what alignment compares; the token's ``text`` is what the witness says and what
every output shows.  Normalisations only ever change keys:

* ``case``: keys are case-folded; ``quotes``: curly, straight, low-9 and angle quotes alike;
  ``unicode``: keys in NFC;
* ``punctuation``: punctuation is not aligned on its own: it joins the word before it (an
  opening quote or bracket, the word after it), so ``nature.`` is one token keyed ``nature``;
* ``spellings``: a user's table of equivalent spellings maps a word's key to its normal form;
* editorial brackets (the intervention layer, on unless ``brackets="text"``): the bracket
  signs of interventions whose reading keeps their content (supplied words, expansions:
  ``[North] Korea``, ``F[oreign]``) are part of the token's text but not of its key, so
  ``[North] Korea`` and ``North Korea`` align word for word and differ only editorially;
  every other intervention (``[sic]``, ``[illegible]``, a gloss ``[Dandong]``, a note) is one
  *editorial* token keyed by its own text, which never matches a word.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from ..diff.normalize import QUOTE_MAP
from ..diff.tokenize import WHITESPACE_CHARS, is_word, tokenize

if TYPE_CHECKING:
    from ..interventions import ProfileSpec

WORD = "word"
PUNCT = "punct"
EDITORIAL = "editorial"
OPENING = "opening"  # punctuation that opens (only while tokenizing)

#: Stands for one opaque intervention in the text the tokenizer sees (a private-use
#: character: never a word character, always a token of its own).
_PLACEHOLDER = "\ue000"
#: Punctuation that opens: under ``punctuation`` it joins the word after it.
_OPENING_CATEGORIES = ("Ps", "Pi")
_OPENING_CHARS = "\"'([{¿¡"
#: Marks the keys of editorial tokens so that they never equal a word's key.
EDITORIAL_MARK = "\u2063"


class Token(NamedTuple):
    """One aligned unit of a witness."""

    text: str  # exactly as in the witness (bracket signs and attached punctuation included)
    ws: str  # the whitespace (and anything else not aligned) after it, up to the next token
    key: str  # what alignment compares
    start: int  # code-point offset of ``text`` in the witness
    kind: str  # "word", "punct" or "editorial"
    plain: str  # ``text`` without editorial bracket signs (what a reader reads)
    marks: tuple[int, ...] = ()  # where in ``text`` those signs stand


class TokenOptions(NamedTuple):
    """Which differences a collation does not count (every one stays visible in the output)."""

    case: bool = False
    punctuation: bool = False
    quotes: bool = False
    unicode: bool = False
    brackets: bool = True  # editorial brackets via the intervention layer
    spellings: Mapping[str, str] = {}

    def as_dict(self) -> dict[str, Any]:
        return {
            "ignore_case": self.case,
            "ignore_punctuation": self.punctuation,
            "ignore_quotes": self.quotes,
            "nfc": self.unicode,
            "editorial_brackets": self.brackets,
            "spellings": len(self.spellings),
        }


def _is_space(token: str) -> bool:
    first = token[0]
    return first.isspace() or first in WHITESPACE_CHARS


def _is_punct(token: str) -> bool:
    return len(token) == 1 and unicodedata.category(token)[0] == "P"


def _opens(token: str) -> bool:
    return token in _OPENING_CHARS or unicodedata.category(token) in _OPENING_CATEGORIES


def _editorial_layer(
    text: str,
    profile: ProfileSpec,
    config: Mapping[str, Any] | None,
    root: str | Path | None,
) -> tuple[dict[int, bool], dict[int, int]]:
    """Offsets of bracket signs that are not aligned (-> whether the sign opens), and the
    opaque interventions (start -> end) that are aligned as one editorial token each."""
    from .. import interventions as iv
    from ..interventions.profile import IGNORE

    prof = iv.load_profile(profile, config=config, root=root)
    if not prof.may_mark(text):
        return {}, {}
    parsed = iv.parse(text, prof)
    signs: dict[int, bool] = {}
    opaque: dict[int, int] = {}
    for item in parsed.interventions:
        if item.depth != 0 or item.type == IGNORE:
            continue
        how = prof.type_spec(item.type).reading
        if how == "content" and not item.opaque:
            signs[item.start] = True
            signs[item.end - 1] = False
            for inner in parsed.interventions:
                if item.start < inner.start and inner.end <= item.end:
                    signs[inner.start] = True
                    signs[inner.end - 1] = False
        else:
            opaque[item.start] = item.end
    return signs, opaque


def tokenize_witness(
    text: str,
    options: TokenOptions = TokenOptions(),
    *,
    profile: ProfileSpec = None,
    config: Mapping[str, Any] | None = None,
    root: str | Path | None = None,
) -> tuple[str, list[Token]]:
    """``(prefix, tokens)`` of a witness text: ``prefix`` is the whitespace before the first
    token; the tokens' texts and whitespace, joined after it, give ``text`` back exactly."""
    signs: dict[int, bool] = {}
    opaque: dict[int, int] = {}
    if options.brackets:
        signs, opaque = _editorial_layer(text, profile, config, root)
    # What the tokenizer sees: bracket signs left out, each opaque span one placeholder;
    # ``where[k]`` is the offset in ``text`` of character k of it.
    if signs or opaque:
        seen: list[str] = []
        where: list[int] = []
        i = 0
        n = len(text)
        while i < n:
            if i in opaque:
                seen.append(_PLACEHOLDER)
                where.append(i)
                i = opaque[i]
                continue
            if i not in signs:
                seen.append(text[i])
                where.append(i)
            i += 1
        reading = "".join(seen)
    else:
        reading = text
        where = []
    # (start, end, kind, key) in ``text`` offsets, whitespace dropped
    raw: list[list[Any]] = []
    pos = 0
    for tok in tokenize(reading):
        start = pos
        pos += len(tok)
        if _is_space(tok):
            continue
        if where:
            o_start = where[start]
            o_end = where[pos - 1] + 1
            if tok == _PLACEHOLDER and o_start in opaque:
                o_end = opaque[o_start]
                raw.append([o_start, o_end, EDITORIAL, text[o_start:o_end]])
                continue
        else:
            o_start, o_end = start, pos
        if not is_word(tok):  # punctuation, a symbol, an emoji
            before = text[o_start - 1] if o_start else " "
            opens = _opens(tok) and (tok not in "\"'" or before.isspace() or _opens(before))
            raw.append([o_start, o_end, OPENING if opens else PUNCT, tok])
        else:
            raw.append([o_start, o_end, WORD, tok])
    if signs:
        _attach_signs(raw, signs)
    if options.punctuation:
        raw = _attach_punctuation(raw)
    tokens: list[Token] = []
    prefix_end = raw[0][0] if raw else len(text)
    for k, (start, end, kind, key) in enumerate(raw):
        nxt = raw[k + 1][0] if k + 1 < len(raw) else len(text)
        piece = text[start:end]
        marks: tuple[int, ...] = ()
        plain = piece
        if signs:
            marks = tuple(j - start for j in range(start, end) if j in signs)
            if marks:
                plain = "".join(ch for j, ch in enumerate(piece) if j not in marks)
        if kind == OPENING:
            kind = PUNCT
        if kind == EDITORIAL:
            norm = EDITORIAL_MARK + _normal(key, options)
        else:
            norm = _normal(key, options)
            if options.spellings:
                norm = options.spellings.get(norm, norm)
        tokens.append(Token(piece, text[end:nxt], norm, start, kind, plain, marks))
    return text[:prefix_end], tokens


def _attach_signs(raw: list[list[Any]], signs: dict[int, bool]) -> None:
    """Give each left-out bracket sign to a token: an opening sign to the token after it, a
    closing one to the token before it (``[North]`` is one token, ``F[oreign]`` too)."""
    for k, item in enumerate(raw):
        end = item[1]
        while end in signs and (k + 1 == len(raw) or end < raw[k + 1][0]):
            if signs[end] and k + 1 < len(raw):
                break
            end += 1
        item[1] = end
    for k, item in enumerate(raw):
        start = item[0]
        floor = raw[k - 1][1] if k else 0
        while start - 1 >= floor and (start - 1) in signs:
            start -= 1
        item[0] = start


def _attach_punctuation(raw: list[list[Any]]) -> list[list[Any]]:
    """Punctuation joins the word before it (opening punctuation, the word after it); a
    text of punctuation only keeps its marks as tokens."""
    out: list[list[Any]] = []
    pending: list[int] | None = None  # the start of opening punctuation waiting for a word
    for item in raw:
        start, end, kind, key = item
        if kind == OPENING and not _is_punct(key):
            kind = PUNCT
        if kind in (PUNCT, OPENING) and _is_punct(key):
            if out and kind == PUNCT and pending is None:
                out[-1][1] = end
                continue
            if pending is None:
                pending = [start]
            continue
        if pending is not None:
            start = pending[0]
            pending = None
        out.append([start, end, kind, key])
    if pending is not None:
        if not out:
            return raw
        out[-1][1] = raw[-1][1]
    return out


def _normal(key: str, options: TokenOptions) -> str:
    if options.unicode and not key.isascii():
        key = unicodedata.normalize("NFC", key)
    if options.case:
        key = key.casefold()
    if options.quotes:
        key = key.translate(QUOTE_MAP)
    return key


def spelling_table(
    groups: Mapping[str, Any], options: TokenOptions, path: str = ""
) -> dict[str, str]:
    """Each spelling's key -> its normal form's key, from ``{normal: [variant, ...]}`` (a
    single variant may be a string).  Raises :class:`~provenance.errors.SchemaError`."""
    from ..errors import SchemaError

    table: dict[str, str] = {}
    for normal, variants in groups.items():
        items = [variants] if isinstance(variants, str) else variants
        if not isinstance(normal, str) or not isinstance(items, list):
            raise SchemaError(
                "a spelling table maps a normal form to a list of its variants", path=path or None
            )
        target = _normal(normal, options)
        for v in items:
            if not isinstance(v, str) or not v.strip():
                raise SchemaError(
                    f"a variant of {normal!r} is not a word: {v!r}", path=path or None
                )
            table[_normal(v, options)] = target
    return table


def load_spellings(path: str, options: TokenOptions) -> dict[str, str]:
    """A spelling table from a YAML file (``normal: [variant, ...]``)."""
    from .. import yamlio
    from ..errors import SchemaError

    doc = yamlio.load(path)
    if doc.data is None:
        return {}
    if not isinstance(doc.data, dict):
        raise SchemaError(
            "a spelling table is a mapping: 'normal form: [variant, ...]'", path=path, line=1
        )
    for key, value in doc.data.items():
        ok = isinstance(value, str) or (
            isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)
        )
        if not ok:
            line = doc.line_of("/" + str(key).replace("~", "~0").replace("/", "~1"))
            raise SchemaError(
                f"the variants of {key!r} must be a word or a list of words", path=path, line=line
            )
    return spelling_table(doc.data, options, path)
