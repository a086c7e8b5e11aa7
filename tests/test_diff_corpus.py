"""The word diff on real revisions from ../shared/corpus: it must report exactly the
corrections each holds, nothing else, and stay exact on whole volumes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from provenance.diff import diff_texts
from provenance.diff.tokenize import tokenize

from .conftest import shared_path


def _read(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


def test_frus_history_monograph_holds_exactly_three_word_corrections() -> None:
    folder = shared_path("corpus", "frus-history")
    old = _read(folder / "frus-history@a59ddc5.xml")
    new = _read(folder / "frus-history@9e03bbc.xml")
    result = diff_texts(old, new)
    got = [(c.op, c.old, c.new, c.old_line) for c in result.reported]
    assert got == [
        ("replace", "complier", "compiler", 6177),
        ("replace", "compliers", "compilers", 6202),
        ("replace", "complier", "compiler", 20019),
    ]
    assert result.changes == result.reported  # nothing hidden either
    assert result.stats.words_changed == 3
    assert result.apply() == new
    assert not result.degraded


# -- the milestone corrections: agreement with the word diff recorded beside each -------------


@dataclass
class Hunk:
    old: str  # what git's word diff shows deleted ...
    new: str  # ... and inserted, whole words
    start: int = 0  # where the deleted words are in before.xml
    end: int = 0


_MARK = re.compile(r"\[-(.*?)-\]|\{\+(.*?)\+\}", re.DOTALL)


def _recorded_hunks(word_diff: str, before: str) -> list[Hunk]:
    """The hunks of ``git diff --word-diff=plain`` output (changed lines only, each located
    in the old text after the one before it)."""
    text = word_diff.rstrip("\n").replace("-]\n[-", "\n").replace("+}\n{+", "\n")
    hunks: list[Hunk] = []
    search_from = 0
    for fragment in _fragments(text):
        pattern: list[str] = []
        mine: list[Hunk] = []
        pos = 0
        for m in _MARK.finditer(fragment):
            plain = fragment[pos : m.start()]
            if plain or not mine:  # a new hunk, unless [-a-]{+b+} follow each other
                pattern.append(_loose(plain))
                mine.append(Hunk("", ""))
                pattern.append("()")
            hunk = mine[-1]
            if m.group(1) is not None:
                hunk.old += m.group(1)
                pattern[-1] = "(" + pattern[-1][1:-1] + _loose(m.group(1)) + ")"
            else:
                hunk.new += m.group(2)
            pos = m.end()
        pattern.append(_loose(fragment[pos:]))
        found = re.compile("".join(pattern)).search(before, search_from)
        assert found, f"the recorded change {fragment!r} should be in before.xml"
        for k, hunk in enumerate(mine, start=1):
            hunk.start, hunk.end = found.span(k)
        search_from = found.end()
        hunks.extend(mine)
    return hunks


def _fragments(text: str) -> list[str]:
    """Lines of word-diff output, a line break inside a marked run kept inside it."""
    out: list[str] = []
    depth_text = ""
    for line in text.split("\n"):
        depth_text = f"{depth_text}\n{line}" if depth_text else line
        if depth_text.count("[-") == depth_text.count("-]") and (
            depth_text.count("{+") == depth_text.count("+}")
        ):
            out.append(depth_text)
            depth_text = ""
    if depth_text:
        out.append(depth_text)
    return out


def _loose(text: str) -> str:
    """A pattern for ``text`` with any run of whitespace matching any (or none)."""
    return r"\s*".join(re.escape(part) for part in re.split(r"\s+", text))


def _canon(text: str) -> str:
    return " ".join(text.split())


def _trim(old: str, new: str) -> tuple[str, str]:
    """Whole-word hunks trimmed to the tokens that differ (``Storm.`` -> ``Storm``)."""
    a, b = tokenize(old), tokenize(new)
    while a and b and a[0] == b[0]:
        a, b = a[1:], b[1:]
    while a and b and a[-1] == b[-1]:
        a, b = a[:-1], b[:-1]
    return "".join(a), "".join(b)


def _milestones() -> list[Path]:
    root = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "hsg-milestones"
    return sorted(p for p in root.glob("*") if p.is_dir()) or [root / "absent"]


@pytest.mark.parametrize("folder", _milestones(), ids=lambda p: p.name)
def test_each_milestone_correction_agrees_with_the_recorded_change(folder: Path) -> None:
    folder = shared_path("corpus", "hsg-milestones", folder.name)
    before, after = _read(folder / "before.xml"), _read(folder / "after.xml")
    hunks = _recorded_hunks(_read(folder / "word-diff.txt"), before)
    result = diff_texts(before, after)
    assert result.apply() == after
    assert result.reported, "the correction must be found"
    matched: set[int] = set()
    for hunk in hunks:
        lo, hi = hunk.start, hunk.end  # widened over the whitespace around the words
        while lo > 0 and before[lo - 1].isspace():
            lo -= 1
        while hi < len(before) and before[hi].isspace():
            hi += 1
        mine = [k for k, c in enumerate(result.reported) if lo <= c.old_start and c.old_end <= hi]
        assert mine, f"no change found where {hunk.old!r} -> {hunk.new!r} was recorded"
        first, last = result.reported[mine[0]], result.reported[mine[-1]]
        got_old = before[first.old_start : last.old_end]
        got_new = after[first.new_start : last.new_end]
        want_old, want_new = _trim(hunk.old, hunk.new)
        assert (_canon(got_old), _canon(got_new)) == (_canon(want_old), _canon(want_new))
        matched.update(mine)
    assert matched == set(range(len(result.reported))), "a change the record does not hold"


def test_bom_only_revision_of_a_frus_volume_is_whitespace_only() -> None:
    folder = shared_path("corpus", "frus-volumes")
    old = _read(folder / "frus1861@3fe3075.xml")
    new = _read(folder / "frus1861@463076f.xml")
    result = diff_texts(old, new)
    assert [(c.old, c.new, c.labels) for c in result.reported] == [
        ("", "\ufeff", ("whitespace",)),
        (" ", "\n    ", ("whitespace",)),
    ]
    assert result.stats.words_changed == result.stats.words_inserted == 0
    assert result.apply() == new


def test_frus_1870_revision_is_exact_and_word_level() -> None:
    folder = shared_path("corpus", "frus-volumes")
    old = _read(folder / "frus1870@d8f522a.xml")
    new = _read(folder / "frus1870@ee153f9.xml")
    result = diff_texts(old, new)
    assert result.apply() == new and not result.degraded
    changed = {(c.old, c.new) for c in result.reported}
    assert ("IN TWELVE VOLUMES.", "December 5, 1870") in changed
    assert result.stats.lines_old > 5500  # the removed tables of contents
    assert result.stats.words_inserted + result.stats.words_changed < 40
