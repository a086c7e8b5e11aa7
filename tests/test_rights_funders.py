"""The funder credit line: one, two, three or more funders, articles, and the names a printed
funder line credits."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from provenance.rights import credit_line, credited_names, funder_phrase, takes_article
from provenance.rights.funders import LEAD, unlisted_funders


def test_seed_credit_line_exactly() -> None:
    assert credit_line(["MacArthur Foundation", "Leon Levy Foundation"]) == (
        "This document was made possible with support from the MacArthur Foundation and Leon "
        "Levy Foundation."
    )


@pytest.mark.parametrize(
    ("funders", "phrase"),
    [
        (["MacArthur Foundation"], "the MacArthur Foundation"),
        (["Jane Doe"], "Jane Doe"),
        (["Jane Doe", "Leon Levy Foundation"], "Jane Doe and the Leon Levy Foundation"),
        (
            ["Korea Foundation", "Henry Luce Foundation", "Smith Richardson Foundation"],
            "the Korea Foundation, Henry Luce Foundation, and Smith Richardson Foundation",
        ),
        (["A Foundation", "Jane Doe", "C Trust"], "the A Foundation, Jane Doe, and the C Trust"),
        (
            ["Harvard University", "University of Chicago"],
            "Harvard University and the University of Chicago",
        ),
        (
            ["The Henry Luce Foundation", "Leon Levy Foundation"],
            "The Henry Luce Foundation and Leon Levy Foundation",
        ),
        (
            ["John D. and Catherine T. MacArthur Foundation"],
            "the John D. and Catherine T. MacArthur Foundation",
        ),
        (["  Leon\u00a0Levy   Foundation "], "the Leon Levy Foundation"),
        ([], ""),
        (["", "  "], ""),
    ],
)
def test_funder_phrase(funders: list[str], phrase: str) -> None:
    assert funder_phrase(funders) == phrase


@pytest.mark.parametrize(
    ("name", "article"),
    [
        ("Leon Levy Foundation", True),
        ("National Endowment for the Humanities", True),
        ("Carnegie Corporation of New York", True),
        ("Ministry of Unification", True),
        ("Open Society Foundations", True),
        ("University of Chicago", True),
        ("Harvard University", False),
        ("Jane Doe", False),
        ("The Wilson Center", False),  # it has its own
        ("Wilson Center", True),
    ],
)
def test_takes_article(name: str, article: bool) -> None:
    assert takes_article(name) is article


def test_credit_line_edges() -> None:
    assert credit_line([]) is None
    assert credit_line(["Acme Inc."]) == f"{LEAD} Acme Inc."
    assert credit_line(["X Fund"], lead="Supported by") == "Supported by the X Fund."


def test_credited_names_from_printed_lines() -> None:
    listed = ["MacArthur Foundation", "Leon Levy Foundation"]
    assert credited_names(
        "This document was made possible with support from MacArthur Foundation", listed
    ) == ["MacArthur Foundation"]
    assert credited_names(credit_line(listed) or "", listed) == [
        "the MacArthur Foundation",
        "Leon Levy Foundation",
    ]
    assert credited_names("Funded by A, B, and C.") == ["A", "B", "C"]
    assert credited_names("Thanks to everyone.") == ["everyone"]
    assert credited_names("A line that names nobody") == []


def test_names_with_and_are_kept_whole_when_listed() -> None:
    listed = ["John D. and Catherine T. MacArthur Foundation", "Chun & Kim Family"]
    line = (
        "Made possible with support from the John D. and Catherine T. MacArthur "
        "Foundation, the Chun & Kim Family and the Korea Foundation."
    )
    assert unlisted_funders(line, listed) == ["Korea Foundation"]


def test_unlisted_compares_without_article_case_or_spacing() -> None:
    line = "This document was made possible with support from THE  macarthur foundation"
    assert unlisted_funders(line, ["MacArthur Foundation"]) == []
    assert unlisted_funders(line, ["Leon Levy Foundation"]) == ["macarthur foundation"]


_WORDS = st.text(st.sampled_from("abcdefghij ABCDE"), min_size=1, max_size=12).filter(
    lambda s: s.strip() and s.split()[0].casefold() != "the" and "and" not in s.casefold().split()
)
_NAME = st.builds(
    lambda w, head: w + head,
    _WORDS,
    st.sampled_from(["", " Foundation", " Fund", " University", " Trust"]),
)


@given(st.lists(_NAME, min_size=1, max_size=5, unique_by=lambda s: " ".join(s.split()).casefold()))
def test_credit_line_credits_exactly_the_listed(funders: list[str]) -> None:
    line = credit_line(funders)
    assert line is not None and line.startswith(LEAD)
    assert unlisted_funders(line, funders) == []
