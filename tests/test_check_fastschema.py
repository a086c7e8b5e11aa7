"""The fast validator agrees with jsonschema: on the shipped records, on records mutated at
random, and on arbitrary JSON values, for every schema it compiles."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance import fastschema, schema, yamlio
from tests.conftest import RECORDS, SEED_ID

FOLDER = RECORDS / SEED_ID
SAMPLES = {
    "document.schema.json": yamlio.load(FOLDER / "document.yaml").data,
    "stream.schema.json": yamlio.load(FOLDER / "en" / "stream.yaml").data,
    "version.schema.json": yamlio.load(FOLDER / "en" / "v1.yaml").data,
    "store.schema.json": yamlio.load(RECORDS / "provenance.yaml").data,
}

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.floats(allow_nan=False, width=32),
    st.sampled_from(
        [
            "",
            "1961",
            "1961-05",
            "1961-05-10",
            "1961/05",
            "en",
            "zh-Hant",
            "x y",
            "a" * 64,
            "0" * 64,
            "translation",
            "transcription",
            "translator",
            "revised",
            "provenance/version/1",
            "provenance/document/1",
            "ok-slug",
            "Bad Slug",
            "..",
            "house",
            "straight",
            "curly",
            "two-digit",
        ]
    ),
    st.text(max_size=8),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(
            st.sampled_from(["name", "role", "text", "x", "family", "given", "quotes"]),
            inner,
            max_size=3,
        ),
    ),
    max_leaves=8,
)


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(data, dict):
        for k, v in data.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            out += _paths(v, (*prefix, i))
    return out


@st.composite
def mutated(draw: st.DrawFn, name: str) -> Any:
    data = copy.deepcopy(SAMPLES[name])
    for _ in range(draw(st.integers(1, 3))):
        paths = _paths(data)
        path = draw(st.sampled_from(paths))
        action = draw(st.sampled_from(["set", "delete", "add"]))
        if not path:
            if action == "set":
                data = draw(values)
            continue
        parent: Any = data
        for part in path[:-1]:
            parent = parent[part]
        if not isinstance(parent, (dict, list)):
            continue
        if action == "set":
            parent[path[-1]] = draw(values)
        elif action == "delete":
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[draw(st.sampled_from(["extra", "note", "rights", "house_style"]))] = draw(values)
    return data


def agree(data: Any, name: str) -> None:
    expected = schema.validator(name).is_valid(data)
    assert fastschema.is_valid(data, name) is expected, (name, data)


def test_every_record_schema_compiles() -> None:
    # The fast path serves the record schemas the check validates on every run; output
    # schemas (diff, check, ...) are only validated in tests, by jsonschema itself.
    for name in schema.SCHEMA_FILES.values():
        assert fastschema.compiled(name) is not None, name


@pytest.mark.parametrize("name", list(SAMPLES))
def test_the_samples_are_valid(name: str) -> None:
    assert fastschema.is_valid(SAMPLES[name], name) is True


@pytest.mark.parametrize("name", list(SAMPLES))
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_agrees_on_mutated_records(name: str, data: st.DataObject) -> None:
    agree(data.draw(mutated(name)), name)


@settings(max_examples=100, deadline=None)
@given(value=values)
def test_agrees_on_arbitrary_values(value: Any) -> None:
    for name in SAMPLES:
        agree(value, name)


def test_json_equality_edge_cases() -> None:
    assert not fastschema._equal(True, 1) and fastschema._equal(1, 1.0)
    assert not fastschema._equal("1", 1) and fastschema._equal([1, {"a": None}], [1.0, {"a": None}])


def test_unsupported_keyword_falls_back(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(fastschema.Unsupported):
        fastschema._Compiler().compile({"dependentRequired": {"a": ["b"]}}, "x.json")
