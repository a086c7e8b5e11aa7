"""Typing by profile: the shipped profiles, a store's own, and errors in a profile file."""

from __future__ import annotations

from pathlib import Path

import pytest

from provenance import interventions as iv
from provenance import schema, yamlio
from provenance.errors import SchemaError, UsageError, YAMLError
from provenance.store import Store

PROFILES = Path(iv.__file__).resolve().parent.parent / "profiles"


def _type(text: str, profile: object = None, which: int = 0) -> tuple[str, str | None]:
    item = iv.parse(text, profile).interventions[which]  # type: ignore[arg-type]
    return item.type, item.label


@pytest.mark.parametrize("name", iv.BUILTIN)
def test_shipped_profiles_follow_the_schema(name: str) -> None:
    doc = yamlio.load(PROFILES / f"{name}.yaml")
    assert list(schema.iter_problems(doc.data, "profile.schema.json", doc)) == []
    prof = iv.builtin_profile(name)
    assert prof.name == name and prof.rules
    for rule in prof.rules:
        assert rule.type == iv.IGNORE or rule.type in prof.types
        assert rule.pattern_source is None or rule.pattern is not None  # compiles


@pytest.mark.parametrize(
    ("text", "which", "expected"),
    [
        # PRODUCT.md's examples of each type
        ("[To] the Premier", 0, "supplied"),
        ("[We are] still awaiting", 0, "supplied"),
        ("to [North] Korea", 0, "supplied"),
        ("[Ideological] education", 0, "supplied"),
        ("on 9 May [1961], the", 0, "supplied"),
        ("Comrades [Deng] Xiaoping", 0, "expansion"),
        ("the F[oreign] M[inistry]", 1, "expansion"),
        ("comr[ade]", 0, "expansion"),
        ("in Andong [Dandong] to", 0, "gloss"),
        ("from Luda [Lüshun-Dalian].", 0, "gloss"),
        ("met Pak Heon-yeong [Pak Hon Yong] in", 0, "gloss"),
        ("the дом [house]", 0, "gloss"),
        ("he said [now Dandong]", 0, "gloss"),
        ("teh [sic] word", 0, "sic"),
        ("teh [SIC] word", 0, "sic"),
        ("a [sic!] b", 0, "sic"),
        ("a […] b", 0, "gap"),
        ("a [...] b", 0, "gap"),
        ("a [illegible] b", 0, "gap"),
        ("a [two words illegible] b", 0, "gap"),
        ("a [text not declassified] b", 0, "not-declassified"),
        ("a [1 line not declassified] b", 0, "not-declassified"),
        ("a [translator's note: this is odd] b", 0, "note"),
        ("a [trans. note—as above] b", 0, "note"),
        ("a [Ed. note: see above] b", 0, "note"),
        ("a [TN: b] c", 0, "note"),
        ("end [Page 152] start", 0, "page"),
        ("a word[2] b", 0, "footnote"),
        ("a word. [3] b", 0, "footnote"),
        ("a [] b", 0, "unknown"),
    ],
)
def test_default_profile_types(text: str, which: int, expected: str) -> None:
    assert _type(text, None, which)[0] == expected


def test_labels_say_more() -> None:
    assert _type("9 May [1961]") == ("supplied", "date")
    assert _type("Comrades [Deng] Xiaoping") == ("expansion", "name")
    assert _type("Premier [Zhou Enlai] and") == ("supplied", "name")


def test_a_guess_is_flagged() -> None:
    sure = iv.parse("since [the beginning of] this year").interventions[0]
    assert not sure.uncertain and sure.confidence >= 0.7
    guess = iv.parse("single Han [Chinese] men").interventions[0]
    assert guess.uncertain and guess.confidence < iv.UNCERTAIN_BELOW
    assert (guess.type, guess.alternative) == ("supplied", "gloss")
    assert guess.rule == "capital-after-name"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[Page 152]", "page"),
        ("[Page xiv]", "page"),
        ("[text not declassified]", "not-declassified"),
        ("[1 line not declassified]", "not-declassified"),
        ("[less than 1 line not declassified]", "not-declassified"),
        ("[1½ lines not declassified]", "not-declassified"),
        ("[name not declassified]", "not-declassified"),
        ("[Omitted here is a table of contents]", "gap"),
        ("[Here follows a list of names.]", "gap"),
        ("[Translation.]", "note"),
        ("[Telegram.—Received July 19, 1870.]", "note"),
        ("[Inclosure 2 in No. 12.]", "note"),
        ("[Laughter]", "note"),
        ("[l. s.]", "note"),
        ("the [North] Korean side", "supplied"),
    ],
)
def test_frus_profile(text: str, expected: str) -> None:
    assert _type(text, "frus")[0] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[abc]", ("supplied", "lost, restored")),
        ("ab[c]", ("supplied", "lost, restored")),
        ("[...]", ("gap", "lost")),
        ("[.3]", ("gap", "lost")),
        ("[- - -]", ("gap", "lost")),
        ("[c. 5]", ("gap", "lost")),
        ("[[abc]]", ("erased", None)),
    ],
)
def test_leiden_profile(text: str, expected: tuple[str, str | None]) -> None:
    assert _type(text, "leiden") == expected


def test_frus_supplied_page_number_is_one_marker() -> None:
    r = iv.parse("end [Page [30]] start", "frus")
    assert [(i.type, i.text) for i in r.interventions] == [("page", "[Page [30]]")]
    assert iv.source_only_text(r, "frus") == "end start"
    assert iv.lint(r, "frus") == []


def test_leiden_erasure_is_one_intervention() -> None:
    r = iv.parse("a [[abc]] b", "leiden")
    assert [i.text for i in r.interventions] == ["[[abc]]"]


def test_store_declares_its_profile(store: Store) -> None:
    assert iv.store_profile(store).name == "default"
    config = dict(store.config, interventions={"profile": "frus"})
    assert iv.load_profile(config=config).name == "frus"
    assert _type("[Translation.]", iv.load_profile(config=config))[0] == "note"


def test_store_adds_rules_and_words_inline() -> None:
    config = {
        "interventions": {
            "rules": [{"id": "house-water", "type": "gap", "pattern": r"water[- ]damaged"}],
            "vocab": {"surnames": ["Kapitsa"]},
        }
    }
    prof = iv.load_profile(config=config)
    assert prof.name == "default"
    assert prof.rules[0].id == "house-water"
    assert _type("a [water-damaged] b", prof) == ("gap", None)
    assert _type("Academician [Kapitsa] Pyotr", prof) == ("expansion", "name")
    assert _type("Academician [Kapitsa] Pyotr")[0] == "supplied"


def test_a_rule_with_a_shipped_id_replaces_it() -> None:
    prof = iv.load_profile(
        {"profile": "default", "rules": [{"id": "qualifier", "type": "gloss", "pattern": "north"}]}
    )
    ids = [r.id for r in prof.rules]
    assert ids.count("qualifier") == 1
    assert ids.index("qualifier") == [r.id for r in iv.builtin_profile("default").rules].index(
        "qualifier"
    )
    assert _type("to [North] Korea", prof)[0] == "gloss"


def test_profile_file_by_path(tmp_path: Path) -> None:
    (tmp_path / "house.yaml").write_text(
        "schema: provenance/profile/1\nname: house\nextends: frus\nrules:\n"
        "  - {type: note, pattern: 'stamp: .*', label: stamp}\n",
        encoding="utf-8",
    )
    prof = iv.load_profile("house.yaml", root=tmp_path)
    assert prof.name == "house"
    assert _type("[stamp: received]", prof) == ("note", "stamp")
    assert _type("[Page 3]", prof)[0] == "page"  # inherited from frus
    config = {"interventions": {"profile": "house.yaml"}}
    assert iv.load_profile(config=config, root=tmp_path).name == "house"


@pytest.mark.parametrize(
    ("body", "error", "message"),
    [
        (
            "name: bad\nrules:\n  - {type: gap, pattern: '(unclosed'}\n",
            SchemaError,
            "not a valid regular expression",
        ),
        ("name: bad\nrules:\n  - {type: nonesuch}\n", SchemaError, "does not define"),
        ("name: bad\nrules:\n  - {type: gap, content_in: nolist}\n", SchemaError, "word list"),
        ("name: bad\nrules:\n  - {type: gap, colour: red}\n", SchemaError, "unknown field"),
        ("name: bad\nextends: bad.yaml\n", SchemaError, "deep"),
        ("name: [unclosed\n", YAMLError, "malformed YAML"),
    ],
)
def test_bad_profile_files(tmp_path: Path, body: str, error: type[Exception], message: str) -> None:
    (tmp_path / "bad.yaml").write_text(body, encoding="utf-8")
    with pytest.raises(error, match=message) as info:
        iv.load_profile(tmp_path / "bad.yaml")
    if error is SchemaError and "deep" not in message:
        assert info.value.line == 3  # type: ignore[attr-defined]


def test_unknown_profile_name() -> None:
    with pytest.raises(UsageError, match="no profile named 'nope'"):
        iv.load_profile("nope")


def test_the_shipped_profiles_data_is_generated_from_their_yaml() -> None:
    from provenance.interventions import shippedgen

    current = shippedgen.TARGET.read_text(encoding="utf-8")
    assert current == shippedgen.render(), "run: python -m provenance.interventions.shippedgen"
