"""The start-up benchmark runs (one run of each command): bench/startup_bench.py --smoke."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench" / "startup_bench.py"


@pytest.mark.e2e
def test_the_startup_benchmark_runs() -> None:
    done = subprocess.run(
        [sys.executable, str(BENCH), "--smoke", "--importtime", "--version"],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    table = done.stdout
    for row in ("`provenance --version`", "`provenance diff A B (10 KB, 1%)`", "cite DOC"):
        assert row in table
    assert "Heavy packages loaded:" in table
