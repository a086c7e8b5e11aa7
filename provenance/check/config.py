"""Which rules run, and how severe each is: built-in defaults, then ``[tool.provenance.check]``
in the nearest ``pyproject.toml``, then ``check:`` in the store's ``provenance.yaml``, then
``--select``/``--ignore`` on the command line (each later one wins)."""

from __future__ import annotations

import fnmatch
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..errors import SchemaError, UsageError
from ..yamldoc import YAMLDoc
from .findings import Rule, Severity
from .registry import RULES

CONFIG_SCHEMA = "check-config.schema.json"


@dataclass(frozen=True)
class CheckConfig:
    """The check settings of a store (see ``check-config.schema.json``)."""

    select: tuple[str, ...] = ("default",)
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, str] = field(default_factory=dict)
    citation_style: str = "house"
    published_ref: str | None = None
    sources: tuple[str, ...] = ()

    def merged(self, data: Mapping[str, Any], source: str) -> CheckConfig:
        """This configuration overridden by one section (already validated)."""
        severity = dict(self.severity)
        severity.update(data.get("severity", {}))
        return replace(
            self,
            select=tuple(data.get("select", self.select)),
            extend_select=tuple(data.get("extend_select", self.extend_select)),
            ignore=tuple(data.get("ignore", self.ignore)),
            severity=severity,
            citation_style=str(data.get("citation_style", self.citation_style)),
            published_ref=data.get("published_ref", self.published_ref),
            sources=(*self.sources, source),
        )

    def with_cli(self, select: Sequence[str] = (), ignore: Sequence[str] = ()) -> CheckConfig:
        """``--select`` replaces the selection; ``--ignore`` adds to what is ignored."""
        return replace(
            self,
            select=tuple(_split(select)) if select else self.select,
            extend_select=() if select else self.extend_select,
            ignore=(*self.ignore, *_split(ignore)),
        )


def _split(values: Iterable[str]) -> list[str]:
    return [p.strip() for v in values for p in v.split(",") if p.strip()]


def validate_section(
    data: Any,
    source: str,
    doc: YAMLDoc | None = None,
    prefix: str = "",
    line_of: Callable[[str], int | None] | None = None,
) -> dict[str, Any]:
    """Validate a check section; a bad one stops the check (exit 2) naming file and line
    (``doc`` or ``line_of`` give the line of a JSON pointer into the file)."""
    from .. import schema
    from ..suggest import did_you_mean

    def locate(pointer: str) -> int | None:
        if line_of is not None:
            return line_of(pointer)
        return doc.line_of(pointer) if doc is not None else None

    if isinstance(data, dict):  # name the unknown key's own line, not its parent's
        known = schema.load_schema(CONFIG_SCHEMA)["properties"]
        for key in data:
            if key not in known:
                pointer = f"{prefix}/{key}"
                raise SchemaError(
                    f"unknown check setting {key!r}{did_you_mean(str(key), known)} "
                    f"(settings are {', '.join(known)})",
                    path=source,
                    line=locate(pointer),
                    pointer=pointer,
                )
    for problem in schema.iter_problems(data, CONFIG_SCHEMA):
        pointer = prefix + (problem.pointer if problem.pointer != "/" else "")
        line = locate(pointer)
        raise SchemaError(
            f"check settings do not follow {CONFIG_SCHEMA}: {problem.message}",
            path=source,
            line=line,
            pointer=pointer or "/",
        )
    result: dict[str, Any] = data
    for key in ("select", "extend_select", "ignore"):
        for i, pattern in enumerate(result.get(key, [])):
            _expand(pattern, source, locate(f"{prefix}/{key}/{i}"))
    for pattern in result.get("severity", {}):
        _expand(pattern, source, locate(f"{prefix}/severity/{pattern}"))
    return result


def _expand(pattern: str, source: str | None = None, line: int | None = None) -> list[str]:
    """The codes a pattern names; one naming nothing is a mistake worth stopping for."""
    if pattern == "ALL":
        return list(RULES)
    if pattern == "default":
        return [code for code, rule in RULES.items() if rule.default]
    codes = [code for code in RULES if fnmatch.fnmatchcase(code, pattern)]
    if not codes:
        from ..suggest import close_names

        close = close_names(pattern, RULES)
        hint = f"did you mean {' or '.join(map(repr, close))}? " if close else ""
        raise UsageError(
            f"no rule matches {pattern!r}; {hint}'provenance check --list-rules' lists them",
            path=source,
            line=line,
        )
    return codes


def find_pyproject(start: Path) -> Path | None:
    """The nearest ``pyproject.toml`` from ``start`` upward, not past a git work tree's top."""
    for folder in (start, *start.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            return candidate
        if (folder / ".git").exists():
            return None
    return None


def pyproject_section(path: Path) -> dict[str, Any] | None:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise UsageError(f"cannot read settings: {exc}", path=path) from None
    section = data.get("tool", {}).get("provenance", {}).get("check")
    return section if section is not None else None


def pyproject_lines(path: Path) -> Callable[[str], int | None]:
    """The line of a setting in ``[tool.provenance.check]`` of a ``pyproject.toml`` by its
    JSON pointer (``/ignore``, ``/severity/rights-missing``): the TOML reader keeps no
    lines, so the key is looked for in its table (or its sub-table), else the table's
    header."""
    import re

    table = "tool.provenance.check"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        lines = []

    def line_of(pointer: str) -> int | None:
        parts = [p for p in pointer.split("/") if p]
        current, header = "", None
        key_line = None
        for number, raw in enumerate(lines, 1):
            text = raw.strip()
            if text.startswith("["):
                current = re.sub(r"[\[\]\s\"']", "", text)
                header = number if current == table and header is None else header
                continue
            for depth in (2, 1):
                if len(parts) < depth:
                    continue
                where = ".".join([table, *parts[: depth - 1]])
                key = re.escape(parts[depth - 1])
                if current == where and re.match(rf"^[\"']?{key}[\"']?\s*=", text):
                    return number
            if current == table and parts and re.match(rf"^{re.escape(parts[0])}\s*=", text):
                key_line = number
        return key_line or header

    return line_of


def load_config(
    store_root: Path,
    store_config: Mapping[str, Any] | None,
    store_doc: YAMLDoc | None,
    store_file: str,
) -> CheckConfig:
    """The store's check settings, from ``pyproject.toml`` and ``provenance.yaml``."""
    config = CheckConfig()
    pyproject = find_pyproject(store_root)
    if pyproject is not None:
        section = pyproject_section(pyproject)
        if section is not None:
            where = str(pyproject)
            lines = pyproject_lines(pyproject)
            config = config.merged(validate_section(section, where, line_of=lines), where)
    if store_config is not None and "check" in store_config:
        section = validate_section(store_config["check"], store_file, store_doc, "/check")
        config = config.merged(section, store_file)
    return config


def active_rules(config: CheckConfig) -> dict[str, Rule]:
    """The rules a configuration runs, each with its configured severity."""
    selected: list[str] = []
    for pattern in (*config.select, *config.extend_select):
        selected += [c for c in _expand(pattern) if c not in selected]
    ignored = {c for pattern in config.ignore for c in _expand(pattern)}
    severity: dict[str, str] = {}
    for pattern, value in config.severity.items():
        for code in _expand(pattern):
            severity[code] = value
    out: dict[str, Rule] = {}
    for code in RULES:
        if code not in selected or code in ignored or severity.get(code) == "off":
            continue
        rule = RULES[code]
        if code in severity:
            rule = replace(rule, severity=Severity(severity[code]))
        out[code] = rule
    return out


def configured_codes(config: CheckConfig) -> set[str]:
    """The codes whose severity the check settings fix (a finding's own severity, such as a
    bracket profile's, yields to these)."""
    return {code for pattern in config.severity for code in _expand(pattern)}
