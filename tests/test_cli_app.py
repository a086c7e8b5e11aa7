"""The command line as a whole: one parser (typer), commands loaded when used, light commands
that do not pay for heavy libraries, and the options every command shares."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from provenance.cli import COMMANDS
from provenance.store import Store

from .conftest import RECORDS, SEED_ID

#: Libraries no everyday command needs: pydantic (typer 0.29 and later convert options with
#: it), rich (typer's pretty help), and those of the exports, styles and schemas.
HEAVY = (
    "pydantic",
    "rich",
    "jsonschema",
    "lxml",
    "prov",
    "rdflib",
    "pypandoc",
    "citeproc",
    "rispy",
    "license_expression",
)

PROBE = """
import contextlib, io, json, sys
from provenance.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    code = main(sys.argv[1:])
print(json.dumps({
    "code": code,
    "modules": sorted({m.split(".")[0] for m in sys.modules}),
    "commands": sorted(m for m in sys.modules if m.startswith("provenance.cli.")),
}))
"""


def _probe(*args: str) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return json.loads(done.stdout.splitlines()[-1])  # type: ignore[no-any-return]


@pytest.mark.e2e
def test_light_commands_load_only_their_module_and_no_heavy_library(tmp_path: Path) -> None:
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text("The delegation went to [North] Korea.\n", encoding="utf-8")
    new.write_text("The delegation travelled to North Korea.\n", encoding="utf-8")
    records = ["--records", str(RECORDS)]
    cases = {
        "diff": ["diff", str(old), str(new)],
        "log": [*records, "log", SEED_ID],
        "cite": [*records, "cite", SEED_ID],
        "check": ["check", str(RECORDS), "--no-cache"],
        "interventions": ["interventions", f"{SEED_ID}/en", *records],
    }
    for name, args in cases.items():
        seen = _probe(*args)
        assert seen["code"] == 0, (name, seen)
        loaded = set(seen["modules"])  # type: ignore[call-overload]
        assert not loaded & set(HEAVY), (name, sorted(loaded & set(HEAVY)))
        module = f"provenance.cli.{COMMANDS[name]}"
        assert set(seen["commands"]) <= {  # type: ignore[call-overload]
            module,
            "provenance.cli.app",
            "provenance.cli.common",
            "provenance.cli.options",
        }, name
    version = _probe("--version")
    assert not set(version["modules"]) & set(HEAVY)  # type: ignore[call-overload]
    assert not {m for m in version["commands"] if m not in ("provenance.cli.app",)} - {  # type: ignore[attr-defined]
        "provenance.cli.common",
        "provenance.cli.options",
    }


def test_every_listed_command_is_declared_in_its_module(run) -> None:  # type: ignore[no-untyped-def]
    from provenance.cli.app import app

    r = run("--help")
    assert r.exit_code == 0
    listed = [line.split()[0] for line in r.stdout.split("Commands:")[1].splitlines() if line]
    assert listed == list(COMMANDS)
    assert {c.name for c in app.registered_commands} >= set(COMMANDS)


def test_an_unknown_command_gets_a_suggestion(run) -> None:  # type: ignore[no-untyped-def]
    r = run("lgo", SEED_ID)
    assert r.exit_code == 2
    assert "No such command 'lgo'. Did you mean 'log'?" in r.stderr


@pytest.mark.parametrize("where", ["before", "after", "env"])
def test_records_is_accepted_before_or_after_the_command(
    run,  # type: ignore[no-untyped-def]
    seed_store: Store,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    where: str,
) -> None:
    monkeypatch.chdir(tmp_path)  # no records/ above
    records = str(seed_store.root)
    if where == "before":
        r = run("--records", records, "log", SEED_ID, "--format", "json")
    elif where == "after":
        r = run("log", SEED_ID, "--records", records, "--format", "json")
    else:
        monkeypatch.setenv("PROVENANCE_RECORDS", records)
        r = run("log", SEED_ID, "--format", "json")
    assert r.exit_code == 0, r.stderr
    assert json.loads(r.stdout)["document"]["id"] == SEED_ID


def test_records_after_the_command_wins_over_the_environment(
    run,  # type: ignore[no-untyped-def]
    seed_store: Store,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PROVENANCE_RECORDS", str(tmp_path / "nowhere"))
    r = run("cite", SEED_ID, "--records", str(seed_store.root))
    assert r.exit_code == 0, r.stderr
    assert "Obtained by Shen Zhihua" in r.stdout


def test_a_usage_error_is_one_message_and_exit_2(run) -> None:  # type: ignore[no-untyped-def]
    r = run("diff", "--format", "yaml", "a", "b")
    assert r.exit_code == 2
    assert "Invalid value for '--format'" in r.stderr
    assert "Traceback" not in r.stderr


def test_shell_completion_is_offered(run) -> None:  # type: ignore[no-untyped-def]
    r = run("--help")
    assert "--install-completion" in r.stdout and "--show-completion" in r.stdout


@pytest.mark.parametrize("name", list(COMMANDS))
def test_help_names_values_as_a_reader_expects(run, name: str) -> None:  # type: ignore[no-untyped-def]
    r = run(name, "--help")
    assert r.exit_code == 0, r.stderr
    usage = r.stdout.splitlines()[0]
    assert "{" not in usage, usage
    for typerish in ("<str>", "<path>", "<int", "<float", "list[str]", "<text|"):
        assert typerish not in r.stdout, (name, typerish)
    assert "--records DIR" in r.stdout


def test_commit_prints_the_new_version_as_json(run, seed_store: Store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text = (seed_store.root / SEED_ID / "en" / "v1.txt").read_bytes()
    edited = tmp_path / "edited.txt"
    edited.write_bytes(text.replace(b"handle", b"deal with", 1))
    r = run(
        *("commit", f"{SEED_ID}/en", edited, "--records", seed_store.root),
        *("-a", "Charles Kraus", "-r", "editor", "-m", "Reword", "--format", "json"),
    )
    assert r.exit_code == 0, r.stderr
    data = json.loads(r.stdout)
    assert next(iter(data)) == "format_version"
    assert data["version"]["ref"] == f"{SEED_ID}/en@2" and data["version"]["parent"] == 1


#: Options several commands have because each means something else by them (those meaning
#: the same thing are declared once, in ``provenance.cli.options``).
OWN_MEANINGS = {
    "--format": "each command's own choices (those of text and json share FormatOption)",
    "-f": "the short --format",
    "--agent": "log: a filter by name; set, stream, commit: who (AgentOption, AgentsOption)",
    "-a": "one agent (set, stream) or several (commit)",
    "--since": "log: a date; check: a git reference",
    "--date": "commit: when the version was made; report: the date printed on it",
    "--stream": "import: the stream to make; rights: the stream to show",
    "--base": "collate: the base witness; export: the base URI of identifiers",
    "-s": "collate --sigil, cite --style, rights --stream",
    "--translates": "commit: a new stream's original; stream: S@N, with the version made from",
    "--ignore-case": "diff: not shown; collate: a formal variant",
    "--ignore-quotes": "diff: not shown; collate: a formal variant",
    "--ignore-punctuation": "diff: not shown; collate: not aligned on its own",
    "--nfc": "diff and collate each word their help for their output",
}


def _declared_flags() -> dict[str, set[str]]:
    """Flag -> the modules of ``provenance.cli`` whose ``typer.Option(...)`` names it."""
    import ast

    import provenance.cli

    found: dict[str, set[str]] = {}
    for path in Path(provenance.cli.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "Option"
            ):
                for arg in node.args:
                    if isinstance(arg, ast.Constant) and str(arg.value).startswith("-"):
                        found.setdefault(str(arg.value), set()).add(path.stem)
    return found


def test_an_option_meaning_one_thing_is_declared_once() -> None:
    """``--agent``, ``--message``, ``--output``, ``--color``, ... are written in one module,
    and every command that takes one shows the same help for it."""
    import typer

    from provenance.cli.app import app

    twice = {f: m for f, m in _declared_flags().items() if len(m) > 1}
    assert set(twice) <= set(OWN_MEANINGS), twice
    root = typer.main.get_command(app)
    helps: dict[str, set[str]] = {}
    for name in COMMANDS:
        command = root.get_command(None, name)  # type: ignore[attr-defined]
        for param in command.params:
            for flag in getattr(param, "opts", []):
                if flag.startswith("-"):
                    helps.setdefault(flag, set()).add(getattr(param, "help", None) or "")
    differ = {f: h for f, h in helps.items() if len(h) > 1 and f not in OWN_MEANINGS}
    assert differ == {}
    for flag in ("--agent", "--message", "--output", "--color", "--profile", "--kind"):
        assert _declared_flags()[flag] == {"options"} | ({"log"} if flag == "--agent" else set())


def test_who_and_why_are_required_alike_by_set_stream_and_commit(
    run,  # type: ignore[no-untyped-def]
    seed_store: Store,
    tmp_path: Path,
) -> None:
    text = tmp_path / "new.txt"
    text.write_text("A new text.\n", encoding="utf-8")
    base = ("--records", seed_store.root)
    cases = {
        "set": ("set", SEED_ID, "title", "T"),
        "stream": ("stream", f"{SEED_ID}/en", "--language", "en-GB"),
        "commit": ("commit", f"{SEED_ID}/en", text, "-r", "editor"),
    }
    for name, args in cases.items():
        for missing, given in (("--agent", ("-m", "why")), ("--message", ("-a", "Ed"))):
            r = run(*base, *args, *given)
            assert r.exit_code == 2, (name, missing, r.stderr)
            assert r.stderr.startswith("provenance: error: ") and missing in r.stderr, (name, r)
            assert r.stderr.count("\n") == 1, (name, r.stderr)


def test_log_colours_as_asked(run, seed_store: Store) -> None:  # type: ignore[no-untyped-def]
    base = ("--records", seed_store.root, "log", SEED_ID, "--color")
    assert "\x1b[" in run(*base, "always").stdout
    assert "\x1b[" not in run(*base, "never").stdout
