"""The renderers: text grouped by file, JSON by its schema, GitHub workflow commands, JUnit
XML that parses, SARIF 2.1.0 that validates against the official schema."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from provenance import schema
from provenance.check import FORMATS, run_check
from provenance.check.findings import CheckResult
from provenance.check.render import format_text, result_data
from provenance.rendering import RenderOptions
from provenance.store import Store
from tests.conftest import SEED_ID, shared_path
from tests.test_check_rules import fixity_mismatch, schema_invalid, symlink


@pytest.fixture
def broken(seed_store: Store) -> CheckResult:
    folder = seed_store.root / SEED_ID
    schema_invalid(seed_store, folder)
    fixity_mismatch(seed_store, folder)
    symlink(seed_store, folder)
    (folder / "en" / "stream.yaml").write_text(
        (folder / "en" / "stream.yaml")
        .read_text(encoding="utf-8")
        .replace("translates: null", "translates: 'zh, with: comma %'"),
        encoding="utf-8",
    )
    return run_check(seed_store.root, use_cache=False)


def test_registry_keys_are_the_formats() -> None:
    assert list(FORMATS) == ["text", "json", "github", "junit", "sarif"]


def test_text_groups_by_file(broken: CheckResult) -> None:
    out = format_text(broken)
    files = [line for line in out.splitlines() if line.startswith("records/")]
    assert files == sorted(set(files)) and len(files) == len(broken.by_file())
    assert "\x1b[" not in out
    assert out.rstrip().endswith(f"in 1 document, {len(broken.checked_files)} files.")
    assert "\x1b[31merror" in format_text(broken, RenderOptions(color=True))


def test_json_follows_its_schema_and_equals_the_library(broken: CheckResult) -> None:
    data = json.loads(FORMATS["json"](broken))
    assert next(iter(data)) == "format_version"
    assert list(schema.iter_problems(data, "check-output.schema.json")) == []
    assert data == json.loads(json.dumps(result_data(broken)))
    assert data["summary"]["errors"] == broken.errors and data["ok"] is False


_COMMAND = re.compile(
    r"^::(error|warning|notice) file=([^,]+),line=(\d+),title=([a-z0-9-]+)"
    r"::(.+)$"
)


def test_github_prints_one_command_per_finding(broken: CheckResult) -> None:
    lines = FORMATS["github"](broken).splitlines()
    notes = [line for line in lines if line.startswith("::notice title=provenance check::")]
    assert len(notes) == len(broken.notes)
    lines = lines[: len(lines) - len(notes)]
    assert len(lines) == len(broken.findings) > 3
    for line, finding in zip(lines, broken.findings, strict=True):
        m = _COMMAND.match(line)
        assert m, line
        level = {"error": "error", "warning": "warning", "note": "notice"}
        assert m[1] == level[finding.severity.value]
        assert m[2].replace("%2C", ",").replace("%3A", ":") == finding.file
        assert int(m[3]) == (finding.line or 1)
        assert m[4] == finding.code
    # values are escaped: no raw newline, and '%' ',' ':' in data survive encoded
    text = FORMATS["github"](broken)
    assert "'zh, with: comma %25'" in text


def test_junit_parses(broken: CheckResult) -> None:
    root = ET.fromstring(FORMATS["junit"](broken))
    assert root.tag == "testsuites"
    suite = root.find("testsuite")
    assert suite is not None
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == ["(store)", SEED_ID]
    failure = cases[1].find("failure")
    assert failure is not None and "fixity-mismatch" in (failure.text or "")
    assert suite.get("failures") == "1" and suite.get("tests") == "2"


def test_junit_of_a_clean_store_has_no_failure(seed_store: Store) -> None:
    root = ET.fromstring(FORMATS["junit"](run_check(seed_store.root, use_cache=False)))
    assert root.find(".//failure") is None
    assert "rights-statement-missing" in (root.findtext(".//system-out") or "")


def _sarif_validator() -> object:
    from jsonschema import Draft7Validator

    path = shared_path("external-schemas", "sarif-schema-2.1.0.json")
    return Draft7Validator(json.loads(Path(path).read_text(encoding="utf-8")))


def test_sarif_validates(broken: CheckResult) -> None:
    validator = _sarif_validator()
    data = json.loads(FORMATS["sarif"](broken))
    errors = list(validator.iter_errors(data))  # type: ignore[attr-defined]
    assert errors == [], errors[:3]
    run = data["runs"][0]
    assert len(run["results"]) == len(broken.findings)
    rules = run["tool"]["driver"]["rules"]
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].startswith(
            "records/"
        )


def test_sarif_of_a_clean_store_validates(seed_store: Store) -> None:
    data = json.loads(
        FORMATS["sarif"](run_check(seed_store.root, use_cache=False, select=["fixity-*"]))
    )
    assert list(_sarif_validator().iter_errors(data)) == []  # type: ignore[attr-defined]
    assert data["runs"][0]["results"] == []
