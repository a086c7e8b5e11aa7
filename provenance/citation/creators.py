"""Who made a document: creators with roles, and what can be read from a title.

A document's ``creators`` (in ``document.yaml``) are its makers as a citation names them::

    creators:
    - {name: Ministry of Public Security Party Committee, role: sender,
       kind: organisation, inferred: true}
    - {name: Zhou Enlai, role: recipient, kind: person, family_first: true, inferred: true}

``role`` is one of :data:`ROLES`; ``kind`` is ``person`` or ``organisation``; ``inferred`` marks
a creator read from the title by :func:`infer_creators` and not yet confirmed by an editor
(``provenance set`` removes the mark when an editor records the creators); ``family_first``
marks a person's name written family name first (``Mao Zedong``, ``Kim Il-sung``), which
styles must not invert.

:func:`infer_creators` reads only titles whose pattern is unambiguous (``Cable, X to Y``,
``Telegram from X to Y``, ``Letter from X``, ``Record of Conversation between X and Y``,
``Memorandum of Conversation with X``); for any other title, or where a part could be read two
ways (an ``and`` inside an organisation's name, two ``to``), it returns nothing: no creator is
better than a wrong one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

#: The roles a creator may have, in the order citations name them.
ROLES = ("author", "corporate_author", "sender", "recipient", "participant")
KINDS = ("person", "organisation")

#: Roles whose holders a citation puts in the author's place.
AUTHOR_ROLES = ("author", "corporate_author", "sender")


@dataclass(frozen=True)
class Creator:
    """One maker of a document in one role."""

    name: str
    role: str
    kind: str = "person"
    inferred: bool = False
    family_first: bool = False

    @property
    def is_person(self) -> bool:
        return self.kind == "person"

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name, "role": self.role, "kind": self.kind}
        if self.family_first:
            out["family_first"] = True
        if self.inferred:
            out["inferred"] = True
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Creator:
        return cls(
            name=str(data["name"]),
            role=str(data["role"]),
            kind=str(data.get("kind", "person")),
            inferred=bool(data.get("inferred", False)),
            family_first=bool(data.get("family_first", False)),
        )


def creators_of(meta: Mapping[str, Any]) -> tuple[Creator, ...]:
    """The creators recorded in a document's metadata."""
    return tuple(Creator.from_dict(c) for c in meta.get("creators") or () if c.get("name"))


def with_role(creators: Sequence[Creator], *roles: str) -> list[Creator]:
    return [c for c in creators if c.role in roles]


# -- what a name is --------------------------------------------------------------------------

_ORGANISATION_WORDS = frozenset(
    [
        "academy",
        "administration",
        "agency",
        "army",
        "assembly",
        "association",
        "bank",
        "board",
        "bureau",
        "cabinet",
        "central",
        "centre",
        "center",
        "command",
        "commission",
        "committee",
        "congress",
        "consulate",
        "council",
        "court",
        "delegation",
        "department",
        "directorate",
        "division",
        "embassy",
        "executive",
        "faction",
        "front",
        "government",
        "group",
        "headquarters",
        "institute",
        "legation",
        "league",
        "ministry",
        "mission",
        "office",
        "party",
        "politburo",
        "presidium",
        "secretariat",
        "section",
        "service",
        "soviet",
        "staff",
        "union",
    ]
)
_PARTICLES = frozenset(
    [
        "de",
        "del",
        "der",
        "di",
        "du",
        "la",
        "le",
        "van",
        "von",
        "bin",
        "al",
        "ibn",
        "y",
        "da",
        "dos",
        "das",
    ]
)
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")

# Pinyin syllables (without tone marks): names whose every part is made of them are Chinese
# names, written family name first (Mao Zedong, Zhou Enlai, Deng Xiaoping).
_PINYIN = re.compile(
    r"(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ang|eng|ing|ong|uan|ian|iao|uai|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo"
    r"|ui|ue|ve|er|a|o|e|i|u|v|ü))",
)
_KOREAN_FAMILY = frozenset(
    [
        "kim",
        "pak",
        "park",
        "lee",
        "yi",
        "ri",
        "choi",
        "choe",
        "chong",
        "jeong",
        "jung",
        "kang",
        "cho",
        "jo",
        "yun",
        "yoon",
        "chang",
        "jang",
        "han",
        "ho",
        "hong",
        "hwang",
        "ko",
        "nam",
        "o",
        "rim",
        "im",
        "ryu",
        "yu",
        "song",
        "shin",
        "sin",
    ]
)


# Common Chinese family names in pinyin: a pinyin given name alone is not enough (``Anna Li``
# is made of pinyin syllables too).
_CHINESE_FAMILY = frozenset(
    [
        "bai",
        "bo",
        "cai",
        "cao",
        "chai",
        "chang",
        "chen",
        "cheng",
        "cui",
        "dai",
        "deng",
        "ding",
        "dong",
        "du",
        "duan",
        "fan",
        "fang",
        "feng",
        "fu",
        "gao",
        "ge",
        "gong",
        "gu",
        "guan",
        "guo",
        "han",
        "hao",
        "he",
        "hong",
        "hou",
        "hu",
        "hua",
        "huang",
        "ji",
        "jia",
        "jiang",
        "jin",
        "kang",
        "kong",
        "lai",
        "lan",
        "lei",
        "li",
        "liang",
        "liao",
        "lin",
        "liu",
        "long",
        "lu",
        "luo",
        "lv",
        "ma",
        "mao",
        "meng",
        "mo",
        "niu",
        "ou",
        "pan",
        "peng",
        "qi",
        "qian",
        "qiao",
        "qin",
        "qiu",
        "ren",
        "rao",
        "shao",
        "shen",
        "sheng",
        "shi",
        "song",
        "su",
        "sun",
        "tan",
        "tang",
        "tao",
        "tian",
        "wan",
        "wang",
        "wei",
        "wen",
        "wu",
        "xia",
        "xiang",
        "xiao",
        "xie",
        "xiong",
        "xu",
        "xue",
        "yan",
        "yang",
        "yao",
        "ye",
        "yi",
        "yin",
        "yu",
        "yuan",
        "yue",
        "zeng",
        "zhai",
        "zhan",
        "zhang",
        "zhao",
        "zheng",
        "zhong",
        "zhou",
        "zhu",
        "zhuang",
        "zou",
    ]
)


def _pinyin_word(word: str) -> bool:
    return re.fullmatch(f"(?:{_PINYIN.pattern}){{1,2}}", word.lower()) is not None


def family_first(name: str) -> bool:
    """Whether ``name`` is written family name first: two or three pinyin words (``Zhou
    Enlai``, ``Mao Zedong``), or a Korean family name before a hyphenated given name
    (``Kim Il-sung``, ``Pak Heon-yeong``)."""
    words = name.split()
    if len(words) not in (2, 3) or not all(w[:1].isupper() for w in words):
        return False
    if words[0].lower() in _KOREAN_FAMILY and ("-" in words[-1] or len(words) == 3):
        return True
    return (
        len(words) == 2
        and words[0].lower() in _CHINESE_FAMILY
        and all(_pinyin_word(w) for w in words)
    )


def is_organisation(name: str) -> bool:
    return any(w.lower() in _ORGANISATION_WORDS for w in _WORD.findall(name))


def is_personal_name(name: str) -> bool:
    """One to four capitalised words (particles and a bracketed gloss allowed):
    ``Zhou Enlai``, ``Filippov [Stalin]``, ``Roshchin``; not ``the Ambassador of ...``."""
    bare = re.sub(r"\s*\[[^\]]*\]", "", name).strip()
    words = bare.split()
    if not 1 <= len(words) <= 4 or is_organisation(bare):
        return False
    return all(w[:1].isupper() or w in _PARTICLES for w in words) and words[0][:1].isupper()


def _creator(name: str, role: str) -> Creator:
    name = name.strip()
    if is_organisation(name):
        if name.startswith("the "):
            name = name[4:]
        return Creator(name, role, "organisation", inferred=True)
    return Creator(name, role, "person", inferred=True, family_first=family_first(name))


# -- reading a title -------------------------------------------------------------------------

_TYPES = (
    r"cable|telegram|letter|memorandum|note|report|instruction|instructions|directive|"
    r"message|dispatch|despatch|minutes|circular|notice|order|request|reply|response"
)
# ``Cable, X to Y`` and ``Cable from X to Y`` (and ``Cable from X``, ``Cable from X, '...'``).
_COMMA_FORM = re.compile(rf"^(?:{_TYPES})(?: No\. ?[\w-]+)?, (?P<sender>.+?) to (?P<to>.+)$", re.I)
_FROM_FORM = re.compile(
    rf"^(?:{_TYPES})(?: No\. ?[\w-]+)? from (?P<sender>.+?)(?: to (?P<to>.+?))?"
    r"(?:, ['‘\"“].*)?$",
    re.I,
)
_CONVERSATION = re.compile(
    r"^(?:(?:record|memorandum|minutes|notes|transcript|summary) of (?:an? |the )?)?"
    r"conversations? (?P<how>between|with) (?P<who>.+)$",
    re.I,
)
_LIST_SPLIT = re.compile(r",\s+and\s+|,\s+|\s+and\s+")


def _names(text: str, *, allow_organisation: bool) -> list[str] | None:
    """The names in ``A``, ``A and B``, ``A, B, and C``; None when the list could be read
    two ways (an organisation's name with ``and`` or a comma in it)."""
    text = text.strip().rstrip(".")
    if not text or " to " in f" {text} " or text.count("[") != text.count("]"):
        return None
    parts = [p for p in _LIST_SPLIT.split(text) if p]
    if len(parts) == 1:
        if is_personal_name(text) or (allow_organisation and is_organisation(text)):
            return [text]
        return None
    if all(is_personal_name(p) for p in parts):
        return parts
    return None


def infer_creators(title: str) -> list[Creator]:
    """The creators a title states unambiguously, each marked ``inferred``; ``[]`` otherwise."""
    title = " ".join(title.split())
    m = _COMMA_FORM.match(title)
    if m is None or " to " in m["sender"]:
        m = _FROM_FORM.match(title)
    if m is not None:
        senders = _names(m["sender"], allow_organisation=True)
        recipients = _names(m["to"], allow_organisation=True) if m["to"] else []
        if not senders or recipients is None:
            return []
        return [_creator(n, "sender") for n in senders] + [
            _creator(n, "recipient") for n in recipients
        ]
    m = _CONVERSATION.match(title)
    if m is not None:
        who = m["who"]
        if m["how"].lower() == "between":
            if len(re.findall(r"\band\b", who)) != 1 or "," in who:
                return []
            parts = [p.strip() for p in who.split(" and ")]
            if not all(is_personal_name(p) or is_organisation(p) for p in parts):
                return []
            return [_creator(p, "participant") for p in parts]
        names = _names(who, allow_organisation=True)
        if names:
            return [_creator(n, "participant") for n in names]
        if re.match(r"^the [A-Z]", who) and " and " not in who and "," not in who:
            return [Creator(who, "participant", "person", inferred=True)]  # by office
    return []


def add_inferred_creators(meta: dict[str, Any]) -> None:
    """Record the creators the title states (marked inferred) in a new document's metadata,
    after its ``type``; nothing when the title is not unambiguous or creators are recorded."""
    if meta.get("creators"):
        return
    creators = infer_creators(str(meta.get("title", "")))
    if not creators:
        return
    items = list(meta.items())
    at = next(
        (i + 1 for i, (k, _) in enumerate(items) if k == "type"),
        next((i + 1 for i, (k, _) in enumerate(items) if k == "date"), len(items)),
    )
    items.insert(at, ("creators", [c.as_dict() for c in creators]))
    meta.clear()
    meta.update(items)
