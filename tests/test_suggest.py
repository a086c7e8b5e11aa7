""" "Did you mean" for mistyped names, and settings errors at the line of the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from provenance.store import Store
from provenance.suggest import close_names, did_you_mean

from .conftest import SEED_ID


def test_close_names() -> None:
    assert close_names("chicgo", ["chicago", "mla", "apa"]) == ["chicago"]
    assert close_names("JSN", ["json", "text"]) == ["json"]
    assert did_you_mean("zzz", ["json", "text"]) == ""
    assert did_you_mean("jsn", ["json"]) == "; did you mean 'json'?"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["cite", SEED_ID, "--style", "chicgo"], "did you mean 'chicago'"),
        (["cite", SEED_ID, "--format", "jsn"], "did you mean 'json'?"),
        (["show", f"{SEED_ID}/en", "--reading", "--profile", "frsu"], "did you mean 'frus'?"),
        (["check", "--select", "rights-mising"], "did you mean 'rights-missing'"),
        (["diff", "a", "b", "--only", "editoral"], "did you mean 'editorial'?"),
    ],
)
def test_a_mistyped_name_gets_a_suggestion(
    run,  # type: ignore[no-untyped-def]
    seed_store: Store,
    args: list[str],
    expected: str,
) -> None:
    r = run("--records", seed_store.root, *args)
    assert r.exit_code == 2, r.stdout
    assert expected in r.stderr


def _settings(store: Store, text: str) -> None:
    (store.root / "provenance.yaml").write_text(
        "schema: provenance/store/1\npublisher: History and Public Policy Program Digital "
        "Archive\n" + text,
        encoding="utf-8",
    )


def test_an_unknown_store_setting_is_named_at_its_line(run, seed_store: Store) -> None:  # type: ignore[no-untyped-def]
    _settings(seed_store, "house_style:\n  quotes: straight\n  dya: two-digit\n")
    r = run("--records", seed_store.root, "cite", SEED_ID)
    assert r.exit_code == 2
    assert "provenance.yaml:5:" in r.stderr
    assert "unknown field 'dya'; did you mean 'day'?" in r.stderr


def test_check_reports_an_unknown_setting_at_its_line(run, seed_store: Store) -> None:  # type: ignore[no-untyped-def]
    _settings(seed_store, "intervention: frus\n")
    r = run("check", seed_store.root, "--no-cache")
    assert r.exit_code == 1
    assert "     3  error    schema-invalid  unknown field 'intervention'" in r.stdout
    assert "did you mean 'interventions'" in r.stdout


@pytest.mark.parametrize(
    ("text", "line", "expected"),
    [
        ("check:\n  select: [default]\n  ignroe: [rights-missing]\n", 5, "did you mean 'ignore'?"),
        (
            "check:\n  severity:\n    rights-mising: warning\n",
            5,
            "no rule matches 'rights-mising'; did you mean 'rights-missing'",
        ),
        ("check:\n  ignore:\n    - default\n    - sic-orphn\n", 6, "did you mean 'sic-orphan'"),
    ],
)
def test_a_bad_check_setting_is_named_at_its_line(
    run,  # type: ignore[no-untyped-def]
    seed_store: Store,
    text: str,
    line: int,
    expected: str,
) -> None:
    _settings(seed_store, text)
    r = run("check", seed_store.root, "--no-cache")
    assert r.exit_code == 2
    assert f"provenance.yaml:{line}:" in r.stderr and expected in r.stderr


def test_pyproject_settings_are_named_at_their_line(
    run,  # type: ignore[no-untyped-def]
    seed_store: Store,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    project = Path(seed_store.root).parent
    (project / ".git").mkdir()
    (project / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.provenance.check.severity]\n"rights-mising" = "warning"\n',
        encoding="utf-8",
    )
    r = run("check", seed_store.root, "--no-cache")
    assert r.exit_code == 2
    assert "pyproject.toml:5:" in r.stderr and "did you mean 'rights-missing'" in r.stderr
