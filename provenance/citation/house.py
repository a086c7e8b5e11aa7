"""The house citation sentence: rendered from a record's fields, and parsed back from print.

The pattern (from the archive's own pages)::

    "Title," Month DD, YYYY, <publisher>, <reference>, <pages>. [Obtained by X and]
    translated by Y[ and Z]. <URL>

:func:`render_sentence` writes it from :class:`CitationFields` and a
:class:`~provenance.citation.style.HouseStyle`; :func:`parse_sentence` reads a printed one back
into fields and the style it was printed in, so that rendering gives the same characters again.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .. import vocab as page_fields
from .creators import Creator
from .style import QUOTES, HouseStyle

MONTHS = page_fields.MONTHS


@dataclass(frozen=True)
class CitationFields:
    """What a citation is made from, whatever its style."""

    id: str = ""
    title: str = ""
    date: str = ""  # partial ISO: 1961-05-10, 1961-05, 1961
    type: str = ""  # cable, memorandum, ...
    publisher: str = ""
    archive: str = ""  # the holding archive, where recorded
    reference: str = ""
    pages: str = ""
    obtained_by: tuple[str, ...] = ()
    translators: tuple[str, ...] = ()
    translated_for: str = ""
    url: str = ""
    contributed_by: tuple[str, ...] = ()
    #: Where a printed sentence differs from what the fields give, what it printed instead:
    #: the date slot (``""`` for an empty slot), the credit, and whether the reference part
    #: is closed by a period (``citation.date_as_printed``, ``credit_as_printed``,
    #: ``closing_period`` in ``document.yaml``).
    date_as_printed: str | None = None
    credit_as_printed: str = ""
    #: The title as the sentence prints it, where it differs from the document's title.
    title_as_printed: str = ""
    closing_period: bool = True
    summary: str = ""
    language: str = ""  # of the text cited (the stream's)
    original_languages: tuple[str, ...] = ()
    #: ``citation.names``: how to split names for standard styles, by the name as recorded.
    name_forms: Mapping[str, Mapping[str, Any]] = field(default_factory=dict, compare=False)
    #: Who made the document (``creators``), each with a role; see :mod:`.creators`.
    creators: tuple[Creator, ...] = ()
    #: Everyone with the transcriber role on the cited stream's versions up to the one cited.
    transcribers: tuple[str, ...] = ()
    #: The cited stream's kind (``translation``, ``transcription``) and version (``DOC/en@1``).
    stream_kind: str = ""
    version: str = ""
    #: The named collection the document belongs to (``collection``), where recorded.
    collection: str = ""


def join_names(names: Sequence[str], serial_comma: bool = True) -> str:
    """``A``; ``A and B``; ``A, B, and C`` (or ``A, B and C`` without the serial comma)."""
    names = list(names)
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + ("," if serial_comma else "") + " and " + names[-1]


_ISO = re.compile(r"^(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?$")


def written_date(iso: str, day: str = "two-digit") -> str:
    """``1961-05-10`` -> ``May 10, 1961``; ``1950-01-07`` -> ``January 07, 1950`` (or
    ``January 7, 1950`` with ``day="numeric"``); ``1961-05`` -> ``May 1961``.  A date in any
    other form (a range, an uncertain date) is written as recorded."""
    m = _ISO.match(iso)
    if not m or (m["m"] and not 1 <= int(m["m"]) <= 12):
        return iso
    if not m["m"]:
        return m["y"]
    month = MONTHS[int(m["m"]) - 1]
    if not m["d"]:
        return f"{month} {m['y']}"
    d = m["d"] if day == "two-digit" else str(int(m["d"]))
    return f"{month} {d}, {m['y']}"


def credit_sentence(f: CitationFields, style: HouseStyle) -> str:
    """``Obtained by X and translated by Y and Z.``, ``Translated for NKIDP by Y.``, ..."""
    obtained = join_names(f.obtained_by, style.serial_comma)
    translators = join_names(f.translators, style.serial_comma)
    project = f" for {f.translated_for}" if f.translated_for else ""
    if obtained and translators and f.obtained_by == f.translators:
        return f"Obtained and translated{project} by {translators}."
    if obtained and translators:
        return f"Obtained by {obtained} and translated{project} by {translators}."
    if obtained:
        return f"Obtained{project} by {obtained}."
    if translators:
        return f"Translated{project} by {translators}."
    if f.contributed_by:
        return f"Contributed by {join_names(f.contributed_by, style.serial_comma)}."
    return ""


def render_sentence(f: CitationFields, style: HouseStyle) -> str:
    """The house citation sentence for ``f``, to the character."""
    title = f.title_as_printed or f.title
    head = f"{style.open_quote}{title},{style.close_quote}"
    parts = [p for p in (f.publisher or style.publisher, f.reference, f.pages) if p]
    if f.date_as_printed is not None:
        parts.insert(0, f.date_as_printed)
    elif f.date:
        parts.insert(0, written_date(f.date, style.day))
    tail = ", ".join(parts)
    if not tail:
        out = f"{style.open_quote}{title}.{style.close_quote}"
    elif f.closing_period and not tail.endswith((".", '."', ".\u201d")):
        out = f"{head} {tail}."
    else:
        out = f"{head} {tail}"
    credit = f.credit_as_printed or credit_sentence(f, style)
    if credit:
        out += " " + credit
    if f.url and style.url:
        out += " " + f.url
    return out


# -- parsing ---------------------------------------------------------------------------------

_DATE = (
    rf"(?:(?:{'|'.join(MONTHS)})\s+\d{{1,2}},\s*\d{{4}}|(?:{'|'.join(MONTHS)})\s+\d{{4}}"
    r"|\d{4})"
)
_OPEN = '"\u201c'
_CLOSE = '"\u201d'
_TITLE_END = re.compile(rf",(?P<q>[{_CLOSE}])\s+")
_AFTER_TITLE = re.compile(rf"^(?P<date>{_DATE}),\s+")
_URL = re.compile(r"\s+(?P<url>(?:https?://|www\.)\S+)$")
#: The end of the reference part and the start of the credit: ``. Obtained by``,
#: ``." Translated for CWIHP by`` (a publication's title closes with the period).
_CREDIT_START = re.compile(
    rf"(?P<end>\.[{_CLOSE}]?)\s+(?=(?:Obtained|Translated|Contributed)\b(?:\s+[\w-]+){{0,4}}?\s+by\s)"
)
_DAY = re.compile(r"\s(?P<day>\d{1,2}),")


@dataclass
class ParsedSentence:
    """A printed citation sentence taken apart."""

    text: str
    fields: CitationFields
    style: dict[str, object]  # the house-style settings the sentence shows (quotes, day, ...)
    problems: list[str] = field(default_factory=list)
    #: Parts of the sentence no field holds, as (label, text).
    unparsed: list[tuple[str, str]] = field(default_factory=list)
    #: The date slot exactly as printed (None when the sentence has none).
    date_text: str | None = None


def _title_end(text: str, publishers: Sequence[str]) -> re.Match[str] | None:
    """The ``,"`` that closes the title: the first one followed by a date, an empty date slot
    or a known publisher, else the first one."""
    first = None
    for m in _TITLE_END.finditer(text, 1):
        first = first or m
        after = text[m.end() :]
        if _AFTER_TITLE.match(after) or after.startswith(", "):
            return m
        if any(p and after.startswith(p) for p in publishers):
            return m
    return first


def parse_sentence(text: str, publishers: Sequence[str] = ()) -> ParsedSentence | None:
    """Take a printed house-style sentence apart; None when it is not one.

    ``publishers`` are names the sentence may carry after the date (the store's and the
    document's); when none matches, the text up to the first comma is taken as the publisher
    and this is reported in ``problems``.  Whatever the fields cannot say in the house form
    (an empty date slot, a credit in another wording, no closing period) is kept in the
    fields' ``date_as_printed``, ``credit_as_printed`` and ``closing_period``, so that
    :func:`render_sentence` gives the printed characters back.
    """
    text = text.strip()
    if not text or text[0] not in _OPEN:
        return None
    style: dict[str, object] = {"quotes": "straight" if text[0] == '"' else "curly"}
    end = _title_end(text, publishers)
    if end is None:
        return None
    title, rest = text[1 : end.start()], text[end.end() :]
    problems: list[str] = []
    unparsed: list[tuple[str, str]] = []
    if QUOTES[str(style["quotes"])][1] != end["q"]:
        problems.append("the opening and closing quotation marks differ")
    date_text: str | None = None
    d = _AFTER_TITLE.match(rest)
    if d:
        date_text, rest = d["date"], rest[d.end() :]
    elif rest.startswith(", "):
        date_text, rest = "", rest[2:]
    iso = page_fields.parse_printed_date(date_text) if date_text else ""
    day = _DAY.search(" " + (date_text or ""))
    if day and len(day["day"]) == 1:
        style["day"] = "numeric"
    elif day and day["day"].startswith("0"):
        style["day"] = "two-digit"

    url = ""
    url_match = _URL.search(rest)
    if url_match:
        url, rest = url_match["url"], rest[: url_match.start()]
    obtained: list[str] = []
    translators: list[str] = []
    contributed: list[str] = []
    project = ""
    credit_text = ""
    closing = True
    credit_match = _CREDIT_START.search(rest)
    if credit_match:
        credit_text = rest[credit_match.end() :]
        credit = page_fields.parse_credit(credit_text)
        if credit is None:
            unparsed.append(("citation credit", credit_text))
        else:
            obtained = [str(n) for n in credit["obtained_by"]]  # type: ignore[attr-defined]
            translators = [str(n) for n in credit["translators"]]  # type: ignore[attr-defined]
            contributed = [str(n) for n in credit["contributed_by"]]  # type: ignore[attr-defined]
            project = str(credit["translated_for"])
            if len(obtained) >= 3 or len(translators) >= 3:
                style["serial_comma"] = ", and " in credit_text
        keep = credit_match["end"] if len(credit_match["end"]) > 1 else ""
        rest = rest[: credit_match.start()] + keep
    elif rest.endswith("."):
        if not rest.endswith(('."', ".\u201d")):
            rest = rest[:-1]
    else:
        closing = False
    publisher = ""
    for name in sorted({p for p in publishers if p}, key=len, reverse=True):
        if rest == name or rest.startswith(name + ", "):
            publisher, rest = name, rest[len(name) + 2 :]
            break
    else:
        if ", " in rest:
            publisher, rest = rest.split(", ", 1)
            problems.append(f"publisher not one this store knows; took {publisher!r}")
        else:
            publisher, rest = rest, ""
    if ";" in rest:
        reference, pages = rest, ""
    else:
        reference, pages = page_fields.split_reference(rest) if rest else ("", "")
    result = CitationFields(
        title=title,
        date=iso or "",
        publisher=publisher,
        reference=reference,
        pages=pages,
        obtained_by=tuple(obtained),
        translators=tuple(translators),
        translated_for=project,
        url=url,
        contributed_by=tuple(contributed),
        closing_period=closing,
    )
    if credit_text:
        from .style import HouseStyle

        house = HouseStyle().updated(style)
        if credit_sentence(result, house) != credit_text:
            from dataclasses import replace

            result = replace(result, credit_as_printed=credit_text)
    if date_text and not iso:
        problems.append(f"date not understood: {date_text!r}")
    return ParsedSentence(text, result, style, problems, unparsed, date_text)
