"""The review report: word and editorial changes told apart, the ledger compared, the
metadata changes and the citations, on one self-contained page."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from provenance.model import Agent
from provenance.report import build_report, render_html
from provenance.store import Store

from .conftest import SEED_ID
from .wordtools import bracket_spans, token_opcodes

OLD, NEW = f"{SEED_ID}/en@1", f"{SEED_ID}/en@2"


def commit_review_v2(store: Store) -> str:
    """A v2 of the seed: one [North] absorbed, one supplied word added, one gloss changed,
    one sentence rewritten."""
    v1 = store.read_text(store.version(SEED_ID, "en", 1))
    v2 = (v1.replace("to [North] Korea. The illegal", "to North Korea. The illegal", 1)
            .replace("Most of the people", "[Nearly] all of the people")
            .replace("Andong [Dandong]", "Andong [Dandong City]")
            .replace("The illegal crossings have developed from individuals",
                     "Illegal crossings have grown from individuals"))
    store.commit(SEED_ID, "en", v2.encode(), agents=[Agent("Ann Editor", "editor")],
                 activity="revised", message="Tighten the second paragraph", date="2024-03-01",
                 recorded="2024-03-02T10:00:00Z")
    return v2


def _report(store: Store):  # type: ignore[no-untyped-def]
    return build_report(store, OLD, NEW, generated="2026-11-28", differ=token_opcodes,
                        spans=bracket_spans)


def test_changes_are_classed(seed_store: Store) -> None:
    commit_review_v2(seed_store)
    report = _report(seed_store)
    by_class = {c.cls for c in report.changes}
    assert by_class == {"textual", "editorial"}
    textual = " ".join(c.old + "|" + c.new for c in report.changes if c.cls == "textual")
    assert "developed" in textual and "grown" in textual
    editorial = [c for c in report.changes if c.cls == "editorial"]
    assert any(c.new.strip() == "City" for c in editorial)
    assert any("[" in c.old for c in editorial)  # the bracket dropped from [North]


def test_ledger_rows(seed_store: Store) -> None:
    commit_review_v2(seed_store)
    rows = {(r.status, r.old, r.new) for r in _report(seed_store).ledger if r.status != "kept"}
    assert rows == {("changed", "[Dandong]", "[Dandong City]"), ("added", "", "[Nearly]"),
                    ("absorbed", "[North]", "")}
    kept = [r for r in _report(seed_store).ledger if r.status == "kept"]
    assert len(kept) == 31


def test_metadata_changes(seed_store: Store) -> None:
    commit_review_v2(seed_store)
    changes = {m.pointer: (m.old, m.new) for m in _report(seed_store).metadata}
    assert changes["/version/agents"] == (["Jeffrey Wang (translator)",
                                           "Charles Kraus (translator)"],
                                          ["Ann Editor (editor)"])
    assert changes["/version/activity"] == ("imported", "revised")
    assert changes["/version/message"][1] == "Tighten the second paragraph"
    assert "/document/title" not in changes


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.extend(attrs)


def test_page_is_self_contained(seed_store: Store) -> None:
    commit_review_v2(seed_store)
    page = render_html(_report(seed_store))
    parser = _Page()
    parser.feed(page)
    assert "script" not in parser.tags and "link" not in parser.tags
    assert "img" not in parser.tags and "iframe" not in parser.tags
    for name, value in parser.attrs:
        if name in ("src", "href") and value:
            assert value.startswith("#"), (name, value)  # only in-page links
    assert "@import" not in page and "url(" not in page
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")


def test_page_shows_every_section(seed_store: Store) -> None:
    commit_review_v2(seed_store)
    page = render_html(_report(seed_store))
    assert '<del class="textual"' in page and '<ins class="textual"' in page
    assert '<ins class="editorial"' in page and '<del class="editorial"' in page
    assert re.search(r"del\.textual \{[^}]*background: var\(--t-del-bg\)", page)
    assert re.search(r"ins\.editorial \{[^}]*background: var\(--e-ins-bg\)", page)
    for heading in ("Changes", "Side by side", "Interventions", "Metadata changes", "Citations"):
        assert f">{heading}</h2>" in page
    assert "Obtained by Shen Zhihua and translated by Jeffrey Wang and Charles Kraus." in page
    assert "Cited from version 2 of the English translation" in page
    assert "Cited from version 1 of the English translation" in page
    assert "[Dandong City]" in page and "Ann Editor (editor)" in page
    assert "report of 2026-11-28" in page


def test_identical_versions(seed_store: Store) -> None:
    report = build_report(seed_store, OLD, OLD, generated="2026-11-28", differ=token_opcodes,
                          spans=bracket_spans)
    assert not report.changes and not report.metadata
    assert "The texts are identical." in render_html(report)


def test_html_escapes_the_text(store: Store) -> None:
    from provenance.store import NewStream

    meta = {"schema": "provenance/document/1", "id": "x", "title": "<b>Title & co</b>"}
    store.add_document(meta, [NewStream(id="en", kind="translation", language="en",
                                        text=b"a <script>alert(1)</script> [b]",
                                        agents=[Agent("A", "translator")],
                                        activity="translated", message="m")])
    store.commit("x", "en", b"a <script>alert(2)</script> [c]", agents=[Agent("A", "editor")],
                 activity="revised", message="<i>why</i>")
    page = render_html(build_report(store, "x/en@1", "x/en@2", generated="2026-11-28",
                                    differ=token_opcodes, spans=bracket_spans))
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "&lt;b&gt;Title &amp; co&lt;/b&gt;" in page and "&lt;i&gt;why&lt;/i&gt;" in page


def test_cli_report_writes_the_page(run, seed_store: Store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("provenance.diff", reason="the diff engine is not built yet")
    pytest.importorskip("provenance.interventions", reason="the parser is not built yet")
    commit_review_v2(seed_store)
    out = tmp_path / "review.html"
    r = run("--records", seed_store.root, "report", OLD, NEW, "-o", out, "--date", "2026-11-28")
    assert r.exit_code == 0, r.stderr
    page = out.read_text(encoding="utf-8")
    assert "[Dandong City]" in page and "<script" not in page
    assert '<ins class="editorial"' in page and '<ins class="textual"' in page


def test_cli_report_bad_reference(run, seed_store: Store) -> None:  # type: ignore[no-untyped-def]
    r = run("--records", seed_store.root, "report", OLD, f"{SEED_ID}/en@7")
    assert r.exit_code == 2 and "no version 7" in r.stderr
