"""Small parsers for the fields archive pages print: dates, name lists, the source sentence."""

from __future__ import annotations

import re

from ..vocab import (
    LANGUAGE_TAGS,
    MONTHS,
    PRINTED_DATE,
    parse_credit,
    parse_printed_date,
    split_names,
    split_reference,
)

__all__ = [
    "FUNDER_LINE",
    "LANGUAGE_LABEL",
    "LANGUAGE_TAGS",
    "MONTHS",
    "PRINTED_DATE",
    "funders_of",
    "language_tags",
    "parse_credit",
    "parse_language_label",
    "parse_printed_date",
    "parse_source_sentence",
    "split_funders",
    "split_names",
    "split_reference",
]

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


#: ``English HTML``, ``Russian Original Scan``, ``Translation - English``, ``English``.
LANGUAGE_LABEL = re.compile(
    rf"^(?:(?P<kind1>Translation|Transcript|Transcription|Original)\s+-\s+)?"
    rf"(?P<language>{'|'.join(LANGUAGE_TAGS)})"
    r"(?:\s+(?P<kind2>HTML|PDF|Translation|Transcript|Transcription|Original(?: Scan)?|Scan))?$",
    re.IGNORECASE,
)


def parse_language_label(text: str) -> tuple[str, str] | None:
    """``English HTML`` -> (``en``, ``HTML``); ``Translation - English`` -> (``en``,
    ``Translation``); None when the line is not such a label."""
    m = LANGUAGE_LABEL.match(text.strip())
    if not m:
        return None
    name = m["language"].capitalize()
    return LANGUAGE_TAGS[name], (m["kind1"] or m["kind2"] or "").title()


def language_tags(text: str) -> list[str] | None:
    """``Russian`` -> [``ru``]; ``Chinese, Russian`` -> both; None if a name is unknown."""
    tags = []
    for name in split_names(text):
        tag = LANGUAGE_TAGS.get(name.capitalize())
        if tag is None:
            return None
        tags.append(tag)
    return tags


def funders_of(line: str) -> list[str]:
    """The funders a funder line names, without a leading article:
    ``... support from the MacArthur Foundation and the Leon Levy Foundation`` -> the two."""
    m = FUNDER_LINE.match(line.strip())
    if not m:
        return []
    return [re.sub(r"^the\s+", "", name) for name in split_funders(m["funders"])]
