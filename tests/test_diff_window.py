"""Large regions with nothing unique to anchor them (a small vocabulary, a periodic text, no
spaces, all Chinese) are aligned window by window: both texts always come back, the answer
is the exact one when a region fits in one window, and the work grows with the length of
the texts, not with their length times their changes (counted here in LCS cells, not timed:
``bench/pathological_bench.py`` measures the time)."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import Indel

from provenance.diff import diff_texts, window
from provenance.diff import engine as eng
from provenance.diff.tokenize import count_words

ALPHABET = "abcde"


def _lcs_length(a: Sequence[object], b: Sequence[object]) -> int:
    return (len(a) + len(b) - Indel.distance(a, b)) // 2


def _check_runs(a: str, b: str, runs: list[tuple[int, int, int]]) -> None:
    """Runs in order on both sides, not touching one another, each of equal units."""
    i = j = 0
    for x, y, k in runs:
        assert k > 0 and x >= i and y >= j and (x > i or y > j or (i, j) == (0, 0))
        assert a[x : x + k] == b[y : y + k]
        i, j = x + k, y + k
    assert i <= len(a) and j <= len(b)


@settings(max_examples=150, deadline=None)
@given(
    st.text(ALPHABET, max_size=300),
    st.text(ALPHABET, max_size=300),
    st.integers(min_value=2, max_value=64),
)
def test_windowed_runs_are_a_common_subsequence_and_exact_when_they_fit(
    a: str, b: str, size: int
) -> None:
    runs = window.windowed_runs(a, b, window=size)
    assert runs is not None
    _check_runs(a, b, runs)
    kept = sum(k for _, _, k in runs)
    if len(a) <= size and len(b) <= size:
        assert kept == _lcs_length(a, b)
    whole = window.windowed_runs(a, b, window=max(len(a), len(b), 1))
    assert whole is not None and sum(k for _, _, k in whole) == _lcs_length(a, b)


def _edited(rnd: random.Random, units: list[str], vocab: Sequence[str], every: int) -> list[str]:
    """One unit in about ``every`` replaced, deleted or followed by a new one."""
    out = list(units)
    for k in range(len(out) - 1, -1, -1):
        if rnd.randrange(every) == 0:
            choice = rnd.randrange(3)
            if choice == 0:
                out[k] = rnd.choice(vocab)
            elif choice == 1:
                del out[k]
            else:
                out.insert(k + 1, rnd.choice(vocab))
    return out


def test_spread_out_changes_keep_as_much_as_the_exact_alignment() -> None:
    """Changes spread all through a long periodic sequence: the windows keep as many units
    as one exact LCS of the whole."""
    rnd = random.Random(7)
    vocab = list("abcdefgh")
    a = [vocab[k % len(vocab)] for k in range(3000)]
    b = _edited(rnd, a, vocab, 25)
    runs = window.windowed_runs(a, b, window=256)
    assert runs is not None
    assert sum(k for _, _, k in runs) == _lcs_length(a, b)


@contextmanager
def _counted(
    monkeypatch: pytest.MonkeyPatch, size: int, lcs_max: int
) -> Iterator[dict[str, list[int]]]:
    """Regions over ``lcs_max`` unit pairs aligned in windows of ``size``; counts the unit
    pairs each window's LCS looked at, and the sizes given to Myers and the exact LCS."""
    seen: dict[str, list[int]] = {"window": [], "exact": []}
    blocks = window._blocks

    def counting_blocks(a, b):  # type: ignore[no-untyped-def]
        seen["window"].append(len(a) * len(b))
        return blocks(a, b)

    def exact(name: str) -> Callable[..., object]:
        method = getattr(eng.Differ, name)

        def counting(self, a, b):  # type: ignore[no-untyped-def]
            seen["exact"].append(len(a) * len(b))
            return method(self, a, b)

        return counting

    monkeypatch.setattr(window, "_blocks", counting_blocks)
    monkeypatch.setattr(window, "WINDOW", size)
    monkeypatch.setattr(eng, "LCS_MAX_BITS", lcs_max)
    monkeypatch.setattr(eng.Differ, "_myers", exact("_myers"))
    monkeypatch.setattr(eng.Differ, "_lcs", exact("_lcs"))
    yield seen


MIX = ["[North] Korea ", "F[oreign] M[inistry] ", "Andong [Dandong] ", "[sic] ", "[2] "]
CJK = ["[北]朝鲜", "安东[丹东]", "[字迹不清]", "外[交]部", "[原文如此]"]


def _pathological(shape: str, n: int) -> tuple[str, str]:
    """``n`` brackets, every piece recurring; one in five edited (all through the text)."""
    if shape == "cjk":
        old = "".join(CJK[k % len(CJK)] + ("，" if k % 7 else "。") for k in range(n))
        return old, old.replace("北", "南")
    parts = [MIX[k % len(MIX)] for k in range(n)]
    if shape == "nospace":
        parts = [p.replace(" ", "") for p in parts]
    old = "".join(parts)
    return old, old.replace("North", "South")


@pytest.mark.parametrize("shape", ["oneline", "nospace", "cjk"])
def test_a_region_with_nothing_unique_is_aligned_in_windows_in_linear_work(
    shape: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A one-line text of brackets from a small set, with or without spaces, or Chinese: no
    unit is found once on each side.  It goes through the windows (never through Myers or
    the exact LCS as a whole), the new text comes back with exactly the edited words
    changed, and four times the text costs about four times the LCS cells."""
    cells = []
    for n in (400, 1600):
        old, new = _pathological(shape, n)
        with _counted(monkeypatch, 64, 4096) as seen:
            result = diff_texts(old, new)
        assert result.apply() == new
        edited = old.count("North") + old.count("北")
        assert sum(count_words(c.old) + count_words(c.new) for c in result.reported) == 2 * edited
        assert seen["window"], "the windows were not used"
        assert max(seen["exact"], default=0) <= 4096
        assert max(seen["window"]) <= 64 * 64
        cells.append(sum(seen["window"]))
    assert cells[1] <= 4.5 * cells[0]


def test_the_chunk_pass_aligns_a_large_region_with_no_anchor_in_windows(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The space-separated chunks of a large region that recur all through it are aligned
    window by window too (before, the whole region went to the word-level pass)."""
    from provenance.diff import chunks

    old, new = _pathological("oneline", 3000)
    monkeypatch.setattr(eng, "FAST_ABOVE", 0)
    monkeypatch.setattr(chunks, "CELLS", 64 * 64)
    monkeypatch.setattr(window, "WINDOW", 64)
    words = old.split(" "), new.split(" ")
    runs = chunks.matching_runs(*words)
    assert runs and max(k for _, _, k in runs) > 1
    result = diff_texts(old, new)
    assert result.apply() == new
    assert sum(count_words(c.old) + count_words(c.new) for c in result.reported) == 2 * (
        old.count("North")
    )


WORDS = st.sampled_from(["the", "cable", "[North]", "[sic]", "中", "国", ",", " ", "  ", "\n"])


@settings(max_examples=60, deadline=None)
@given(st.lists(WORDS, min_size=1, max_size=200), st.randoms(use_true_random=False))
def test_forced_windows_give_both_texts_back_and_the_exact_answer_when_small(
    words: list[str], rnd: random.Random
) -> None:
    """Every region aligned by the windows (none too small for them): both texts come back;
    with a window larger than the texts, as few changed words as the exact engine."""
    old = "".join(words)
    new = "".join(_edited(rnd, words, ["the", "[sic]", "国", " ", "\n"], 6))
    exact = diff_texts(old, new)
    saved = eng.LCS_MAX_BITS, window.WINDOW
    try:
        eng.LCS_MAX_BITS = 0
        big = diff_texts(old, new)
        window.WINDOW = 8
        small = diff_texts(old, new)
    finally:
        eng.LCS_MAX_BITS, window.WINDOW = saved
    for result in (big, small):
        assert result.apply() == new
        assert "".join(op.old for op in result.operations) == old
        assert "".join(op.new for op in result.operations) == new

    def changed(result) -> int:  # type: ignore[no-untyped-def]
        return sum(count_words(c.old) + count_words(c.new) for c in result.reported)

    assert changed(big) == changed(exact)


@pytest.mark.parametrize("seed", [1, 2, 5])
def test_runs_found_once_on_each_side_by_chance_do_not_anchor(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Six words in random order, one in fifteen edited: some runs of four words are found
    once in each text by chance, far from where the texts agree.  Anchoring there threw the
    diff out of step (up to 1.7 times the fewest changed words); now only runs the two texts
    share beyond them anchor, and the diff changes the fewest words there are."""
    from provenance.diff import chunks

    monkeypatch.setattr(eng, "FAST_ABOVE", 0)
    monkeypatch.setattr(chunks, "CELLS", 64 * 64)  # large-text handling at a small size
    monkeypatch.setattr(window, "WINDOW", 64)
    rnd = random.Random(seed)
    vocab = ["the", "of", "and", "to", "a", "in"]
    old = [rnd.choice(vocab) for _ in range(4000)]
    new = _edited(rnd, old, vocab, 15)
    result = diff_texts(" ".join(old), " ".join(new))
    assert result.apply() == " ".join(new)
    changed = sum(count_words(c.old) + count_words(c.new) for c in result.reported)
    assert changed == Indel.distance(old, new)


@pytest.mark.parametrize(("at", "size"), [(0, 5_000), (7_000, 5_000), (7_000, 9_000)])
def test_the_windows_catch_up_with_a_long_insertion_as_with_a_long_deletion(
    at: int, size: int
) -> None:
    """Thousands of units put in (or taken out) where nothing else matches them: the walk
    skips the inserted side until the two are in step again, and keeps the rest (it used to
    spend the old side as deletions and keep nothing after the insertion)."""
    rnd = random.Random(5)
    a = "".join(rnd.choice("abcdefgh") for _ in range(20_000))
    b = a[:at] + "x" * size + a[at:]
    for old, new in ((a, b), (b, a)):
        runs = window.windowed_runs(old, new)
        assert runs is not None
        assert sum(k for *_, k in runs) >= 0.99 * len(a), (len(old), len(new))


def test_a_long_insertion_in_a_few_recurring_words_is_found_whole() -> None:
    """Thirty thousand words drawn from five, 300 of them edited, and 3,000 more of the
    same five put in: no word and no run of four is found once, but longer runs are, so
    the diff keeps nearly every word (windows alone kept two fifths of the text and
    reported ten thousand changes)."""
    rnd = random.Random(4)
    vocab = ["the", "and", "of", "to", "a"]
    a = [rnd.choice(vocab) for _ in range(30_000)]
    b = list(a)
    for _ in range(300):
        k = rnd.randrange(len(b))
        r = rnd.random()
        if r < 0.3:
            b.insert(k, rnd.choice(vocab))
        elif r < 0.6:
            del b[k]
        else:
            b[k] = rnd.choice(vocab)
    b[5_000:5_000] = [rnd.choice(vocab) for _ in range(3_000)]
    old, new = " ".join(a), " ".join(b)
    result = diff_texts(old, new)
    assert result.apply() == new
    kept = sum(count_words(op.old) for op in result.operations if op.op == "equal")
    assert kept >= 0.98 * len(a)
    assert result.stats.changes <= 1_000
