"""How few words a diff reports changed, against the fewest there are (an exact LCS of the
words), and how it reads when much has changed: moved paragraphs reported as moves, two
translations of one text compared sentence by sentence."""

from __future__ import annotations

import importlib.util
import random
from pathlib import Path
from types import ModuleType

from hypothesis import given, settings
from hypothesis import strategies as st

from provenance.diff import diff_texts
from provenance.diff.render import FORMATS, RenderOptions
from provenance.diff.result import DiffResult
from provenance.diff.tokenize import count_words, is_word, tokenize

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "cases" / "diff"


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("diff_bench", ROOT / "bench" / "diff_bench.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _words(text: str) -> list[str]:
    return [t for t in tokenize(text) if is_word(t)]


def minimal_changed_words(old: str, new: str) -> int:
    """Words deleted plus words inserted by a shortest word-level edit script (an exact LCS
    of the words, by the bit-parallel algorithm)."""
    a, b = _words(old), _words(new)
    if len(a) < len(b):
        a, b = b, a
    masks: dict[str, int] = {}
    bit = 1
    for w in b:
        masks[w] = masks.get(w, 0) | bit
        bit <<= 1
    full = bit - 1
    v = full
    for w in a:
        u = v & masks.get(w, 0)
        v = ((v + u) | (v - u)) & full
    lcs = len(b) - v.bit_count()
    return len(a) + len(b) - 2 * lcs


def changed_words(result: DiffResult) -> int:
    """Words in the reported changes, old and new side; a moved passage counts the words
    that changed on the way (and whatever else its changes hold), not its whole length."""
    total = 0
    for ch in result.reported:
        if ch.move is None:
            total += count_words(ch.old) + count_words(ch.new)
    for m in result.moves:
        gone, came = result.operations[m.deleted], result.operations[m.inserted]
        total += m.words_changed + count_words(gone.new) + count_words(came.old)
    return total


VOCAB = "the of and to in a that is was he for it with as his on Korea [North] [sic] , . ; 中 国"


def _edited(rnd: random.Random, words: list[str], rate: float) -> list[str]:
    out: list[str] = []
    vocab = VOCAB.split()
    for w in words:
        r = rnd.random()
        if r < rate / 3:
            out.append(rnd.choice(vocab))
        elif r < 2 * rate / 3:
            continue
        elif r < rate:
            out.extend((w, rnd.choice(vocab)))
        else:
            out.append(w)
    return out


def _random_pair(rnd: random.Random) -> tuple[str, str]:
    vocab = VOCAB.split()
    words = [rnd.choice(vocab) for _ in range(rnd.randint(5, 400))]
    paras, k = [], 0
    while k < len(words):
        n = rnd.randint(3, 40)
        paras.append(words[k : k + n])
        k += n
    rate = rnd.choice([0.01, 0.05, 0.1, 0.3])
    old = "\n\n".join(" ".join(p) for p in paras) + "\n"
    new = "\n\n".join(" ".join(_edited(rnd, p, rate)) for p in paras) + "\n"
    return old, new


@settings(max_examples=60, deadline=None)
@given(st.randoms(use_true_random=False))
def test_changed_words_are_within_five_percent_of_the_fewest(rnd: random.Random) -> None:
    """Random texts small enough for an exact LCS: the words reported changed are at most
    5% over the fewest (and two words, for the few-word pairs where 5% is less than one)."""
    old, new = _random_pair(rnd)
    result = diff_texts(old, new)
    assert result.apply() == new
    assert changed_words(result) <= 1.05 * minimal_changed_words(old, new) + 2


def test_changed_words_over_many_random_pairs_within_five_percent() -> None:
    rnd = random.Random(14)
    got = fewest = 0
    for _ in range(150):
        old, new = _random_pair(rnd)
        got += changed_words(diff_texts(old, new))
        fewest += minimal_changed_words(old, new)
    assert got <= 1.05 * fewest


def test_generated_ten_percent_edits_with_moved_paragraphs_within_ten_percent() -> None:
    bench = _bench()
    for size, seed in ((20_000, 1), (60_000, 2)):
        old, new = bench.moved_paragraphs(random.Random(seed), size, 0.10)
        result = diff_texts(old, new)
        assert result.apply() == new
        assert result.moves, "the moved paragraphs are reported as moves"
        assert changed_words(result) <= 1.10 * minimal_changed_words(old, new)


def test_a_moved_paragraph_is_a_move_in_text_json_and_html() -> None:
    folder = CASES / "paragraph-moved"
    old = (folder / "old.txt").read_text(encoding="utf-8")
    new = (folder / "new.txt").read_text(encoding="utf-8")
    result = diff_texts(old, new)
    [move] = result.moves
    gone, came = result.operations[move.deleted], result.operations[move.inserted]
    assert "The delegation said" in gone.old and "The delegation said" in came.new
    assert gone.move == came.move == move.id
    assert (move.words, move.words_changed, move.unchanged) == (28, 0, False)  # [the] -> the
    assert result.stats.moves == 1 and result.stats.words_moved == 28
    assert result.stats.words_deleted == 0  # the moved words are not counted as deleted
    text = FORMATS["text"](result, RenderOptions())
    assert f"moved to +{came.new_line}:{came.new_column}" in text
    assert f"moved from -{gone.old_line}:{gone.old_column}" in text
    data = result.as_dict()
    assert data["moves"][0]["old_line"] == gone.old_line
    assert [c["move"] for c in data["changes"]].count(move.id) == 2
    html = FORMATS["html"](result, RenderOptions())
    assert html.count('class="moved"') >= 2 and "moved to +" in html


def test_two_translations_compare_sentence_by_sentence() -> None:
    """Two translations of one passage: the changes are words and phrases inside sentences
    paired with each other, not paragraphs replaced whole."""
    folder = CASES / "two-translations"
    old = (folder / "old.txt").read_text(encoding="utf-8")
    new = (folder / "new.txt").read_text(encoding="utf-8")
    result = diff_texts(old, new)
    assert not result.moves
    for ch in result.reported:
        assert "\n\n" not in ch.old and "\n\n" not in ch.new  # never across paragraphs
        assert count_words(ch.old) <= 12 and count_words(ch.new) <= 12
    kept = len(_words(old)) - result.stats.words_changed - result.stats.words_deleted
    assert kept >= 0.55 * len(_words(old))  # the minimal diff keeps 59%
    assert changed_words(result) <= 1.15 * minimal_changed_words(old, new)
