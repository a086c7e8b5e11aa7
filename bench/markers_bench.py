"""What the ``//`` page-break marker costs the bracket parser.

Times, best of ``--repeat``, :func:`provenance.interventions.parse` and the diff classer's
:class:`~provenance.interventions.parser.TopLevel` (what ``diff`` builds for each side) on:
the seed translation (5 KB, no ``//``), the real API transcript repeated 200 times (1.4 MB,
600 markers), a FRUS volume as XML (2.2 MB, thousands of ``/`` in URLs and tags, two ``//``),
and 10,000 generated brackets (150 KB).  To compare with another checkout, run the same
script with ``PYTHONPATH`` pointing at it::

    python bench/markers_bench.py
    PYTHONPATH=/path/to/other/checkout python bench/markers_bench.py
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from provenance import interventions as iv
from provenance.interventions.parser import TopLevel

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
MIX = ("[North] Korea ", "F[oreign] M[inistry] ", "Andong [Dandong] ", "[illegible] ",
       "forth [sic] ", "[Page 12] ", "[2] ", "[translator's note: see above] ")  # fmt: skip


def texts() -> dict[str, str]:
    out = {}
    seed = sorted((ROOT / "records").glob("*/en/v1.txt"))
    if seed:
        out["seed"] = seed[0].read_text(encoding="utf-8")
    ru = SHARED / "corpus" / "wilson-digitalarchive-api" / "transcript_33548_ru.txt"
    if ru.is_file():
        out["transcript x200"] = ru.read_text(encoding="utf-8") * 200
    frus = SHARED / "corpus" / "frus-volumes" / "frus1861@3fe3075.xml"
    if frus.is_file():
        out["frus1861 xml"] = frus.read_text(encoding="utf-8")
    out["10,000 brackets"] = "".join(
        MIX[i % len(MIX)] + ("\n\n" if i % 50 == 49 else "") for i in range(10_000)
    )
    return out


def best(fn: object, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()
    prof = iv.builtin_profile("default")
    print(f"{'text':16} {'chars':>10} {'markers':>8} {'parse':>10} {'TopLevel':>10}")
    for name, text in texts().items():
        n = sum(getattr(i, "kind", "") == "marker" for i in iv.parse(text, prof).interventions)
        parse = best(lambda t=text: iv.parse(t, prof), args.repeat)
        top = best(lambda t=text: TopLevel(t, prof), max(args.repeat, 50))
        print(f"{name:16} {len(text):>10,} {n:>8} {parse * 1e3:>8.2f}ms {top * 1e3:>8.3f}ms")


if __name__ == "__main__":
    main()
