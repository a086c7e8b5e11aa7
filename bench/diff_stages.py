"""Where the time of ``provenance diff`` goes: each stage of the command's work timed apart,
in one process, on the pairs ``bench/diff_bench.py`` generates (run that first) or on files
given.  CPU time of this process (a shared machine's load changes wall time much more).

Stages: importing what the diff needs (the command line's typer aside), reading the two
files, the engine (lines, chunks, words: ``provenance.diff.engine.compute``), building the
result (operations, labels, moves), classing the changes (editorial, textual, whitespace),
the summary's statistics, and the text rendering.  With ``--repeat N`` each pair is run N
times and each stage's best time is given (importing counts once, in the first run).

``--whole`` times the whole command instead, each run a fresh process with its output to
``/dev/null``: ``python -m provenance diff OLD NEW`` (this interpreter, so ``PYTHONPATH``
can point it at another checkout) against ``git diff --no-index --word-diff=porcelain``,
the two alternated, best of ``--repeat`` (wall time, and the CPU time of the process).

    .venv/bin/python bench/diff_stages.py gen-1MB-10% moved-5MB-10%
    .venv/bin/python bench/diff_stages.py --repeat 3 gen-5MB-10%
    .venv/bin/python bench/diff_stages.py --files OLD NEW
    .venv/bin/python bench/diff_stages.py --profile gen-5MB-10%     # and cProfile's top 25
    .venv/bin/python bench/diff_stages.py --whole --repeat 3 gen-1MB-10% gen-5MB-10%
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

WORK = Path(__file__).resolve().parent / "work" / "diff"
STAGES = ("import", "read", "engine", "build", "classify", "stats", "render")


def stages(old_path: Path, new_path: Path) -> dict[str, float]:
    clock = time.process_time
    t0 = clock()
    from provenance.diff import DiffOptions
    from provenance.diff.engine import compute
    from provenance.diff.render import RENDERERS, RenderOptions
    from provenance.diff.result import build
    from provenance.interventions import load_profile
    from provenance.interventions.classify import categorize

    t1 = clock()
    old = old_path.read_bytes().decode("utf-8")
    new = new_path.read_bytes().decode("utf-8")
    t2 = clock()
    options = DiffOptions()
    spans, _, _ = compute(old, new, options)
    t3 = clock()
    result = build(old, new, spans, options)
    t4 = clock()
    result = categorize(result, load_profile(None))
    t5 = clock()
    stats = result.stats
    t6 = clock()
    RENDERERS["text"](result, RenderOptions())
    t7 = clock()
    return {
        "import": t1 - t0,
        "read": t2 - t1,
        "engine": t3 - t2,
        "build": t4 - t3,
        "classify": t5 - t4,
        "stats": t6 - t5,
        "render": t7 - t6,
        "changes": stats.changes,
        "moves": stats.moves,
    }


def best_stages(old_path: Path, new_path: Path, repeat: int) -> dict[str, float]:
    """Each stage's least time over ``repeat`` runs (the first run's import time)."""
    runs = [stages(old_path, new_path) for _ in range(repeat)]
    best = {k: min(run[k] for run in runs) for k in STAGES}
    best["import"] = runs[0]["import"]
    best["total"] = sum(best[k] for k in STAGES)
    best["changes"] = runs[0]["changes"]
    return best


def run(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds of one run of ``cmd`` (output to /dev/null), and its CPU seconds."""
    t0 = time.perf_counter()
    # (run from the work folder: ``python -m`` puts the current folder first on the path,
    # so a checkout there would be imported before the one PYTHONPATH names)
    WORK.mkdir(parents=True, exist_ok=True)
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=WORK)
    _, _, usage = os.wait4(proc.pid, 0)
    return time.perf_counter() - t0, usage.ru_utime + usage.ru_stime


def whole(old_path: Path, new_path: Path, repeat: int) -> dict[str, tuple[float, float]]:
    """Best wall and CPU time of the command and of git's word diff, runs alternated."""
    commands = {
        "provenance": [sys.executable, "-m", "provenance", "diff", str(old_path), str(new_path)],
        "git": ["git", "diff", "--no-index", "--word-diff=porcelain", str(old_path), str(new_path)],
    }
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, cmd in commands.items():
            times[name].append(run(cmd))
    return {name: (min(w for w, _ in got), min(c for _, c in got)) for name, got in times.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pairs", nargs="*", help="names of generated pairs (gen-1MB-10%%, ...)")
    parser.add_argument("--files", nargs=2, metavar=("OLD", "NEW"))
    parser.add_argument("--profile", action="store_true", help="also cProfile's top 25")
    parser.add_argument("--repeat", type=int, default=1, metavar="N", help="best of N runs")
    parser.add_argument(
        "--whole", action="store_true", help="whole processes: provenance diff against git"
    )
    args = parser.parse_args(argv)
    todo = [(f"{n}", WORK / f"{n}.old.txt", WORK / f"{n}.new.txt") for n in args.pairs]
    if args.files:
        todo.append(("files", Path(args.files[0]).resolve(), Path(args.files[1]).resolve()))
    if args.whole:
        print("| pair | provenance diff | git word diff | provenance / git |")
        print("|---|---:|---:|---:|")
        for name, a, b in todo:
            got = whole(a, b, args.repeat)
            (pw, pc), (gw, gc) = got["provenance"], got["git"]
            print(
                f"| {name} | {pw * 1000:.0f} ms ({pc * 1000:.0f}) | {gw * 1000:.0f} ms "
                f"({gc * 1000:.0f}) | {pw / gw:.1f} ({pc / max(gc, 1e-3):.1f}) |"
            )
        return 0
    print("| pair | " + " | ".join(STAGES) + " | total | changes |")
    print("|---|" + "---:|" * (len(STAGES) + 2))
    for name, a, b in todo:
        if args.profile:
            import cProfile
            import pstats

            profile = cProfile.Profile()
            got = profile.runcall(best_stages, a, b, args.repeat)
            pstats.Stats(profile, stream=sys.stderr).sort_stats("tottime").print_stats(25)
        else:
            got = best_stages(a, b, args.repeat)
        cells = " | ".join(f"{got[k] * 1000:.0f} ms" for k in (*STAGES, "total"))
        print(f"| {name} | {cells} | {got['changes']:,} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
