"""The reading and source-only projections, and the spaces a dropped bracket leaves."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance import interventions as iv


@pytest.mark.parametrize(
    ("text", "reading", "source"),
    [
        ("to [North] Korea.", "to North Korea.", "to Korea."),
        ("[North] Korea", "North Korea", "Korea"),
        (
            "since [the beginning of] this year",
            "since the beginning of this year",
            "since this year",
        ),
        ("Andong [Dandong] to", "Andong (Dandong) to", "Andong to"),
        ("Luda [Lüshun-Dalian]. It", "Luda (Lüshun-Dalian). It", "Luda. It"),
        ("[To] Premier [Zhou Enlai] and", "To Premier Zhou Enlai and", "Premier and"),
        ("line\n[To] Premier", "line\nTo Premier", "line\nPremier"),
        ("F[oreign] M[inistry]", "Foreign Ministry", "F M"),
        ("comr[ade] Li", "comrade Li", "comr Li"),
        (
            "difficulties [in China], improper",
            "difficulties in China, improper",
            "difficulties, improper",
        ),
        ("x [a] [b] y", "x a b y", "x y"),
        ("x [a] [b].", "x a b.", "x."),
        ("work [at the border]\n", "work at the border\n", "work\n"),
        ("“[We are] still", "“We are still", "“still"),
        ("teh [sic] word", "teh word", "teh word"),
        ("teh [sic], word", "teh, word", "teh, word"),
        ("a [illegible] b […] c", "a [illegible] b […] c", "a [illegible] b […] c"),
        (
            "a [text not declassified] b",
            "a [text not declassified] b",
            "a [text not declassified] b",
        ),
        ("end.[2] Next", "end. Next", "end. Next"),
        ("[Page 152]\ntext", "\ntext", "\ntext"),
        ("go [translator's note: literally 'run'] on", "go on", "go on"),
        ("CRLF [North]\r\nKorea", "CRLF North\r\nKorea", "CRLF\r\nKorea"),
        ("nbsp\u00a0[North]\u00a0Korea", "nbsp\u00a0North\u00a0Korea", "nbsp\u00a0Korea"),
        ("stray ] and [ kept", "stray ] and [ kept", "stray ] and [ kept"),
        (
            "mail [email protected] here",
            "mail [email protected] here",
            "mail [email protected] here",
        ),
    ],
)
def test_projections(text: str, reading: str, source: str) -> None:
    assert iv.reading_text(text) == reading
    assert iv.source_only_text(text) == source


def test_nested_content_is_projected_inside_its_parent() -> None:
    text = "a [b [sic] c] d"
    assert iv.reading_text(text) == "a b c d"
    assert iv.source_only_text(text) == "a d"


def test_placed_spans_point_at_what_remains() -> None:
    p = iv.projection("to [North] Korea and Andong [Dandong].", iv.READING)
    assert [p.text[x.start : x.end] for x in p.placed] == ["North", "(Dandong)"]
    assert [x.intervention.type for x in p.placed] == ["supplied", "gloss"]


def test_profile_decides_the_modes() -> None:
    leiden = iv.load_profile("leiden")
    text = "ab[c] [...] [[erased]]"
    assert iv.reading_text(text, leiden) == "abc [...] [[erased]]"
    assert iv.source_only_text(text, leiden) == "ab [...] [[erased]]"


SPACEY = st.lists(
    st.sampled_from(
        ["a", "b", " ", "\n", ".", ",", "[x]", "[y z]", "[sic]", "[North] ", " [Dandong]", "“"]
    ),
    max_size=40,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(SPACEY)
def test_dropping_never_doubles_spaces(text: str) -> None:
    source = iv.source_only_text(text)
    if "  " not in text:  # one space is taken with a dropped span, not a run of them
        assert "  " not in source
        if not re.search(r" [.,]", text):
            assert not re.search(r" [.,]", source)
    assert source.count("\n") == text.count("\n")
