"""Lint rules of the bracket layer: one test per stable code, and the profile's say."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance import interventions as iv

from .conftest import RECORDS, SEED_ID


def _codes(text: str, profile: object = None) -> list[str]:
    return [f.code for f in iv.lint(text, profile)]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("a ] b", "bracket-unbalanced"),
        ("a [ b", "bracket-unbalanced"),
        ("a [] b", "bracket-empty"),
        ("a [  ] b", "bracket-empty"),
        ("a [b [c] d] e", "bracket-nested"),
        ("Andong [Dandong] and then Andong [Tantung]", "gloss-inconsistent"),
        ("[sic] at the start", "sic-orphan"),
        ("one\n  [sic] after a break", "sic-orphan"),
        ("“[sic]”", "sic-orphan"),
        ("a [long note\n\nover a paragraph] b", "bracket-across-paragraphs"),
    ],
)
def test_each_code(text: str, code: str) -> None:
    assert code in _codes(text)


@pytest.mark.parametrize(
    "text",
    [
        "teh [sic] word",
        "“teh” [sic]",
        "Andong [Dandong] and Andong [Dandong]",
        "Andong [Dandong] and Luda [Lüshun-Dalian]",
        "a [note\nover a line break] b",
    ],
)
def test_clean(text: str) -> None:
    assert _codes(text) == []


def test_the_seed_translation_is_clean() -> None:
    text = (RECORDS / SEED_ID / "en" / "v1.txt").read_text(encoding="utf-8")
    assert iv.lint(text) == []


def test_finding_objects_are_small_and_frozen() -> None:
    (f,) = iv.lint("line\nAndong [Dandong], Andong [Tantung]")
    assert (f.code, f.severity, f.line, f.column) == ("gloss-inconsistent", "warning", 2, 26)
    assert (f.start, f.end) == (30, 39)
    assert "[Dandong]" in f.message and "2:8" in f.message
    assert str(f).startswith("2:26: warning:") and str(f).endswith("[gloss-inconsistent]")
    with pytest.raises(AttributeError):
        f.code = "x"  # type: ignore[misc]
    assert f.as_dict() == {
        "code": "gloss-inconsistent",
        "severity": "warning",
        "message": f.message,
        "start": 30,
        "end": 39,
        "line": 2,
        "column": 26,
    }


def test_unknown_type_needs_a_profile_without_a_catch_all() -> None:
    strict = iv.load_profile(
        {
            "schema": "provenance/profile/1",
            "name": "strict",
            "types": {"sic": {}, "unknown": {}},
            "rules": [{"type": "sic", "pattern": "sic"}],
        }
    )
    assert _codes("x [sic] y [what]", strict) == ["bracket-unknown-type"]
    assert _codes("x [sic] y [what]") == []


def test_profile_severities_and_off() -> None:
    relaxed = iv.load_profile(
        {"profile": "default", "lint": {"bracket-nested": "off", "bracket-unbalanced": "info"}}
    )
    assert [(f.code, f.severity) for f in iv.lint("[a [b]] ]", relaxed)] == [
        ("bracket-unbalanced", "info")
    ]
    assert _codes("[[erased]]", "leiden") == []
    assert "bracket-nested" in _codes("[[erased]]")


def test_lint_accepts_a_parse_and_codes_are_documented() -> None:
    r = iv.parse("a ] b")
    assert [f.code for f in iv.lint(r)] == ["bracket-unbalanced"]
    doc = iv.__doc__ or ""
    for code in iv.CODES:
        assert code in doc


_LINT_PIECES = st.sampled_from(
    [
        "Andong ",
        "[Dandong]",
        "[Tantung]",
        " [sic]",
        "[",
        "]",
        "[]",
        "[ ]",
        "\n\n",
        "\n",
        "word ",
        "[a [b]]",
        "[email protected]",
        "[email [protected] ]",
        "[translator's note: [a] b]",
        "[[erased]]",
        "[Page [30]]",
        "Ки//тая ",
        "[a//b]",
        "F[oreign]",
        "[illegible]",
        "[" * 70 + "x" + "]" * 70,  # deeper than the parser analyses
        "[" * 66 + "] [" + "]" * 66,
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_LINT_PIECES, max_size=14), st.sampled_from(["default", "frus", "leiden"]))
def test_lint_of_a_text_is_lint_of_its_full_parse(pieces: list[str], profile: str) -> None:
    """Lint finds the brackets of a text without building the parse (no interventions, no
    lines unless a finding needs them); its findings are those of the full parse."""
    text = "".join(pieces)
    assert iv.lint(text, profile) == iv.lint(iv.parse(text, profile), profile)
