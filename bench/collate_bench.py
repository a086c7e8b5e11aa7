"""provenance collate against CollateX (its Python package), in one run, on the same tokens.

    bench/collate_bench.py [--collatex-python PATH] [--quick] [--out DIR]

1. **Agreement.** The Darwin witnesses (``../shared/corpus/collatex-darwin``) and each
   Frankenstein letter (``../shared/corpus/frankenstein-variorum``) are tokenised once by
   provenance; CollateX gets exactly those tokens (``t`` the token with its whitespace, ``n``
   the key provenance aligns by) and both align them.  A token is *aligned the same* when the
   set of other witnesses' tokens in its column is the same in both tables.  Every
   difference is written to ``OUT/differences.md`` with both tools' alignments of the
   region.
2. **Speed and memory**, each run a fresh process (time of the collation itself; peak
   resident memory of the process): two witnesses of 10 KB in both tools; six of 100 KB in
   provenance; time against the length (2 witnesses) and the number of witnesses.  Longer
   witnesses are made from real text (the corpus's words in their frequencies) by chains of
   revisions: each witness is the one before with about 3% of its words replaced, dropped
   or added and an occasional phrase moved.

CollateX lives in its own environment (``bench/.venv-collatex``: ``python3 -m venv
bench/.venv-collatex && bench/.venv-collatex/bin/pip install collatex python-Levenshtein``);
it is never a dependency of the project.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED = Path(os.environ.get("PROVENANCE_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus"
sys.path.insert(0, str(ROOT))

from provenance.collate import TokenOptions, Witness, collate, tokenize_witness  # noqa: E402


def body(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    return text.split("\n---\n", 1)[1] if text.startswith("---\n") else text


def corpus_sets() -> dict[str, list[Witness]]:
    sets: dict[str, list[Witness]] = {}
    darwin = sorted((CORPUS / "collatex-darwin").glob("darwin_ch1_para1_*.txt"))
    sets["darwin"] = [Witness(re.search(r"\d{4}", p.name).group(), body(p)) for p in darwin]  # type: ignore[union-attr]
    for letter in ("letter_i", "letter_iv"):
        files = sorted((CORPUS / "frankenstein-variorum" / letter).glob("*.txt"))
        sets[f"frankenstein {letter}"] = [Witness(p.name.split("_")[0], body(p)) for p in files]
    return sets


# -- running each tool in a fresh process ------------------------------------------------


def _tokens_payload(witnesses: list[Witness]) -> dict[str, Any]:
    out = []
    for w in witnesses:
        _, toks = tokenize_witness(w.text, TokenOptions())
        out.append(
            {
                "id": w.sigil,
                "tokens": [{"t": t.text + t.ws, "n": t.key, "i": i} for i, t in enumerate(toks)],
            }
        )
    return {"witnesses": out}


def run_collatex(
    python: str, witnesses: list[Witness], timeout: float, cache: Path | None = None
) -> dict[str, Any] | None:
    """CollateX's table (and time, memory) for the witnesses; with ``cache``, an earlier
    run on the very same tokens is reused (for the agreement only, never for timings)."""
    import hashlib

    payload = json.dumps(_tokens_payload(witnesses))
    stored = None
    if cache is not None:
        stored = cache / (hashlib.sha256(payload.encode()).hexdigest() + ".json")
        if stored.is_file():
            cached: dict[str, Any] = json.loads(stored.read_text(encoding="utf-8"))
            return cached
    try:
        proc = subprocess.run(
            [python, str(HERE / "collatex_worker.py")],
            input=payload,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=True,
        )
    except subprocess.TimeoutExpired:
        return None
    result: dict[str, Any] = json.loads(proc.stdout)
    if stored is not None:
        stored.parent.mkdir(parents=True, exist_ok=True)
        stored.write_text(proc.stdout, encoding="utf-8")
    return result


def run_ours(witnesses: list[Witness]) -> dict[str, Any]:
    payload = json.dumps({"witnesses": [[w.sigil, w.text] for w in witnesses]})
    proc = subprocess.run(
        [sys.executable, __file__, "--worker"],
        input=payload,
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, Any] = json.loads(proc.stdout)
    return result


def worker() -> int:
    data = json.load(sys.stdin)
    witnesses = [Witness(s, t) for s, t in data["witnesses"]]
    start = time.perf_counter()
    result = collate(witnesses)
    seconds = time.perf_counter() - start
    width = len(witnesses)
    table: list[list[int | None]] = [[None] * len(t) for t in result.tokens]
    for c, cells in enumerate(result.columns):
        for w in range(width):
            if cells[w] >= 0:
                table[w][cells[w]] = c
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    json.dump(
        {
            "seconds": seconds,
            "maxrss_kb": rss,
            "table": table,
            "locations": result.stats.locations,
            "transpositions": [
                [t.text, [result.sigla[w] for w in t.target_witnesses]]
                for t in result.transpositions
            ],
        },
        sys.stdout,
    )
    return 0


# -- agreement ---------------------------------------------------------------------------


def mates(table: list[list[int | None]]) -> dict[tuple[int, int], frozenset[tuple[int, int]]]:
    """Each token -> the other witnesses' tokens in its column."""
    by_col: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for w, cols in enumerate(table):
        for j, c in enumerate(cols):
            if c is not None:
                by_col[c].append((w, j))
    out = {}
    for members in by_col.values():
        for m in members:
            out[m] = frozenset(x for x in members if x[0] != m[0])
    return out


def compare(
    name: str, witnesses: list[Witness], ours: dict[str, Any], theirs: dict[str, Any]
) -> tuple[int, int, list[str]]:
    a, b = mates(ours["table"]), mates(theirs["table"])
    keys = sorted(a)
    differ = [k for k in keys if a[k] != b.get(k)]
    toks = [tokenize_witness(w.text, TokenOptions())[1] for w in witnesses]
    sigla = [w.sigil for w in witnesses]
    # regions: runs of our columns holding a token that differs
    cols = sorted({ours["table"][w][j] for w, j in differ})
    regions: list[list[int]] = []
    for c in cols:
        if regions and c <= regions[-1][1] + 2:
            regions[-1][1] = c
        else:
            regions.append([c, c])
    notes = []
    for k, (lo, hi) in enumerate(regions, 1):
        count = sum(1 for w, j in differ if lo <= ours["table"][w][j] <= hi)
        lines = [f"### {name}, difference {k} ({count} tokens)", "", "provenance:", "```"]
        lines += _region(ours["table"], toks, sigla, lo - 1, hi + 1)
        lines += ["```", "CollateX:", "```"]
        # the same tokens in CollateX's table
        span = {
            (w, j)
            for w in range(len(sigla))
            for j, c in enumerate(ours["table"][w])
            if c is not None and lo - 1 <= c <= hi + 1
        }
        tc = sorted({theirs["table"][w][j] for w, j in span if theirs["table"][w][j] is not None})
        if tc:
            lines += _region(theirs["table"], toks, sigla, tc[0], tc[-1])
        lines += ["```", ""]
        notes.append("\n".join(lines))
    return len(keys) - len(differ), len(keys), notes


def _region(
    table: list[list[int | None]],
    toks: list[Any],
    sigla: list[str],
    lo: int,
    hi: int,
    only: set[tuple[int, int]] | None = None,
) -> list[str]:
    width = max(len(s) for s in sigla)
    grid = [["" for _ in range(lo, hi + 1)] for _ in sigla]
    for w, cols in enumerate(table):
        for j, c in enumerate(cols):
            if c is not None and lo <= c <= hi and (only is None or (w, j) in only):
                grid[w][c - lo] = toks[w][j].text
    cw = [max(1, *(len(grid[w][k]) for w in range(len(sigla)))) for k in range(hi - lo + 1)]
    return [
        f"{sigla[w]:<{width}} | "
        + " | ".join(f"{(grid[w][k] or '-'):<{cw[k]}}" for k in range(len(cw)))
        for w in range(len(sigla))
    ]


# -- generated witnesses -------------------------------------------------------------------


def vocabulary() -> tuple[list[str], list[int]]:
    words: Counter[str] = Counter()
    for w in [x for s in corpus_sets().values() for x in s]:
        words.update(re.findall(r"[A-Za-z]+", w.text))
    items = words.most_common()
    return [w for w, _ in items], [n for _, n in items]


def generated(size: int, count: int, seed: int = 17) -> list[Witness]:
    """``count`` witnesses of about ``size`` bytes: a chain of revisions of one text."""
    rng = random.Random(seed * 1000 + size + count)
    vocab, weights = vocabulary()
    words: list[str] = []
    length = 0
    while length < size:
        word = rng.choices(vocab, weights)[0]
        r = rng.random()
        if r < 0.08:
            word += ","
        elif r < 0.13:
            word += "."
        words.append(word)
        length += len(word) + 1
    out = [Witness("W1", " ".join(words))]
    for k in range(2, count + 1):
        nxt: list[str] = []
        for word in words:
            r = rng.random()
            if r < 0.01:
                nxt.append(rng.choices(vocab, weights)[0])
            elif r < 0.02:
                continue
            elif r < 0.03:
                nxt.extend([word, rng.choices(vocab, weights)[0]])
            else:
                nxt.append(word)
        for _ in range(max(1, len(nxt) // 2000)):  # a phrase moved nearby
            at = rng.randrange(0, max(1, len(nxt) - 20))
            n = rng.randint(3, 8)
            phrase = nxt[at : at + n]
            del nxt[at : at + n]
            to = min(len(nxt), at + rng.randint(5, 15))
            nxt[to:to] = phrase
        words = nxt
        out.append(Witness(f"W{k}", " ".join(words)))
    return out


# -- the run ---------------------------------------------------------------------------------


def _kb(witnesses: list[Witness]) -> float:
    return statistics.mean(len(w.text.encode()) for w in witnesses) / 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument(
        "--collatex-python", default=str(HERE / ".venv-collatex" / "bin" / "python")
    )
    parser.add_argument("--quick", action="store_true", help="agreement and 2 x 10 KB only")
    parser.add_argument(
        "--agreement",
        action="store_true",
        help="the agreement only, reusing CollateX's tables from earlier runs on the same tokens",
    )
    parser.add_argument("--out", default=str(HERE / "out" / "collate"))
    parser.add_argument("--timeout", type=float, default=600.0)
    args = parser.parse_args(argv)
    if args.worker:
        return worker()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    report: list[str] = []
    say = report.append

    say("## Agreement with CollateX on the same tokens\n")
    say("| witnesses | tokens | aligned the same | share | provenance | CollateX |")
    say("|---|---:|---:|---:|---:|---:|")
    notes: list[str] = []
    total_same = total = 0
    for name, witnesses in corpus_sets().items():
        ours = run_ours(witnesses)
        cache = out / "cache" if args.agreement else None
        theirs = run_collatex(args.collatex_python, witnesses, args.timeout, cache)
        assert theirs is not None, f"CollateX did not finish {name}"
        same, n, diffs = compare(name, witnesses, ours, theirs)
        total_same += same
        total += n
        notes += diffs
        say(
            f"| {name} ({len(witnesses)}) | {n} | {same} | {same / n:.1%} | "
            f"{ours['seconds']:.3f} s | {theirs['seconds']:.2f} s |"
        )
        for text, wits in ours["transpositions"]:
            notes.append(f"- {name}: provenance found a transposition: {text!r} moved in {wits}\n")
    say(f"| all | {total} | {total_same} | {total_same / total:.1%} | | |\n")
    (out / "differences.md").write_text("\n".join(notes), encoding="utf-8")
    say(f"Every difference, with both alignments: `{out / 'differences.md'}`\n")

    if args.agreement:
        print("\n".join(report))
        return 0
    say("## Speed and memory (each a fresh process)\n")
    say("| case | witnesses | KB each | provenance | peak RSS | CollateX | peak RSS | ratio |")
    say("|---|---:|---:|---:|---:|---:|---:|---:|")

    def row(case: str, witnesses: list[Witness], with_collatex: bool) -> None:
        ours = run_ours(witnesses)
        theirs = (
            run_collatex(args.collatex_python, witnesses, args.timeout) if with_collatex else None
        )
        cx = ratio = cx_mem = ""
        if with_collatex:
            if theirs is None:
                cx, ratio = f"> {args.timeout:.0f} s", ""
            else:
                cx = f"{theirs['seconds']:.2f} s"
                cx_mem = f"{theirs['maxrss_kb'] / 1024:.0f} MB"
                ratio = f"{theirs['seconds'] / ours['seconds']:.0f}×"
        say(
            f"| {case} | {len(witnesses)} | {_kb(witnesses):.1f} | {ours['seconds']:.3f} s | "
            f"{ours['maxrss_kb'] / 1024:.0f} MB | {cx} | {cx_mem} | {ratio} |"
        )
        print(report[-1], file=sys.stderr, flush=True)

    fr = corpus_sets()["frankenstein letter_iv"]
    real = [Witness(w.sigil, w.text.encode()[:10_000].decode("utf-8", "ignore")) for w in fr[:3:2]]
    row("Frankenstein letter IV, 1818 and 1831, first 10 KB", real, True)
    row("generated, 2 x 10 KB", generated(10_000, 2), True)
    if not args.quick:
        row("generated, 6 x 100 KB", generated(100_000, 6), False)
        for size in (1_000, 2_000, 5_000):
            row(f"length: 2 x {size // 1000} KB", generated(size, 2), True)
        for size in (25_000, 50_000, 100_000, 200_000, 400_000):
            row(f"length: 2 x {size // 1000} KB", generated(size, 2), False)
        for count in (3, 4, 6):
            row(f"number: {count} x 2 KB", generated(2_000, count), True)
        for count in (2, 4, 8, 12):
            row(f"number: {count} x 50 KB", generated(50_000, count), False)
    text = "\n".join(report) + "\n"
    (out / "report.md").write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
