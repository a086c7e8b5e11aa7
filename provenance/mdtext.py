"""Markdown pieces built from text nobody controls (file names, ids, metadata values)."""

from __future__ import annotations

import re

_TICKS = re.compile(r"`+")


def md_code(text: str, *, table: bool = False) -> str:
    """``text`` as one Markdown code span, whatever it holds: the fence is one backtick longer
    than the longest run inside (so a backtick in a file name cannot close the span early),
    padded where the text starts or ends with a backtick; line breaks become ``↵`` and, in a
    table cell, ``|`` is escaped."""
    text = text.replace("\r\n", " ↵ ").replace("\n", " ↵ ").replace("\r", " ↵ ")
    if table:
        text = text.replace("|", "\\|")
    longest = max((len(m) for m in _TICKS.findall(text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or not text.strip() else ""
    return f"{fence}{pad}{text}{pad}{fence}"
