"""Time ``provenance list`` on generated stores: cold (no index: every document read and
validated) and warm (the index in the cache folder: a few ``stat`` calls a document), each
a fresh process with start-up included, beside two peers measured in the same run:
``provenance --version`` (start-up) and ``find STORE -name document.yaml``
(walking the store's folders).  Wall and CPU time (user + system of the child) are both
given: the machine is shared, and CPU time is what a quiet machine's wall time would be.

    .venv/bin/python bench/list_bench.py --sizes 1000 10000    # stores from check_bench.py
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from check_bench import OUT, WORK, generate

PROVENANCE = str(Path(sys.executable).parent / "provenance")


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one run of ``cmd``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(cmd, env=env, capture_output=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} exited {done.returncode}: {done.stderr[-2000:]!r}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def best(cmd: list[str], env: dict[str, str], runs: int = 3) -> tuple[float, float]:
    results = [timed(cmd, env) for _ in range(runs)]
    return min(r[0] for r in results), min(r[1] for r in results)


def bench(size: int) -> dict[str, float | int]:
    store = WORK / f"store-{size}"
    if not (store / "provenance.yaml").exists() or sum(1 for _ in store.iterdir()) != size + 1:
        print(f"generating {size} documents ...", file=sys.stderr)
        generate(store, size)
    cache = Path(tempfile.mkdtemp(prefix="list-bench-"))
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env["PROVENANCE_CACHE_DIR"] = str(cache)
    listing = [PROVENANCE, "--records", str(store), "list"]
    try:
        cold = timed(listing, env)
        warm = best(listing, env)
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    start = best([PROVENANCE, "--version"], env)
    find = best(["find", str(store.resolve()), "-name", "document.yaml"], env)
    return {
        "documents": size,
        "cold_s": round(cold[0], 3),
        "cold_cpu_s": round(cold[1], 3),
        "warm_s": round(warm[0], 3),
        "warm_cpu_s": round(warm[1], 3),
        "startup_s": round(start[0], 3),
        "startup_cpu_s": round(start[1], 3),
        "find_s": round(find[0], 3),
        "find_cpu_s": round(find[1], 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    args = parser.parse_args()
    rows = [bench(size) for size in args.sizes]
    OUT.mkdir(exist_ok=True)
    (OUT / "list.json").write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    print(
        "| documents | cold (CPU) | warm (CPU) | start-up (CPU) | find (CPU) "
        "| warm / cold | warm / (start-up + find) |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(
            f"| {r['documents']:,} | {r['cold_s']:.2f} s ({r['cold_cpu_s']:.2f} s) "
            f"| {r['warm_s']:.2f} s ({r['warm_cpu_s']:.2f} s) "
            f"| {r['startup_s']:.2f} s ({r['startup_cpu_s']:.2f} s) "
            f"| {r['find_s']:.2f} s ({r['find_cpu_s']:.2f} s) "
            f"| {r['warm_s'] / r['cold_s']:.3f} "
            f"| {r['warm_s'] / (r['startup_s'] + r['find_s']):.2f} |"
        )


if __name__ == "__main__":
    main()
