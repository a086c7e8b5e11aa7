"""The bracket parser: offsets, positions, context, nesting, brackets in words and across
lines, unbalanced brackets as findings, and the round trip on any text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance import interventions as iv
from provenance.interventions.model import Intervention, Stray
from provenance.interventions.parser import MAX_DEPTH


def _texts(result: iv.ParseResult) -> list[str]:
    return [i.text for i in result.interventions]


def test_offsets_and_positions() -> None:
    text = "first line\n\nto [North] Korea and Andong [Dandong]\n"
    r = iv.parse(text)
    north, dandong = r.interventions
    assert text[north.start : north.end] == "[North]" == north.text
    assert (north.line, north.column, north.end_line, north.end_column) == (3, 4, 3, 10)
    assert north.content == "North"
    assert (dandong.line, dandong.column) == (3, 29)
    assert north.before == "to " and north.after == " Korea and Andong [Dandong]"
    assert dandong.after == ""  # nothing but the final line break
    assert str(r) == text


def test_context_holds_at_most_five_words_within_the_paragraph() -> None:
    text = (
        "One two.\n\nthree four five six seven eight [x] nine ten eleven twelve thirteen fourteen"
    )
    (item,) = iv.parse(text).interventions
    assert item.before == "four five six seven eight "
    assert item.after == " nine ten eleven twelve thirteen"
    (first,) = iv.parse("Para one.\n\n[x] two").interventions
    assert first.before == ""


def test_brackets_inside_words() -> None:
    r = iv.parse("the F[oreign] M[inistry] and comr[ade] Li")
    assert _texts(r) == ["[oreign]", "[inistry]", "[ade]"]
    assert all(i.type == "expansion" and i.inside_word for i in r.interventions)
    assert r.interventions[0].glued_before and r.interventions[0].glued_after is False


def test_nested_brackets_have_depth_and_round_trip() -> None:
    text = "a [b [c] d] e"
    r = iv.parse(text)
    outer, inner = r.interventions
    assert (outer.text, outer.depth, inner.text, inner.depth) == ("[b [c] d]", 0, "[c]", 1)
    assert outer.children == (inner,)
    assert outer.content == "b [c] d"
    assert str(r) == text


def test_spans_across_lines() -> None:
    text = "We [translator's note: the cable\nbreaks here] go on"
    (item,) = iv.parse(text).interventions
    assert (item.line, item.column, item.end_line, item.end_column) == (1, 4, 2, 12)
    assert item.type == "note"


@pytest.mark.parametrize(
    ("text", "chars"),
    [
        ("a ] b", ["]"]),
        ("a [ b", ["["]),
        ("[a [b] c", ["["]),
        ("]][[", ["]", "]", "[", "["]),
        ("R[ichard] H [M[orefield] to", ["["]),
    ],
)
def test_unbalanced_brackets_are_findings_not_errors(text: str, chars: list[str]) -> None:
    r = iv.parse(text)
    assert [s.char for s in r.strays] == chars
    assert [f.code for f in r.findings] == ["bracket-unbalanced"] * len(chars)
    assert all(f.severity == "error" for f in r.findings)
    assert str(r) == text


def test_unbalanced_finding_position() -> None:
    r = iv.parse("ok\nnot [closed")
    (f,) = r.findings
    assert (f.line, f.column, f.start, f.end) == (2, 5, 7, 8)
    assert "never closed" in f.message


def test_messy_text_keeps_every_character() -> None:
    text = "\ufeffLine\r\n[North]\u00a0Korea 𝔘 [中国] “[We are]” [Ð]\r\n"
    r = iv.parse(text)
    assert str(r) == text
    assert _texts(r) == ["[North]", "[中国]", "[We are]", "[Ð]"]
    north = r.interventions[0]
    assert (north.line, north.column) == (2, 1)
    assert text[r.interventions[1].start : r.interventions[1].end] == "[中国]"


def test_very_deep_nesting_does_not_crash() -> None:
    depth = MAX_DEPTH * 3
    text = "[" * depth + "x" + "]" * depth
    r = iv.parse(text)
    assert str(r) == text
    assert max(i.depth for i in r.interventions) == MAX_DEPTH - 1
    assert iv.lint(r)  # nested findings, no exception


def test_counts_and_lookup() -> None:
    r = iv.parse("[a] and [b] [sic] [c [d]]")
    assert r.counts == {"supplied": 4, "sic": 1}
    assert r.at(r.interventions[-1].start + 1).text == "[d]"  # type: ignore[union-attr]
    assert r.at(5) is None


def test_email_protection_is_not_editorial() -> None:
    r = iv.parse("contact the program at [email protected].")
    assert r.interventions == () and _texts(r) == []
    assert [i.text for i in r.ignored] == ["[email protected]"]


# -- properties -------------------------------------------------------------------------

ALPHABET = st.sampled_from(
    [
        *"ab [] [[]] \n\r\t\u00a0.,;:!?“”’中𝔘",
        "[sic]",
        "[North] ",
        "F[oreign]",
        "[…]",
        "[Page 3]",
        "[2]",
    ]
)
TEXTS = st.lists(ALPHABET, max_size=60).map("".join) | st.text(max_size=80)


def _check_tree(nodes: tuple[object, ...]) -> None:
    for node in nodes:
        assert isinstance(node, (str, Intervention, Stray))
        if isinstance(node, Intervention):
            _check_tree(node.parts)


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_parse_then_print_gives_the_text_back(text: str) -> None:
    r = iv.parse(text)
    assert str(r) == text
    _check_tree(r.nodes)
    for item in r.interventions + r.ignored:
        assert text[item.start : item.end] == item.text
        assert item.text[0] == "[" and item.text[-1] == "]"
    for stray in r.strays:
        assert text[stray.start] == stray.char
    assert len(r.findings) == len(r.strays)
    starts = [i.start for i in r.interventions]
    assert starts == sorted(starts)


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_projections_and_lint_never_fail(text: str) -> None:
    r = iv.parse(text)
    reading = iv.reading_text(r)
    source = iv.source_only_text(r)
    if "[" not in text and "]" not in text:
        assert reading == source == text
    assert len(source) <= len(text)
    for f in iv.lint(r):
        assert 0 <= f.start <= f.end <= len(text)


# -- the quick paths agree with the plain definitions --------------------------------------

_H_SPACE = " \t\u00a0\u2007\u2009\u202f\u3000"


def _context_by_steps(text: str, start: int, end: int) -> tuple[str, str, bool]:
    """``before_token``, ``after_token`` and ``line_start`` as the rules define them: step
    back over horizontal space, then over non-space, at most 120 characters each (and the
    same forward)."""
    i = start
    while i > 0 and start - i < 120 and text[i - 1] in _H_SPACE:
        i -= 1
    j = i
    while j > 0 and i - j < 120 and not text[j - 1].isspace():
        j -= 1
    k = end
    while k < len(text) and k - end < 120 and text[k] in _H_SPACE:
        k += 1
    m = k
    while m < len(text) and m - k < 120 and not text[m].isspace():
        m += 1
    return text[j:i], text[k:m], text[j:i] == "" and (i == 0 or text[i - 1] in "\n\r")


_PIECES = st.sampled_from(
    [
        *["a", "Bc", " ", "\t", "\n", "\r\n", "\u00a0", "\u3000", "\u2028", "\x1c", ".", "[x]"],
        " " * 130,
        "y" * 130,
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=12), st.data())
def test_context_as_defined(pieces: list[str], data: st.DataObject) -> None:
    from provenance.interventions.rules import context

    text = "".join(pieces)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    ctx = context(text, start, end, text[start:end])
    assert (ctx.before_token, ctx.after_token, ctx.line_start) == _context_by_steps(
        text, start, end
    )


@pytest.mark.parametrize("name", ["default", "frus", "leiden"])
def test_types_as_the_first_matching_rule(name: str) -> None:
    """Typing through the rules remembered by content gives the first rule whose conditions
    all hold, as :func:`matches` tests them one by one, on real translations."""
    from pathlib import Path

    from provenance.interventions.profile import builtin_profile
    from provenance.interventions.rules import context, matches

    profile = builtin_profile(name)
    corpus = Path(__file__).resolve().parents[1] / "records"
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*/*/v*.txt"))]
    texts.append("F[oreign] M[inistry], [sic] 9 May [1961] [Page 2] дом [house] [[erased]]")
    seen = 0
    for text in texts:
        for item in iv.parse(text, profile).interventions:
            ctx = context(text, item.start, item.end, item.content)
            first = next((r for r in profile.rules if matches(r, ctx, profile)), None)
            assert item.rule == (first.id if first else None), item.text
            seen += 1
    assert seen > 20
