"""Today's engine against the engine as it was (``tests/diff_reference_engine.py``): the same
changes wherever the old one was right (the real revisions of the corpus, small edits inside
lines; it was not where it reported more changed words), and the linear clean-up folds
exactly what diff-match-patch's walk folded."""

from __future__ import annotations

import itertools
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance.diff import DiffOptions, diff_texts
from provenance.diff import engine as eng
from provenance.diff.result import Operation, build
from provenance.diff.tokenize import count_words

from . import diff_reference_engine as ref
from .conftest import shared_path

PIECES = st.lists(
    st.tuples(
        st.sampled_from([eng.EQUAL, eng.INSERT, eng.DELETE]),
        st.text("abcdefgh ", min_size=1, max_size=6),
    ),
    max_size=40,
)


def _weight(text: str) -> int:
    return sum(1 + (ord(ch) % 3) for ch in text)  # unequal weights per character


@given(PIECES)
def test_linear_cleanup_folds_what_the_stepping_back_walk_folded(diffs: list) -> None:
    assert eng.semantic_cleanup(diffs, _weight) == ref.semantic_cleanup(diffs, _weight)
    assert eng.semantic_cleanup(diffs, len) == ref.semantic_cleanup(diffs, len)


def test_the_weight_of_each_piece_is_asked_once() -> None:
    asked: list[str] = []

    def weight(text: str) -> int:
        asked.append(text)
        return len(text)

    diffs = [(eng.EQUAL, "a"), (eng.DELETE, "bb"), (eng.EQUAL, "c"), (eng.INSERT, "dd")] * 500
    eng.semantic_cleanup(diffs, weight)
    assert len(asked) == len(diffs)


def _operations(old: str, new: str, options: DiffOptions | None = None) -> tuple[Operation, ...]:
    opts = options or DiffOptions()
    spans, _, _ = ref.compute(old, new, opts)
    return build(old, new, spans, opts).operations


def _changed_words(ops: tuple[Operation, ...]) -> int:
    return sum(count_words(o.old) + count_words(o.new) for o in ops if o.op != "equal")


def _same(old: str, new: str, options: DiffOptions | None = None) -> None:
    """The same changes as the old engine's, wherever the old engine was right; it was not
    where it counted a kept word as changed to join two changes into one (its clean-up
    folded words; today's folds only spaces and punctuation): there today's result must
    report fewer changed words."""
    got = diff_texts(old, new, options=options).operations
    want = _operations(old, new, options)
    if _changed_words(want) > _changed_words(got):
        return
    assert [(o.op, o.old, o.new, o.old_start) for o in got] == [
        (o.op, o.old, o.new, o.old_start) for o in want
    ]


def _read(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


def _corpus_pairs() -> list[tuple[str, str, str]]:
    return [
        ("frus-history", "frus-history@a59ddc5.xml", "frus-history@9e03bbc.xml"),
        ("frus-volumes", "frus1870@d8f522a.xml", "frus1870@ee153f9.xml"),
        ("frus-volumes", "frus1861@3fe3075.xml", "frus1861@463076f.xml"),
    ]


@pytest.mark.parametrize("folder,old,new", _corpus_pairs(), ids=lambda x: x)
def test_same_changes_as_before_on_the_corpus_volumes(folder: str, old: str, new: str) -> None:
    base = shared_path("corpus", folder)
    _same(_read(base / old), _read(base / new))


def test_same_changes_as_before_on_the_milestone_corrections() -> None:
    root = shared_path("corpus", "hsg-milestones")
    folders = sorted(p for p in root.iterdir() if p.is_dir())
    assert folders
    for folder in folders:
        _same(_read(folder / "before.xml"), _read(folder / "after.xml"))


def test_same_changes_as_before_on_the_darwin_editions() -> None:
    base = shared_path("corpus", "collatex-darwin")
    texts = [_read(p) for p in sorted(base.glob("*.txt"))]
    for old, new in itertools.pairwise(texts):
        _same(old, new)


VOCAB = ["the", "cable", "Korea", "[North]", "[sic]", "中", "国", "“", "”", ",", ".", "Xiaoping"]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from(VOCAB), min_size=20, max_size=400),
    st.randoms(use_true_random=False),
    st.sampled_from([None, DiffOptions(ignore_case=True), DiffOptions(ignore_whitespace=True)]),
)
def test_same_changes_as_before_on_small_edits_inside_lines(
    words: list[str], rnd: random.Random, options: DiffOptions | None
) -> None:
    """Lines of words, a few words replaced, deleted or put in (no line added, removed or
    moved: where the old engine paired lines by position it was right)."""
    lines = [" ".join(words[k : k + 9]) for k in range(0, len(words), 9)]
    edited = []
    for line in lines:
        toks = line.split(" ")
        for _ in range(rnd.choice([0, 0, 1, 2]) if len(toks) > 2 else 0):
            k = rnd.randrange(len(toks))
            toks[k : k + 1] = rnd.choice([[], ["delta"], [toks[k], "epsilon"]])
        edited.append(" ".join(toks))
    old = "\n".join(lines) + "\n"
    new = "\n".join(edited) + "\n"
    _same(old, new, options)
