"""Small parsers for the fields archive pages print: dates, name lists, the source sentence."""

from __future__ import annotations

import re

from ..vocab import (
    CREDIT_START,
    LANGUAGE_TAGS,
    MONTHS,
    PRINTED_DATE,
    parse_credit,
    parse_printed_date,
    split_names,
    split_reference,
)

__all__ = [
    "CREDIT_START",
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


def parse_source_sentence(text: str) -> dict[str, object] | None:
    """A source line taken apart: the reference (archival references, several joined by
    ``;``, or a publication), its pages, and the credit that follows it.

    ``PRC FMA 118-01026-03, 69-70. Obtained by ... translated by ...`` -> reference, pages,
    obtained_by, translators, translated_for, contributed_by.  A reference alone is a source
    too.  None when the credit part is in no form :func:`parse_credit` knows.
    """
    text = text.strip()
    m = CREDIT_START.search(text)
    ref_text, credit_text = (text[: m.start()], text[m.start() :]) if m else (text, "")
    credit = parse_credit(credit_text) if credit_text else {}
    if credit is None:
        return None
    ref_text = ref_text.strip()
    if ref_text.endswith(".") and not ref_text.endswith(('."', ".\u201d")):
        ref_text = ref_text[:-1]
    if ";" in ref_text:  # several references: the pages stay with each
        reference, pages = ref_text, ""
    else:
        reference, pages = split_reference(ref_text)
    return {
        "reference": reference,
        "pages": pages,
        "obtained_by": credit.get("obtained_by", []),
        "translators": credit.get("translators", []),
        "translated_for": credit.get("translated_for", ""),
        "contributed_by": credit.get("contributed_by", []),
    }


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
