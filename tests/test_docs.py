"""Docs that cannot drift: every command has help with an example and appears in the README,
and every command line the README and the help pages show parses."""

from __future__ import annotations

import re
import shlex

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


def _readme_command_lines() -> list[str]:
    """Every ``provenance ...`` command in the README's code blocks (continuations joined,
    pipelines and ``&&`` chains split, redirections and comments dropped)."""
    found: list[str] = []
    fenced = False
    block: list[str] = []
    for line in (ROOT / "README.md").read_text(encoding="utf-8").splitlines():
        if line.lstrip().startswith("```"):
            if fenced:
                text = "\n".join(block).replace("\\\n", " ")
                for row in text.splitlines():
                    row = row.strip().removeprefix("$ ")
                    for part in re.split(r"&&|\|\||;|\|", row):
                        part = part.strip()
                        if re.match(r"^(?:\S*/)?provenance\s", part):
                            found.append(part)
                block = []
            fenced = not fenced
        elif fenced:
            block.append(line)
    return found


README_LINES = _readme_command_lines()


def test_the_readme_shows_many_command_lines() -> None:
    assert len(README_LINES) >= 20


def _help_examples() -> list[str]:
    """Every ``Example: provenance ...`` of every command's help (wrapped lines joined)."""
    import inspect

    import typer

    from provenance.cli.app import app

    group = typer.main.get_command(app)
    found = []
    for name in NAMES:
        command = group.get_command(None, name)  # type: ignore[attr-defined]
        doc = inspect.cleandoc(command.callback.__doc__ or "")
        for paragraph in doc.split("\n\n"):
            if paragraph.startswith("Example: "):
                line = " ".join(paragraph.removeprefix("Example: ").split())
                for part in re.split(r"&&|\|\||;|\|", line):
                    if re.match(r"^\s*provenance\s", part):
                        found.append(part.strip())
    return found


HELP_EXAMPLES = _help_examples()


def test_every_command_has_an_example_to_parse() -> None:
    assert {line.split()[1] for line in HELP_EXAMPLES} == set(NAMES)


@pytest.mark.parametrize("line", README_LINES + HELP_EXAMPLES)
def test_every_readme_and_help_command_line_parses(line: str) -> None:
    """Each command line is parsed by the application (options, choices, arguments) without
    running it."""
    import typer

    from provenance.cli.app import app

    words = shlex.split(line, comments=True)
    for i, word in enumerate(words):
        if word in (">", ">>", "<", "2>", "2>&1"):
            words = words[:i]
            break
    group = typer.main.get_command(app)
    ctx = group.make_context("provenance", words[1:])
    name, command, rest = group.resolve_command(ctx, [*ctx._protected_args, *ctx.args])
    assert command is not None, line
    command.make_context(name, rest, parent=ctx)


def test_every_test_the_hardening_list_names_exists() -> None:
    """tests/README.md lists each failure mode of the hardening issue with the tests that
    cover it: each named test must exist (a renamed or removed test fails here)."""
    import ast

    text = (ROOT / "tests" / "README.md").read_text(encoding="utf-8")
    named = re.findall(r"`(tests/test_\w+\.py)::(test_\w+)`", text)
    assert len(named) >= 40
    for file, test in named:
        tree = ast.parse((ROOT / file).read_text(encoding="utf-8"))
        defined = {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}
        assert test in defined, f"{file}::{test}"
    for bench in re.findall(r"`(bench/\w+\.py)`", text):
        assert (ROOT / bench).is_file(), bench


def test_no_file_keeps_a_merge_conflict_marker() -> None:
    """A merge left unresolved in the changelog once; a marker anywhere is a broken file."""
    marker = re.compile(r"^(<{7}|>{7}|={7})( |$)", re.MULTILINE)
    skip = {"work", ".cache", "__pycache__"}
    suffixes = {".py", ".md", ".yaml", ".yml", ".json", ".txt", ".toml", ""}
    paths = [ROOT / "README.md", ROOT / "CHANGELOG.md", ROOT / "pyproject.toml"]
    for folder in ("provenance", "tests", "schemas", "bench", "records", ".ci"):
        paths += [
            path
            for path in sorted((ROOT / folder).rglob("*"))
            if path.is_file() and path.suffix in suffixes and not skip & set(path.parts)
        ]
    kept = [
        str(path.relative_to(ROOT))
        for path in paths
        if marker.search(path.read_text(encoding="utf-8", errors="replace"))
    ]
    assert kept == []
