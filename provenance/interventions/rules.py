"""Applying a profile's rules to one bracket: what surrounds it, and which rule holds first.

The conditions a rule may set (all must hold) are listed in ``schemas/profile.schema.json``:
a pattern on the content, the case of the content's first letter, word lists for the content
and for the words either side, the kind of word either side (``capital``, ``lower``,
``digit``, ``punct`` or ``none``), letters glued to the bracket, the start of a line, and two
tests computed here:

``resembles-before``
    the content looks like another spelling or a contraction of the words just before it
    (``Andong [Dandong]``, ``Luda [Lüshun-Dalian]``, ``Pak Heon-yeong [Pak Hon Yong]``);
``other-script``
    the content is written in another script than the word before it (``дом [house]``).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from typing import NamedTuple

from .profile import IGNORE, Profile, Rule

_WORD = re.compile(r"\w+(?:['’-]\w+)*")
_H_SPACE = " \t\u00a0\u2007\u2009\u202f\u3000"
_LOOK = 120  # how far to look for the neighbouring words


class Context(NamedTuple):
    """A bracket in its surroundings, as the rules see it."""

    text: str
    start: int
    end: int
    content: str
    before_token: str
    after_token: str
    glued_before: bool
    glued_after: bool
    line_start: bool


_TOKEN_END = re.compile(r"\S*\Z")
_TOKEN_START = re.compile(r"\S*")


def context(text: str, start: int, end: int, content: str) -> Context:
    prev = text[start - 1] if start > 0 else ""
    nxt = text[end] if end < len(text) else ""
    glued_before = prev.isalnum()
    glued_after = nxt.isalnum()
    # the token before: skip horizontal space, then take non-space characters (same line),
    # looking at most _LOOK characters for each
    space = text[max(0, start - _LOOK) : start]
    i = start - (len(space) - len(space.rstrip(_H_SPACE)))
    found = _TOKEN_END.search(text, max(0, i - _LOOK), i)
    before_token = found.group() if found else ""
    line_start = before_token == "" and (i == 0 or text[i - 1] in "\n\r")
    space = text[end : end + _LOOK]
    k = end + (len(space) - len(space.lstrip(_H_SPACE)))
    found = _TOKEN_START.match(text, k, k + _LOOK)
    return Context(
        text,
        start,
        end,
        content,
        before_token,
        found.group() if found else "",
        glued_before,
        glued_after,
        line_start,
    )


def token_kind(token: str, *, before: bool) -> str:
    """``none``, ``punct`` (a word before that ends, or a word after that starts, with a
    punctuation sign), or by its first letter or digit: ``capital``, ``lower``, ``digit``."""
    if not token:
        return "none"
    edge = token[-1] if before else token[0]
    if not edge.isalnum():
        return "punct"
    first = next(ch for ch in token if ch.isalnum())
    if first.isdigit():
        return "digit"
    return "capital" if first.isupper() else "lower"


def _kind_matches(want: str, kind: str) -> bool:
    if want == "word":
        return kind in ("capital", "lower", "digit")
    return want == kind


def content_case(content: str) -> str | None:
    first = next((ch for ch in content if ch.isalnum()), None)
    if first is None:
        return None
    if first.isdigit():
        return "digit"
    if first.isupper():
        cased = [ch for ch in content if ch.isupper() or ch.islower()]
        return "upper" if len(cased) > 1 and all(ch.isupper() for ch in cased) else "capital"
    return "lower"


def _case_matches(want: str, case: str | None) -> bool:
    if want == "capital":
        return case in ("capital", "upper")
    return want == case


def _bare(token: str) -> str:
    """A token without the punctuation around it, case-folded, for word-list look-ups."""
    return re.sub(r"^\W+|\W+$", "", token).casefold()


def word_count(content: str) -> int:
    return len(_WORD.findall(content))


def matches(rule: Rule, ctx: Context, profile: Profile) -> bool:
    """Whether every condition ``rule`` sets holds for ``ctx``."""
    if rule.pattern is not None and rule.pattern.fullmatch(ctx.content) is None:
        return False
    return _others_hold(rule, ctx, profile)


def _others_hold(rule: Rule, ctx: Context, profile: Profile) -> bool:
    """Whether every condition of ``rule`` but its pattern holds for ``ctx``."""
    if rule.content_case is not None and not _case_matches(
        rule.content_case, content_case(ctx.content)
    ):
        return False
    if rule.content_in is not None and (
        " ".join(ctx.content.split()).casefold() not in profile.words(rule.content_in)
    ):
        return False
    if rule.min_words is not None or rule.max_words is not None:
        n = word_count(ctx.content)
        if rule.min_words is not None and n < rule.min_words:
            return False
        if rule.max_words is not None and n > rule.max_words:
            return False
    if rule.glued is not None and not _glued(rule.glued, ctx):
        return False
    if rule.line_start is not None and rule.line_start != ctx.line_start:
        return False
    if rule.before is not None and not _kind_matches(
        rule.before, token_kind(ctx.before_token, before=True)
    ):
        return False
    if rule.after is not None and not _kind_matches(
        rule.after, token_kind(ctx.after_token, before=False)
    ):
        return False
    if rule.before_in is not None and _bare(ctx.before_token) not in profile.words(rule.before_in):
        return False
    if rule.after_in is not None and _bare(ctx.after_token) not in profile.words(rule.after_in):
        return False
    if rule.test == "resembles-before" and not resembles_before(ctx):
        return False
    return not (rule.test == "other-script" and not other_script(ctx))


def _glued(want: str, ctx: Context) -> bool:
    b, a = ctx.glued_before, ctx.glued_after
    return {"before": b, "after": a, "both": b and a, "either": b or a, "none": not (b or a)}[want]


class _Compiled:
    """A profile's rules made quick to apply: a rule's pattern depends on a bracket's content
    alone, so the rules whose patterns hold for a content (in order, with whether they set
    any other condition) are worked out once per distinct content and remembered."""

    __slots__ = ("by_content", "rules", "tests")

    #: How many distinct contents are remembered before starting afresh.
    LIMIT = 20000

    def __init__(self, rules: tuple[Rule, ...]) -> None:
        self.rules = rules
        defaults = Rule("", "")
        self.tests = tuple(
            (
                rule,
                rule.pattern,
                any(
                    getattr(rule, name) != getattr(defaults, name)
                    for name in Rule._fields
                    if name not in _PATTERN_ONLY
                ),
            )
            for rule in rules
        )
        self.by_content: dict[str, tuple[tuple[Rule, bool], ...]] = {}

    def candidates(self, content: str) -> tuple[tuple[Rule, bool], ...]:
        found = self.by_content.get(content)
        if found is None:
            if len(self.by_content) >= self.LIMIT:
                self.by_content.clear()
            found = tuple(
                (rule, others)
                for rule, pattern, others in self.tests
                if pattern is None or pattern.fullmatch(content) is not None
            )
            self.by_content[content] = found
        return found


#: The fields of a rule that are not conditions besides its pattern.
_PATTERN_ONLY = frozenset(
    {
        "id",
        "type",
        "pattern_source",
        "pattern_flags",
        "label",
        "confidence",
        "alternative",
        "opaque",
        "description",
    }
)
#: By ``id`` of a profile's rules tuple (the tuple is kept alive in the entry).
_COMPILED: dict[int, _Compiled] = {}


def _compiled(profile: Profile) -> _Compiled:
    rules = profile.rules
    entry = _COMPILED.get(id(rules))
    if entry is None or entry.rules is not rules:
        if len(_COMPILED) > 64:
            _COMPILED.clear()
        entry = _COMPILED[id(rules)] = _Compiled(rules)
    return entry


def first_match(ctx: Context, profile: Profile) -> Rule | None:
    for rule, others in _compiled(profile).candidates(ctx.content):
        if not others or _others_hold(rule, ctx, profile):
            return rule
    return None


def ignored(ctx: Context, profile: Profile) -> bool:
    """Whether :func:`first_match` gives an ``ignore`` rule, testing only the ``ignore``
    rules (and, when one holds, the rules before it): all that classing a change needs."""
    for index, rule in enumerate(profile.rules):
        if rule.type == IGNORE and matches(rule, ctx, profile):
            return not any(matches(r, ctx, profile) for r in profile.rules[:index])
    return False


# -- the two computed tests ---------------------------------------------------------------


def _letters(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if ch.isalpha()).casefold()


def _words_before(ctx: Context, n: int) -> list[str]:
    # only the window is looked at: searching back further would make a long line quadratic
    line_start = ctx.text.rfind("\n", max(0, ctx.start - _LOOK), ctx.start) + 1
    window = ctx.text[max(line_start, ctx.start - _LOOK) : ctx.start]
    return _WORD.findall(window)[-n:]


def _is_contraction(short: str, parts: list[str]) -> bool:
    """``short`` is made of a non-empty prefix of each of ``parts`` in turn (Luda: Lü-shun
    Da-lian)."""
    if not parts:
        return not short
    if not short:
        return False
    head, rest = parts[0], parts[1:]
    for k in range(min(len(short), len(head)), 0, -1):
        if short[:k] == head[:k] and _is_contraction(short[k:], rest):
            return True
    return False


def resembles_before(ctx: Context) -> bool:
    content = _letters(ctx.content)
    if len(content) < 2:
        return False
    parts = [_letters(p) for p in re.split(r"[\s\-‐–]+", ctx.content) if _letters(p)]
    words = _words_before(ctx, max(1, min(3, len(parts) + 1)))
    for n in range(1, len(words) + 1):
        prev_words = words[-n:]
        prev = _letters("".join(prev_words))
        if len(prev) < 2:
            continue
        if difflib.SequenceMatcher(None, prev, content, autojunk=False).ratio() >= 0.6:
            return True
        prev_parts = [
            _letters(w) for w in re.split(r"[\s\-‐–]+", " ".join(prev_words)) if _letters(w)
        ]
        if len(parts) > 1 and _is_contraction(prev, parts):
            return True
        if len(prev_parts) > 1 and _is_contraction(content, prev_parts):
            return True
    return False


def script_of(text: str) -> str | None:
    """The script of the first letter of ``text`` (``LATIN``, ``CYRILLIC``, ``CJK``, ...)."""
    for ch in text:
        if ch.isalpha():
            try:
                return unicodedata.name(ch).split()[0]
            except ValueError:
                return None
    return None


def other_script(ctx: Context) -> bool:
    mine = script_of(ctx.content)
    theirs = script_of(ctx.before_token)
    return mine is not None and theirs is not None and mine != theirs
