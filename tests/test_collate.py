"""Collation: tokens with keys, progressive alignment, variant locations, transpositions."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance import schema
from provenance.collate import Collation, TokenOptions, Witness, collate, tokenize_witness
from provenance.collate.align import match
from provenance.collate.tokens import spelling_table
from provenance.errors import UsageError

from .conftest import shared_path


def body(path: Path) -> str:
    """A corpus file's text without its YAML header."""
    text = path.read_text(encoding="utf-8")
    if text.startswith("---\n"):
        return text.split("\n---\n", 1)[1]
    return text


def darwin() -> list[Witness]:
    folder = shared_path("corpus", "collatex-darwin")
    return [
        Witness(re.search(r"\d{4}", p.name).group(), body(p), str(p), "file")  # type: ignore[union-attr]
        for p in sorted(folder.glob("darwin_ch1_para1_*.txt"))
    ]


def readings(result: Collation) -> list[tuple[str | None, list[str]]]:
    """Each location as (type, the readings in witness order)."""
    return [(s.type, [r.text for r in s.readings]) for s in result.locations]


def well_formed(result: Collation) -> None:
    """Every witness is rebuilt exactly, and its tokens stand once each, in order."""
    for w, wit in enumerate(result.witnesses):
        assert result.witness_text(w) == wit.text
        cells = [c[w] for c in result.columns if c[w] >= 0]
        assert cells == list(range(len(result.tokens[w])))
    covered = [i for s in result.segments for i in range(s.start, s.end)]
    assert covered == list(range(len(result.columns)))


# -- tokens --------------------------------------------------------------------------------


def test_tokens_keep_the_text_and_brackets_are_not_aligned() -> None:
    text = "\ufeff [North] Korea and F[oreign] M[inistry] [sic] said.\r\n"
    prefix, toks = tokenize_witness(text)
    assert prefix + "".join(t.text + t.ws for t in toks) == text
    assert [(t.text, t.key, t.kind) for t in toks] == [
        ("[North]", "North", "word"),
        ("Korea", "Korea", "word"),
        ("and", "and", "word"),
        ("F[oreign]", "Foreign", "word"),
        ("M[inistry]", "Ministry", "word"),
        ("[sic]", "\u2063[sic]", "editorial"),
        ("said", "said", "word"),
        (".", ".", "punct"),
    ]


def test_punctuation_rides_with_its_word_when_ignored() -> None:
    _, toks = tokenize_witness('(Yes.) "Quote" “end”', TokenOptions(punctuation=True))
    assert [(t.text, t.key) for t in toks] == [
        ("(Yes.)", "Yes"),
        ('"Quote"', "Quote"),
        ("“end”", "end"),
    ]


def test_chinese_by_character() -> None:
    _, toks = tokenize_witness("中华人民共和国外交部 cable")
    assert [t.text for t in toks] == [*"中华人民共和国外交部", "cable"]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.text(alphabet="ab [].,\u00a0\n中“”Xx", max_size=30), min_size=2, max_size=4),
    st.booleans(),
    st.booleans(),
)
def test_any_witnesses_collate_into_a_well_formed_table(
    texts: list[str], punct: bool, case: bool
) -> None:
    witnesses = [Witness(f"W{i}", t) for i, t in enumerate(texts)]
    result = collate(witnesses, TokenOptions(punctuation=punct, case=case))
    well_formed(result)
    schema.validate(result.as_dict(), "collate-output.schema.json")


# -- alignment -----------------------------------------------------------------------------


def test_match_is_a_longest_common_subsequence_against_column_key_sets() -> None:
    cols = [{"a"}, {"b", "x"}, {"c"}, {"d"}]
    assert match(cols, ["a", "x", "d"]) == [(0, 0), (1, 1), (3, 2)]
    assert match(cols, ["q"]) == []


def test_substitution_omission_addition() -> None:
    result = collate(
        [
            Witness("A", "The quick brown fox jumps over the dog."),
            Witness("B", "The slow brown fox jumps over the lazy dog."),
            Witness("C", "The brown fox jumps over the dog."),
        ]
    )
    well_formed(result)
    assert readings(result) == [
        ("textual", ["quick", "slow", ""]),
        ("textual", ["", "lazy", ""]),
    ]


def test_a_later_witness_agrees_with_any_earlier_one_not_only_the_first() -> None:
    result = collate(
        [
            Witness("A", "one two three"),
            Witness("B", "one deux three"),
            Witness("C", "one deux three"),
        ]
    )
    (loc,) = result.locations
    assert loc.groups() == [("two", [0]), ("deux", [1, 2])]
    assert loc.start + 1 == loc.end  # one column: B and C aligned together


def test_a_moved_passage_is_a_transposition_not_a_deletion_and_insertion() -> None:
    result = collate(
        [
            Witness("A", "they generally differ more from each other than do the individuals"),
            Witness("B", "they generally differ from each other more than do the individuals"),
        ]
    )
    well_formed(result)
    (t,) = result.transpositions
    assert t.text == "more"
    assert [result.segments[k].role for k in (*t.source, *t.target)] == ["source", "target"]
    assert t.source_witnesses == (0,) and t.target_witnesses == (1,)
    longer = collate(
        [
            Witness("A", "The brown fox jumps over the lazy dog today."),
            Witness("B", "The lazy dog jumps over the brown fox today."),
        ]
    )
    assert sorted(t.text for t in longer.transpositions) == ["brown fox", "lazy dog"]


def test_a_common_word_far_away_is_not_a_transposition() -> None:
    result = collate(
        [
            Witness("A", "and so it was that " + "we went on " * 10 + "home"),
            Witness("B", "so it was that " + "we went on " * 10 + "and home"),
        ]
    )
    assert result.transpositions == ()


def test_editorial_brackets_are_an_editorial_variant() -> None:
    result = collate(
        [
            Witness("A", "to [North] Korea said it"),
            Witness("B", "to North Korea said it [sic]"),
            Witness("C", "to Korea said it"),
        ]
    )
    assert readings(result) == [
        ("textual", ["[North]", "North", ""]),
        ("editorial", ["", "[sic]", ""]),
    ]
    two = collate([Witness("A", "to [North] Korea"), Witness("B", "to North Korea")])
    assert readings(two) == [("editorial", ["[North]", "North"])]
    plain = collate(
        [Witness("A", "to [North] Korea"), Witness("B", "to North Korea")],
        TokenOptions(brackets=False),
    )
    assert [s.type for s in plain.locations] == ["textual", "textual"]


def test_a_page_break_is_editorial_with_or_without_a_bracket_in_the_witness() -> None:
    """``//`` is the profile's page-break marker: one editorial token whether or not the
    witness also holds a bracket (the layer used to be read only where a '[' was)."""
    for text in ("на материке // Китая", "на [материке] // Китая"):
        _, tokens = tokenize_witness(text)
        assert [t.text for t in tokens if t.kind == "editorial"] == ["//"], text
        assert "/" not in [t.text for t in tokens if t.kind != "editorial"]
    result = collate([Witness("A", "на материке // Китая"), Witness("B", "на материке Китая")])
    assert readings(result) == [("editorial", ["//", ""])]
    # a profile with no markers (leiden) leaves the sign to the text
    _, tokens = tokenize_witness("на материке // Китая", profile="leiden")
    assert not [t for t in tokens if t.kind == "editorial"]


def test_normalisations_are_formal_variants_with_the_original_readings() -> None:
    texts = [
        Witness("A", "The Colour of the sea, said he."),
        Witness("B", "the color of the sea said he."),
    ]
    strict = collate(texts)
    assert {s.type for s in strict.locations} == {"textual"}
    table = spelling_table({"color": ["colour"]}, TokenOptions(case=True))
    loose = collate(texts, TokenOptions(case=True, punctuation=True, spellings=table))
    assert [(s.type, s.labels, [r.text for r in s.readings]) for s in loose.locations] == [
        ("formal", ("case", "spelling"), ["The Colour", "the color"]),
        ("formal", ("punctuation",), ["sea,", "sea"]),
    ]


def test_base_goes_first_and_is_named() -> None:
    witnesses = [Witness("A", "a b c"), Witness("B", "a x c")]
    assert collate(witnesses, base="B").base == 1
    with pytest.raises(UsageError, match="no witness has the sigil 'Z'"):
        collate(witnesses, base="Z")
    with pytest.raises(UsageError, match="at least two"):
        collate(witnesses[:1])
    with pytest.raises(UsageError, match="sigil 'A'"):
        collate([witnesses[0], witnesses[0]])


# -- the real witnesses ----------------------------------------------------------------------


def test_darwin_six_editions() -> None:
    result = collate(darwin())
    well_formed(result)
    assert result.sigla == ("1859", "1860", "1861", "1866", "1869", "1872")
    got = readings(result)
    assert ("textual", ["look to"] * 4 + ["compare"] * 2) in got
    assert ("textual", ["greater"] + ["great"] * 5) in got
    assert ("textual", ["being"] * 4 + ["organism"] * 2) in got
    (t,) = result.transpositions
    assert t.text == "more" and [result.sigla[w] for w in t.target_witnesses] == ["1869"]
    assert result.stats.locations == 22


def test_frankenstein_letters_collate() -> None:
    for letter in ("letter_i", "letter_iv"):
        folder = shared_path("corpus", "frankenstein-variorum", letter)
        witnesses = [Witness(p.name.split("_")[0], body(p)) for p in sorted(folder.glob("*.txt"))]
        result = collate(witnesses, base="f1818")
        well_formed(result)
        assert result.stats.locations > 10
