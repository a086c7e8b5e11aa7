"""Start-up benchmark: the everyday commands as whole processes, start-up included.

Times, best of a few runs each, output to /dev/null: ``python -c pass`` (the floor),
``provenance --version``, ``--help``, ``diff`` of two generated 10 KB translations (1% of
the words edited, an editorial bracket layer like a translation's), and ``log``, ``show``,
``cite``, ``rights``, ``check`` and ``interventions`` on the repository's ``records/``.
With ``--importtime COMMAND...`` it also runs one command under ``python -X importtime``
and prints the modules that cost most (cumulative) and what the heaviest packages cost.

    /work/venv/bin/python bench/startup_bench.py                     # a minute
    /work/venv/bin/python bench/startup_bench.py --python OTHER/bin/python --label before
    /work/venv/bin/python bench/startup_bench.py --importtime cite 1961-05-10-cable-...

By default it times this checkout installed as users get it, from a wheel, in the virtualenv
``bench/work/venv`` that ``bench/diff_bench.py`` makes (an editable install's import hook
costs every start 10-15 ms more).  Results go to stdout (Markdown) and
``bench/out/startup-LABEL.json``.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import diff_bench

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
RECORDS = ROOT / "records"
DOC = "1961-05-10-cable-ministry-of-public-security"
TARGET_MS = 150.0

#: Packages whose import a light command should not pay for.
HEAVY = (
    "typer",
    "click",
    "rich",
    "pydantic",
    "jsonschema",
    "yaml",
    "lxml",
    "prov",
    "rdflib",
    "pypandoc",
    "diff_match_patch",
    "rispy",
    "license_expression",
    "citeproc",
)


def commands(a: Path, b: Path) -> dict[str, list[str]]:
    records = ["--records", str(RECORDS)]
    return {
        "--version": ["--version"],
        "--help": ["--help"],
        "diff --help": ["diff", "--help"],
        "diff A B (10 KB, 1%)": ["diff", str(a), str(b)],
        "log DOC": [*records, "log", DOC],
        "show DOC/en": [*records, "show", f"{DOC}/en"],
        "cite DOC": [*records, "cite", DOC],
        "rights DOC": [*records, "rights", DOC],
        "check records/": ["check", str(RECORDS)],
        "interventions DOC/en": [*records, "interventions", f"{DOC}/en"],
    }


#: Rows held to the start-up target.
TARGETED = (
    "--version",
    "diff A B (10 KB, 1%)",
    "log DOC",
    "show DOC/en",
    "cite DOC",
    "rights DOC",
    "check records/",
)


#: Loading the shipped bracket profile ``default`` in a fresh process, three ways: from the
#: generated module (``provenance/interventions/shipped.py``), and from its YAML source with
#: the project's YAML reader (lines kept) or with libyaml's plain C loader.
PROFILE_LOADS = {
    "generated module (shipped.py)": "from provenance.interventions.shipped import PROFILES\n"
    "data = PROFILES['default']",
    "YAML, provenance.yamlio": "from provenance import yamlio\n"
    "data = yamlio.loads(TEXT, 'default.yaml').data",
    "YAML, yaml.CSafeLoader": "import yaml\ndata = yaml.load(TEXT, Loader=yaml.CSafeLoader)",
}
PROFILE_PROBE = """
import time
from importlib import resources
from provenance.interventions.profile import _from_data
TEXT = (resources.files("provenance") / "profiles" / "default.yaml").read_text("utf-8")
t = time.perf_counter()
{load}
_from_data(data, "default", None, None, 0, validate=False)
print((time.perf_counter() - t) * 1000)
"""


def profile_loads(python: str, cwd: str, repeats: int) -> dict[str, float]:
    """Best time (ms) of each way of loading the default profile, imports included."""
    out: dict[str, float] = {}
    for name, load in PROFILE_LOADS.items():
        code = PROFILE_PROBE.format(load=load)
        runs = []
        for _ in range(repeats):
            done = subprocess.run(
                [python, "-c", code], capture_output=True, text=True, cwd=cwd, check=True
            )
            runs.append(float(done.stdout.split()[-1]))
        out[name] = min(runs)
    return out


def inputs(work: Path) -> tuple[Path, Path]:
    work.mkdir(parents=True, exist_ok=True)
    rnd = random.Random(10_000_010)
    old = diff_bench.english(rnd, 10_000)
    new = diff_bench.edit_words(rnd, old, 0.01)
    a, b = work / "old.txt", work / "new.txt"
    a.write_text(old, encoding="utf-8")
    b.write_text(new, encoding="utf-8")
    return a, b


def importtime(python: str, args: list[str], cwd: str, env: dict[str, str]) -> dict[str, Any]:
    """One run under ``-X importtime`` (after one to warm the check's cache): total import
    time, the costliest top-level packages (cumulative, as the first importer saw them) and
    which heavy packages were loaded."""
    code = "import sys; from provenance.cli import main; sys.exit(main(sys.argv[1:]))"
    for _ in range(2):
        done = subprocess.run(
            [python, "-X", "importtime", "-c", code, *args],
            capture_output=True,
            text=True,
            cwd=cwd,
            env=env,
            check=False,
        )
    rows = []
    for line in done.stderr.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)", line)
        if m:
            rows.append((int(m[2]), (len(m[3]) - 1) // 2, m[4]))
    top = sorted(((c, name) for c, depth, name in rows if depth == 0), reverse=True)
    packages: dict[str, int] = {}
    for cumulative, _depth, name in rows:
        root = name.split(".")[0]
        if root in HEAVY and "." not in name:
            packages[root] = max(packages.get(root, 0), cumulative)
    return {
        "total_ms": sum(c for c, d, _ in rows if d == 0) / 1000,
        "top": [(name, c / 1000) for c, name in top[:12]],
        "heavy": {k: v / 1000 for k, v in sorted(packages.items(), key=lambda kv: -kv[1])},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--python", metavar="PYTHON", help="The Python whose provenance to time.")
    parser.add_argument("--label", default="current", help="Names the JSON file of results.")
    parser.add_argument(
        "--baseline",
        metavar="PYTHON",
        help="Also time the provenance of this Python (another checkout, an older release), "
        "each run alternating with this one's, and print both with their ratio.",
    )
    parser.add_argument("--repeats", type=int, default=10)
    parser.add_argument(
        "--importtime",
        nargs=argparse.REMAINDER,
        metavar="ARGS",
        help="Also profile the imports of `provenance ARGS` (records/ is passed).",
    )
    parser.add_argument("--smoke", action="store_true", help="One run each (for tests).")
    args = parser.parse_args(argv)
    python = args.python or (
        sys.executable if args.smoke else str(diff_bench.install(HERE / "work" / "venv"))
    )
    diff_bench.PYTHON = python
    diff_bench.bytecode_cache(True)
    diff_bench.ENV["PYTHONPYCACHEPREFIX"] = str(HERE / "work" / "startup" / "pycache")
    repeats = 1 if args.smoke else args.repeats
    prov = diff_bench.provenance_command()
    base = None
    if args.baseline:
        diff_bench.PYTHON = args.baseline
        base = diff_bench.provenance_command()
        diff_bench.PYTHON = python
    a, b = inputs(HERE / "work" / "startup")
    results: dict[str, float] = {}
    baseline: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as cwd:  # no record store above the working folder
        # Each side keeps its own check cache: alternating runs sharing one would each find
        # the other's (another code fingerprint) and always check cold.  ``env`` sets it,
        # for the floor too, so that every row pays the same for it.
        own = ["env", f"PROVENANCE_CACHE_DIR={Path(cwd) / 'cache-own'}"]
        other = ["env", f"PROVENANCE_CACHE_DIR={Path(cwd) / 'cache-baseline'}"]
        cmds = {
            "python -c pass": (
                [*own, python, "-c", "pass"],
                [*other, args.baseline or "", "-c", "pass"],
            )
        }
        for k, v in commands(a, b).items():
            cmds[f"provenance {k}"] = ([*own, *prov, *v], [*other, *(base or []), *v])
        for cmd, other in cmds.values():  # warm the bytecode caches and check's cache
            diff_bench.run_once(cmd, 60, cwd)
            if base:
                diff_bench.run_once(other, 60, cwd)
        for name, (cmd, other) in cmds.items():
            mine, theirs = [], []
            for _ in range(repeats):  # alternating, so both see the same load
                mine.append(diff_bench.run_once(cmd, 60, cwd))
                if base:
                    theirs.append(diff_bench.run_once(other, 60, cwd))
            results[name] = min(mine) * 1000
            if base:
                baseline[name] = min(theirs) * 1000
        profile = (
            importtime(
                python,
                ["--records", str(RECORDS), *args.importtime],
                cwd,
                dict(diff_bench.ENV, PROVENANCE_CACHE_DIR=str(Path(cwd) / "cache-own")),
            )
            if args.importtime
            else None
        )
        loads = profile_loads(python, cwd, repeats)
    print(render(results, python, profile, baseline))
    print()
    print("Loading the shipped bracket profile 'default' (imports included), best of the runs:")
    print()
    for name, ms in loads.items():
        print(f"* {name}: {ms:.1f} ms")
    if not args.smoke:
        OUT.mkdir(exist_ok=True)
        out = OUT / f"startup-{args.label}.json"
        out.write_text(
            json.dumps(
                {
                    "python": python,
                    "ms": results,
                    "baseline": args.baseline,
                    "baseline_ms": baseline,
                    "importtime": profile,
                    "profile_loads_ms": loads,
                },
                indent=2,
            )
            + "\n",
            encoding="utf-8",
        )
    over = [k for k in TARGETED if results[f"provenance {k}"] > TARGET_MS]
    return 1 if over and not args.smoke else 0


def render(
    results: dict[str, float],
    python: str,
    profile: dict[str, Any] | None,
    baseline: dict[str, float] | None = None,
) -> str:
    floor = results["python -c pass"]
    lines = [f"Start-up, whole process, best of the runs ({python}):", ""]
    if baseline:
        lines += [
            "| command | baseline ms | ms | ms / baseline | target |",
            "|---|---:|---:|---:|---|",
        ]
    else:
        lines += ["| command | ms | over `python -c pass` | target |", "|---|---:|---:|---|"]
    for name, ms in results.items():
        short = name.removeprefix("provenance ")
        target = f"<= {TARGET_MS:.0f} ms" if short in TARGETED else ""
        if baseline:
            was = baseline[name]
            lines.append(f"| `{name}` | {was:.0f} | {ms:.0f} | {ms / was:.2f} | {target} |")
        else:
            lines.append(f"| `{name}` | {ms:.0f} | {ms - floor:+.0f} | {target} |")
    if profile:
        lines += ["", f"Imports: {profile['total_ms']:.0f} ms in all. Costliest (cumulative):", ""]
        lines += [f"* `{name}` {ms:.1f} ms" for name, ms in profile["top"]]
        heavy = ", ".join(f"{k} {v:.1f} ms" for k, v in profile["heavy"].items()) or "none"
        lines += ["", f"Heavy packages loaded: {heavy}."]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
