"""What the older layouts share: a printed citation sentence, a language label, a funder line,
and labelled fields after the body.  Each helper fills the layout's ``result`` and reports
what it could not place as a warning, keeping the text in ``unplaced``."""

from __future__ import annotations

from typing import Any

from . import fields

#: Publisher names a citation sentence is known to carry after its date.
KNOWN_PUBLISHERS = (
    "History and Public Policy Program Digital Archive",
    "Wilson Center Digital Archive",
)


def unplaced(result: dict[str, Any], warnings: list[str], label: str, text: str, why: str) -> None:
    """Keep ``text`` verbatim under ``unplaced`` and say so."""
    result.setdefault("unplaced", []).append({"label": label, "text": text})
    warnings.append(f"{why}; kept verbatim in 'unplaced' ({label})")


def apply_citation(
    sentence: str,
    result: dict[str, Any],
    warnings: list[str],
    where: str,
    publishers: tuple[str, ...] = (),
) -> list[str]:
    """Read a printed citation sentence into ``result``; return the translators it names."""
    from ..citation.house import parse_sentence

    parsed = parse_sentence(sentence, (*publishers, *KNOWN_PUBLISHERS))
    if parsed is None:
        unplaced(
            result, warnings, "citation", sentence, f"{where}: citation sentence not understood"
        )
        return []
    f = parsed.fields
    for problem in parsed.problems:
        warnings.append(f"{where}: citation: {problem}")
    for label, text in parsed.unparsed:
        warnings.append(
            f"{where}: {label} not understood (who obtained or translated the document is not "
            f"recorded); kept verbatim in citation.credit_as_printed: {text!r}"
        )
    result["citation"] = {"as_printed": sentence}
    if f.credit_as_printed:
        result["citation"]["credit_as_printed"] = f.credit_as_printed
    if not f.closing_period:
        result["citation"]["closing_period"] = False
    result["_printed_style"] = parsed.style
    result["_citation_date_text"] = parsed.date_text
    result["title"] = f.title
    if f.date:
        result["_citation_date"] = f.date
    if f.publisher:
        result["publisher"] = f.publisher
    if f.reference or f.pages:
        source = result.setdefault("source", {})
        if f.reference:
            source["reference"] = f.reference
        if f.pages:
            source["pages"] = f.pages
    if f.obtained_by:
        result.setdefault("acquisition", {})["obtained_by"] = list(f.obtained_by)

    if f.translated_for:
        result.setdefault("acquisition", {})["translated_for"] = f.translated_for
    if f.contributed_by:
        result.setdefault("acquisition", {})["contributed_by"] = list(f.contributed_by)
    if f.url:
        result["url"] = f.url
    if f.credit_as_printed and not f.translators:
        return _translators_in(f.credit_as_printed)
    return list(f.translators)


def _translators_in(credit: str) -> list[str]:
    """The translators a credit in another wording names (``translation by X``), if any."""
    import re

    m = re.search(r"\btranslat(?:ed|ion)(?: for \S+)? by (?P<names>[^;.]+)", credit, re.I)
    if not m:
        return []
    names = re.sub(r"\s+(?:slightly|and)?\s*revised$", "", m["names"].strip())
    return fields.split_names(names)


def apply_funder_line(text: str, result: dict[str, Any]) -> bool:
    """A ``This document was made possible with support from ...`` line, if ``text`` is one.
    Its funders are used when the page prints no funder list."""
    if not fields.FUNDER_LINE.match(text):
        return False
    result["funder_line"] = text
    result["_line_funders"] = fields.funders_of(text)
    return True


def apply_language(label: str, result: dict[str, Any]) -> bool:
    """A language label (``English HTML``): the body's language and whether it is a
    transcription; False when ``label`` is not one."""
    parsed = fields.parse_language_label(label)
    if parsed is None:
        return False
    tag, kind = parsed
    if "language" not in result:
        result["language"] = tag
        if kind in ("Transcript", "Transcription", "Original", "Original Scan", "Scan"):
            result["kind"] = "transcription"
    return True


#: Labelled fields printed after the body, by their label (compared case-insensitively).
TRAILING_LABELS = (
    "Document Information",
    "Related Documents",
    "Source",
    "Original Archive",
    "Original Language",
    "Subjects Discussed",
    "Record ID",
    "Original Uploaded Date",
)
_TRAILING = {label.casefold(): label for label in TRAILING_LABELS}


def trailing_label(text: str) -> str | None:
    """The canonical label ``text`` is (``SUBJECTS DISCUSSED`` -> ``Subjects Discussed``)."""
    return _TRAILING.get(text.strip().rstrip(":").casefold())


def apply_trailing(
    sections: list[tuple[str, list[str], int]], result: dict[str, Any], warnings: list[str]
) -> None:
    """Labelled fields after the body: ``(label, value lines, line number)`` each."""
    for label, values, line_no in sections:
        text = "\n".join(values)
        where = f"line {line_no}"
        if label == "Document Information" and not values:
            continue
        if label == "Original Archive" and values:
            result.setdefault("source", {})["archive"] = " ".join(values)
        elif label == "Original Language" and values:
            tags = fields.language_tags(" ".join(values))
            if tags is None:
                unplaced(result, warnings, label, text, f"{where}: language not known")
            else:
                result["languages"] = tags
        elif label == "Subjects Discussed":
            result["subjects"] = list(values)
        elif label == "Record ID":
            result["record_id"] = " ".join(values)
        elif label == "Original Uploaded Date":
            result["uploaded"] = " ".join(values)
        elif label == "Source" and values:
            _check_source(" ".join(values), result, warnings, where)
        else:
            unplaced(result, warnings, label, text, f"{where}: {label!r} is not a document field")


def repeats_citation_source(text: str, result: dict[str, Any]) -> bool:
    """Whether the source line ``text`` gives the same reference and pages as the citation
    sentence already placed in ``result``."""
    parsed = fields.parse_source_sentence(text)
    source = result.get("source", {})
    return (
        parsed is not None
        and parsed["reference"] == source.get("reference")
        and parsed["pages"] == source.get("pages", "")
    )


def _check_source(text: str, result: dict[str, Any], warnings: list[str], where: str) -> None:
    """A ``Source`` field repeating the citation's reference and credit: checked, not kept twice."""
    if repeats_citation_source(text, result):
        return
    unplaced(
        result, warnings, "Source", text, f"{where}: the Source field does not match the citation"
    )
