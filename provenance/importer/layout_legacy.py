"""The older layouts: the date, the title, an optional funder line, a citation block holding
the summary and the full citation sentence, language labels, then the body.

* ``legacy``: the block opens with ``Citation`` / ``get citation`` (bulleted, ``• Citation``,
  in some crawls, with ``• share document`` after it); a label such as ``English HTML`` comes
  before the body.  Some crawls drop the search banner, the title line, the block's labels or
  the language label: the citation sentence (a line opening with a quotation mark that reads
  as one) is what marks the layout.
* ``legacy-caps``: the later variant, with the title in capitals, the block opening with
  ``CITATION SHARE DOWNLOAD`` and ``VIEW DOCUMENT IN`` before the language labels.

After the body may come ``Document Information`` or ``Related Documents`` and labelled fields
(``Original Archive``, ``Original Language``, ``Subjects Discussed``, ``Record ID``, ...).
"""

from __future__ import annotations

import re
from typing import Any

from . import fields, printed, sections
from .layout_current import CHROME
from .lines import Cursor, Line

BANNER = re.compile(r"\bsearch\b|digital archive", re.IGNORECASE)
#: Labels of the citation block and the chrome around it (compared without bullets, folded).
_BLOCK_LABELS = frozenset(
    {"citation", "get citation", "citation share download", "cite", "share document"}
)
_AFTER_CITATION = frozenset(
    {
        "share document",
        "view document in",
        "download",
        "print",
        "share",
        "email",
        "original scan",
        "pdf",
        "html",
    }
)
#: Labels after the body (the layout prints no ``Type``/``Source`` labels alone there).
_TRAILING = frozenset(
    {
        *sections.BODY_END,
        "Original Archive",
        "Original Language",
        "Record ID",
        "Original Uploaded Date",
    }
)
_BULLET = re.compile(r"^[\s\u2022\u00b7*]+")
_LINK = re.compile(r"https?://\S+")


def _bare(text: str) -> str:
    return _BULLET.sub("", text).strip().casefold()


def is_citation_line(text: str) -> bool:
    """A line that opens with a quotation mark and reads as a citation sentence."""
    from ..citation.house import parse_sentence

    if text[:1] not in '"\u201c':
        return False
    parsed = parse_sentence(text, printed.KNOWN_PUBLISHERS)
    return parsed is not None and (parsed.date_text is not None or bool(parsed.fields.url))


def parse_legacy(cur: Cursor, result: dict[str, Any], warnings: list[str]) -> tuple[str, list[str]]:
    return _parse(cur, result, warnings, "legacy")


def parse_legacy_caps(
    cur: Cursor, result: dict[str, Any], warnings: list[str]
) -> tuple[str, list[str]]:
    return _parse(cur, result, warnings, "legacy-caps")


def _where(cur: Cursor, line: Line) -> str:
    return f"line {cur.line_no(line)}"


def _parse(
    cur: Cursor, result: dict[str, Any], warnings: list[str], layout: str
) -> tuple[str, list[str]]:
    # 1. the search banner, up to the date
    date_line = None
    while (line := cur.peek()) is not None:
        cur.take()
        iso = fields.parse_printed_date(line.text)
        if iso is not None:
            result["date"], date_line = iso, line
            break
        if not (BANNER.search(line.text) or CHROME.match(line.text)):
            printed.unplaced(
                result,
                warnings,
                "before the date",
                line.text,
                f"{_where(cur, line)}: text before the date that is not the search banner",
            )
    if date_line is None:
        raise cur.error("no document date (like 'May 10, 1961') after the search banner")

    # 2. the citation sentence, and what comes between the date and it
    at = cur.find(is_citation_line)
    block_end = cur.find(lambda t: _bare(t) in _BLOCK_LABELS)
    translators: list[str] = []
    if at is not None and (block_end is None or len(cur.content(block_end, at)) <= 10):
        sentence = cur.lines[at]
        translators = printed.apply_citation(sentence.text, result, warnings, _where(cur, sentence))
    elif block_end is not None:  # a block without a sentence that reads as a citation
        at = _block_end(cur, block_end, result, warnings)
    else:
        raise cur.error("no citation sentence (a line like '\"Title,\" May 10, 1961, ...')")
    between = [
        ln for ln in cur.content(cur.i, at) if not printed.apply_funder_line(ln.text, result)
    ]
    labels = [j for j, ln in enumerate(between) if _bare(ln.text) in _BLOCK_LABELS]
    if labels:  # the block's label parts the title above from the summary below
        headings = between[: labels[0]]
        summary = [ln for ln in between[labels[0] :] if _bare(ln.text) not in _BLOCK_LABELS]
    else:  # no labels: the title line, when printed, is the citation's title
        n = 0
        while n < len(between) and _continues_heading(between[:n], between[n], result):
            n += 1
        headings, summary = between[:n], between[n:]
    if "title" not in result:
        if not headings:
            raise cur.error("no title: neither a title line nor a citation sentence")
        result["title"] = " ".join(h.text for h in headings)
        headings = []
    if summary:
        result["summary"] = "\n".join(line.text for line in summary)
    else:
        warnings.append("no summary in the citation block")
    _check_heading(cur, headings, result, warnings, layout)

    # 3. the block's chrome and the language labels, then the body up to the blocks after it
    cur.i = at + 1
    after_share = False
    while (line := cur.peek()) is not None:
        bare = _bare(line.text)
        chrome = bare in _AFTER_CITATION or bare in _BLOCK_LABELS
        # the link ``• share document`` prints, on the line after it
        link = after_share and _LINK.fullmatch(line.text.strip()) is not None
        if link and not result.get("url"):
            result["url"] = line.text.strip()
        if not (chrome or link or printed.apply_language(_BULLET.sub("", line.text), result)):
            break
        after_share = bare == "share document"
        cur.take()
    ends = cur.find(lambda t: sections.label_of(t) in _TRAILING)
    body_lines = cur.content(cur.i, ends if ends is not None else len(cur.lines))
    if not body_lines:
        raise cur.error("the page has no body text after its citation")
    body = cur.slice(body_lines[0], body_lines[-1])
    if ends is not None:
        result["_source_from_citation"] = True
        sections.apply_sections(cur, sections.split_sections(cur, ends), result, warnings)
        result.pop("_source_from_citation", None)
    return body, translators


def _block_end(cur: Cursor, label_at: int, result: dict[str, Any], warnings: list[str]) -> int:
    """The citation block holds no sentence that reads as a citation: the line where the
    block ends (its language label), keeping a line that opens with a quotation mark as an
    unplaced citation."""
    end = cur.find(
        lambda t: printed.apply_language(_BULLET.sub("", t), {}) or _bare(t) in _AFTER_CITATION,
        label_at + 1,
    )
    if end is None:
        raise cur.error("no citation sentence and no language label after the citation block")
    for line in cur.content(label_at + 1, end):
        if line.text[:1] in '"\u201c':
            printed.unplaced(
                result,
                warnings,
                "citation",
                line.text,
                f"{_where(cur, line)}: citation sentence not understood",
            )
            line.text = ""  # not summary either
    warnings.append("no citation sentence in the citation block")
    return end


def _continues_heading(headings: list[Line], line: Line, result: dict[str, Any]) -> bool:
    """``line`` (after ``headings``) is still a start of the citation's title."""
    joined = " ".join(h.text for h in [*headings, line]).casefold()
    return str(result.get("title", "")).casefold().startswith(joined)


def _check_heading(
    cur: Cursor, headings: list[Line], result: dict[str, Any], warnings: list[str], layout: str
) -> None:
    """The title line(s) must agree with the citation's title; the citation's wins, since the
    capitals of ``legacy-caps`` are typography."""
    heading = " ".join(line.text for line in headings)
    if heading and heading.casefold() != result["title"].casefold():
        printed.unplaced(
            result,
            warnings,
            "heading",
            heading,
            f"{_where(cur, headings[0])}: the title line differs from the citation's title",
        )
    if result.get("_citation_date") and result["_citation_date"] != result.get("date"):
        warnings.append(
            f"the citation's date ({result['_citation_date']}) differs from the "
            f"page's ({result.get('date')}); kept the page's"
        )
