"""The current layout (the seed page's): the date, the title, a funder line, the body, the
summary, then blocks such as ``Associated People & Organizations`` and ``Document
Information`` (source sentence, rights, ``Original Uploaded Date``, ``Record ID``, funders).

Crawls and mirrors print it in several ways, all read here: with or without the ``Skip to
content`` line, with blank lines between paragraphs or single newlines only, with the field
labels on their own lines, run together on one line or missing (see :mod:`.sections`).  A
page cut short (no ``Document Information``) is read as far as it goes, with a warning for
each part that is missing.
"""

from __future__ import annotations

import re
from typing import Any

from . import fields, printed, sections
from .lines import Cursor

#: Site chrome that may come before the date.
CHROME = re.compile(
    r"^(?:Skip to (?:main )?content|Search(?: in| the Digital Archive)?|Advanced Search|"
    r"Digital Archive(?: International History Declassified)?|"
    r"International History Declassified|Menu|Home|Browse|Results:?)$",
    re.IGNORECASE,
)


def parse(cur: Cursor, result: dict[str, Any], warnings: list[str]) -> tuple[str, list[str]]:
    """Read a page in the current layout into ``result``; return its body and translators."""
    date_line = None
    while (line := cur.peek()) is not None:
        cur.take()
        iso = fields.parse_printed_date(line.text)
        if iso is not None:
            result["date"], date_line = iso, line
            break
        if not CHROME.match(line.text):
            printed.unplaced(
                result,
                warnings,
                "before the date",
                line.text,
                f"line {cur.line_no(line)}: text before the date that is not page chrome",
            )
    if date_line is None:
        raise cur.error("no document date (like 'May 10, 1961') at the top of the page")
    title = cur.peek()
    if title is None or sections.is_body_end(title.text):
        raise cur.error("no title after the document date", date_line)
    cur.take()
    result["title"] = title.text
    nxt = cur.peek()
    if nxt is not None and printed.apply_funder_line(nxt.text, result):
        cur.take()

    end = cur.find(sections.is_body_end)
    content = cur.content(cur.i, end if end is not None else len(cur.lines))
    if end is None:
        last = cur.line_no(content[-1]) if content else cur.line_no(title)
        warnings.append(
            f"no 'Document Information' block: the page seems cut short after line {last}; "
            "the text after the title is taken as the body"
        )
        warnings.extend(
            f"no {part}: the page ends before it" for part in ("summary", "source line", "rights")
        )
        if not content:
            raise cur.error("the page has no body text after its title")
        body_lines = content
    else:
        if not content:
            raise cur.error("the page has no body text before its summary", cur.lines[end])
        if len(content) == 1:
            warnings.append("no summary before the blocks after the body")
            body_lines = content
        else:
            result["summary"] = content[-1].text
            body_lines = content[:-1]
    body = cur.slice(body_lines[0], body_lines[-1])
    if end is not None:
        blocks = sections.split_sections(cur, end)
        sections.apply_sections(cur, blocks, result, warnings)
        labels = {b.label for b in blocks}
        if "Document Information" not in labels:
            warnings.append("no 'Document Information' block: the page seems cut short")
        if not result.get("source"):
            warnings.append("no source line under 'Document Information'")
        if not result.get("rights"):
            warnings.append("no rights text under 'Document Information'")
        result.setdefault("record_id", "")
        result.setdefault("uploaded", "")
    return body, list(result.pop("_translators", []))
