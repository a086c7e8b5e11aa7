"""The diff benchmark runs (its smallest size only): bench/diff_bench.py --smoke."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench" / "diff_bench.py"


@pytest.mark.e2e
def test_the_benchmark_runs_on_its_smallest_size() -> None:
    done = subprocess.run(
        [sys.executable, str(BENCH), "--smoke", "--tools", "provenance", "git"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    table = done.stdout
    assert "| gen-10KB-1% | 10 KB |" in table and "provenance / git" in table
    assert "Start-up" in table and "provenance --version" in table
