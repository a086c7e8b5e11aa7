"""Creators read from titles: only where the pattern is unambiguous, always marked inferred."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance.citation.creators import (
    Creator,
    add_inferred_creators,
    creators_of,
    family_first,
    infer_creators,
)
from provenance.importer import parse_page
from provenance.schema import validate
from provenance.textio import read_text

S, R, P = "sender", "recipient", "participant"
ORG, PER = "organisation", "person"

CASES = [
    # the seed: an organisation sends to three people (Chinese names, family name first)
    (
        "Cable, Ministry of Public Security Party Committee to Zhou Enlai, Deng Xiaoping, and "
        "Peng Zhen",
        [
            ("Ministry of Public Security Party Committee", S, ORG, False),
            ("Zhou Enlai", R, PER, True),
            ("Deng Xiaoping", R, PER, True),
            ("Peng Zhen", R, PER, True),
        ],
    ),
    (
        "Cable, Roshchin to Filippov [Stalin]",
        [("Roshchin", S, PER, False), ("Filippov [Stalin]", R, PER, False)],
    ),
    (
        "Telegram, Mao Zedong to Filippov [Stalin]",
        [("Mao Zedong", S, PER, True), ("Filippov [Stalin]", R, PER, False)],
    ),
    (
        "Letter, Foreign Ministry to the Northeast Bureau",
        [("Foreign Ministry", S, ORG, False), ("Northeast Bureau", R, ORG, False)],
    ),
    (
        "Telegram from Kim Il Sung to Stalin",
        [("Kim Il Sung", S, PER, True), ("Stalin", R, PER, False)],
    ),
    (
        "Cable from the Chinese Embassy in the DPRK, 'The Situation of Korean Residents'",
        [("Chinese Embassy in the DPRK", S, ORG, False)],
    ),
    (
        "Record of Conversation between Mao Zedong and Kim Il-sung",
        [("Mao Zedong", P, PER, True), ("Kim Il-sung", P, PER, True)],
    ),
    ("Record of a Conversation with Pak Heon-yeong", [("Pak Heon-yeong", P, PER, True)]),
    # ambiguous or no pattern: nothing is guessed
    ("Cable, Ministry of Foreign Affairs and Trade to Zhou Enlai", []),
    ("Letter from A. Smith to B. Jones to C. Brown", []),
    ("Report on the Situation in Korea", []),
    ("Record of Conversation between Mao Zedong, Zhou Enlai and Kim Il-sung", []),
    ("Minutes of the Politburo Meeting", []),
]


@pytest.mark.parametrize(("title", "expected"), CASES)
def test_infer_creators(title: str, expected: list[tuple[str, str, str, bool]]) -> None:
    got = infer_creators(title)
    assert [(c.name, c.role, c.kind, c.family_first) for c in got] == expected
    assert all(c.inferred for c in got)


def test_family_first() -> None:
    assert family_first("Zhou Enlai") and family_first("Kim Il-sung")
    assert not family_first("Jeffrey Wang") and not family_first("Charles Kraus")
    assert not family_first("Sergey Petrov")
    assert not family_first("Anna Li")  # pinyin syllables, but Anna is no family name
    assert family_first("Li Na") and family_first("Mao Zedong")


def test_seed_import_records_inferred_creators(seed_page: Path) -> None:
    page = parse_page(read_text(seed_page), filename=str(seed_page))
    creators = creators_of(page.meta)
    assert [c.name for c in creators if c.role == "sender"] == [
        "Ministry of Public Security Party Committee"
    ]
    assert [c.name for c in creators if c.role == "recipient"] == [
        "Zhou Enlai",
        "Deng Xiaoping",
        "Peng Zhen",
    ]
    assert all(c.inferred for c in creators)
    keys = list(page.meta)
    assert keys.index("creators") == keys.index("type") + 1  # kept beside what the title says
    validate({**page.meta, "id": "seed"}, "document.schema.json")


def test_recorded_creators_are_kept() -> None:
    confirmed = [Creator("Wang Jiaxiang", "author").as_dict()]
    meta = {"title": "Cable, Zhou Enlai to Mao Zedong", "creators": confirmed}
    add_inferred_creators(meta)
    assert meta["creators"] == confirmed


def test_schema_rejects_unknown_role() -> None:
    from provenance.errors import ProvenanceError

    meta = {
        "schema": "provenance/document/1",
        "id": "x",
        "title": "T",
        "creators": [{"name": "A", "role": "ghostwriter"}],
    }
    with pytest.raises(ProvenanceError):
        validate(meta, "document.schema.json")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=120))
def test_inference_never_invents(title: str) -> None:
    """Whatever the title, inference does not crash and every name it gives is in the title."""
    for c in infer_creators(title):
        assert c.name in " ".join(title.split()) and c.inferred


def test_an_editor_confirms_a_creator_with_set(run, seed_store) -> None:  # type: ignore[no-untyped-def]
    from .conftest import SEED_ID

    r = run("--records", seed_store.root, "cite", SEED_ID, "--style", "chicago")
    assert "read from the title" in r.stderr
    for i in range(4):
        r = run(
            "--records",
            seed_store.root,
            "set",
            SEED_ID,
            f"creators.{i}.inferred",
            "--unset",
            "--agent",
            "Charles Kraus",
            "--message",
            "Checked the cable",
        )
        assert r.exit_code == 0, r.stderr
    r = run("--records", seed_store.root, "cite", SEED_ID, "--style", "chicago")
    assert r.exit_code == 0 and "read from the title" not in r.stderr
    assert r.stdout.startswith("Ministry of Public Security Party Committee. Cable to Zhou Enlai")
