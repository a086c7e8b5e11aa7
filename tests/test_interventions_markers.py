"""Markers: interventions with no bracket, the ``//`` page break of a transcription, through
every view of the editorial layer (ledger, comparison, projections, lint, diff classing,
highlight, TEI, report, review, check), on the real API transcript and on texts written here.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance import interventions as iv
from provenance import schema
from provenance.errors import SchemaError
from provenance.interventions.classify import EDITORIAL, TEXTUAL, classify_texts
from provenance.interventions.parser import TopLevel
from provenance.model import Agent
from provenance.store import Store

from .conftest import SHARED

API = SHARED / "corpus" / "wilson-digitalarchive-api"
TRANSCRIPT = API / "transcript_33548.json"

#: Written here in the shapes of the archive's transcriptions.
TEXT = (
    "Все основные силы противника на материке // Ки тая разгромлены.\n"
    "\n"
    "Он хотел бы посмотреть метро, // съездить в колхозы, и на Ки//тай.\n"
    "\n"
    "Внимание приковано //\n"
    "к событиям [в Тибете].\n"
)


def markers(result: iv.ParseResult) -> list[iv.Intervention]:
    return [i for i in result.interventions if i.is_marker]


# -- the parser -----------------------------------------------------------------------------


def test_markers_are_typed_with_positions_and_context() -> None:
    result = iv.parse(TEXT)
    assert str(result) == TEXT
    found = markers(result)
    assert [(m.line, m.column, m.text) for m in found] == [
        (1, 42, "//"),
        (3, 31, "//"),
        (3, 61, "//"),
        (5, 20, "//"),
    ]
    assert all(TEXT[m.start : m.end] == "//" for m in found)
    assert {(m.type, m.kind, m.content, m.rule) for m in found} == {
        ("page-break", "marker", "", "marker:page-break")
    }
    assert [m.inside_word for m in found] == [False, False, True, False]
    inside = iv.parse("на Ки//тай.").interventions[0]
    assert (inside.inside_word, inside.before, inside.after) == (True, "на Ки", "тай.")
    assert result.counts == {"page-break": 4, "supplied": 1}
    assert found[0].as_dict()["kind"] == "marker"
    assert result.interventions[-1].as_dict()["kind"] == "bracket"


@pytest.mark.parametrize(
    "text",
    [
        "See http://example.org/a and https://example.org//b.",
        "file:///home/editor/notes.txt",
        "A rule ///// across the page.",
        "The path a//b/c and x/y//z.",
        "Loaded from //cdn.example.org/lib.js today.",
        "Mirror at www.example.org//archive here.",
        "The sign '//' and “//” are named here, not used.",
        "[illegible // torn] and [translator's note: a // b]",
        "Andong [Dandong] and [North] Korea, nothing else.",
        "1961/62 and/or 3/4 of the way.",
    ],
)
def test_no_marker_in_urls_paths_runs_quotes_or_brackets(text: str) -> None:
    result = iv.parse(text)
    assert markers(result) == []
    assert str(result) == text


def test_markers_in_crlf_nbsp_and_at_the_edges() -> None:
    text = "// начало\r\nслово\u00a0// слово\r\nконец //"
    found = markers(iv.parse(text))
    assert [(m.line, m.column) for m in found] == [(1, 1), (2, 7), (3, 7)]


def test_projections_leave_markers_out() -> None:
    assert iv.reading_text(TEXT) == (
        "Все основные силы противника на материке Ки тая разгромлены.\n"
        "\n"
        "Он хотел бы посмотреть метро, съездить в колхозы, и на Китай.\n"
        "\n"
        "Внимание приковано\n"
        "к событиям в Тибете.\n"
    )
    assert "//" not in iv.source_only_text(TEXT)
    assert "[в Тибете]" not in iv.source_only_text(TEXT)


def test_lint_says_nothing_of_markers() -> None:
    assert iv.lint(TEXT) == []


def test_profiles_turn_markers_on_off_or_add_one(tmp_path: Path) -> None:
    assert markers(iv.parse(TEXT, "frus")) and not markers(iv.parse(TEXT, "leiden"))
    off = {"interventions": {"markers": {"page-break": "off"}}}
    assert markers(iv.parse(TEXT, config=off)) == []
    assert (
        markers(iv.parse(TEXT, config={"interventions": {"markers": {"page-break": False}}})) == []
    )
    own = {"interventions": {"markers": {"column": {"sign": "||", "type": "page-break"}}}}
    result = iv.parse("left || right // on", config=own)
    assert [m.text for m in markers(result)] == ["||", "//"]
    for bad, word in [
        ({"column": {"sign": "||", "type": "columnn"}}, "does not define"),
        ({"column": {"type": "page-break"}}, "needs a sign"),
    ]:
        with pytest.raises(SchemaError, match=word):
            iv.parse("x", config={"interventions": {"markers": bad}})
    with pytest.raises(SchemaError):  # letters are the text's own, not a sign
        iv.parse("x", config={"interventions": {"markers": {"c": {"sign": "p.", "type": "page"}}}})


# -- properties ------------------------------------------------------------------------------

WORD = st.text(alphabet="абвгдКиая XYZabc.,;'’«»\u00a0", min_size=1, max_size=8).filter(
    lambda w: w.strip() != "" and " " not in w
)
LETTERS = st.text(alphabet="абвгдКиаяXYZabc", min_size=2, max_size=8)


@settings(max_examples=150, deadline=None)
@given(words=st.lists(WORD, min_size=2, max_size=12), data=st.data())
def test_a_page_break_added_is_one_marker_and_reads_away(
    words: list[str], data: st.DataObject
) -> None:
    """Between two words or inside one, a ``//`` is one marker, and the reading text is the
    text it was added to."""
    k = data.draw(st.integers(1, len(words) - 1))
    spaced = " ".join(words[:k]) + " // " + " ".join(words[k:])
    assert [m.start for m in markers(iv.parse(spaced))] == [len(" ".join(words[:k])) + 1]
    assert iv.reading_text(spaced) == " ".join(words)
    word = data.draw(LETTERS)
    j = data.draw(st.integers(1, len(word) - 1))
    glued = " ".join([*words[:k], word[:j] + "//" + word[j:], *words[k:]])
    assert [m.start for m in markers(iv.parse(glued))] == [len(" ".join(words[:k])) + 1 + j]
    assert iv.reading_text(glued) == " ".join([*words[:k], word, *words[k:]])


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab /:[]w.\n'", max_size=60))
def test_parse_and_the_diff_classer_agree(text: str) -> None:
    """What the diff classer sees as the outermost interventions (brackets matched alone,
    markers found alone) is exactly parse's top level, markers included."""
    prof = iv.builtin_profile("default")
    result = iv.parse(text, prof)
    assert str(result) == text
    top = [(i.start, i.end, i.kind) for i in result.interventions if i.depth == 0]
    spans = TopLevel(text, prof).touching(0, len(text) + 1)
    assert [(s.start, s.end, s.kind) for s in spans] == top
    for m in markers(result):
        assert text[m.start : m.end] == "//"
        assert not any(b.start < m.start < b.end for b in result.interventions if not b.is_marker)


# -- comparison and diff classing ------------------------------------------------------------


def test_comparison_says_which_markers_came_and_went() -> None:
    new = TEXT.replace("материке // Ки тая", "материке Китая").replace("Ки//тай", "Китай")
    new = new.replace("к событиям", "// к событиям")
    comparison = iv.compare(TEXT, new)
    rows = [(c.status, c.type, c.current.line) for c in comparison.changes if c.status != "kept"]
    assert ("removed", "page-break", 1) in rows and ("removed", "page-break", 3) in rows
    assert ("added", "page-break", 6) in rows
    assert comparison.counts["kept"] == 3  # a marker and the bracket


@pytest.mark.parametrize(
    ("old", "new", "category"),
    [
        ("на материке Ки тая", "на материке // Ки тая", EDITORIAL),
        ("на материке // Ки тая", "на материке Ки тая", EDITORIAL),
        ("на Китай.", "на Ки//тай.", EDITORIAL),
        ("на материке // Ки тая", "на материке // Индии", TEXTUAL),
    ],
)
def test_diff_classes_a_marker_as_editorial(old: str, new: str, category: str) -> None:
    from provenance.diff import diff_texts
    from provenance.interventions.align import from_result

    ops = [op for op in from_result(diff_texts(old, new)) if op[0] != "equal"]
    assert set(classify_texts(old, new, ops, "default")) == {category}


# -- the real API transcript and the shared corpus ---------------------------------------------


@pytest.fixture
def api_store(run, store: Store, seed_page: Path) -> Store:  # type: ignore[no-untyped-def]
    if not TRANSCRIPT.is_file():
        pytest.skip("no shared corpus here")
    assert run("--records", store.root, "import", seed_page, "--id", "doc").exit_code == 0
    r = run("--records", store.root, "import", TRANSCRIPT, "--id", "doc", "--stream", "ru")
    assert r.exit_code == 0, r.stderr
    return store


def _v2(store: Store) -> str:
    """An editor takes out one page break and puts one inside a word."""
    v1 = store.read_text(store.version("doc", "ru", 1))
    v2 = v1.replace("посмотреть метро, // съездить", "посмотреть метро, съездить", 1).replace(
        "ликвидации гоминьдановских", "ликвидации гоминь//дановских", 1
    )
    store.commit(
        "doc",
        "ru",
        v2.encode("utf-8"),
        agents=[Agent("Ann Editor", "editor")],
        activity="corrected",
        message="A page break where the page ends",
    )
    return v2


def test_real_transcript_ledger_in_every_format(run, api_store: Store) -> None:  # type: ignore[no-untyped-def]
    root = api_store.root
    r = run("--records", root, "interventions", "doc/ru", "--format", "json")
    assert r.exit_code == 0, r.stderr
    data = json.loads(r.stdout)
    schema.validate(data, "interventions-output.schema.json")
    found = [
        (i["line"], i["column"], i["type"]) for i in data["interventions"] if i["kind"] == "marker"
    ]
    assert found == [(9, 133, "page-break"), (19, 128, "page-break"), (29, 454, "page-break")]
    assert data["counts"]["page-break"] == 3 and data["findings"] == []
    text = run("--records", root, "interventions", "doc/ru").stdout
    assert "4 interventions: page-break 3, supplied 1" in text
    assert "9:133  page-break  силы гоминьдановцев на материке // Ки тая" in text
    rows = list(
        csv.DictReader(
            io.StringIO(run("--records", root, "interventions", "doc/ru", "-f", "csv").stdout)
        )
    )
    assert [(r["line"], r["type"], r["text"]) for r in rows[:3]] == [
        ("9", "page-break", "//"),
        ("19", "page-break", "//"),
        ("29", "page-break", "//"),
    ]


def test_real_transcript_across_versions(run, api_store: Store) -> None:  # type: ignore[no-untyped-def]
    _v2(api_store)
    root = api_store.root
    r = run("--records", root, "interventions", "doc/ru@2", "--against", "@1", "-f", "json")
    data = json.loads(r.stdout)
    schema.validate(data, "interventions-output.schema.json")
    assert data["counts"] == {"kept": 3, "added": 1, "removed": 1, "changed": 0, "absorbed": 0}
    moved = [
        (row["status"], row["type"], row["line"])
        for row in data["interventions"]
        if row["status"] != "kept"
    ]
    assert moved == [("removed", "page-break", 19), ("added", "page-break", 29)]
    text = run("--records", root, "interventions", "doc/ru@2", "--against", "@1").stdout
    assert "removed  page-break" in text and "added    page-break" in text
    assert (
        "page-break"
        in run(
            "--records", root, "interventions", "doc/ru@2", "--against", "@1", "-f", "csv"
        ).stdout
    )
    diff = json.loads(
        run("--records", root, "diff", "doc/ru@1", "doc/ru@2", "--format", "json").stdout
    )
    assert {c["category"] for c in diff["changes"]} == {EDITORIAL}


def test_real_transcript_show_highlight_tei_and_check(run, api_store: Store) -> None:  # type: ignore[no-untyped-def]
    _v2(api_store)
    root = api_store.root
    reading = run("--records", root, "show", "doc/ru@2", "--reading").stdout
    assert "//" not in reading and "ликвидации гоминьдановских" in reading
    lit = run("--records", root, "show", "doc/ru@1", "--highlight", "--color", "always").stdout
    assert "\x1b[90m//\x1b[0m" in lit
    tei = run("--records", root, "export", "doc/ru@2", "--format", "tei").stdout
    assert 'гоминь<pb break="no"/>дановских' in tei and "материке <pb/> Ки тая" in tei
    r = run("--records", root, "check", "--format", "json")
    codes = {f["code"] for f in json.loads(r.stdout)["findings"]}
    assert not {c for c in codes if c.startswith("bracket-")}


def test_tei_export_and_import_give_the_markers_back(run, api_store: Store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """<pb/> and <pb break="no"/> read back as the // they were written from."""
    _v2(api_store)
    other = Store.init(tmp_path / "other")
    for n in (1, 2):
        xml = tmp_path / f"ru{n}.xml"
        r = run("--records", api_store.root, "export", f"doc/ru@{n}", "--format", "tei", "-o", xml)
        assert r.exit_code == 0, r.stderr
        r = run("--records", other.root, "import", xml, "--id", f"r{n}", "--stream", "ru")
        assert r.exit_code == 0, r.stderr
        back = other.read_text(other.version(f"r{n}", "ru", 1))
        assert back == api_store.read_text(api_store.version("doc", "ru", n))


def test_report_and_review_count_markers(run, api_store: Store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from provenance.report import build_report

    _v2(api_store)
    report = build_report(api_store, "doc/ru@1", "doc/ru@2", generated="2026-12-02")
    assert report.count(EDITORIAL) >= 1 and report.count(TEXTUAL) == 0
    assert [(c.status, c.type) for c in report.ledger.changes if c.status != "kept"] == [
        ("removed", "page-break"),
        ("added", "page-break"),
    ]
    if shutil.which("git") is None:
        return
    from provenance.review import build_review, review_data

    from .test_review import commit_all, git

    repo = tmp_path / "repo"
    shutil.copytree(api_store.root, repo / "records")
    # the store as it was at v1, committed; then v2 on a branch
    (repo / "records" / "doc" / "ru" / "v2.txt").unlink()
    (repo / "records" / "doc" / "ru" / "v2.yaml").unlink()
    git(repo, "init", "-q", "-b", "main")
    commit_all(repo, "v1")
    git(repo, "checkout", "-q", "-b", "pr")
    shutil.copy2(api_store.root / "doc" / "ru" / "v2.txt", repo / "records" / "doc" / "ru")
    shutil.copy2(api_store.root / "doc" / "ru" / "v2.yaml", repo / "records" / "doc" / "ru")
    commit_all(repo, "v2")
    data = review_data(build_review(repo / "records", "main..pr"))
    (version,) = [v for d in data["documents"] for v in d["versions"]]
    assert version["interventions"] == {
        "added": ["//"],
        "removed": ["//"],
        "changed": [],
        "absorbed": [],
    }
    assert version["counts"]["textual"] == 0


def test_shared_corpus_has_markers_only_in_the_transcript() -> None:
    """Every text of ../shared/corpus (FRUS volumes, Frankenstein and Darwin witnesses, the
    API records): the only ``//`` markers are the transcript's three page breaks."""
    corpus = SHARED / "corpus"
    if not corpus.is_dir():
        pytest.skip("no shared corpus here")
    prof = iv.builtin_profile("default")
    found: dict[str, int] = {}
    for path in sorted(corpus.rglob("*")):
        if path.suffix not in (".txt", ".xml", ".diff", ".md", ".html") or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        spans = TopLevel(text, prof).touching(0, len(text) + 1)
        n = sum(1 for s in spans if s.kind == "marker")
        if n:
            found[path.name] = n
    assert found == {"transcript_33548_ru.txt": 3}
