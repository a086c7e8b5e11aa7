"""Value objects of the bracket layer: interventions, stray brackets, findings, a parse result.

Offsets are Python string indices (Unicode code points) into the text that was parsed;
``end`` is exclusive, so ``text[start:end]`` is the whole bracket with its signs.  Lines and
columns are 1-based and count code points; a line ends at ``\\n`` (so ``\\r\\n`` is one break).
"""

from __future__ import annotations

from collections import Counter
from typing import Any, NamedTuple, Union

#: Below this confidence a type is a guess and the intervention is flagged ``uncertain``.
UNCERTAIN_BELOW = 0.7


class Intervention(NamedTuple):
    """One bracketed span, ``[`` to its matching ``]``, with the type its profile gives it;
    or one marker (``kind="marker"``): a sign that is an intervention by itself, such as the
    ``//`` page break of a transcription, with ``open`` the sign, no ``close`` and no
    content.

    ``parts`` holds the content as it was found: plain strings and nested interventions, so
    ``str(intervention)`` rebuilds ``text[start:end]`` exactly.
    """

    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    depth: int
    open: str
    close: str
    parts: tuple[Node, ...]
    type: str
    label: str | None = None
    confidence: float = 1.0
    alternative: str | None = None
    rule: str | None = None
    before: str = ""
    after: str = ""
    glued_before: bool = False
    glued_after: bool = False
    opaque: bool = False
    kind: str = "bracket"

    def __str__(self) -> str:
        return self.open + "".join(str(p) for p in self.parts) + self.close

    @property
    def text(self) -> str:
        """The span with its brackets, exactly as in the text."""
        return str(self)

    @property
    def is_marker(self) -> bool:
        """A sign standing alone (``//``), not a bracketed span."""
        return self.kind == "marker"

    @property
    def content(self) -> str:
        """What stands between the brackets (nested brackets included)."""
        return "".join(str(p) for p in self.parts)

    @property
    def uncertain(self) -> bool:
        """The type is a guess (its confidence is low)."""
        return self.confidence < UNCERTAIN_BELOW

    @property
    def inside_word(self) -> bool:
        """Letters touch the bracket on either side (``F[oreign]``, ``comr[ade]``), or the
        marker (``Ки//тая``)."""
        return self.glued_before or self.glued_after

    @property
    def children(self) -> tuple[Intervention, ...]:
        return tuple(p for p in self.parts if isinstance(p, Intervention))

    def walk(self) -> list[Intervention]:
        """This intervention and every one nested in it, in text order."""
        out = [self]
        for child in self.children:
            out.extend(child.walk())
        return out

    def as_dict(self) -> dict[str, Any]:
        """The ledger item as JSON output carries it."""
        return {
            "text": self.text,
            "kind": self.kind,
            "type": self.type,
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "content": self.content,
            "label": self.label,
            "confidence": self.confidence,
            "uncertain": self.uncertain,
            "alternative": self.alternative,
            "rule": self.rule,
            "depth": self.depth,
            "inside_word": self.inside_word,
            "before": self.before,
            "after": self.after,
        }


class Stray(NamedTuple):
    """A bracket sign with no partner: a ``]`` nothing opened, or a ``[`` nothing closes."""

    char: str
    start: int
    line: int
    column: int

    def __str__(self) -> str:
        return self.char

    @property
    def end(self) -> int:
        return self.start + 1


#: One piece of a parsed text, in order: plain text, an intervention, or a stray bracket.
Node = Union[str, Intervention, Stray]  # noqa: UP007 - a runtime alias on Python 3.10


class Finding(NamedTuple):
    """One problem in the bracket layer, with a stable ``code`` for CI (see ``lint.CODES``)."""

    code: str
    severity: str  # error, warning, info
    message: str
    start: int
    end: int
    line: int
    column: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "column": self.column,
        }

    def __str__(self) -> str:
        return f"{self.line}:{self.column}: {self.severity}: {self.message} [{self.code}]"


class ParseResult(NamedTuple):
    """A text split into its bracket layer.

    ``nodes`` covers the whole text in order, so ``str(result) == text`` always;
    ``interventions`` lists every intervention (nested ones too) by position; ``ignored`` the
    bracketed spans the profile says are not editorial (``[email protected]``); ``findings``
    the unbalanced bracket signs.
    """

    text: str
    profile: str
    nodes: tuple[Node, ...]
    interventions: tuple[Intervention, ...]
    ignored: tuple[Intervention, ...] = ()
    strays: tuple[Stray, ...] = ()
    findings: tuple[Finding, ...] = ()

    def __str__(self) -> str:
        return "".join(str(n) for n in self.nodes)

    @property
    def counts(self) -> dict[str, int]:
        """How many interventions of each type, most frequent first (ties by name)."""
        counter = Counter(i.type for i in self.interventions)
        return dict(sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))

    def at(self, offset: int) -> Intervention | None:
        """The innermost intervention covering ``offset``, if any."""
        found = None
        for iv in self.interventions:
            if iv.start <= offset < iv.end:
                found = iv
            elif iv.start > offset:
                break
        return found
