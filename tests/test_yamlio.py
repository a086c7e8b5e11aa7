from __future__ import annotations

import time

import pytest

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
