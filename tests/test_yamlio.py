from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance import yamlio
from provenance.errors import YAMLError


def test_dates_stay_strings_and_keys_are_strings() -> None:
    doc = yamlio.loads("date: 1961-05-10\nmonth: 1961-05\n1651: year\nlang: no\nok: true\n")
    assert doc.data == {
        "date": "1961-05-10",
        "month": "1961-05",
        "1651": "year",
        "lang": "no",
        "ok": True,
    }


def test_lines_by_json_pointer() -> None:
    doc = yamlio.loads("a: 1\nb:\n  c:\n    - x\n    - y\n")
    assert doc.lines["/a"] == 1
    assert doc.lines["/b/c/1"] == 5
    assert doc.line_of("/b/c/7") == 3  # nearest ancestor


def test_malformed_yaml_names_file_and_line() -> None:
    with pytest.raises(YAMLError) as info:
        yamlio.loads("title: ok\nsource: [unclosed\nx: 1\n", "records/d/document.yaml")
    err = info.value
    assert err.path == "records/d/document.yaml"
    assert err.line is not None and err.line >= 2
    assert str(err).startswith("records/d/document.yaml:")


def test_alias_bomb_is_refused_quickly() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 12):
        prev = chr(ord("a") + i - 1)
        cur = chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    bomb = "\n".join(lines) + "\n"
    start = time.perf_counter()
    with pytest.raises(YAMLError, match="aliases"):
        yamlio.loads(bomb, "bomb.yaml")
    assert time.perf_counter() - start < 1.0


def test_an_alias_is_reported_at_its_own_line() -> None:
    with pytest.raises(YAMLError, match="aliases") as err:
        yamlio.loads("a: &x 1\nb: 2\nc: 3\nd: *x\n", "doc.yaml")
    assert err.value.line == 4


def test_merge_keys_refused() -> None:
    with pytest.raises(YAMLError):
        yamlio.loads("base: {a: 1}\nother:\n  <<: {a: 2}\n")


def test_non_string_keys_refused() -> None:
    with pytest.raises(YAMLError):
        yamlio.loads("? [a, b]\n: 1\n")


def test_dump_round_trips_messy_text() -> None:
    data = {
        "text": "line one  \r\nline\u00a0two\n\n\ufeffthird \u201cquoted\u201d\n",
        "date": "1961-05",
        "empty": "",
        "none": None,
        "list": ["Shen Zhihua"],
    }
    assert yamlio.loads(yamlio.dumps(data)).data == data


# -- the one-pass builder against PyYAML's own constructor ----------------------------------

_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=False),
    st.text(max_size=20),
    st.sampled_from(["1961-05", "1651-03-25", "no", "~", "0x1F", "1_000", "1:20", "!", "&a"]),
)
_DATA = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)


def _reference(text: str) -> object:
    """What PyYAML's safe constructor builds with the project's resolvers."""
    loader = yamlio._Loader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


@settings(max_examples=200, deadline=None)
@given(_DATA, st.sampled_from([False, True]))
def test_loads_builds_what_pyyaml_builds(data: object, flow: bool) -> None:
    """The one-pass builder (values, lines, duplicate and alias checks together) gives the
    data PyYAML's constructor gives, for block and flow style alike."""
    import yaml

    text = yaml.dump(data, Dumper=yamlio._Dumper, default_flow_style=flow, allow_unicode=True)
    assert yamlio.loads(text).data == _reference(text)


@pytest.mark.parametrize(
    "text",
    [
        "a: !!binary aGVsbG8=\n",
        "a: !!set {x, y}\n",
        "- !!omap [a: 1]\n",
        "a: !!float nan\nb: !!int '7'\n",
        "a: 0o17\nb: 012\nc: -.inf\nd: 190:20:30\ne: Null\n",
        "'quoted': '1'\n\"x\": !!str 2\n",
    ],
)
def test_explicit_tags_and_other_scalars_as_pyyaml(text: str) -> None:
    import math

    got, want = yamlio.loads(text).data, _reference(text)
    if isinstance(want, dict) and isinstance(want.get("a"), float) and math.isnan(want["a"]):
        assert math.isnan(got["a"]) and got["b"] == want["b"]  # type: ignore[index]
    else:
        assert got == want


def test_the_first_of_two_problems_is_the_structural_one() -> None:
    """A duplicate key is reported even when a value before it cannot be built, as it
    always was (the walk's refusals come before the constructor's errors)."""
    with pytest.raises(YAMLError, match="duplicate key 'b'") as err:
        yamlio.loads("a: !!python/name:os.system x\nb: 1\nb: 2\n", "doc.yaml")
    assert err.value.line == 3
    with pytest.raises(YAMLError, match="constructor") as err:
        yamlio.loads("a: 1\nb: !!python/name:os.system x\n", "doc.yaml")
    assert err.value.line == 2
