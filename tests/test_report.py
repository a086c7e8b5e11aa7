"""The review report: word and editorial changes told apart, the ledger compared, the
metadata changes and the citations, on one self-contained page; its changes, classes, ledger
and metadata are those ``provenance diff`` and ``provenance interventions --against`` give."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from typing import Any

import pytest

from provenance.model import Agent
from provenance.report import Report, build_report, render_html
from provenance.store import Store

from .conftest import SEED_ID

OLD, NEW = f"{SEED_ID}/en@1", f"{SEED_ID}/en@2"


def commit_review_v2(store: Store) -> str:
    """A v2 of the seed: one [North] absorbed, one supplied word added, one gloss changed,
    one sentence rewritten."""
    v1 = store.read_text(store.version(SEED_ID, "en", 1))
    v2 = (
        v1.replace("to [North] Korea. The illegal", "to North Korea. The illegal", 1)
        .replace("Most of the people", "[Nearly] all of the people")
        .replace("Andong [Dandong]", "Andong [Dandong City]")
        .replace(
            "The illegal crossings have developed from individuals",
            "Illegal crossings have grown from individuals",
        )
    )
    store.commit(
        SEED_ID,
        "en",
        v2.encode(),
        agents=[Agent("Ann Editor", "editor")],
        activity="revised",
        message="Tighten the second paragraph",
        date="2024-03-01",
        recorded="2024-03-02T10:00:00Z",
    )
    return v2


def _report(store: Store, profile: str | None = None) -> Report:
    return build_report(store, OLD, NEW, generated="2026-11-28", profile=profile)


def test_changes_are_classed(seed_store: Store) -> None:
    commit_review_v2(seed_store)
    report = _report(seed_store)
    got = [(c.op, c.old, c.new, c.category) for c in report.changes]
    assert got == [
        ("insert", "", " City", "editorial"),  # [Dandong] -> [Dandong City]
        ("delete", "[", "", "editorial"),  # [North] Korea -> North Korea
        ("delete", "]", "", "editorial"),
        ("replace", "The illegal", "Illegal", "textual"),
        ("replace", "developed", "grown", "textual"),
        ("replace", "Most", "[Nearly] all", "textual"),  # the words differ, not only brackets
    ]
    assert (report.count("textual"), report.count("editorial"), report.count("whitespace")) == (
        3,
        3,
        0,
    )


def test_ledger_rows(seed_store: Store) -> None:
    commit_review_v2(seed_store)
    ledger = _report(seed_store).ledger
    rows = [
        (r.status, r.type, r.old.text if r.old else "", r.new.text if r.new else "")
        for r in ledger.changes
        if r.status != "kept"
    ]
    assert rows == [
        ("changed", "gloss", "[Dandong]", "[Dandong City]"),
        ("absorbed", "supplied", "[North]", ""),
        ("added", "supplied", "", "[Nearly]"),
    ]
    assert ledger.counts == {"kept": 31, "added": 1, "removed": 0, "changed": 1, "absorbed": 1}


def test_metadata_changes(seed_store: Store) -> None:
    commit_review_v2(seed_store)
    changes = {m.field: (m.change, m.old, m.new) for m in _report(seed_store).metadata.changes}
    assert changes["/version/agents/0/name"] == ("changed", "Jeffrey Wang", "Ann Editor")
    assert changes["/version/agents/1"] == (
        "removed",
        {"name": "Charles Kraus", "role": "translator"},
        None,
    )
    assert changes["/version/activity"] == ("changed", "imported", "revised")
    assert changes["/version/message"][2] == "Tighten the second paragraph"
    assert changes["/version/recorded"] == ("added", None, "2024-03-02T10:00:00Z")
    assert not any(f.startswith(("/document/", "/stream/")) for f in changes)


@pytest.mark.parametrize("profile", [None, "leiden"])
def test_changes_are_those_of_provenance_diff(
    run,
    seed_store: Store,  # type: ignore[no-untyped-def]
    profile: str | None,
) -> None:
    commit_review_v2(seed_store)
    extra = ["--profile", profile] if profile else []
    r = run("--records", seed_store.root, "diff", OLD, NEW, "--format", "json", *extra)
    assert r.exit_code == 0, r.stderr
    expected = json.loads(r.stdout)["changes"]
    report = _report(seed_store, profile)
    assert [c.as_dict() for c in report.changes] == expected
    assert [c.category for c in report.changes] == [c["category"] for c in expected]
    assert None not in [c.category for c in report.changes]
    page = render_html(report)  # the page shows each change with the class diff gives it
    marks = re.findall(r'<(?:del|ins) class="(\w+)" id="c(\d+)"', page)
    assert sorted((int(n), cls) for cls, n in marks) == [
        (n, c["category"]) for n, c in enumerate(expected, 1)
    ]


def test_metadata_is_that_of_provenance_diff(run, seed_store: Store) -> None:  # type: ignore[no-untyped-def]
    commit_review_v2(seed_store)
    r = run("--records", seed_store.root, "diff", OLD, NEW, "--metadata", "--format", "json")
    assert r.exit_code == 0, r.stderr
    expected = [
        (c["field"], c["change"], c["old_value"], c["new_value"])
        for c in json.loads(r.stdout)["changes"]
    ]
    got = [(m.field, m.change, m.old, m.new) for m in _report(seed_store).metadata.changes]
    assert got == expected


def _ledger_rows(data: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [
        (r["status"], r["type"], r["side"], r["text"], r["start"], r["end"], r["line"], r["column"])
        for r in data["interventions"]
    ]


@pytest.mark.parametrize("profile", [None, "leiden"])
def test_ledger_is_that_of_provenance_interventions(
    run,
    seed_store: Store,  # type: ignore[no-untyped-def]
    profile: str | None,
) -> None:
    from provenance.interventions.ledger import comparison_data

    commit_review_v2(seed_store)
    extra = ["--profile", profile] if profile else []
    r = run(
        "--records",
        seed_store.root,
        "interventions",
        NEW,
        "--against",
        "@1",
        "--format",
        "json",
        *extra,
    )
    assert r.exit_code == 0, r.stderr
    expected = json.loads(r.stdout)
    report = _report(seed_store, profile)
    ours = comparison_data(
        report.old.version, report.new.version, _profile(seed_store, profile), report.ledger
    )
    assert _ledger_rows(ours) == _ledger_rows(expected)
    assert report.ledger.counts == expected["counts"]
    assert report.profile == expected["profile"]
    statuses = re.findall(r'<span class="status st-(\w+)">', render_html(report))
    assert sorted(statuses) == sorted(row["status"] for row in expected["interventions"])


def _profile(store: Store, name: str | None):  # type: ignore[no-untyped-def]
    from provenance.interventions import load_profile, store_profile

    return load_profile(name) if name else store_profile(store)


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
    report = build_report(seed_store, OLD, OLD, generated="2026-11-28")
    assert not report.changes and not report.metadata.changes
    assert set(report.ledger.counts.items()) >= {("kept", 33), ("changed", 0)}
    assert "The texts are identical." in render_html(report)


def test_html_escapes_the_text(store: Store) -> None:
    from provenance.store import NewStream

    meta = {"schema": "provenance/document/1", "id": "x", "title": "<b>Title & co</b>"}
    store.add_document(
        meta,
        [
            NewStream(
                id="en",
                kind="translation",
                language="en",
                text=b"a <script>alert(1)</script> [b]",
                agents=[Agent("A", "translator")],
                activity="translated",
                message="m",
            )
        ],
    )
    store.commit(
        "x",
        "en",
        b"a <script>alert(2)</script> [c]",
        agents=[Agent("A", "editor")],
        activity="revised",
        message="<i>why</i>",
    )
    page = render_html(build_report(store, "x/en@1", "x/en@2", generated="2026-11-28"))
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "&lt;b&gt;Title &amp; co&lt;/b&gt;" in page and "&lt;i&gt;why&lt;/i&gt;" in page


def test_cli_report_writes_the_page(run, seed_store: Store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    commit_review_v2(seed_store)
    out = tmp_path / "review.html"
    r = run("--records", seed_store.root, "report", OLD, NEW, "-o", out, "--date", "2026-11-28")
    assert r.exit_code == 0, r.stderr
    page = out.read_text(encoding="utf-8")
    assert "[Dandong City]" in page and "<script" not in page
    assert '<ins class="editorial"' in page and '<ins class="textual"' in page
    assert "6 changes (3 word, 3 editorial)" in r.stderr
    assert "brackets read by the default profile" in page


def test_cli_report_profile(run, seed_store: Store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    commit_review_v2(seed_store)
    out = tmp_path / "review.html"
    r = run("--records", seed_store.root, "report", OLD, NEW, "-o", out, "--profile", "frus")
    assert r.exit_code == 0, r.stderr
    assert "brackets read by the frus profile" in out.read_text(encoding="utf-8")
    r = run("--records", seed_store.root, "report", OLD, NEW, "--profile", "no-such")
    assert r.exit_code == 2 and "no-such" in r.stderr


def test_cli_report_bad_reference(run, seed_store: Store) -> None:  # type: ignore[no-untyped-def]
    r = run("--records", seed_store.root, "report", OLD, f"{SEED_ID}/en@7")
    assert r.exit_code == 2 and "no version 7" in r.stderr
