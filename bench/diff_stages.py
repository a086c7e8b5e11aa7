"""Where the time of ``provenance diff`` goes: each stage of the command's work timed apart,
in one process, on the pairs ``bench/diff_bench.py`` generates (run that first) or on files
given.  CPU time of this process (a shared machine's load changes wall time much more).

Stages: importing what the diff needs (the command line's typer aside), reading the two
files, the engine (lines, chunks, words: ``provenance.diff.engine.compute``), building the
result (operations, labels, moves), classing the changes (editorial, textual, whitespace),
the summary's statistics, and the text rendering.

    .venv/bin/python bench/diff_stages.py gen-1MB-10% moved-5MB-10%
    .venv/bin/python bench/diff_stages.py --files OLD NEW
    .venv/bin/python bench/diff_stages.py --profile gen-5MB-10%     # and cProfile's top 25
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

WORK = Path(__file__).resolve().parent / "work" / "diff"


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
        "total": t7 - t0,
        "changes": stats.changes,
        "moves": stats.moves,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pairs", nargs="*", help="names of generated pairs (gen-1MB-10%%, ...)")
    parser.add_argument("--files", nargs=2, metavar=("OLD", "NEW"))
    parser.add_argument("--profile", action="store_true", help="also cProfile's top 25")
    args = parser.parse_args(argv)
    todo = [(f"{n}", WORK / f"{n}.old.txt", WORK / f"{n}.new.txt") for n in args.pairs]
    if args.files:
        todo.append(("files", Path(args.files[0]), Path(args.files[1])))
    head = "| pair | import | read | engine | build | classify | stats | render | total | changes |"
    print(head)
    print("|---|" + "---:|" * 9)
    for name, a, b in todo:
        if args.profile:
            import cProfile
            import pstats

            profile = cProfile.Profile()
            got = profile.runcall(stages, a, b)
            pstats.Stats(profile, stream=sys.stderr).sort_stats("tottime").print_stats(25)
        else:
            got = stages(a, b)
        cells = " | ".join(
            f"{got[k] * 1000:.0f} ms"
            for k in ("import", "read", "engine", "build", "classify", "stats", "render", "total")
        )
        print(f"| {name} | {cells} | {got['changes']:,} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
