"""Docs that cannot drift: every command has help with an example and appears in the README."""

from __future__ import annotations

import pytest

from provenance.cli import COMMANDS

from .conftest import ROOT

NAMES = list(COMMANDS)


@pytest.mark.parametrize("name", NAMES)
def test_command_has_help_with_example(run, name: str) -> None:  # type: ignore[no-untyped-def]
    r = run(name, "--help")
    assert r.exit_code == 0, r.stderr
    assert "Example: provenance" in " ".join(r.stdout.split()), r.stdout


@pytest.mark.parametrize("name", NAMES)
def test_command_is_in_the_readme_table(name: str) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"| `provenance {name}" in readme
