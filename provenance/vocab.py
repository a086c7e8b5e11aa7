"""Vocabularies shared by the importer (reading archive pages) and the citation (reading and
writing the archive's citation sentence): month and language names, and the printed forms
of dates, source references and credits."""

from __future__ import annotations

import re

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_MONTH_RE = "|".join(MONTHS)

#: ``May 10, 1961``, ``January 07, 1950``, ``May 1961``, ``1961``
PRINTED_DATE = re.compile(
    rf"^(?:(?P<month>{_MONTH_RE})\s+(?:(?P<day>\d{{1,2}}),\s*)?)?(?P<year>\d{{4}})$"
)


def parse_printed_date(text: str) -> str | None:
    """``May 10, 1961`` -> ``1961-05-10``; ``May 1961`` -> ``1961-05``; else None."""
    m = PRINTED_DATE.match(text.strip())
    if not m:
        return None
    out = m["year"]
    if m["month"]:
        out += f"-{MONTHS.index(m['month']) + 1:02d}"
        if m["day"]:
            out += f"-{int(m['day']):02d}"
    return out


def split_names(text: str) -> list[str]:
    """``Jeffrey Wang and Charles Kraus`` -> two names; ``A, B, and C`` -> three."""
    parts = re.split(r",\s*(?:and\s+)?|\s+and\s+|\s*&\s*", text.strip().rstrip("."))
    return [p.strip() for p in parts if p.strip()]


#: Pages or folios: ``69-70``, ``pp. 3-5``, ``ll. 20-24`` (Russian *listy*), ``ff. 12-13``,
#: ``fols. 3r-4v``, ``p. 7``, ``xii``.
_PAGES = re.compile(
    r"^(?:(?:pp?|ll?|ff?|fols?|S)\.\s*)?[0-9ivxlcdmIVXLCDM]+[rv]?"
    r"(?:\s*[-–]\s*[0-9ivxlcdmIVXLCDM]+[rv]?)?"
    r"(?:\s*,\s*[0-9]+[rv]?(?:\s*[-–]\s*[0-9]+[rv]?)?)*$"
)


def split_reference(text: str) -> tuple[str, str]:
    """``PRC FMA 118-01026-03, 69-70`` -> (``PRC FMA 118-01026-03``, ``69-70``).

    Pages are split off only when the part after the last comma looks like pages.
    """
    text = text.strip()
    if "," in text:
        head, tail = text.rsplit(",", 1)
        if _PAGES.match(tail.strip()):
            return head.strip(), tail.strip()
    return text, ""


#: The responsibility part of a source or citation sentence.
_CREDIT = re.compile(
    r"^(?:Obtained and translated(?P<for0> for (?P<project0>.+?))? by (?P<both>.+?)|"
    r"Obtained by (?P<obtained>.+?) and translated(?P<for1> for (?P<project1>.+?))? by "
    r"(?P<translators1>.+?)|Obtained by (?P<obtained_only>.+?)|"
    r"Translated(?P<for2> for (?P<project2>.+?))? by (?P<translators2>.+?))\.?$"
)


def parse_credit(text: str) -> dict[str, object] | None:
    """``Obtained by X and translated by Y and Z.`` -> obtained_by, translators, translated_for.

    Also ``Translated by Y.``, ``Translated for NKIDP by Y.``, ``Obtained by X.`` and
    ``Obtained and translated by X.`` (the same people did both).
    """
    m = _CREDIT.match(text.strip())
    if not m:
        return None
    obtained = m["both"] or m["obtained"] or m["obtained_only"]
    translators = m["both"] or m["translators1"] or m["translators2"]
    project = m["project0"] or m["project1"] or m["project2"]
    return {
        "obtained_by": split_names(obtained) if obtained else [],
        "translators": split_names(translators) if translators else [],
        "translated_for": project or "",
    }


#: Language names pages print, and their BCP 47 tags.
LANGUAGE_TAGS = {
    "English": "en",
    "Chinese": "zh",
    "Russian": "ru",
    "Korean": "ko",
    "Japanese": "ja",
    "German": "de",
    "French": "fr",
    "Spanish": "es",
    "Italian": "it",
    "Polish": "pl",
    "Czech": "cs",
    "Hungarian": "hu",
    "Romanian": "ro",
    "Bulgarian": "bg",
    "Mongolian": "mn",
    "Vietnamese": "vi",
    "Arabic": "ar",
    "Persian": "fa",
    "Portuguese": "pt",
    "Serbian": "sr",
    "Croatian": "hr",
    "Albanian": "sq",
    "Ukrainian": "uk",
}
