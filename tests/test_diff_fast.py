"""The chunk pass (large texts aligned by space-separated chunks in compiled code, then word
by word between matched chunks) against the word-level pass it stands in front of: the
same texts back, as few changed words (or fewer), the same changes on the real revisions;
and moved paragraphs found where they land beside a new paragraph or where another one was
replaced."""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance.diff import diff_texts
from provenance.diff import engine as eng
from provenance.diff.result import DiffResult
from provenance.diff.tokenize import count_words

from .conftest import shared_path


@contextmanager
def _path(fast: bool, cells: int | None = None) -> Iterator[None]:
    """Every diff through the chunk pass (``fast``) or through the word-level pass alone;
    with ``cells``, regions over that many chunk pairs are split at anchors (so that small
    texts take the large texts' way)."""
    from provenance.diff import chunks

    saved = eng.FAST_ABOVE, eng.CHUNK_CELLS, chunks.CELLS
    eng.FAST_ABOVE = 0 if fast else 1 << 62
    if cells is not None:
        eng.CHUNK_CELLS = chunks.CELLS = cells
    try:
        yield
    finally:
        eng.FAST_ABOVE, eng.CHUNK_CELLS, chunks.CELLS = saved


def _both(old: str, new: str, cells: int | None = None) -> tuple[DiffResult, DiffResult]:
    with _path(True, cells):
        fast = diff_texts(old, new)
    with _path(False):
        exact = diff_texts(old, new)
    return fast, exact


def _words(result: DiffResult) -> int:
    return sum(count_words(ch.old) + count_words(ch.new) for ch in result.reported)


def _changes(result: DiffResult) -> list[tuple[str, int, int, int, int]]:
    return [(c.op, c.old_start, c.old_end, c.new_start, c.new_end) for c in result.changes]


def _read(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


@pytest.mark.parametrize(
    "folder,old,new",
    [
        ("frus-volumes", "frus1870@d8f522a.xml", "frus1870@ee153f9.xml"),
        ("frus-volumes", "frus1861@3fe3075.xml", "frus1861@463076f.xml"),
        ("frus-history", "frus-history@a59ddc5.xml", "frus-history@9e03bbc.xml"),
    ],
    ids=lambda x: x,
)
def test_the_same_changes_on_the_corpus_revisions(folder: str, old: str, new: str) -> None:
    base = shared_path("corpus", folder)
    a, b = _read(base / old), _read(base / new)
    fast, exact = _both(a, b)
    assert fast.apply() == b
    assert _changes(fast) == _changes(exact)


def test_the_darwin_editions_as_tightly_as_word_by_word() -> None:
    """Six editions of one paragraph, rewritten between them: small texts, every region
    taken by the chunk pass and split at anchors."""
    base = shared_path("corpus", "collatex-darwin")
    texts = [_read(p) for p in sorted(base.glob("*.txt"))]
    assert texts
    for old, new in itertools.pairwise(texts):
        fast, exact = _both(old, new, cells=64)
        assert fast.apply() == new
        assert _words(fast) <= _words(exact)


def test_the_milestone_corrections_the_same() -> None:
    root = shared_path("corpus", "hsg-milestones")
    folders = sorted(p for p in root.iterdir() if p.is_dir())
    assert folders
    for folder in folders:
        a, b = _read(folder / "before.xml"), _read(folder / "after.xml")
        fast, exact = _both(a, b)
        assert fast.apply() == b
        assert _words(fast) <= _words(exact)


def test_a_chunk_with_no_word_never_takes_a_words_place() -> None:
    """Three quotation marks set apart are as many chunks as three words: the chunk LCS
    must keep the words (two changed, as word by word), not the marks (six changed)."""
    old, new = "the the the cable “ “ “", "cable “ “ “ the the the"
    fast, exact = _both(old, new)
    assert fast.apply() == new
    assert _words(fast) == _words(exact) == 2


VOCAB = [
    "the", "cable", "Korea", "[North]", "[sic]", "中", "国", "“", "”", ",", ".", "Xiaoping",
    "delegation", "ministry", "  ", "\n", "\n\n", "1961",
]  # fmt: skip


@settings(max_examples=80, deadline=None)
@given(
    st.lists(st.sampled_from(VOCAB), min_size=1, max_size=300),
    st.randoms(use_true_random=False),
    st.sampled_from([None, 64]),
)
def test_as_few_changed_words_as_word_by_word(
    words: list[str], rnd: random.Random, cells: int | None
) -> None:
    """Texts of words, spaces, line breaks, brackets and Chinese characters, a few words
    replaced, deleted, put in or moved: the chunk pass gives the new text back and reports
    at most the words the word-level pass reports (5% and two words of slack: the two may
    keep different copies of a repeated word).  Split at anchors as large texts are, they
    must still give the new text back."""
    old = " ".join(words)
    toks = old.split(" ")
    for _ in range(rnd.randint(1, 6)):
        k = rnd.randrange(len(toks))
        choice = rnd.randrange(4)
        if choice == 0:
            toks[k] = rnd.choice(VOCAB)
        elif choice == 1:
            del toks[k]
        elif choice == 2:
            toks.insert(k, rnd.choice(VOCAB))
        else:
            n = rnd.randint(1, 12)
            piece, toks[k : k + n] = toks[k : k + n], []
            at = rnd.randint(0, len(toks))
            toks[at:at] = piece
        if not toks:
            toks = ["x"]
    new = " ".join(toks)
    fast, exact = _both(old, new, cells)
    assert fast.apply() == new
    if cells is None:  # (split at anchors, a tiny text can lose a word to a unique one)
        assert _words(fast) <= 1.05 * _words(exact) + 2


def test_chinese_lines_are_compared_character_by_character_the_same() -> None:
    rnd = random.Random(3)
    chars = "的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着"
    lines = ["".join(rnd.choice(chars) for _ in range(rnd.randint(10, 40))) for _ in range(400)]
    old = "。\n".join(lines)
    edited = list(old)
    for k in rnd.sample(range(len(edited)), 60):
        if edited[k] in chars:
            edited[k] = rnd.choice(chars)
    new = "".join(edited)
    fast, exact = _both(old, new)
    assert fast.apply() == new
    assert _changes(fast) == _changes(exact)


def _paragraph(rnd: random.Random, vocab: list[str], size: int) -> str:
    return " ".join(rnd.choice(vocab) for _ in range(size)) + "\n"


def test_a_moved_paragraph_that_lands_where_another_was_replaced_is_a_move() -> None:
    """Paragraphs on one line each, separated by blank lines.  Paragraph 30 moves to where
    paragraph 10 was, and paragraph 10 is gone: the two make one replacement, which the
    move detection must take apart (as it must a paragraph landing beside a new one)."""
    rnd = random.Random(7)
    vocab = [f"{w}{n}" for w in ("cable", "border", "treaty", "report") for n in range(40)]
    vocab += ["the", "of", "and", "to", "in", "a", "that", "was"] * 20
    paras = [_paragraph(rnd, vocab, rnd.randint(50, 80)) for _ in range(120)]
    moved, beside, gone = paras[30], paras[90], paras[10]
    new_paras = list(paras)
    new_paras[10] = moved  # lands where paragraph 10 was replaced
    del new_paras[30]
    new_paras.insert(60, beside)  # lands beside a new paragraph
    new_paras.insert(61, _paragraph(rnd, vocab, 60))
    del new_paras[91]
    old, new = "\n".join(paras), "\n".join(new_paras)
    assert len(old) > eng.FAST_ABOVE  # the chunk pass's way
    result = diff_texts(old, new)
    assert result.apply() == new
    found = []
    for text in (moved, beside):
        o, n = old.index(text), new.index(text)
        for m in result.moves:
            gone_op, came_op = result.operations[m.deleted], result.operations[m.inserted]
            if (
                gone_op.old_start <= o < gone_op.old_end
                and came_op.new_start <= n < came_op.new_end
            ):
                found.append(m)
    assert len(found) == 2, [result.operations[m.inserted].new[:40] for m in result.moves]
    assert all(m.unchanged or m.words_changed == 0 for m in found)
    assert gone.strip() not in {result.operations[m.deleted].old.strip() for m in found}
