"""How well ``provenance align`` pairs an original with its translation, against a hand
alignment; and how long it takes as texts grow.

    python bench/align_bench.py accuracy ORIGINAL TRANSLATION GOLD
    python bench/align_bench.py stale
    python bench/align_bench.py speed [--sizes 20 80 320]

GOLD holds one pair of sentences a line, numbered over the whole text in the order the
aligner cuts them (``python bench/align_bench.py sentences FILE`` lists them): ``1 | 1 2``
(one original sentence rendered by two), ``3 4 | 3``, ``5 | -`` (left out). Scores are
over links (each original sentence paired with each translation sentence of its pair):
precision, recall and F1, and the share of gold pairs found exactly; for the aligner as it
runs (paragraphs, then sentences inside paired paragraphs) and for sentences aligned over the
whole text at once.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from provenance.align import align_segments, align_texts, paragraphs, sentences
from provenance.align.segment import Segment

Pair = tuple[tuple[int, ...], tuple[int, ...]]


def all_sentences(text: str) -> list[Segment]:
    out = [s for p in paragraphs(text) for s in sentences(p)]
    return [Segment(i + 1, s.text, s.start, s.end, s.line) for i, s in enumerate(out)]


def hierarchical(src: str, tgt: str) -> list[Pair]:
    """The aligner's sentence pairs, numbered over the whole texts."""
    alignment = align_texts(src, tgt)
    s_base = {p.index: 0 for p in alignment.source}
    t_base = {p.index: 0 for p in alignment.target}
    n = 0
    for p in alignment.source:
        s_base[p.index] = n
        n += len(sentences(p))
    n = 0
    for p in alignment.target:
        t_base[p.index] = n
        n += len(sentences(p))
    pairs: list[Pair] = []
    for bead in alignment.beads:
        s_first = s_base[bead.source[0]] if bead.source else 0
        t_first = t_base[bead.target[0]] if bead.target else 0
        if not bead.source or not bead.target:
            for k in bead.source:
                count = len(sentences(alignment.source[k - 1]))
                pairs += [((s_base[k] + i + 1,), ()) for i in range(count)]
            for k in bead.target:
                count = len(sentences(alignment.target[k - 1]))
                pairs += [((), (t_base[k] + i + 1,)) for i in range(count)]
            continue
        for s in bead.sentences:
            pairs.append(
                (tuple(s_first + i for i in s.source), tuple(t_first + i for i in s.target))
            )
    return pairs


def flat(src: str, tgt: str) -> list[Pair]:
    beads = align_segments(all_sentences(src), all_sentences(tgt))
    return [(b.source, b.target) for b in beads]


def links(pairs: list[Pair]) -> set[tuple[int, int]]:
    return {(s, t) for ss, ts in pairs for s in ss for t in ts}


def read_gold(path: Path) -> list[Pair]:
    out: list[Pair] = []
    for line in path.read_text("utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        left, _, right = line.partition("|")
        out.append(
            (
                tuple(int(x) for x in left.split() if x != "-"),
                tuple(int(x) for x in right.split() if x != "-"),
            )
        )
    return out


def score(found: list[Pair], gold: list[Pair]) -> dict[str, float]:
    f, g = links(found), links(gold)
    p = len(f & g) / len(f) if f else 0.0
    r = len(f & g) / len(g) if g else 0.0
    exact = len(set(found) & set(gold)) / len(gold) if gold else 0.0
    return {
        "precision": p,
        "recall": r,
        "f1": 2 * p * r / (p + r) if p + r else 0.0,
        "exact pairs": exact,
    }


def accuracy(args: argparse.Namespace) -> None:
    src = Path(args.original).read_text("utf-8")
    tgt = Path(args.translation).read_text("utf-8")
    gold = read_gold(Path(args.gold))
    print(f"{len(all_sentences(src))} original sentences, {len(all_sentences(tgt))} translation "
          f"sentences, {len(gold)} gold pairs, {len(links(gold))} gold links")  # fmt: skip
    for name, found in (("paragraphs, then sentences", hierarchical(src, tgt)),
                        ("sentences over the whole text", flat(src, tgt))):  # fmt: skip
        figures = score(found, gold)
        print(f"{name:32}" + "  ".join(f"{k} {v:.3f}" for k, v in figures.items()))
        if args.verbose:
            print("   ", [p for p in found if p not in gold])


def list_sentences(args: argparse.Namespace) -> None:
    for s in all_sentences(Path(args.file).read_text("utf-8")):
        print(f"{s.index:4}  {' '.join(s.text.split())[:110]}")


def speed(args: argparse.Namespace) -> None:
    root = Path(__file__).resolve().parent.parent
    zh = (root / "tests" / "fixtures" / "lineage" / "seed-zh-v1.txt").read_text("utf-8")
    en = root / "records" / "1961-05-10-cable-ministry-of-public-security" / "en" / "v1.txt"
    en_text = en.read_text("utf-8")
    print("| paragraphs | characters (zh + en) | align (paragraphs + sentences) |")
    print("|---:|---:|---:|")
    for size in args.sizes:
        copies = max(1, size // len(paragraphs(zh)))
        a = "\n\n".join([zh.strip()] * copies) + "\n"
        b = "\n\n".join([en_text.strip()] * copies) + "\n"
        started = time.perf_counter()
        align_texts(a, b)
        took = time.perf_counter() - started
        print(f"| {len(paragraphs(a))} | {len(a) + len(b):,} | {took:.2f} s |")


def stale(args: argparse.Namespace) -> None:
    """Precision of the paragraphs ``status`` says to review: each paragraph of the Chinese
    fixture corrected in turn (and a paragraph inserted after each), against the seed's
    English as it is and as a translator might have paragraphed it (two merged, one split,
    one left out), whose true correspondence is known."""
    from provenance.align.stale import stale_detail

    root = Path(__file__).resolve().parent.parent
    zh = (root / "tests" / "fixtures" / "lineage" / "seed-zh-v1.txt").read_text("utf-8")
    en = root / "records" / "1961-05-10-cable-ministry-of-public-security" / "en" / "v1.txt"
    texts = [p.text for p in paragraphs(en.read_text("utf-8"))]
    n = len(texts)
    identity = {k: {k} for k in range(1, n + 1)}
    merged = [*texts[:7], texts[7] + " " + texts[8], *texts[9:13], *texts[14:16]]
    first, _, rest = texts[16].partition(" According to reports")
    merged += [first, "According to reports" + rest, *texts[17:]]
    truth = {k: {k} for k in range(1, 8)}
    truth |= {8: {8}, 9: {8}, 10: {9}, 11: {10}, 12: {11}, 13: {12}, 14: set(), 15: {13}}
    truth |= {16: {14}, 17: {15, 16}, 18: {17}, 19: {18}, 20: {19}}
    cases = (("as published", "\n\n".join(texts) + "\n", identity),
             ("merged, split, one left out", "\n\n".join(merged) + "\n", truth))  # fmt: skip
    zh_paras = [p.text for p in paragraphs(zh)]
    print("| English | changes | review precision | review recall | exact |")
    print("|---|---:|---:|---:|---:|")
    for name, translation, gold in cases:
        found = right = wanted = exact = total = 0
        for k in range(1, len(zh_paras) + 1):
            for how in ("corrected", "inserted"):
                new = list(zh_paras)
                if how == "corrected":
                    new[k - 1] = new[k - 1].rstrip("。") + "等。"
                    expect = gold[k]
                else:
                    new.insert(k, "补充一段：1962年情况。")
                    # the new paragraph follows k: review where k is rendered (or, if k was
                    # left out, where the one before it is)
                    j = k
                    while j > 1 and not gold[j]:
                        j -= 1
                    expect = set(sorted(gold[j])[-1:])
                detail = stale_detail(zh, "\n\n".join(new) + "\n", translation)
                got = set(detail.review)
                total += 1
                found += len(got)
                right += len(got & expect)
                wanted += len(expect)
                exact += got == expect
        print(f"| {name} | {total} | {right / found:.3f} | {right / wanted:.3f} | "
              f"{exact} of {total} |")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(required=True)
    p = sub.add_parser("accuracy")
    p.add_argument("original")
    p.add_argument("translation")
    p.add_argument("gold")
    p.add_argument("-v", "--verbose", action="store_true")
    p.set_defaults(func=accuracy)
    p = sub.add_parser("sentences")
    p.add_argument("file")
    p.set_defaults(func=list_sentences)
    p = sub.add_parser("stale")
    p.set_defaults(func=stale)
    p = sub.add_parser("speed")
    p.add_argument("--sizes", type=int, nargs="+", default=[20, 80, 320])
    p.set_defaults(func=speed)
    args = parser.parse_args()
    args.func(args)


if __name__ == "__main__":
    main()
