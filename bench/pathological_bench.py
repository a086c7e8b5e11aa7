"""Growth of TEI export, blame, interventions and diff on pathological texts.

    python bench/pathological_bench.py                  # 10^3, 10^4, 10^5 brackets
    python bench/pathological_bench.py --sizes 1000 10000 --shapes lines cjk
    python bench/pathological_bench.py --shapes bigline # one line of 1, 4 and 32 MiB
    python bench/pathological_bench.py --ops diff --traced  # memory also by tracemalloc

Each shape is a text of N editorial brackets:

``lines``   the usual mix of bracket kinds, a blank line every 50 brackets;
``oneline`` the same on a single line (no line break at all);
``nospace`` the mix with no spaces or line breaks;
``cjk``     Chinese text with brackets, no spaces;
``bigline`` the ``oneline`` text grown to ``--mib`` mebibytes (sizes in MiB, not brackets).

For each N a store holds version 1 of the text and version 2 with one bracketed word in
twenty changed (in the first 40% of the text); the bench measures parsing the interventions
of v2, exporting v2 as TEI, blaming v2 and diffing v1 with v2 (``provenance.diff``), each in
a forked process of its own: process CPU time (best of ``--repeat``) and the peak memory the
operation added (the process's high-water resident size, reset after the fork, less its size
before; the child first gives back what the parent freed, but reuses Python's own free
memory, so small sizes can read low: ``--traced`` also counts Python's allocations with
``tracemalloc`` in one more run and shows the larger figure). Each operation runs once on a
small text first, so that loading modules is not counted. With ``diff``, the bench also
prints how many words the diff reports changed against the fewest there are (each edit
replaces one word: two words), from one more, unmeasured, run. An operation still running
after ``--limit`` seconds is stopped and shown as ``>limit``. The bench prints each figure
and the growth exponent: the slope of log(value) over log(N), fitted by least squares over
the sizes (1.0 is linear, 2.0 quadratic). The target is at most 1.1 from 10^3 to 10^5.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import gc
import math
import os
import pickle
import resource
import shutil
import signal
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from provenance import interventions as iv
from provenance.blame import blame
from provenance.diff import diff_texts
from provenance.diff.tokenize import count_words
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


#: Characters per bracket of the ``oneline`` shape (``bigline`` sizes are turned into brackets).
ONELINE_CHARS = sum(len(p) for p in MIX) / len(MIX)


def text_of(shape: str, n: int) -> str:
    if shape == "bigline":
        shape = "oneline"
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


def changed_words(old: str, new: str, shape: str) -> tuple[int, int]:
    """The words ``provenance.diff`` reports changed between ``old`` and ``new`` (old side
    plus new side of every change), and the fewest there are: each edit replaces one word
    by another, so one deleted and one inserted word."""
    result = diff_texts(old, new)
    assert result.apply() == new
    word = "北" if shape == "cjk" else "North"
    fewest = 2 * (old.count(word) - new.count(word))
    return sum(count_words(c.old) + count_words(c.new) for c in result.reported), fewest


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


def _kib(field: str) -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def _release_free_memory() -> None:
    """Give the memory the process freed back to the system (``malloc_trim``, glibc), so
    that an operation's peak is not hidden by reusing what making the store left free."""
    gc.collect()
    with contextlib.suppress(OSError, AttributeError):  # not glibc: measured as it is
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def measure(fn: Callable[[], object], limit: float, traced: bool = False) -> tuple[float, float]:
    """CPU seconds and peak MiB added of ``fn()`` run in a forked child (inf past ``limit``);
    with ``traced``, the peak of the memory Python allocated for it (``tracemalloc``, which
    slows it down: its CPU time is not to be used)."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        os.close(read)
        _release_free_memory()
        try:
            with open("/proc/self/clear_refs", "w", encoding="ascii") as refs:
                refs.write("5")  # reset the high-water mark of resident memory
        except OSError:
            pass
        before = _kib("VmRSS")
        signal.alarm(int(limit) * (4 if traced else 1) + 1)
        if traced:
            tracemalloc.start()
        t = time.process_time()
        fn()
        cpu = time.process_time() - t
        peak = _kib("VmHWM") or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        added = (peak - before) / 1024
        if traced:
            added = tracemalloc.get_traced_memory()[1] / 2**20
        os.write(write, pickle.dumps((cpu, added)))
        os._exit(0)
    os.close(write)
    data = b""
    while chunk := os.read(read, 4096):
        data += chunk
    os.close(read)
    os.waitpid(pid, 0)
    if not data:
        return math.inf, math.inf
    cpu, mib = pickle.loads(data)
    return (cpu, mib) if cpu <= limit or traced else (math.inf, mib)


def best(
    fn: Callable[[], object], repeat: int, limit: float, traced: bool = False
) -> tuple[float, float]:
    """The least CPU time and memory of ``repeat`` runs; with ``traced``, the memory is at
    least what ``tracemalloc`` counted in one more run (see ``--traced``)."""
    runs = [measure(fn, limit) for _ in range(repeat)]
    cpu, mib = min(r[0] for r in runs), min(r[1] for r in runs)
    if traced and math.isfinite(cpu):
        mib = max(mib, measure(fn, limit, traced=True)[1])
    return cpu, mib


def slope(sizes: list[int], times: list[float], floor: float = 0.0) -> float:
    """The least-squares slope of log(value) over log(size), over the finite values of at
    least ``floor`` (memory below 1 MiB is the resolution of the measure, not growth)."""
    pairs = [(n, t) for n, t in zip(sizes, times, strict=True) if math.isfinite(t) and t >= floor]
    if len(pairs) < 2:
        return math.nan
    xs = [math.log(n) for n, _ in pairs]
    ys = [math.log(max(t, 1e-3)) for _, t in pairs]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs
    )


OPERATIONS = ("interventions", "tei", "blame", "diff")


def runs_for(store: Store, profile: object) -> dict[str, Callable[[], object]]:
    v1, v2 = store.resolve("doc/t@1"), store.resolve("doc/t@2")
    old, text = store.read_text(v1), store.read_text(v2)
    return {
        "interventions": lambda: iv.parse(text, profile),  # type: ignore[arg-type]
        "tei": lambda: export_tei(store, "doc/t@2"),
        "blame": lambda: blame(store, "doc/t@2"),
        "diff": lambda: diff_texts(old, text),
    }


def _show(value: float, unit: str) -> str:
    return f">{unit}" if not math.isfinite(value) else f"{value:.3f}{unit}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--mib", type=float, nargs="+", default=[1, 4, 32])
    parser.add_argument(
        "--shapes",
        nargs="+",
        default=["lines", "oneline", "nospace", "cjk"],
        choices=["lines", "oneline", "nospace", "cjk", "bigline"],
    )
    parser.add_argument("--ops", nargs="+", default=list(OPERATIONS), choices=OPERATIONS)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--limit", type=float, default=600.0, help="seconds per operation")
    parser.add_argument(
        "--traced",
        action="store_true",
        help="memory: also count Python's allocations (tracemalloc) in one more run, and "
        "show the larger figure (the resident size misses memory the child reuses)",
    )
    args = parser.parse_args()
    profile = iv.load_profile("default")
    folder = Path(tempfile.mkdtemp(prefix="provenance-bench-"))
    try:  # load every module the operations use, so that no measure counts it
        warm = runs_for(make_store(folder / "warm", "lines", 50), profile)
        for op in args.ops:
            warm[op]()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    for shape in args.shapes:
        sizes = (
            [int(m * 2**20 / ONELINE_CHARS) - len(MIX) for m in args.mib]  # within the limit
            if shape == "bigline"
            else args.sizes
        )
        times: dict[str, list[float]] = {op: [] for op in args.ops}
        peaks: dict[str, list[float]] = {op: [] for op in args.ops}
        for n in sizes:
            folder = Path(tempfile.mkdtemp(prefix="provenance-bench-"))
            try:
                store = make_store(folder, shape, n)
                chars = len(store.read_text(store.resolve("doc/t@2")))
                runs = runs_for(store, profile)
                words = ""
                if "diff" in args.ops:  # unmeasured: the diff's answer, against the fewest
                    got, fewest = changed_words(
                        store.read_text(store.resolve("doc/t@1")),
                        store.read_text(store.resolve("doc/t@2")),
                        shape,
                    )
                    words = f"  (diff: {got:,} words changed, fewest {fewest:,})"
                for op in args.ops:
                    if times[op] and not math.isfinite(times[op][-1]):
                        cpu, mib = math.inf, math.inf  # too slow at a smaller size already
                    else:
                        cpu, mib = best(runs[op], args.repeat, args.limit, args.traced)
                    times[op].append(cpu)
                    peaks[op].append(mib)
            finally:
                shutil.rmtree(folder, ignore_errors=True)
            print(
                f"{shape:8} {n:>8} brackets ({chars:>11,} chars): "
                + "  ".join(
                    f"{op} {_show(times[op][-1], 's')} {_show(peaks[op][-1], 'MiB')}"
                    for op in args.ops
                )
                + words,
                flush=True,
            )
        if len(sizes) > 1:
            print(
                f"{shape:8} growth exponent {sizes[0]}..{sizes[-1]}, time (memory): "
                + "  ".join(
                    f"{op} {slope(sizes, times[op]):.2f} ({slope(sizes, peaks[op], 1.0):.2f})"
                    for op in args.ops
                ),
                flush=True,
            )


if __name__ == "__main__":
    main()
