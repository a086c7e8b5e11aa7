"""Renderers of a diff result, against golden files in tests/cases/diff/<case>/: each case
holds old.txt, new.txt, an optional case.yaml (DiffOptions fields and ``context``) and the
expected output of every format under expected/.  ``PROVENANCE_UPDATE_GOLDEN=1`` rewrites
them."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance import schema, yamlio
from provenance.diff import DiffOptions, diff_texts
from provenance.diff.render import FORMATS, RenderOptions, visible

CASES = Path(__file__).resolve().parent / "cases" / "diff"
UPDATE = bool(os.environ.get("PROVENANCE_UPDATE_GOLDEN"))
SUFFIX = {"text": "txt", "json": "json", "markdown": "md", "html": "html"}


def _case(folder: Path):  # type: ignore[no-untyped-def]
    settings = yamlio.load(folder / "case.yaml").data if (folder / "case.yaml").exists() else {}
    context = settings.pop("context", 3)
    old = (folder / "old.txt").read_bytes().decode("utf-8")
    new = (folder / "new.txt").read_bytes().decode("utf-8")
    result = diff_texts(
        old, new, options=DiffOptions(**settings), old_label="old.txt", new_label="new.txt"
    )
    return result, RenderOptions(context=context)


@pytest.mark.parametrize(
    "folder", sorted(p for p in CASES.iterdir() if p.is_dir()), ids=lambda p: p.name
)
@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_golden(folder: Path, fmt: str) -> None:
    result, options = _case(folder)
    assert result.apply() == result.new_text
    got = FORMATS[fmt](result, options)
    expected = folder / "expected" / f"{fmt}.{SUFFIX[fmt]}"
    if UPDATE:
        expected.parent.mkdir(exist_ok=True)
        expected.write_bytes(got.encode("utf-8"))
    assert got == expected.read_bytes().decode("utf-8")
    if fmt == "json":
        schema.validate(json.loads(got), "diff-output.schema.json")


def test_chinese_case_reports_the_characters() -> None:
    result, _ = _case(CASES / "chinese-one-character")
    assert [(c.old, c.new) for c in result.reported] == [("国", "國"), ("司", "局")]


def test_the_html_page_is_self_contained_and_printable() -> None:
    result, options = _case(CASES / "seed-revision")
    page = FORMATS["html"](result, options)
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "<script" not in page.lower()
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page)
    assert "@import" not in page and "url(" not in page
    assert 'class="view inline"' in page and 'class="view side"' in page
    assert "@media print" in page
    assert "<del" in page and "<ins" in page
    assert "[Dandong<ins> City</ins>]" in page


def test_html_escapes_the_texts() -> None:
    result = diff_texts("<b>bold</b> & co", "<i>bold</i> & co", old_label="<x>")
    page = FORMATS["html"](result, RenderOptions())
    assert "<b>" not in page and "<i>" not in page
    assert "&lt;<del>b</del><ins>i</ins>&gt;bold" in page and "&lt;x&gt;" in page


def test_long_texts_are_shown_in_hunks() -> None:
    old = "".join(f"Line {i} of a long text.\n" for i in range(1, 2001))
    new = old.replace("Line 1000 of", "Line one thousand of")
    result = diff_texts(old, new)
    page = FORMATS["html"](result, RenderOptions())
    assert "lines 997–1003" in page and "Line 10 of" not in page
    assert page.count("<tr>") == 7


def test_text_colours_only_when_asked() -> None:
    result = diff_texts("a cat", "a dog")
    assert "\x1b[" not in FORMATS["text"](result, RenderOptions())
    coloured = FORMATS["text"](result, RenderOptions(color=True))
    assert "\x1b[31m[-cat-]" in coloured and "\x1b[32m{+dog+}" in coloured


def test_context_words() -> None:
    result = diff_texts("one two three four five six seven", "one two three 4 five six seven")
    text = FORMATS["text"](result, RenderOptions(context=1))
    assert "three [-four-]{+4+} five\n" in text
    text = FORMATS["text"](result, RenderOptions(context=0))
    assert "  [-four-]{+4+}\n" in text


def test_stat_is_the_summary_only() -> None:
    result = diff_texts("a cat sat", "a dog sat down")
    text = FORMATS["text"](result, RenderOptions(stat=True))
    assert text.splitlines()[2:] == [
        "2 changes: 1 word changed, 1 inserted, 0 deleted; lines touched: 1 old, 1 new."
    ]


def test_markdown_escapes_markup() -> None:
    result = diff_texts("a *b* | c", "a _b_ | c")
    md = FORMATS["markdown"](result, RenderOptions())
    assert "<del>\\*b\\*</del><ins>\\_b\\_</ins> \\| c *(punctuation)*" in md


def test_invisible_characters_are_made_visible() -> None:
    assert visible("a\x1b[31mb") == "a⟨U+001B⟩[31mb"
    assert visible("x\ufeff") == "x⟨U+FEFF⟩"
    assert visible(" \u00a0\n\r", whitespace=True) == "·⍽↵␍"
    assert visible("line\r\nnext") == "line\r\nnext"


LINES = st.lists(
    st.sampled_from(["alpha beta\n", "gamma\n", "中文\n", "\n", "delta epsilon zeta\n", "eta"]),
    max_size=40,
).map("".join)


@settings(max_examples=60)
@given(LINES, LINES, st.sampled_from([2, 400]))
def test_every_change_is_in_the_html_inline_view(old: str, new: str, whole: int) -> None:
    import provenance.diff.html as html_mod

    original = html_mod.WHOLE_LINES
    html_mod.WHOLE_LINES = whole  # small: hunks; large: the whole text
    try:
        result = diff_texts(old, new)
        page = FORMATS["html"](result, RenderOptions())
    finally:
        html_mod.WHOLE_LINES = original
    inline = page.split('<div class="view inline">', 1)[-1].split('<div class="view side">')[0]
    assert inline.count("<del") == sum(1 for c in result.reported if c.old)
    assert inline.count("<ins") == sum(1 for c in result.reported if c.new)
