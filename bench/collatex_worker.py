"""Run CollateX (its Python package) on pre-tokenised witnesses; for bench/collate_bench.py.

Reads ``{"witnesses": [{"id": ..., "tokens": [{"t": ..., "n": ..., "i": ...}]}]}`` on standard
input and prints ``{"seconds": ..., "maxrss_kb": ..., "table": [[column index or null per
token column] per witness]}``: for each witness, the column of each of its tokens.  Runs in
the environment CollateX is installed in (not the project's)."""

from __future__ import annotations

import json
import resource
import sys
import time


def main() -> int:
    from collatex import Collation, collate

    data = json.load(sys.stdin)
    transpositions = "--transpositions" in sys.argv
    collation = Collation.create_from_dict(data)
    start = time.perf_counter()
    out = collate(
        collation, output="json", segmentation=False, detect_transpositions=transpositions
    )
    seconds = time.perf_counter() - start
    table = json.loads(out)["table"]
    columns: list[list[int | None]] = []
    for row, wit in zip(table, data["witnesses"], strict=True):
        where: list[int | None] = [None] * len(wit["tokens"])
        for c, cell in enumerate(row):
            for token in cell or ():
                where[token["i"]] = c
        columns.append(where)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    json.dump({"seconds": seconds, "maxrss_kb": rss, "table": columns}, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
