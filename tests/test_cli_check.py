"""``provenance check`` on the command line: exit codes, formats, paths, options."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest

from provenance.check import RULES, run_check
from provenance.check.render import result_data
from provenance.store import Store
from tests.conftest import RECORDS, ROOT, SEED_ID
from tests.test_check_rules import fixity_mismatch, schema_invalid

TEXT = f"records/{SEED_ID}/en/v1.txt"


@pytest.fixture(autouse=True)
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PROVENANCE_CACHE_DIR", str(tmp_path / "cache-home"))


def test_the_projects_own_records_pass(run) -> None:  # type: ignore[no-untyped-def]
    r = run("--records", RECORDS, "check")
    assert r.exit_code == 0, r.stdout + r.stderr
    assert "rights-statement-missing" in r.stdout and r.stderr == ""


def test_one_changed_byte_fails_with_fixity(run, seed_store: Store) -> None:  # type: ignore[no-untyped-def]
    path = seed_store.root / SEED_ID / "en" / "v1.txt"
    data = bytearray(path.read_bytes())
    data[2000] = data[2000] + 1
    path.write_bytes(bytes(data))
    r = run("--records", seed_store.root, "check")
    assert r.exit_code == 1
    [line] = [x for x in r.stdout.splitlines() if "fixity-mismatch" in x]
    assert r.stdout.splitlines()[r.stdout.splitlines().index(line) - 1] == TEXT
    r = run("--records", seed_store.root, "check", "--format", "github")
    assert f"::error file={TEXT},line=1,title=fixity-mismatch::" in r.stdout


def test_json_equals_the_library(run, seed_store: Store) -> None:  # type: ignore[no-untyped-def]
    schema_invalid(seed_store, seed_store.root / SEED_ID)
    r = run("--records", seed_store.root, "check", "--format", "json")
    assert r.exit_code == 1
    assert json.loads(r.stdout) == result_data(run_check(seed_store.root, use_cache=False))


@pytest.mark.parametrize("fmt", ["text", "json", "github", "junit", "sarif"])
def test_every_format_and_output_file(
    run,
    seed_store: Store,
    tmp_path: Path,  # type: ignore[no-untyped-def]
    fmt: str,
) -> None:
    fixity_mismatch(seed_store, seed_store.root / SEED_ID)
    target = tmp_path / f"report.{fmt}"
    r = run("--records", seed_store.root, "check", "-f", fmt, "-o", target)
    assert r.exit_code == 1 and r.stdout == ""
    assert "fixity-mismatch" in target.read_text(encoding="utf-8")
    assert f"Wrote {target}" in r.stderr and "1 error" in r.stderr


def test_paths_limit_the_check(run, seed_store: Store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    other = seed_store.root / "1962-other"
    shutil.copytree(seed_store.root / SEED_ID, other)
    fixity_mismatch(seed_store, other)
    r = run("check", other / "en" / "v1.txt", "--format", "json")
    data = json.loads(r.stdout)
    assert r.exit_code == 1 and data["summary"]["documents"] == 1
    assert {f["document"] for f in data["findings"]} == {"1962-other"}
    r = run("check", seed_store.root / SEED_ID)
    assert r.exit_code == 0
    r = run("check", seed_store.root)
    assert r.exit_code == 1 and "2 documents" in r.stdout


def test_could_not_run_is_exit_2(run, seed_store: Store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    r = run("--records", tmp_path / "nowhere", "check")
    assert r.exit_code == 2 and "no such record store" in r.stderr
    r = run("--records", seed_store.root, "check", "--select", "no-such-rule")
    assert r.exit_code == 2 and "no rule matches 'no-such-rule'" in r.stderr
    r = run("--records", seed_store.root, "check", tmp_path)
    assert r.exit_code == 2 and "outside the record store" in r.stderr
    (seed_store.root / "provenance.yaml").write_text(
        "schema: provenance/store/1\ncheck:\n  ignore: fixity-mismatch\n", encoding="utf-8"
    )
    r = run("--records", seed_store.root, "check")
    assert r.exit_code == 2
    assert "records/provenance.yaml:3:" in r.stderr and "Traceback" not in r.stderr


def test_select_and_ignore_options(run, seed_store: Store) -> None:  # type: ignore[no-untyped-def]
    fixity_mismatch(seed_store, seed_store.root / SEED_ID)
    r = run("--records", seed_store.root, "check", "--ignore", "fixity-*")
    assert r.exit_code == 0
    r = run("--records", seed_store.root, "check", "--select", "rights-*,symlink")
    assert r.exit_code == 0 and "rights-statement-missing" in r.stdout


def test_no_cache_option(run, seed_store: Store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    r = run("--records", seed_store.root, "check", "--no-cache")
    assert r.exit_code == 0 and not (tmp_path / "cache-home").exists()


def test_list_rules_and_help(run) -> None:  # type: ignore[no-untyped-def]
    r = run("check", "--list-rules")
    assert r.exit_code == 0
    for code in RULES:
        assert code in r.stdout
    r = run("check", "--help")
    assert "Example: provenance check" in r.stdout


def test_list_rules_as_json(run) -> None:  # type: ignore[no-untyped-def]
    from provenance import schema

    r = run("check", "--list-rules", "--format", "json")
    assert r.exit_code == 0, r.stderr
    data = json.loads(r.stdout)
    assert next(iter(data)) == "format_version"
    assert list(schema.iter_problems(data, "check-rules-output.schema.json")) == []
    assert [rule["code"] for rule in data["rules"]] == list(RULES)
    assert {rule["code"]: rule["severity"] for rule in data["rules"]}["date-invalid"] == "error"
    r = run("check", "--list-rules", "--format", "sarif")
    assert r.exit_code == 2 and "--list-rules prints text or json" in r.stderr


def test_no_colour_off_a_terminal(run) -> None:  # type: ignore[no-untyped-def]
    r = run("--records", RECORDS, "check", "--color", "always")
    assert "\x1b[" in r.stdout
    assert "\x1b[" not in run("--records", RECORDS, "check").stdout


def test_readme_and_hooks_describe_the_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "## provenance check" in readme and "--format github" in readme
    section = readme.split("## provenance check", 1)[1]
    for code in RULES:
        assert f"`{code}`" in section, f"{code} is not in the README's rule table"
    hooks = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert "entry: provenance check" in hooks
    assert "provenance check" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_only_on_a_terminal_outside_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    from provenance.cli.check import progress_bar

    monkeypatch.delenv("CI", raising=False)
    assert progress_bar(io.StringIO()) is None
    terminal = _Terminal()
    show = progress_bar(terminal)
    assert show is not None
    show(100, 500)
    assert terminal.getvalue() == ""  # short runs stay silent
    show(1000, 4000)
    show(4000, 4000)
    assert "1000/4000 files" in terminal.getvalue()
    monkeypatch.setenv("CI", "true")
    assert progress_bar(_Terminal()) is None


def test_since_outside_git_is_exit_2(run, seed_store: Store) -> None:  # type: ignore[no-untyped-def]
    r = run("--records", seed_store.root, "check", "--since", "HEAD")
    assert r.exit_code == 2 and "git repository" in r.stderr
