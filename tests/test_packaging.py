"""The built wheel carries the schemas and works from any directory; the installed command runs."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from .conftest import RECORDS, ROOT, SEED_ID

BIN = Path(sys.executable).parent


def _provenance() -> str:
    exe = BIN / "provenance"
    if not exe.exists():
        found = shutil.which("provenance")
        if not found:
            pytest.skip("the provenance command is not installed in this environment")
        return found
    return str(exe)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(ROOT)],
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        pytest.fail(f"building the wheel failed:\n{proc.stderr[-2000:]}")
    return next(out.glob("provenance-*.whl"))


@pytest.mark.slow
def test_wheel_ships_schemas_and_profiles(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    shipped = {n.split("/")[-1] for n in names if n.startswith("provenance/schemas/")}
    expected = {p.name for p in (ROOT / "schemas").glob("*.json")}
    assert expected and expected <= shipped


@pytest.mark.slow
def test_wheel_works_from_another_directory(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site)}
    env.pop("PROVENANCE_RECORDS", None)
    code = (
        "import provenance, provenance.schema as s, sys;"
        "assert provenance.__file__.startswith(sys.argv[1]), provenance.__file__;"
        "print(len(s.schema_names()));"
        "s.validator('document.schema.json');"
        "from provenance.cli import main;"
        "sys.exit(main(['--records', sys.argv[2], 'log', sys.argv[3], '--format', 'json']))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, str(site), str(RECORDS), SEED_ID],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    count, _, payload = proc.stdout.partition("\n")
    assert int(count) >= 4
    assert json.loads(payload)["document"]["id"] == SEED_ID


@pytest.mark.e2e
def test_installed_command_and_module(tmp_path: Path) -> None:
    exe = _provenance()
    env = {k: v for k, v in os.environ.items() if k != "PROVENANCE_RECORDS"}
    proc = subprocess.run(
        [exe, "--records", str(RECORDS), "show", f"{SEED_ID}/en@1"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == (RECORDS / SEED_ID / "en" / "v1.txt").read_bytes()
    proc = subprocess.run(
        [sys.executable, "-m", "provenance", "--version"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0 and proc.stdout.startswith("provenance ")


@pytest.mark.e2e
def test_installed_command_error_is_one_line(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PROVENANCE_RECORDS"}
    proc = subprocess.run(
        [_provenance(), "list"], cwd=tmp_path, env=env, capture_output=True, text=True, check=False
    )
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "no record store found" in proc.stderr


@pytest.mark.e2e
def test_import_commit_log_end_to_end(tmp_path: Path) -> None:
    seed = ROOT.parent / "shared" / "seeds" / "000_c1ca01929961c88c.txt"
    if not seed.exists():
        pytest.skip("shared seed page not available")
    exe = _provenance()
    env = {k: v for k, v in os.environ.items() if k != "PROVENANCE_RECORDS"}

    def sh(*args: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
        p = subprocess.run(
            [exe, *args], cwd=tmp_path, env=env, capture_output=True, text=True, check=False
        )
        if ok:
            assert p.returncode == 0, p.stderr
        return p

    sh("init")
    sh("import", str(seed))
    for path in (RECORDS / SEED_ID).rglob("*"):
        if path.is_file():
            assert (
                tmp_path / "records" / path.relative_to(RECORDS)
            ).read_bytes() == path.read_bytes(), path
    text = (tmp_path / "records" / SEED_ID / "en" / "v1.txt").read_text(encoding="utf-8")
    (tmp_path / "v2.txt").write_text(text.replace("[Ideological]", "Ideological"), encoding="utf-8")
    sh(
        "commit",
        f"{SEED_ID}/en",
        "v2.txt",
        "--agent",
        "Charles Kraus",
        "--role",
        "editor",
        "--message",
        "Absorb a bracket",
    )
    log = json.loads(sh("log", SEED_ID, "--format", "json").stdout)
    versions = log["streams"][0]["versions"]
    assert [(v["number"], v["parent"]) for v in versions] == [(2, 1), (1, None)]
