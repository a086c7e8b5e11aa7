"""Value objects of a check: severities, rules, findings and the result of a run."""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any


class Severity(str, enum.Enum):
    """How much a finding matters.  Only ``error`` makes ``provenance check`` exit 1."""

    error = "error"
    warning = "warning"
    note = "note"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "note": 2}[self.value]


#: The scopes a rule works in (what its function is given).
SCOPES = ("meta", "document", "text", "stream", "folder", "store", "history")


@dataclass(frozen=True)
class Rule:
    """One rule: a stable code, its default severity, one line saying what it finds, and the
    function that finds it (``None`` for rules the runner reports itself while reading files,
    such as ``yaml-malformed``)."""

    code: str
    severity: Severity
    description: str
    scope: str
    func: Callable[..., Iterable[Any]] | None = field(default=None, compare=False, repr=False)
    default: bool = True
    origin: str = "provenance.check"

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity.value,
            "description": self.description,
            "default": self.default,
        }


@dataclass(frozen=True, order=True)
class Finding:
    """One problem found: which rule, how severe, what, and where (the file relative to the
    store's parent folder, the line in it where known (and the column, in code points, where
    a text's change was located), and a JSON pointer into the YAML)."""

    file: str
    line: int | None
    code: str
    severity: Severity
    message: str
    pointer: str | None = None
    document: str | None = None
    column: int | None = None

    def sort_key(self) -> tuple[str, int, str, str]:
        return (self.file, self.line or 0, self.code, self.message)

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "file": self.file,
            "line": self.line,
            "pointer": self.pointer,
            "document": self.document,
            "column": self.column,
        }

    def location(self) -> str:
        if not self.line:
            return self.file
        return f"{self.file}:{self.line}" + (f":{self.column}" if self.column else "")


@dataclass(frozen=True)
class Stats:
    """What a run looked at, and how much came from the cache."""

    documents: int = 0
    files: int = 0
    cached: int = 0
    analysed: int = 0
    workers: int = 1
    seconds: float = 0.0


@dataclass(frozen=True)
class CheckResult:
    """Everything one run of the check found, in a stable order, with the rules it applied."""

    store: str
    findings: tuple[Finding, ...]
    rules: tuple[Rule, ...]
    stats: Stats = Stats()
    since: str | None = None
    published: str | None = None
    notes: tuple[str, ...] = ()
    checked_files: tuple[str, ...] = ()
    checked_documents: tuple[str, ...] = ()

    def count(self, severity: Severity | str) -> int:
        value = Severity(severity)
        return sum(1 for f in self.findings if f.severity is value)

    @property
    def errors(self) -> int:
        return self.count(Severity.error)

    @property
    def ok(self) -> bool:
        """True when there is no error-level finding (warnings and notes do not fail)."""
        return self.errors == 0

    @property
    def exit_code(self) -> int:
        return 0 if self.ok else 1

    def by_file(self) -> dict[str, list[Finding]]:
        out: dict[str, list[Finding]] = {}
        for f in self.findings:
            out.setdefault(f.file, []).append(f)
        return out

    def rule(self, code: str) -> Rule | None:
        for r in self.rules:
            if r.code == code:
                return r
        return None
