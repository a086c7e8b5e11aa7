"""Rule selection and severities: provenance.yaml's check section, pyproject.toml, the
command line, and the schema that guards the settings."""

from __future__ import annotations

from pathlib import Path

import pytest

from provenance.check import RULES, CheckConfig, active_rules, run_check
from provenance.errors import SchemaError, UsageError
from provenance.store import Store


def settings(store: Store, section: str) -> None:
    path = store.root / "provenance.yaml"
    path.write_text(path.read_text(encoding="utf-8") + section, encoding="utf-8")


def codes(store: Store, **kw: object) -> set[str]:
    return {
        f.code
        for f in run_check(
            store.root,
            use_cache=False,  # type: ignore[arg-type]
            **kw,
        ).findings
    }


def test_default_set_is_every_rule_but_the_opt_in_ones() -> None:
    active = active_rules(CheckConfig())
    assert set(active) == {c for c, r in RULES.items() if r.default}
    assert "funder-uncredited" not in active and "fixity-mismatch" in active


def test_ignore_in_store_settings(seed_store: Store) -> None:
    settings(seed_store, "check:\n  ignore: [rights-statement-missing]\n")
    assert codes(seed_store) == set()


def test_severity_in_store_settings(seed_store: Store) -> None:
    settings(seed_store, "check:\n  severity:\n    rights-*: error\n")
    result = run_check(seed_store.root, use_cache=False)
    assert result.exit_code == 1 and result.findings[0].severity.value == "error"


def test_severity_off_and_select_all(seed_store: Store) -> None:
    settings(
        seed_store, "check:\n  select: [ALL]\n  severity:\n    rights-statement-missing: off\n"
    )
    assert codes(seed_store) == {"funder-uncredited"}


def test_extend_select_adds_to_the_default_set(seed_store: Store) -> None:
    settings(seed_store, "check:\n  extend_select: [funder-uncredited]\n")
    assert codes(seed_store) == {"funder-uncredited", "rights-statement-missing"}


def test_command_line_select_replaces_and_ignore_adds(seed_store: Store) -> None:
    settings(seed_store, "check:\n  select: [ALL]\n")
    assert codes(seed_store, select=["funder-*"]) == {"funder-uncredited"}
    assert codes(seed_store, ignore=["rights-statement-missing"]) == {"funder-uncredited"}
    assert codes(seed_store, select=["default,funder-uncredited"], ignore=["funder-*"]) == {
        "rights-statement-missing"
    }


def test_citation_style_setting(seed_store: Store) -> None:
    settings(seed_store, "check:\n  citation_style: apa\n")
    result = run_check(seed_store.root, use_cache=False)
    [hit] = [f for f in result.findings if f.code == "citation-incomplete"]
    assert hit.pointer == "/url" and "apa citation" in hit.message


def test_pyproject_settings_and_store_settings_win(tmp_path: Path, seed_store: Store) -> None:
    (tmp_path / "pyproject.toml").write_text(
        "[tool.provenance.check]\nignore = ['rights-*']\nextend_select = ['funder-uncredited']\n",
        encoding="utf-8",
    )
    assert codes(seed_store) == {"funder-uncredited"}
    settings(seed_store, "check:\n  ignore: []\n")
    assert codes(seed_store) == {"funder-uncredited", "rights-statement-missing"}


def test_bad_settings_stop_the_check_with_file_and_line(seed_store: Store) -> None:
    settings(seed_store, "check:\n  ignore: [fixity-mismatch]\n  selct: [ALL]\n")
    with pytest.raises(SchemaError) as info:
        run_check(seed_store.root, use_cache=False)
    assert info.value.path == "records/provenance.yaml"
    assert info.value.line == 10 and "selct" in str(info.value)


def test_bad_severity_value(seed_store: Store) -> None:
    settings(seed_store, "check:\n  severity:\n    fixity-mismatch: fatal\n")
    with pytest.raises(SchemaError) as info:
        run_check(seed_store.root, use_cache=False)
    assert info.value.pointer == "/check/severity/fixity-mismatch"


def test_unknown_rule_is_a_usage_error(seed_store: Store) -> None:
    settings(seed_store, "check:\n  ignore: [fixity-mismatsh]\n")
    with pytest.raises(UsageError, match="no rule matches 'fixity-mismatsh'"):
        run_check(seed_store.root, use_cache=False)
    with pytest.raises(UsageError):
        run_check(seed_store.root, use_cache=False, select=["nothing-*"])
