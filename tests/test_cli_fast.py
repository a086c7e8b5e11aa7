"""The fast path (``--version``, help, ``diff``) does what typer does, without loading typer."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from provenance.cli import fast, fastgen, fastspec, main
from provenance.store import Store

from .conftest import RECORDS

SEED = "1961-05-10-cable-ministry-of-public-security"


def _both(
    capfdbinary: pytest.CaptureFixture[bytes], args: list[str]
) -> tuple[tuple[int, bytes, bytes], tuple[int, bytes, bytes]]:
    capfdbinary.readouterr()
    fast_code = main(args)
    fast_out, fast_err = capfdbinary.readouterr()
    slow_code = main(args, fast_path=False)
    slow_out, slow_err = capfdbinary.readouterr()
    return (fast_code, fast_out, fast_err), (slow_code, slow_out, slow_err)


def test_the_spec_is_generated_from_the_typer_commands_as_they_are() -> None:
    import typer

    now = fastgen.spec()
    assert now["ROOT"] == fastspec.ROOT, "run: python -m provenance.cli.fastgen"
    assert now["COMMANDS"] == fastspec.COMMANDS, "run: python -m provenance.cli.fastgen"
    if typer.__version__ == fastspec.TYPER_VERSION:  # help is typer's rendering
        assert now["HELP"] == fastspec.HELP, "run: python -m provenance.cli.fastgen"
    assert set(fastspec.HELP) == {"", *now["HELP"]}


@pytest.fixture
def pair(tmp_path: Path) -> tuple[str, str]:
    old = tmp_path / "old.txt"
    new = tmp_path / "new.txt"
    old.write_text(
        "The delegation went to [North] Korea on 9 May.\nSecond  line, “quoted”.\n",
        encoding="utf-8",
    )
    new.write_text(
        'The delegation travelled to North Korea on 9 May [1961].\nSecond line, "quoted".\n',
        encoding="utf-8",
    )
    return str(old), str(new)


@pytest.mark.parametrize(
    "options",
    [
        [],
        ["--format", "json"],
        ["-fjson"],
        ["--format=markdown"],
        ["-f", "html"],
        ["--stat"],
        ["--exit-code"],
        ["-C", "0"],
        ["-C1", "--color", "always"],
        ["--context=5", "--color=never"],
        ["--only", "editorial", "--stat"],
        ["--only=whitespace"],
        [
            "--ignore-whitespace",
            "--ignore-quotes",
            "--ignore-case",
            "--ignore-punctuation",
            "--nfc",
        ],
        ["--time-limit", "5", "--exit-code"],
        ["--profile", "frus"],
        ["--profile", "no-such-profile"],  # an error from the command itself
        # left to typer, which reports them:
        ["--format", "yaml"],
        ["--frmat", "json"],
        ["-C", "-1"],
        ["--context", "many"],
        ["--time-limit", "0"],
        ["--stat=yes"],
        ["--exit-code", "--help"],
    ],
)
def test_diff_of_two_files_is_the_same_either_way(
    capfdbinary: pytest.CaptureFixture[bytes], pair: tuple[str, str], options: list[str]
) -> None:
    fast_result, typer_result = _both(capfdbinary, ["diff", *pair, *options])
    assert fast_result == typer_result


@pytest.mark.parametrize(
    "args",
    [
        ["{records}", "diff", "SEED/en@1", "SEED/en@1", "--exit-code"],
        ["{records}", "diff", "SEED/en@1", "SEED/zh@1"],
        ["{records}", "diff", "SEED/en@1", "@9"],
        ["{records}", "diff", "SEED/en@1", "{file}"],
        ["{records}", "diff", "SEED/en@1", "SEED/en@1", "--metadata", "--format", "json"],
        ["--debug", "{records}", "diff", "no-such/en@1", "SEED/en@1"],
        ["{records}", "diff", "--", "SEED/en@1", "SEED/en@1"],
        ["{records}", "diff", "SEED/en@1"],  # one side missing: typer's usage error
    ],
)
def test_diff_of_versions_is_the_same_either_way(
    capfdbinary: pytest.CaptureFixture[bytes],
    seed_store: Store,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
) -> None:
    monkeypatch.delenv("PROVENANCE_RECORDS", raising=False)
    file = tmp_path / "edited.txt"
    file.write_bytes(
        seed_store.read_text(seed_store.resolve(f"{SEED}/en@1"))
        .replace("[North] ", "North ")
        .encode("utf-8")
    )
    expanded: list[str] = []
    for arg in args:
        if arg == "{records}":
            expanded += ["--records", str(seed_store.root)]
        else:
            expanded.append(arg.replace("SEED", SEED).replace("{file}", str(file)))
    fast_result, typer_result = _both(capfdbinary, expanded)
    if "--debug" in expanded:  # the tracebacks differ in their frames, not in what they say
        assert fast_result[2].startswith(b"Traceback") and typer_result[2].startswith(b"Tr")
        fast_result = (*fast_result[:2], fast_result[2].splitlines()[-1])
        typer_result = (*typer_result[:2], typer_result[2].splitlines()[-1])
    assert fast_result == typer_result


@pytest.mark.parametrize(
    "args",
    [
        ["log", "SEED"],
        ["log", "SEED/en", "--format", "json"],
        ["log", "no-such-doc"],
        ["log", "SEED/en@1"],  # log takes no version: the command's own error
        ["show", "SEED/en@1"],
        ["show", "SEED/en", "-f", "json"],
        ["show", "SEED/en@1", "--reading"],
        ["show", "SEED/en@1", "--source-only", "--format=json"],
        ["show", "SEED/en@1", "--highlight", "--color", "always"],
        ["show", "SEED/en@1", "--reading", "--profile", "frus"],
        ["show", "SEED/en@1", "--reading", "--source-only"],
        ["show", "SEED/en@7"],
        ["list"],
        ["list", "-fjson"],
        ["list", "--format", "yaml"],  # typer's error
    ],
)
def test_store_commands_are_the_same_either_way(
    capfdbinary: pytest.CaptureFixture[bytes],
    seed_store: Store,
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
) -> None:
    monkeypatch.delenv("PROVENANCE_RECORDS", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    full = ["--records", str(seed_store.root), *(a.replace("SEED", SEED) for a in args)]
    fast_result, typer_result = _both(capfdbinary, full)
    assert fast_result == typer_result


def test_records_from_the_environment(
    capfdbinary: pytest.CaptureFixture[bytes], seed_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PROVENANCE_RECORDS", str(seed_store.root))
    fast_result, typer_result = _both(capfdbinary, ["diff", f"{SEED}/en@1", f"{SEED}/en@1"])
    assert fast_result == typer_result
    assert fast_result[0] == 0


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["--help"],
        ["-h"],
        ["--version"],
        ["--version", "diff"],
        ["diff", "--help"],
        ["log", "-h"],
        ["check", "--help"],
        ["--records", "x", "--help"],
        ["--debug"],
    ],
)
def test_help_and_version_are_the_same_either_way(
    capfdbinary: pytest.CaptureFixture[bytes], monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    monkeypatch.setenv("COLUMNS", str(fastgen.HELP_COLUMNS))
    fast_result, typer_result = _both(capfdbinary, args)
    assert fast_result == typer_result


@pytest.mark.parametrize(
    ("args", "handled"),
    [
        (["--version"], True),
        (["--help"], True),
        (["diff", "--help"], True),
        (["diff", "a", "b", "-fjson", "-C2", "--stat"], True),
        (["--records", "r", "--debug", "diff", "a", "b"], True),
        (["diff", "a", "b", "--", "-c"], False),  # three arguments
        (["diff", "a", "b", "--nope"], False),
        (["diff", "a", "b", "-C", "x"], False),
        (["dif", "a", "b"], False),
        (["log", "doc"], True),
        (["show", "doc/en@1", "--reading", "-fjson"], True),
        (["list", "--format=json"], True),
        (["list", "extra"], False),
        (["cite", "doc"], False),
    ],
)
def test_what_the_fast_path_takes_and_what_it_leaves_to_typer(
    monkeypatch: pytest.MonkeyPatch, args: list[str], handled: bool
) -> None:
    import importlib

    for name in ("diff_run", "log_run", "show_run", "list_run"):
        run_module = importlib.import_module(f"provenance.cli.{name}")
        monkeypatch.setattr(run_module, "run", lambda *a, **k: 0)
    with open("/dev/null", "w") as sink:
        monkeypatch.setattr(sys, "stdout", sink)
        result = fast.run(args)
    assert (result is not None) is handled


def test_the_fast_commands_do_not_load_typer_or_the_schema_validator(pair: tuple[str, str]) -> None:
    code = (
        "import sys; from provenance.cli import main\n"
        "for args in (['--version'], ['--help'], ['diff', '--help'], "
        f"['diff', {pair[0]!r}, {pair[1]!r}], "
        f"['--records', {str(RECORDS)!r}, 'diff', '{SEED}/en@1', '{SEED}/en@1'], "
        f"['--records', {str(RECORDS)!r}, 'log', '{SEED}'], "
        f"['--records', {str(RECORDS)!r}, 'show', '{SEED}/en@1', '--reading'], "
        f"['--records', {str(RECORDS)!r}, 'list']):\n"
        "    main(args)\n"
        "heavy = sorted(m for m in ('typer', 'click', 'pydantic', 'rich', 'jsonschema') "
        "if m in sys.modules)\n"
        "sys.stderr.write(repr(heavy))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stderr == "[]"


def test_a_required_option_left_out_is_left_to_typer() -> None:
    params = [
        {
            "name": "target",
            "argument": True,
            "decls": [],
            "kind": "str",
            "choices": None,
            "min": None,
            "envvar": None,
            "required": True,
            "default": None,
        },
        {
            "name": "agent",
            "argument": False,
            "decls": ["--agent"],
            "kind": "str",
            "choices": None,
            "min": None,
            "envvar": None,
            "required": True,
            "default": None,
        },
    ]
    assert fast.parse(params, ["doc", "--agent", "Ann"]) == ({"target": "doc", "agent": "Ann"}, [])
    assert fast.parse(params, ["doc"]) is None
