"""A loaded YAML file: its data and the line of every value.  Apart from
:mod:`provenance.yamlio` so that code which only passes documents around (the check's
settings and rules) does not load the YAML library."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class YAMLDoc:
    """A loaded YAML file: its data and the line (1-based) of every value by JSON pointer."""

    data: Any
    path: str | None = None
    lines: dict[str, int] = field(default_factory=dict)

    def line_of(self, pointer: str) -> int | None:
        """The line of ``pointer``, or of its nearest ancestor that has one."""
        p = pointer
        while True:
            if p in self.lines:
                return self.lines[p]
            if not p:
                return None
            p = p.rsplit("/", 1)[0]
