"""Which rules run, and how severe each is: built-in defaults, then ``[tool.provenance.check]``
in the nearest ``pyproject.toml``, then ``check:`` in the store's ``provenance.yaml``, then
``--select``/``--ignore`` on the command line (each later one wins)."""

from __future__ import annotations

import fnmatch
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..errors import SchemaError, UsageError
from ..yamlio import YAMLDoc
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
    data: Any, source: str, doc: YAMLDoc | None = None, prefix: str = ""
) -> dict[str, Any]:
    """Validate a check section; a bad one stops the check (exit 2) naming file and line."""
    from .. import schema

    if isinstance(data, dict):  # name the unknown key's own line, not its parent's
        known = schema.load_schema(CONFIG_SCHEMA)["properties"]
        for key in data:
            if key not in known:
                pointer = f"{prefix}/{key}"
                raise SchemaError(
                    f"unknown check setting {key!r}; settings are {', '.join(known)}",
                    path=source,
                    line=doc.line_of(pointer) if doc is not None else None,
                    pointer=pointer,
                )
    for problem in schema.iter_problems(data, CONFIG_SCHEMA):
        pointer = prefix + (problem.pointer if problem.pointer != "/" else "")
        line = doc.line_of(pointer) if doc is not None else None
        raise SchemaError(
            f"check settings do not follow {CONFIG_SCHEMA}: {problem.message}",
            path=source,
            line=line,
            pointer=pointer or "/",
        )
    result: dict[str, Any] = data
    for key in ("select", "extend_select", "ignore"):
        for pattern in result.get(key, []):
            _expand(pattern, source)
    for pattern in result.get("severity", {}):
        _expand(pattern, source)
    return result


def _expand(pattern: str, source: str | None = None) -> list[str]:
    """The codes a pattern names; one naming nothing is a mistake worth stopping for."""
    if pattern == "ALL":
        return list(RULES)
    if pattern == "default":
        return [code for code, rule in RULES.items() if rule.default]
    codes = [code for code in RULES if fnmatch.fnmatchcase(code, pattern)]
    if not codes:
        where = f" (in {source})" if source else ""
        raise UsageError(
            f"no rule matches {pattern!r}{where}; 'provenance check --list-rules' lists them"
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
            config = config.merged(validate_section(section, where), where)
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
