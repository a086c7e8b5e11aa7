"""Renderers of a :class:`CheckResult`, chosen from :data:`FORMATS` by ``--format``."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .. import __version__
from ..rendering import PLAIN, RenderOptions
from .findings import CheckResult, Finding, Rule, Severity

if TYPE_CHECKING:
    from ..rendering import Formats

FORMAT_VERSION = 1
TOOL_URI = "https://pypi.org/project/provenance/"

_COLOURS = {Severity.error: "\x1b[31m", Severity.warning: "\x1b[33m", Severity.note: "\x1b[36m"}
_BOLD, _DIM, _RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary_line(result: CheckResult) -> str:
    counts = [_plural(result.count(s), s.value) for s in Severity if result.count(s)]
    what = (
        f"{_plural(result.stats.documents, 'document')}, "
        f"{_plural(len(result.checked_files), 'file')}"
    )
    if not result.findings:
        return f"All clear: no findings in {what}."
    return f"{_plural(len(result.findings), 'finding')} ({', '.join(counts)}) in {what}."


def format_text(result: CheckResult, options: RenderOptions = PLAIN) -> str:
    """Findings grouped by file: ``line  severity  code  message  (pointer)``."""
    color = options.color
    lines = []
    for file, findings in result.by_file().items():
        lines.append(f"{_BOLD}{file}{_RESET}" if color else file)
        for f in findings:
            where = (f"{f.line}:{f.column}" if f.column else str(f.line)) if f.line else "-"
            severity = f.severity.value
            if color:
                severity = f"{_COLOURS[f.severity]}{severity}{_RESET}"
            pad = " " * (7 - len(f.severity.value))
            pointer = f"  ({f.pointer})" if f.pointer else ""
            if color and pointer:
                pointer = f"{_DIM}{pointer}{_RESET}"
            lines.append(f"  {where:>4}  {severity}{pad}  {f.code}  {f.message}{pointer}")
        lines.append("")
    lines.extend(f"note: {n}" for n in result.notes)
    lines.append(summary_line(result))
    return "\n".join(lines) + "\n"


def result_data(result: CheckResult) -> dict[str, Any]:
    """The JSON output (``check-output.schema.json``)."""
    return {
        "format_version": FORMAT_VERSION,
        "tool": {"name": "provenance", "version": __version__},
        "store": result.store,
        "since": result.since,
        "published": result.published,
        "notes": list(result.notes),
        "ok": result.ok,
        "summary": {
            "documents": result.stats.documents,
            "files": len(result.checked_files),
            "findings": len(result.findings),
            "errors": result.count(Severity.error),
            "warnings": result.count(Severity.warning),
            "notes": result.count(Severity.note),
        },
        "findings": [f.as_dict() for f in result.findings],
        "rules": [r.as_dict() | {"severity": r.severity.value} for r in result.rules],
    }


def format_json(result: CheckResult, options: RenderOptions = PLAIN) -> str:
    return json.dumps(result_data(result), ensure_ascii=False, indent=2) + "\n"


def _gh_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


_GH_LEVEL = {Severity.error: "error", Severity.warning: "warning", Severity.note: "notice"}


def format_github(result: CheckResult, options: RenderOptions = PLAIN) -> str:
    """One GitHub Actions workflow command per finding, so each shows on its file and line."""
    out = []
    for f in result.findings:
        message = f.message + (f" ({f.pointer})" if f.pointer else "")
        column = f",col={f.column}" if f.column and f.line else ""
        out.append(
            f"::{_GH_LEVEL[f.severity]} file={_gh_property(f.file)},"
            f"line={f.line or 1}{column},title={_gh_property(f.code)}::{_gh_data(message)}"
        )
    out += [f"::notice title=provenance check::{_gh_data(n)}" for n in result.notes]
    return "".join(line + "\n" for line in out)


def format_junit(result: CheckResult, options: RenderOptions = PLAIN) -> str:
    """JUnit XML: one test case per document (and one for the store's settings); a document
    with error-level findings fails, listing every finding; warnings go to system-out."""
    from xml.sax.saxutils import escape, quoteattr  # loads urllib and http: only for JUnit

    cases: dict[str, list[Finding]] = {"(store)": []}
    for doc in result.checked_documents:
        cases[doc] = []
    for f in result.findings:
        cases.setdefault(f.document or "(store)", []).append(f)
    failed = sum(1 for fs in cases.values() if any(f.severity is Severity.error for f in fs))
    body = []
    for name, findings in cases.items():
        attrs = f'classname={quoteattr("provenance.check")} name={quoteattr(name)} time="0"'
        if not findings:
            body.append(f"    <testcase {attrs}/>")
            continue
        listing = "\n".join(
            f"{f.location()}: {f.severity.value}: {f.code}: {f.message}"
            + (f" ({f.pointer})" if f.pointer else "")
            for f in findings
        )
        errors = [f for f in findings if f.severity is Severity.error]
        body.append(f"    <testcase {attrs}>")
        if errors:
            message = f"{_plural(len(errors), 'error')}: " + ", ".join(
                sorted({f.code for f in errors})
            )
            body.append(
                f"      <failure message={quoteattr(message)} "
                f"type={quoteattr(errors[0].code)}>{escape(listing)}</failure>"
            )
        else:
            body.append(f"      <system-out>{escape(listing)}</system-out>")
        body.append("    </testcase>")
    head = (
        f'  <testsuite name="provenance check" tests="{len(cases)}" failures="{failed}" '
        f'errors="0" skipped="0" time="{result.stats.seconds}">'
    )
    return (
        "\n".join(
            [
                '<?xml version="1.0" encoding="UTF-8"?>',
                f'<testsuites name="provenance check" tests="{len(cases)}" '
                f'failures="{failed}" errors="0">',
                head,
                *body,
                "  </testsuite>",
                "</testsuites>",
            ]
        )
        + "\n"
    )


_SARIF_LEVEL = {Severity.error: "error", Severity.warning: "warning", Severity.note: "note"}


def sarif_data(result: CheckResult) -> dict[str, Any]:
    """A SARIF 2.1.0 log: the rules applied and one result per finding."""
    index = {r.code: i for i, r in enumerate(result.rules)}
    rules = [
        {
            "id": r.code,
            "name": r.code,
            "shortDescription": {"text": r.description},
            "defaultConfiguration": {"level": _SARIF_LEVEL[r.severity]},
        }
        for r in result.rules
    ]
    results = []
    for f in result.findings:
        location: dict[str, Any] = {"artifactLocation": {"uri": f.file, "uriBaseId": "%SRCROOT%"}}
        if f.line:
            location["region"] = {"startLine": f.line}
            if f.column:
                location["region"]["startColumn"] = f.column
        item: dict[str, Any] = {
            "ruleId": f.code,
            "level": _SARIF_LEVEL[f.severity],
            "message": {"text": f.message},
            "locations": [{"physicalLocation": location}],
        }
        if f.code in index:
            item["ruleIndex"] = index[f.code]
        if f.pointer is not None:
            item["properties"] = {"pointer": f.pointer}
        results.append(item)
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "provenance check",
                        "version": __version__,
                        "informationUri": TOOL_URI,
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
                "invocations": [
                    {
                        "executionSuccessful": True,
                        "toolExecutionNotifications": [
                            {"level": "note", "message": {"text": n}} for n in result.notes
                        ],
                    }
                ],
            }
        ],
    }


def format_sarif(result: CheckResult, options: RenderOptions = PLAIN) -> str:
    return json.dumps(sarif_data(result), ensure_ascii=False, indent=2) + "\n"


#: Renderers by ``--format`` name: ``render(result, options) -> str`` (:mod:`provenance.rendering`).
FORMATS: Formats[CheckResult, RenderOptions] = {
    "text": format_text,
    "json": format_json,
    "github": format_github,
    "junit": format_junit,
    "sarif": format_sarif,
}


def format_rules_text(rules: Sequence[Rule], options: RenderOptions = PLAIN) -> str:
    """``check --list-rules``: one rule per line, ``code  severity  default  description``."""
    width = max((len(r.code) for r in rules), default=4)
    lines = [f"{'code':<{width}}  severity  default  description"]
    for r in rules:
        lines.append(
            f"{r.code:<{width}}  {r.severity.value:<8}  "
            f"{'yes' if r.default else 'no':<7}  {r.description}"
        )
    return "\n".join(lines) + "\n"


def format_rules_json(rules: Sequence[Rule], options: RenderOptions = PLAIN) -> str:
    """``check --list-rules --format json``: ``schemas/check-rules-output.schema.json``."""
    data = {
        "format_version": FORMAT_VERSION,
        "rules": [
            {
                "code": r.code,
                "severity": r.severity.value,
                "default": r.default,
                "scope": r.scope,
                "origin": r.origin,
                "description": r.description,
            }
            for r in rules
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


#: ``check --list-rules`` renderers by ``--format`` name (the other formats report findings).
RULE_FORMATS: Formats[Sequence[Rule], RenderOptions] = {
    "text": format_rules_text,
    "json": format_rules_json,
}
