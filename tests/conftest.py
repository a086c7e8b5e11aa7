"""Shared fixtures: an in-process CLI runner, fresh stores, and the shared corpus (skipped
cleanly where ``../shared`` is absent)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from provenance.cli import main
from provenance.store import Store

ROOT = Path(__file__).resolve().parent.parent
RECORDS = ROOT / "records"
SHARED = Path(os.environ.get("PROVENANCE_SHARED", ROOT.parent / "shared"))
SEED_PAGE = SHARED / "seeds" / "000_c1ca01929961c88c.txt"
SEED_ID = "1961-05-10-cable-ministry-of-public-security"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str
    stdout_bytes: bytes


@pytest.fixture
def run(
    capfdbinary: pytest.CaptureFixture[bytes],
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
    tmp_path_factory: pytest.TempPathFactory,
):
    """Run the CLI in-process: ``run("log", "doc")`` -> Result(exit_code, stdout, stderr).
    ``provenance check``'s cache goes to a temporary folder, not the user's."""
    monkeypatch.delenv("PROVENANCE_RECORDS", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    if "PROVENANCE_CACHE_DIR" not in os.environ:
        monkeypatch.setenv("PROVENANCE_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))

    def _run(*args: str, stdin: bytes | None = None) -> Result:
        if stdin is not None:
            import io
            import sys

            monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
        capfdbinary.readouterr()
        code = main([str(a) for a in args])
        out, err = capfdbinary.readouterr()
        return Result(code, out.decode("utf-8", "replace"), err.decode("utf-8", "replace"), out)

    return _run


def shared_path(*parts: str) -> Path:
    """A path under ../shared, skipping the test where it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared data not available here: {path}")
    return path


@pytest.fixture
def seed_page() -> Path:
    return shared_path("seeds", "000_c1ca01929961c88c.txt")


@pytest.fixture
def store(tmp_path: Path) -> Store:
    """An empty store in a temporary folder."""
    return Store.init(
        tmp_path / "records", publisher="History and Public Policy Program Digital Archive"
    )


@pytest.fixture
def seed_store(tmp_path: Path) -> Iterator[Store]:
    """A copy of the project's own records/ (the seed document), safe to change."""
    target = tmp_path / "records"
    shutil.copytree(RECORDS, target)
    yield Store(target)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its bytes: compare before and after a failed command."""
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }
