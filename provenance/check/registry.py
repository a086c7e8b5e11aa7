"""The registry of rules: every code ``provenance check`` can report, with its default severity,
a one-line description and the function that finds it.

A rule function takes the context of its scope (see :mod:`.context`) and yields :class:`Raw`
findings; the runner adds the file, the line (from the YAML parser's marks, by JSON pointer),
the severity configured for the store and the document.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

from .findings import SCOPES, Rule, Severity

#: Every rule by code, in the order registered (the order ``--help`` and the README list them).
RULES: dict[str, Rule] = {}

F = TypeVar("F", bound=Callable[..., Iterable[Any]])


@dataclass(frozen=True)
class Raw:
    """A finding as a rule function yields it: what, and where inside the rule's context.

    ``file`` is only given when the finding belongs to another file than the context's own
    (a stream rule naming one version's text); ``line`` only when no JSON pointer gives it;
    ``severity`` only when the finding's own source decides it (a bracket profile's ``lint:``)
    rather than the rule's default.
    """

    message: str
    pointer: str | None = None
    line: int | None = None
    file: str | None = None
    severity: str | None = None
    column: int | None = None


def register(
    code: str,
    severity: Severity | str,
    description: str,
    scope: str,
    *,
    default: bool = True,
    origin: str = "provenance.check",
    func: Callable[..., Iterable[Any]] | None = None,
) -> Rule:
    """Add a rule to :data:`RULES` (a code registered twice is a programming error)."""
    if scope not in SCOPES:
        raise ValueError(f"unknown rule scope {scope!r}")
    if code in RULES:
        raise ValueError(f"rule {code!r} is registered twice")
    rule = Rule(code, Severity(severity), description, scope, func, default, origin)
    RULES[code] = rule
    return rule


def rule(
    code: str, severity: Severity | str, description: str, scope: str, *, default: bool = True
) -> Callable[[F], F]:
    """Decorator form of :func:`register` for rule functions."""

    def wrap(func: F) -> F:
        register(code, severity, description, scope, default=default, func=func)
        return func

    return wrap


def rules_in(scope: str) -> Iterator[Rule]:
    return (r for r in RULES.values() if r.scope == scope and r.func is not None)
