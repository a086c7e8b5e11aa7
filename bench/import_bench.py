"""Time ``provenance import`` of many saved pages in one call.

Pages are generated under ``bench/work/import/pages-N/`` from the test page fixtures
(``tests/cases/pages/*/page.txt``, every layout), each with its own date so that every
page becomes its own document; a few are made unreadable on purpose (no date, no
body) to exercise refusal.  Each size is imported into a fresh store by a fresh process,
start-up included, and compared with parsing them only (``--dry-run``, which writes nothing)
and with copying the same files (``cp``) as a floor.

    python bench/import_bench.py --sizes 100 500 2000
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "cases" / "pages"
WORK = ROOT / "bench" / "work" / "import"
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")  # fmt: skip
_DATE = re.compile(r"(" + "|".join(MONTHS) + r")( \d{1,2},)? (\d{4})")


def generate(n: int) -> Path:
    out = WORK / f"pages-{n}"
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    templates = sorted(p.read_text(encoding="utf-8") for p in CASES.glob("*/page.txt"))
    for i in range(n):
        text = templates[i % len(templates)]
        k = i // len(templates)
        year, month = 1900 + k % 200, MONTHS[(k // 200) % 12]
        # every date on the page (and in its citation) moves together: a document each
        text = _DATE.sub(lambda m, y=year, mo=month: f"{mo}{m[2] or ''} {y}", text)
        if i % 100 == 99:
            text = "Nothing here is an archive page.\n"
        (out / f"page-{i:05d}.txt").write_text(text, encoding="utf-8")
    return out


def run(n: int, provenance: str) -> dict[str, float]:
    pages = generate(n)
    files = sorted(str(p) for p in pages.glob("*.txt"))
    store = WORK / f"store-{n}"
    if store.exists():
        shutil.rmtree(store)
    subprocess.run([provenance, "init", str(store)], check=True, capture_output=True)
    t0 = time.perf_counter()
    r = subprocess.run(
        [provenance, "--records", str(store), "import", *files, "--json"],
        capture_output=True,
        text=True,
    )
    took = time.perf_counter() - t0
    import json

    data = json.loads(r.stdout)
    t0 = time.perf_counter()
    subprocess.run(
        [provenance, "--records", str(store), "import", *files, "--dry-run", "--json"],
        capture_output=True,
    )
    parse_only = time.perf_counter() - t0
    copy_to = WORK / f"copy-{n}"
    if copy_to.exists():
        shutil.rmtree(copy_to)
    t0 = time.perf_counter()
    subprocess.run(["cp", "-r", str(pages), str(copy_to)], check=True)
    copy = time.perf_counter() - t0
    return {
        "pages": n,
        "seconds": took,
        "per_page_ms": 1000 * took / n,
        "imported": data["imported"] + data["imported_with_warnings"],
        "refused": data["refused"],
        "cp_seconds": copy,
        "parse_only": parse_only,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 500])
    parser.add_argument("--provenance", default=str(Path(sys.executable).parent / "provenance"))
    args = parser.parse_args()
    columns = ["pages", "import, one call", "per page", "imported", "refused"]
    columns += ["--dry-run (parse only)", "cp -r"]
    print("| " + " | ".join(columns) + " |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for n in args.sizes:
        r = run(n, args.provenance)
        print(
            f"| {n} | {r['seconds']:.2f} s | {r['per_page_ms']:.1f} ms | {r['imported']} "
            f"| {r['refused']} | {r['parse_only']:.2f} s | {r['cp_seconds']:.3f} s |"
        )


if __name__ == "__main__":
    main()
