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

#: ``May 10, 1961``, ``January 07, 1950``, ``May 1961``, ``June, 1934``, ``1961``
PRINTED_DATE = re.compile(
    rf"^(?:(?P<month>{_MONTH_RE})\s+(?:(?P<day>\d{{1,2}}),\s*)?|(?P<month2>{_MONTH_RE}),\s+)?"
    r"(?P<year>\d{4})$"
)


def parse_printed_date(text: str) -> str | None:
    """``May 10, 1961`` -> ``1961-05-10``; ``May 1961`` -> ``1961-05``; else None."""
    m = PRINTED_DATE.match(text.strip())
    if not m:
        return None
    out = m["year"]
    month = m["month"] or m["month2"]
    if month:
        out += f"-{MONTHS.index(month) + 1:02d}"
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


#: One sentence of a credit: who obtained, translated or contributed the document.
_CREDIT_FORMS = tuple(
    re.compile(rf"^{form}\.?$")
    for form in (
        r"Obtained and translated(?: for (?P<project>.+?))? by (?P<both>.+?)",
        r"Obtained(?: for (?P<obtained_for>.+?))? by (?P<obtained>.+?),? and translated"
        r"(?: for (?P<project>.+?))? by (?P<translators>.+?)",
        r"Obtained(?: for (?P<project>.+?))? by (?P<obtained>.+?)",
        r"Translated(?: for (?P<project>.+?))? by (?P<translators>.+?)",
        r"Contributed by (?P<contributed>.+?)",
    )
)
#: Where a credit sentence starts: ``Obtained``, ``Translated``, ``Contributed`` + ``... by``.
CREDIT_START = re.compile(
    r"(?:^|(?<=\.\s)|(?<=\.[\"\u201d]\s))"
    r"(?=(?:Obtained|Translated|Contributed)\b(?:\s+[\w-]+){0,4}?\s+by\s)"
)


def parse_credit(text: str) -> dict[str, object] | None:
    """``Obtained by X and translated by Y and Z.`` -> obtained_by, translators,
    translated_for (and contributed_by).

    Also ``Translated by Y.``, ``Translated for CWIHP by Y.``, ``Obtained and translated for
    NKIDP by X.`` (the same people did both), ``Obtained by X.``, ``Contributed by X.``, and
    several such sentences in a row.  None when a sentence is in none of these forms.
    """
    text = text.strip()
    starts = [m.start() for m in CREDIT_START.finditer(text)]
    if not starts or starts[0] != 0:
        return None
    out: dict[str, object] = {
        "obtained_by": [],
        "translators": [],
        "translated_for": "",
        "contributed_by": [],
    }
    for a, b in zip(starts, [*starts[1:], len(text)], strict=True):
        sentence = text[a:b].strip()
        for form in _CREDIT_FORMS:
            m = form.match(sentence)
            if m:
                break
        else:
            return None
        groups = m.groupdict()
        if any(" by " in (v or "") for v in groups.values()):
            return None  # a name holding "by": another wording, not to be guessed at
        if groups.get("obtained_for") and groups["obtained_for"] != groups.get("project"):
            return None
        obtained = groups.get("both") or groups.get("obtained")
        translators = groups.get("both") or groups.get("translators")
        if obtained:
            out["obtained_by"] = [*out["obtained_by"], *split_names(obtained)]  # type: ignore[misc]
        if translators:
            out["translators"] = [*out["translators"], *split_names(translators)]  # type: ignore[misc]
        if groups.get("contributed"):
            out["contributed_by"] = split_names(groups["contributed"])
        if groups.get("project"):
            out["translated_for"] = groups["project"]
    return out


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
