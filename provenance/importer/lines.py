"""Lines of a saved page and a cursor over them, shared by every layout's parser."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..errors import ImportParseError


@dataclass
class Line:
    """One line of a page: where it starts and ends in the page text, and its stripped text."""

    start: int
    end: int  # end of the text, before the line break
    stop: int  # after the line break
    text: str


def split_lines(text: str) -> list[Line]:
    out = []
    for m in re.finditer(r"([^\r\n]*)(\r\n|\r|\n|$)", text):
        if m.start() == len(text) and not m.group(0):
            break
        out.append(Line(m.start(1), m.end(1), m.end(2), m.group(1).strip()))
    return out


class Cursor:
    """Walks the non-empty lines of a page."""

    def __init__(self, text: str, path: str | None) -> None:
        self.text = text
        self.path = path
        self.lines = split_lines(text)
        self.i = 0

    def line_no(self, line: Line) -> int:
        return self.text.count("\n", 0, line.start) + 1

    def skip_blank(self) -> None:
        while self.i < len(self.lines) and not self.lines[self.i].text:
            self.i += 1

    def peek(self) -> Line | None:
        self.skip_blank()
        return self.lines[self.i] if self.i < len(self.lines) else None

    def take(self) -> Line:
        line = self.peek()
        if line is None:
            raise ImportParseError("page ends too early", path=self.path)
        self.i += 1
        return line

    def find(self, pred: Callable[[str], bool], start: int | None = None) -> int | None:
        for j in range(self.i if start is None else start, len(self.lines)):
            if self.lines[j].text and pred(self.lines[j].text):
                return j
        return None

    def content(self, start: int, end: int) -> list[Line]:
        """The non-empty lines with index in ``[start, end)``."""
        return [line for line in self.lines[start:end] if line.text]

    def slice(self, first: Line, last: Line) -> str:
        """The page text from ``first`` to the end of ``last``, with its line break."""
        return self.text[first.start : last.stop]

    def error(self, message: str, line: Line | None = None) -> ImportParseError:
        return ImportParseError(message, path=self.path, line=self.line_no(line) if line else None)


#: What a layout parser returns: the body exactly as printed and the translators' names.
#: It fills ``result`` (document fields) and ``warnings`` as it goes.
LayoutParser = Callable[[Cursor, dict[str, Any], list[str]], tuple[str, list[str]]]
