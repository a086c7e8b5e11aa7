"""Word-level blame: each span of a version credited to the version that wrote it."""

from __future__ import annotations

import itertools
import json
from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance import schema
from provenance.blame import as_json, blame, carry, format_text
from provenance.model import Agent
from provenance.rendering import RenderOptions
from provenance.store import Store

from .conftest import SEED_ID
from .wordtools import token_opcodes


def _engine() -> None:
    pytest.importorskip("provenance.diff", reason="the diff engine is not built yet")


def _three_versions(store: Store) -> dict[int, str]:
    """The seed, then v2 (an editor changes two places) and v3 (a proofreader changes one
    of those again and a third place)."""
    v1 = store.read_text(store.version(SEED_ID, "en", 1))
    v2 = v1.replace(
        "Request for the Consular Department to handle.",
        "Request for the Consular Bureau to handle.",
    ).replace("The above is a briefing.", "The above is our briefing.")
    v3 = v2.replace("Consular Bureau", "Consular Office").replace(
        "10 May 1961", "10 May 1961 (received 11 May)"
    )
    store.commit(
        SEED_ID,
        "en",
        v2.encode(),
        agents=[Agent("Ann Editor", "editor")],
        activity="revised",
        message="Word choices",
        date="2024-03-01",
    )
    store.commit(
        SEED_ID,
        "en",
        v3.encode(),
        agents=[Agent("Bo Proof", "proofreader")],
        activity="corrected",
        message="Receipt date",
        date="2024-04-01",
    )
    return {1: v1, 2: v2, 3: v3}


def _owner(result, needle: str) -> set[int]:  # type: ignore[no-untyped-def]
    """The versions credited with the characters of ``needle`` in the blamed text."""
    at = result.text.index(needle)
    return {s.version for s in result.spans if s.start < at + len(needle) and at < s.end}


@pytest.mark.parametrize("engine", ["diff-engine", "token-differ"])
def test_v3_each_changed_span_is_credited_to_the_version_that_changed_it(
    seed_store: Store, engine: str
) -> None:
    if engine == "diff-engine":
        _engine()
    texts = _three_versions(seed_store)
    differ = None if engine == "diff-engine" else token_opcodes
    result = blame(seed_store, f"{SEED_ID}/en@3", differ=differ)
    assert result.text == texts[3]
    assert [v.number for v in result.versions] == [1, 2, 3]
    assert _owner(result, "Office") == {3}  # changed in v2, changed again in v3
    assert _owner(result, "our") == {2}  # changed in v2, kept in v3
    assert _owner(result, "(received 11 May)") == {3}
    assert _owner(result, "Request for the Consular") == {1}
    assert _owner(result, "[To] Premier [Zhou Enlai]") == {1}
    changed = [s for s in result.spans if s.version != 1]
    assert all(s.text.strip() for s in changed)
    assert sum(len(s.text) for s in changed) < 40  # only the changed words, not whole lines
    # at v2 the bureau is v2's
    at_v2 = blame(seed_store, f"{SEED_ID}/en@2", differ=differ)
    assert _owner(at_v2, "Bureau") == {2}
    assert {v.number for v in at_v2.versions} == {1, 2}


def test_spans_tile_the_text_with_true_positions(seed_store: Store) -> None:
    texts = _three_versions(seed_store)
    result = blame(seed_store, f"{SEED_ID}/en", differ=token_opcodes)
    assert "".join(s.text for s in result.spans) == texts[3]
    pos = 0
    for s in result.spans:
        assert s.start == pos and s.end > s.start
        before = texts[3][: s.start]
        assert s.line == before.count("\n") + 1
        assert s.column == s.start - (before.rfind("\n") + 1) + 1
        pos = s.end
    assert pos == len(texts[3])


def test_json_follows_its_schema_and_names_agents(seed_store: Store) -> None:
    _three_versions(seed_store)
    data = as_json(blame(seed_store, f"{SEED_ID}/en@3", differ=token_opcodes))
    schema.validate(data, "blame-output.schema.json")
    assert next(iter(data)) == "format_version"
    assert data["versions"][2]["agents"] == [{"name": "Bo Proof", "role": "proofreader"}]
    assert {s["version"] for s in data["spans"]} == {1, 2, 3}


def test_text_format_marks_later_words(seed_store: Store) -> None:
    _three_versions(seed_store)
    out = format_text(blame(seed_store, f"{SEED_ID}/en@3", differ=token_opcodes))
    assert "v2  2024-03-01  revised     Ann Editor (editor): Word choices" in out
    assert "Request for the Consular {v3: Office} to handle." in out
    assert "The above is {v2: our} briefing." in out
    coloured = format_text(
        blame(seed_store, f"{SEED_ID}/en@3", differ=token_opcodes), RenderOptions(color=True)
    )
    assert "\x1b[" in coloured and "{v3:" not in coloured


def test_a_single_version_is_all_its_own(seed_store: Store) -> None:
    result = blame(seed_store, f"{SEED_ID}/en@1", differ=token_opcodes)
    assert len(result.spans) == 1 and result.spans[0].version == 1


texts = st.text(alphabet=st.sampled_from(list("ab 中文\n𝔄,.é")), max_size=30)


@settings(max_examples=150, deadline=None)
@given(st.lists(texts, min_size=1, max_size=4))
def test_carry_tiles_any_history(history: Sequence[str]) -> None:
    """For any chain of texts the spans tile the last text, and text kept unchanged since the
    first version stays credited to it."""
    segments = [(0, len(history[0]), 1)] if history[0] else []
    for n, (old, new) in enumerate(itertools.pairwise(history), start=2):
        segments = carry(segments, token_opcodes(old, new), n)
    last = history[-1]
    pos = 0
    for s, e, v in segments:
        assert s == pos and e > s and 1 <= v <= len(history)
        pos = e
    assert pos == len(last)


def test_cli_blame_json_equals_the_library(run, seed_store: Store) -> None:  # type: ignore[no-untyped-def]
    _engine()
    _three_versions(seed_store)
    r = run("--records", seed_store.root, "blame", f"{SEED_ID}/en@3", "--format", "json")
    assert r.exit_code == 0, r.stderr
    assert json.loads(r.stdout) == as_json(blame(Store(seed_store.root), f"{SEED_ID}/en@3"))
    text = run("--records", seed_store.root, "blame", f"{SEED_ID}/en@3", "--color", "never")
    assert text.exit_code == 0 and "{v3: Office}" in text.stdout


def test_cli_blame_errors(run, seed_store: Store) -> None:  # type: ignore[no-untyped-def]
    r = run("--records", seed_store.root, "blame", f"{SEED_ID}/en@9")
    assert r.exit_code == 2 and "no version 9" in r.stderr


# -- one long line with changes all through it ----------------------------------------------

_SAMPLE = (
    "the ministry cable of [North] Korea Andong [Dandong] forth [sic] we are still awaiting "
    "F[oreign] M[inistry] reply [illegible] since [the beginning of] this year, 安东[丹东]，"
)
_WORDS = tuple(_SAMPLE.split(" "))


def _long_line(size: int, seed: int) -> tuple[str, str, list[str]]:
    """A single line of ``size`` words and a revision with words replaced, inserted and
    deleted all through it; the revision's new words (each unique) in order."""
    import random

    rnd = random.Random(seed)
    words = [_WORDS[i % len(_WORDS)] for i in range(size)]
    new: list[str] = []
    added: list[str] = []
    for i, w in enumerate(words):
        r = rnd.random()
        if i % 37 == 5 or r < 0.01:  # replaced
            added.append(f"R{i}x")
            new.append(added[-1])
        elif r < 0.02:  # inserted before
            added.append(f"I{i}y")
            new.extend([added[-1], w])
        elif r < 0.03:  # deleted
            continue
        else:
            new.append(w)
    return " ".join(words), " ".join(new), added


def _credited(text: str, segments: Sequence[tuple[int, int, int]], version: int) -> list[str]:
    return " ".join(text[s:e] for s, e, v in segments if v == version).split()


def test_windowed_blame_of_a_long_line_credits_exactly_the_changed_words() -> None:
    """A 60,000-character line, a change every few dozen words: the windows credit to v2
    exactly its new words, and the same spans as one diff of the whole line (the reference)."""
    _engine()
    from provenance.blame import WINDOW_MIN, whole_opcodes, windowed_opcodes

    old, new, added = _long_line(9000, seed=1)
    assert len(old) > 3 * WINDOW_MIN and "\n" not in old
    start = [(0, len(old), 1)]
    windowed = carry(start, windowed_opcodes(old, new), 2)
    assert _credited(new, windowed, 2) == added
    assert windowed == carry(start, whole_opcodes(old, new), 2)


def test_blame_of_a_long_line_never_diffs_the_whole_line(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Through the store: a long line is diffed window by window (no diff call sees more than
    a few windows), which is what keeps blame linear on it (bench/pathological_bench.py)."""
    _engine()
    from provenance import blame as blame_module
    from provenance.store import NewStream

    seen: list[int] = []
    whole = blame_module.whole_opcodes

    def counting(a: str, b: str):  # type: ignore[no-untyped-def]
        seen.append(len(a) + len(b))
        return whole(a, b)

    monkeypatch.setattr(blame_module, "whole_opcodes", counting)
    defaults = blame_module.windowed_opcodes.__kwdefaults__
    monkeypatch.setattr(
        blame_module.windowed_opcodes, "__kwdefaults__", {**defaults, "differ": counting}
    )
    old, new, added = _long_line(9000, seed=2)
    store = Store.init(tmp_path / "records")
    agents = [Agent("A", "translator")]
    meta = {"schema": "provenance/document/1", "id": "long", "title": "One long line"}
    store.add_document(
        meta, [NewStream("en", "translation", "en", old.encode(), agents, "translated", "v1")]
    )
    store.commit("long", "en", new.encode(), agents=agents, message="edits")
    result = blame(Store(store.root), "long/en@2")
    assert seen and max(seen) <= 2 * blame_module.WINDOW_MIN
    assert sum(seen) < 4 * (len(old) + len(new))
    segments = [(s.start, s.end, s.version) for s in result.spans]
    assert _credited(new, segments, 2) == added


_edit = st.tuples(st.integers(0, 10**6), st.sampled_from(["replace", "insert", "delete"]))


@settings(max_examples=40, deadline=None)
@given(st.integers(200, 1200), st.lists(_edit, max_size=60), st.sampled_from([64, 128, 400]))
def test_windowed_opcodes_are_a_true_edit_script(size: int, edits, window: int) -> None:  # type: ignore[no-untyped-def]
    """With small windows (many cuts) and any edits: the script covers both texts in order,
    what it calls equal is equal, and exactly the new words are credited to the new text."""
    # (a stricter comparison with one diff of the whole text is the test above)
    _engine()
    from provenance.blame import windowed_opcodes

    words = [_WORDS[i % len(_WORDS)] for i in range(size)]
    added = []
    for n, (at, kind) in enumerate(sorted(edits, reverse=True)):
        k = at % len(words)
        if kind == "replace":
            words[k] = f"R{n}x"
        elif kind == "insert":
            words.insert(k, f"I{n}y")
        elif len(words) > 1:
            del words[k]
    old = " ".join(_WORDS[i % len(_WORDS)] for i in range(size))
    new = " ".join(words)
    added = [w for w in words if w[0] in "RI" and w[-1] in "xy"]
    ops = windowed_opcodes(old, new, window=window, whole_below=2 * window)
    i = j = 0
    for tag, a0, a1, b0, b1 in ops:
        assert (a0, b0) == (i, j)
        if tag == "equal":
            assert old[a0:a1] == new[b0:b1]
        i, j = a1, b1
    assert (i, j) == (len(old), len(new))
    # every new word and no old one (a bracket beside a change may go either way: the engine
    # places such a tie by its context, which a window sees less of)
    credited = _credited(new, carry([(0, len(old), 1)], ops, 2), 2)
    assert [w for w in (c.strip("[]") for c in credited) if w] == added
