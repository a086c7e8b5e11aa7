"""Growth of TEI export, blame and interventions on pathological texts.

    python bench/pathological_bench.py                  # 10^3, 10^4, 10^5 brackets
    python bench/pathological_bench.py --sizes 1000 10000 --shapes lines cjk

Each shape is a text of N editorial brackets:

``lines``   the usual mix of bracket kinds, a blank line every 50 brackets;
``oneline`` the same on a single line (no line break at all);
``nospace`` the mix with no spaces or line breaks;
``cjk``     Chinese text with brackets, no spaces.

For each N a store holds version 1 of the text and version 2 with one bracketed word in
twenty changed; the bench times (process CPU time, best of ``--repeat``) parsing the
interventions of v2, exporting v2 as TEI, and blaming v2, and prints each time and the growth
exponent: the slope of log(time) over log(N), fitted by least squares over the sizes (1.0 is
linear, 2.0 quadratic).  The target is at most 1.1 from 10^3 to 10^5.
"""

from __future__ import annotations

import argparse
import math
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from provenance import interventions as iv
from provenance.blame import blame
from provenance.model import Agent
from provenance.store import NewStream, Store
from provenance.tei.writer import export_tei

MIX = (
    "[North] Korea ",
    "F[oreign] M[inistry] ",
    "Andong [Dandong] ",
    "[illegible] ",
    "forth [sic] ",
    "[Page 12] ",
    "[2] ",
    "[translator's note: see above] ",
)
CJK = ("[北]朝鲜", "安东[丹东]", "[字迹不清]", "外[交]部", "[原文如此]", "第[12]页")


def text_of(shape: str, n: int) -> str:
    if shape == "cjk":
        return "".join(CJK[i % len(CJK)] + ("，" if i % 7 else "。") for i in range(n))
    parts = [MIX[i % len(MIX)] for i in range(n)]
    if shape == "lines":
        return "".join(p + ("\n\n" if i % 50 == 49 else "") for i, p in enumerate(parts))
    if shape == "nospace":
        return "".join(p.replace(" ", "") for p in parts)
    return "".join(parts)


def revised(text: str, shape: str, n: int) -> str:
    old, new = ("北", "南") if shape == "cjk" else ("North", "South")
    return text.replace(old, new, max(1, n // 20))


def make_store(folder: Path, shape: str, n: int) -> Store:
    store = Store.init(folder / "records")
    text = text_of(shape, n)
    meta = {"schema": "provenance/document/1", "id": "doc", "title": "Pathological"}
    agents = [Agent("A", "translator")]
    store.add_document(
        meta, [NewStream("t", "translation", "en", text.encode(), agents, "translated", "v1")]
    )
    store.commit("doc", "t", revised(text, shape, n).encode(), agents=agents, message="v2")
    return Store(store.root)


def best(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.process_time()
        fn()
        times.append(time.process_time() - t)
    return min(times)


def slope(sizes: list[int], times: list[float]) -> float:
    xs = [math.log(n) for n in sizes]
    ys = [math.log(max(t, 1e-6)) for t in times]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument(
        "--shapes",
        nargs="+",
        default=["lines", "oneline", "nospace", "cjk"],
        choices=["lines", "oneline", "nospace", "cjk"],
    )
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    profile = iv.load_profile("default")
    for shape in args.shapes:
        results: dict[str, list[float]] = {"interventions": [], "tei": [], "blame": []}
        for n in args.sizes:
            folder = Path(tempfile.mkdtemp(prefix="provenance-bench-"))
            try:
                store = make_store(folder, shape, n)
                v2 = store.resolve("doc/t@2")
                text = store.read_text(v2)
                runs: dict[str, Callable[[], object]] = {
                    "interventions": lambda t=text: iv.parse(t, profile),
                    "tei": lambda s=store: export_tei(s, "doc/t@2"),
                    "blame": lambda s=store: blame(s, "doc/t@2"),
                }
                for name, run in runs.items():
                    results[name].append(best(run, args.repeat))
            finally:
                shutil.rmtree(folder, ignore_errors=True)
            print(
                f"{shape:8} {n:>7} brackets ({len(text):>9,} chars): "
                + "  ".join(f"{k} {v[-1]:.3f}s" for k, v in results.items()),
                flush=True,
            )
        if len(args.sizes) > 1:
            print(
                f"{shape:8} growth exponent {args.sizes[0]}..{args.sizes[-1]}: "
                + "  ".join(f"{k} {slope(args.sizes, v):.2f}" for k, v in results.items()),
                flush=True,
            )


if __name__ == "__main__":
    main()
