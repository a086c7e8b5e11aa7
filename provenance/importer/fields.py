"""Small parsers for the fields archive pages print: dates, name lists, the source sentence."""

from __future__ import annotations

import re

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
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


_PAGES = re.compile(r"^(?:pp?\.\s*)?[0-9ivxlcdmIVXLCDM]+(?:\s*[-–]\s*[0-9ivxlcdmIVXLCDM]+)?"
                    r"(?:\s*,\s*[0-9]+(?:\s*[-–]\s*[0-9]+)?)*$")


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
    r"^(?:Obtained by (?P<obtained>.+?) and translated(?P<for1> for (?P<project1>.+?))? by "
    r"(?P<translators1>.+?)|Obtained by (?P<obtained_only>.+?)|"
    r"Translated(?P<for2> for (?P<project2>.+?))? by (?P<translators2>.+?))\.?$"
)


def parse_credit(text: str) -> dict[str, object] | None:
    """``Obtained by X and translated by Y and Z.`` -> obtained_by, translators, translated_for."""
    m = _CREDIT.match(text.strip())
    if not m:
        return None
    obtained = m["obtained"] or m["obtained_only"]
    translators = m["translators1"] or m["translators2"]
    project = m["project1"] or m["project2"]
    return {
        "obtained_by": split_names(obtained) if obtained else [],
        "translators": split_names(translators) if translators else [],
        "translated_for": project or "",
    }


_SOURCE = re.compile(r"^(?P<ref>.+?)\.\s+(?P<credit>(?:Obtained|Translated)\b.*)$")


def parse_source_sentence(text: str) -> dict[str, object] | None:
    """``PRC FMA 118-01026-03, 69-70. Obtained by ... translated by ...`` into its fields."""
    m = _SOURCE.match(text.strip())
    if m:
        credit = parse_credit(m["credit"])
        if credit is None:
            return None
        reference, pages = split_reference(m["ref"])
        return {"reference": reference, "pages": pages, **credit}
    return None


def split_funders(text: str) -> list[str]:
    """``MacArthur Foundation and Leon Levy Foundation`` -> the two funders."""
    return split_names(text)


FUNDER_LINE = re.compile(r"^This document was made possible with support from (?P<funders>.+?)\.?$")
