"""The review report in a real browser: headless chromium renders it to a screenshot.

Runs where Debian's chromium is installed (tests/browser/install-chromium.sh), skips
elsewhere.  No network is touched: the page is a local file and the browser is started with
its background networking, updates and sync off.
"""

from __future__ import annotations

import shutil
import struct
import subprocess
import tempfile
from pathlib import Path

import pytest

from provenance.report import build_report, render_html
from provenance.store import Store

from .test_report import NEW, OLD, commit_review_v2

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="no chromium here (tests/browser/install-chromium.sh)"
)


def chromium(*args: str, timeout: float = 90) -> subprocess.CompletedProcess[str]:
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run(
            [
                str(CHROMIUM),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                f"--user-data-dir={profile}",
                *args,
            ],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def _page(seed_store: Store, tmp_path: Path) -> Path:
    commit_review_v2(seed_store)
    report = build_report(seed_store, OLD, NEW, generated="2026-11-28")
    page = tmp_path / "review.html"
    page.write_text(render_html(report), encoding="utf-8")
    return page


def test_report_renders_in_headless_chromium(seed_store: Store, tmp_path: Path) -> None:
    page = _page(seed_store, tmp_path)
    shot = tmp_path / "review.png"
    result = chromium(f"--screenshot={shot}", "--window-size=1400,1800", page.as_uri())
    assert shot.is_file(), result.stderr[-2000:]
    assert _png_size(shot) == (1400, 1800)
    # a blank page compresses to a few kilobytes; the rendered report is far larger
    assert shot.stat().st_size > 60_000


def test_rendered_dom_keeps_the_marks(seed_store: Store, tmp_path: Path) -> None:
    page = _page(seed_store, tmp_path)
    result = chromium("--dump-dom", page.as_uri())
    dom = result.stdout
    assert "Side by side" in dom, result.stderr[-2000:]
    assert '<ins class="editorial"' in dom and '<del class="textual"' in dom
    assert "[Dandong City]" in dom
