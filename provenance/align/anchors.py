"""What survives translation, as comparable keys: numbers (Arabic digits, Chinese numerals
with a counter, English number words), months of dates, serial numbers, words in Latin script
kept in a non-Latin original, Cyrillic names against their romanisation, and the glosses a
translator puts in brackets (``Andong [Dandong]``, ``[otpala]``).

:func:`anchors` gives a multiset (a :class:`~collections.Counter`) of keys for a piece of
text; two pieces that are translations of each other share many of them.
"""

from __future__ import annotations

import re
from collections import Counter

_DIGITS = re.compile(r"\d+(?:[,\u00a0\u202f ]\d{3})*(?:\.\d+)?")
_CN_DIGIT = {
    "零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
    "六": 6, "七": 7, "八": 8, "九": 9,
}  # fmt: skip
_CN_UNIT = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}
_CN_NUMBER = re.compile(
    r"(第)?([零〇○一二两三四五六七八九十百千万亿]+)(?=([年月日号時时人户戶名个個次元条條项項点點批起家份件架辆艘位天周岁歲、])?)"
)
_EN_NUMBER = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000, "first": 1, "second": 2,
    "third": 3, "fourth": 4, "fifth": 5, "twice": 2,
}  # fmt: skip
_RU_NUMBER = {
    "один": 1, "одна": 1, "два": 2, "две": 2, "три": 3, "четыре": 4, "пять": 5,
    "шесть": 6, "семь": 7, "восемь": 8, "девять": 9, "десять": 10,
}  # fmt: skip
_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_RU_MONTHS = {
    "январ": 1, "феврал": 2, "март": 3, "апрел": 4, "ма": 5, "июн": 6, "июл": 7,
    "август": 8, "сентябр": 9, "октябр": 10, "ноябр": 11, "декабр": 12,
}  # fmt: skip
_RU_MONTH = re.compile(
    r"\b(январ|феврал|март|апрел|ма|июн|июл|август|сентябр|октябр|ноябр|декабр)(?:ь|я|е|ю|ем|а|й)\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_BRACKET = re.compile(r"\[([^\[\]]{1,80})\]")
_TRANSLIT = str.maketrans(
    {
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
        "з": "z", "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
        "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
        "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "iu",
        "я": "ia",
    }
)  # fmt: skip
#: Romanisations differ (Khrushchev, Chruschtschow, Hruščov): keys compare a folded prefix.
_FOLD = [("kh", "h"), ("iu", "u"), ("yu", "u"), ("ia", "a"), ("ya", "a"), ("y", "i"), ("j", "i")]


def chinese_number(text: str) -> int | None:
    """``一千四百七十一`` -> 1471, ``一九六一`` -> 1961, ``十五`` -> 15 (None: not a number)."""
    if all(c in _CN_DIGIT for c in text):
        if len(text) == 1 or len(text) >= 3:
            return int("".join(str(_CN_DIGIT[c]) for c in text))
        return None
    total = section = digit = 0
    for c in text:
        if c in _CN_DIGIT:
            digit = _CN_DIGIT[c]
        elif c in ("万", "亿"):
            section = (section + digit) * _CN_UNIT[c]
            total += section
            section = digit = 0
        elif c in _CN_UNIT:
            section += (digit or 1) * _CN_UNIT[c]
            digit = 0
        else:
            return None
    return total + section + digit


def _fold(word: str, size: int = 4) -> str:
    w = word.lower()
    for a, b in _FOLD:
        w = w.replace(a, b)
    w = re.sub(r"[^a-z]", "", w)
    return w[:size] if len(w) >= 3 else ""


def _numbers(text: str) -> list[str]:
    keys = []
    for m in _DIGITS.finditer(text):
        raw = re.sub(r"[,\u00a0\u202f ]", "", m.group(0))
        value = raw.rstrip("0").rstrip(".") if "." in raw else raw.lstrip("0") or "0"
        keys.append(f"#{value}")
    return keys


_LIST_LATIN = re.compile(r"^\s*\(?(\d{1,2})[.)]\s")
_LIST_CJK = re.compile(r"^\s*[（(]?([一二三四五六七八九十]{1,3})[、．.）)]")


def list_number(text: str) -> int | None:
    """The number a list item opens with: ``2. Strengthen``, ``二、加强``, ``(3)``."""
    m = _LIST_LATIN.match(text)
    if m:
        return int(m.group(1))
    m = _LIST_CJK.match(text)
    return chinese_number(m.group(1)) if m else None


def anchors(text: str) -> Counter[str]:
    """The anchor keys of ``text``: ``#1471`` (a number), ``m5`` (May, 五月, мая),
    ``w:nato`` (a word in Latin script), ``n:hrus`` (a name, romanised and folded)."""
    keys: list[str] = _numbers(text)
    item = list_number(text)
    if item is not None:
        keys.append(f"L{item}")  # an item's number: two items with different ones differ
    if any("\u4e00" <= c <= "\u9fff" for c in text):
        for m in _CN_NUMBER.finditer(text):
            counter = m.group(3)
            if not m.group(1) and not counter and len(m.group(2)) < 3:
                continue  # 一些, 统一, 三反: a numeral with no counter is too often a word
            value = chinese_number(m.group(2))
            if value is None:
                continue
            keys.append(f"m{value}" if counter == "月" and 1 <= value <= 12 else f"#{value}")
        for m in re.finditer(r"(\d{1,2})\s*月", text):
            keys.append(f"m{int(m.group(1))}")
    words = _WORD.findall(text)
    latin = [w for w in words if _LATIN.match(w)]
    cyrillic = [w for w in words if _CYRILLIC.match(w)]
    non_latin = bool(cyrillic) or any("\u4e00" <= c <= "\u9fff" for c in text)
    for i, w in enumerate(latin):
        low = w.lower()
        if low in _MONTHS and (w[0].isupper() and (low != "may" or _near_digit(text, w))):
            keys.append(f"m{_MONTHS[low]}")
            continue
        if low in _EN_NUMBER:
            keys.append(f"#{_EN_NUMBER[low]}")
            continue
        # a name: capitalised (not only as a sentence's first word), an acronym, or any
        # word in Latin script kept in a Chinese or Russian original
        if non_latin or (w[0].isupper() and i > 0) or (w.isupper() and len(w) > 1):
            folded = _fold(w)
            if folded:
                keys.append(f"n:{folded}")
    for m in _RU_MONTH.finditer(text):
        keys.append(f"m{_RU_MONTHS[m.group(1).lower()]}")
    for w in cyrillic:
        if w.lower() in _RU_NUMBER:
            keys.append(f"#{_RU_NUMBER[w.lower()]}")
        if w[0].isupper() or w.isupper():
            folded = _fold(w.lower().translate(_TRANSLIT))
            if folded:
                keys.append(f"n:{folded}")
    for m in _BRACKET.finditer(text):  # a gloss: [Dandong], [otpala]
        for w in _WORD.findall(m.group(1)):
            if _LATIN.match(w) and w[0].islower() and _fold(w):
                keys.append(f"n:{_fold(w)}")
    return Counter(keys)


def _near_digit(text: str, word: str) -> bool:
    return bool(re.search(rf"\d\s*{word}\b|\b{word}\s*\d", text))


def shared(a: Counter[str], b: Counter[str]) -> Counter[str]:
    """The anchors two pieces of text have in common."""
    return a & b
