"""The result's faster stages against the code they replaced
(``tests/diff_result_reference.py``): the operations built from the engine's spans, the
changes classed, the statistics, the groups, the text and Markdown renderings and the JSON (against
``json.dumps`` of ``as_dict``) must come out the same, on random edits of text holding
brackets, page-break markers, CRLF, NBSP, Cyrillic, Chinese, combining marks and runs of
underscores."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from provenance.diff import DiffOptions, diff_texts
from provenance.diff import render as rd
from provenance.diff.engine import compute
from provenance.diff.present import RenderOptions
from provenance.interventions import load_profile
from provenance.interventions.classify import Classifier, categorize

from . import diff_result_reference as ref

TOKENS = [
    "the", "word", "Korea", "Deng", "Xiaoping", "Ки", "тая", "中", "国", "_a", "a_", "__",
    "x1", "1961", "38th", " ", " ", " ", "  ", "\u00a0", "\t", "\n", "\r\n", "\n\n", ",", ".",
    ";", "—", "“", "”", "'", '"', "[", "]", "[sic]", "[North]", "[...]", "[Page 2]", "//",
    "e\u0301", "é", "\ufeff", "\u200b", "(", ")", "$", "2", "#", "*", "&", "<b>", "`", "|", "~",
]  # fmt: skip
OPTIONS = [
    DiffOptions(),
    DiffOptions(ignore_whitespace=True),
    DiffOptions(ignore_case=True, ignore_quotes=True, ignore_punctuation=True, nfc=True),
]
RENDER = [
    RenderOptions(),
    RenderOptions(context=0),
    RenderOptions(context=1, color=True),
    RenderOptions(context=5),
    RenderOptions(only=frozenset({"textual"})),
    RenderOptions(only=frozenset({"editorial", "whitespace"}), color=True),
]
PROFILE = load_profile(None)


@st.composite
def edited(draw: st.DrawFn) -> tuple[str, str]:
    """A text and an edit of it: tokens replaced, deleted, put in, and a stretch moved."""
    old = draw(st.lists(st.sampled_from(TOKENS), max_size=80))
    new = list(old)
    for _ in range(draw(st.integers(0, 12))):
        at = draw(st.integers(0, len(new)))
        kind = draw(st.sampled_from(["put", "drop", "swap"]))
        token = draw(st.sampled_from(TOKENS))
        if kind == "put" or at == len(new):
            new.insert(at, token)
        elif kind == "drop":
            del new[at]
        else:
            new[at] = token
    if len(new) > 20 and draw(st.booleans()):  # a stretch of the text moved elsewhere
        start = draw(st.integers(0, len(new) - 20))
        piece = new[start : start + draw(st.integers(10, 20))]
        del new[start : start + len(piece)]
        at = draw(st.integers(0, len(new)))
        new[at:at] = piece
    return "".join(old), "".join(new)


@st.composite
def paragraphs(draw: st.DrawFn) -> tuple[str, str]:
    """Paragraphs of a dozen words or more, one of them moved and some words edited (so that
    moved passages are found)."""
    vocabulary = ["alpha", "beta", "gamma", "delta", "[sic]", "x_1"]
    if draw(st.booleans()):  # not ASCII (the move search reads such text another way)
        vocabulary += ["Ки//тая", "中国"]
    words = st.sampled_from(vocabulary)
    paras = draw(st.lists(st.lists(words, min_size=10, max_size=16), min_size=3, max_size=6))
    old = [" ".join(p) for p in paras]
    new = list(old)
    moved = new.pop(draw(st.integers(0, len(new) - 1)))
    new.insert(draw(st.integers(0, len(new))), moved)
    k = draw(st.integers(0, len(new) - 1))
    new[k] = new[k].replace("beta", "[beta]", 1)
    sep = draw(st.sampled_from(["\n\n", "\r\n\r\n", "\n"]))
    return sep.join(old) + "\n", sep.join(new) + "\n"


def _check(old: str, new: str, options: DiffOptions) -> None:
    result = diff_texts(old, new, options=options)
    spans, _, _ = compute(old, new, options)
    before = ref.reference_build(old, new, spans, options)
    assert result.operations == before.operations
    assert result.moves == before.moves
    assert result.stats == ref.reference_stats(result)

    classed = categorize(result, PROFILE)
    c = Classifier(old, new, PROFILE)
    assert [ch.category for ch in classed.changes] == [
        c.classify(ch.old_start, ch.old_end, ch.new_start, ch.new_end) for ch in result.changes
    ]
    assert classed.stats == ref.reference_stats(classed) == result.stats
    for render in RENDER:
        assert list(rd.groups(classed, render)) == list(ref.reference_groups(classed, render))
        assert rd.format_text(classed, render) == ref.reference_text(classed, render)
        assert rd.format_markdown(classed, render) == ref.reference_markdown(classed, render)
    for got in (result, classed):
        expected = json.dumps(got.as_dict(), ensure_ascii=False, indent=2) + "\n"
        assert rd.format_json(got) == expected


@settings(max_examples=150, deadline=None)
@given(edited(), st.sampled_from(OPTIONS))
def test_random_edits_as_before(pair: tuple[str, str], options: DiffOptions) -> None:
    _check(*pair, options)


@settings(max_examples=40, deadline=None)
@given(paragraphs())
def test_moved_paragraphs_as_before(pair: tuple[str, str]) -> None:
    _check(*pair, DiffOptions())


ASCII = st.text(alphabet="ab_1 .,-'\t", max_size=120)


@settings(max_examples=300, deadline=None)
@given(ASCII, st.integers(0, 6))
def test_context_words_as_before(text: str, words: int) -> None:
    """The words of context either side of a change, found by one match (ASCII) where the
    word tokens were listed one by one."""
    assert rd._left(text, words) == ref._left(text, words)
    assert rd._right(text, words) == ref._right(text, words)


def test_context_beyond_the_reach() -> None:
    """Lines longer than the 2,000 characters looked at, and context cut by line breaks."""
    long = "word " * 900
    old = f"{long}alpha {long}\nx y z\n{long}"
    new = f"{long}beta {long}\nx q z\n{long}omega"
    result = categorize(diff_texts(old, new), PROFILE)
    for render in RENDER:
        assert rd.format_text(result, render) == ref.reference_text(result, render)


def test_collector_left_as_found() -> None:
    """Building and classing hold the garbage collector off only while they run."""
    import gc

    old, new = "a [b] c d\n", "a [c] c e\n"
    assert gc.isenabled()
    categorize(diff_texts(old, new), PROFILE)
    assert gc.isenabled()
    gc.disable()
    try:
        categorize(diff_texts(old, new), PROFILE)
        assert not gc.isenabled()
    finally:
        gc.enable()


LINES = st.lists(
    st.text(alphabet="ab_1 .\u00a0", max_size=30).map(lambda line: line + "\n"), max_size=8
).map("".join)


@settings(max_examples=200, deadline=None)
@given(LINES, st.text(alphabet="ab_1 .\n中", max_size=60))
def test_move_search_words_as_before(ascii: str, other: str) -> None:
    """The words of each piece the move search looks at (paragraphs, lines, the whole),
    read once per line, are those of the piece read alone."""
    from collections import Counter

    from provenance.diff import result as res

    for text in (ascii, other, ascii + other):
        words = res._piece_words(text)
        pieces = [*res._paragraphs(text), (0, len(text)), *res._lines_of(text)]
        for p0, p1 in pieces:
            assert words(p0, p1) == res._words_of(text[p0:p1])
        a, b = Counter(res._words_of(text)), Counter(res._words_of(other))
        assert res._common(a, b) == (a & b).total()
