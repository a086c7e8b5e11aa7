"""Transcripts saved from the Digital Archive's JSON API (the real records in
../shared/corpus/wilson-digitalarchive-api/)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from provenance.errors import ImportParseError
from provenance.importer.api import html_text, page_breaks, read_api_transcript
from provenance.store import Store

from .conftest import snapshot

API = (
    Path(__file__).resolve().parent.parent.parent
    / "shared"
    / "corpus"
    / "wilson-digitalarchive-api"
)
TRANSCRIPT = API / "transcript_33548.json"
COLLECTION = API / "collection_491.json"
pytestmark = pytest.mark.skipif(not TRANSCRIPT.is_file(), reason="no shared corpus here")


def _reference() -> str:
    """The corpus's own plain-text extraction (after its header), one paragraph per <p>."""
    text = (API / "transcript_33548_ru.txt").read_text(encoding="utf-8")
    return text.split("\n---\n", 1)[1]


def test_html_made_plain_text_faithfully() -> None:
    text = html_text(read_api_transcript(TRANSCRIPT).html)
    ref = _reference()
    # The same paragraphs, words and entities as the corpus's extraction; a space the markup
    # leaves at a paragraph's end is not text (HTML does not render it).
    assert text.rstrip("\n").split("\n\n") == [
        p.rstrip(" ") for p in ref.rstrip("\n").split("\n\n")
    ]
    assert "\u00abСостояние моего здоровья" in text and "&laquo;" not in text
    assert "<span" not in text and ".cs366E2583" not in text
    assert text.endswith("Н. Рощин\n")


def test_page_break_markers_are_kept_and_typed() -> None:
    text = html_text(read_api_transcript(TRANSCRIPT).html)
    breaks = page_breaks(text)
    assert [text[b.offset : b.offset + 2] for b in breaks] == ["//"] * 3
    assert "на материке // Ки тая" in text  # inside a word, kept as it is
    assert {b.type for b in breaks} == {"page-break"}
    line = text.splitlines()[breaks[0].line - 1]
    assert line[breaks[0].column - 1 : breaks[0].column + 1] == "//"


def test_entities_blocks_and_whitespace() -> None:
    html = (
        "<html><head><style>.x{}</style></head><body><p>\r\n\tA&nbsp;B &amp; "
        "C&#8217;s</p><div>two<br>lines</div><script>x()</script></body></html>"
    )
    assert html_text(html) == "A\u00a0B & C\u2019s\n\ntwo\n\nlines\n"


def test_import_adds_a_transcription_stream(run, store: Store, seed_page: Path) -> None:  # type: ignore[no-untyped-def]
    assert run("--records", store.root, "import", seed_page, "--id", "doc").exit_code == 0
    r = run(
        "--records",
        store.root,
        "import",
        TRANSCRIPT,
        "--id",
        "doc",
        "--stream",
        "ru",
        "--format",
        "json",
    )
    assert r.exit_code == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["stream"] == "ru" and data["layout"] == "api-transcript"
    assert [m["type"] for m in data["markers"]] == ["page-break"] * 3
    assert "page-break marker" in r.stderr
    stream = store.stream("doc", "ru")
    assert (stream.kind, stream.language) == ("transcription", "ru")
    version = store.version("doc", "ru", 1)
    assert store.read_text(version) == html_text(read_api_transcript(TRANSCRIPT).html)
    assert version.source["url"] == "/transcripts/33548.html"
    assert "9:133" in version.source["note"]


def test_a_collection_or_bad_json_is_refused_and_nothing_written(
    run, store: Store, seed_page: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    run("--records", store.root, "import", seed_page, "--id", "doc")
    before = snapshot(store.root)
    r = run("--records", store.root, "import", COLLECTION, "--id", "doc", "--stream", "zh")
    assert r.exit_code == 2 and "not a Digital Archive API transcript" in r.stderr
    bad = tmp_path / "bad.json"
    bad.write_text('{"id": "1",\n "filename": ', encoding="utf-8")
    r = run("--records", store.root, "import", bad, "--id", "doc", "--stream", "ru")
    assert r.exit_code == 2 and "bad.json" in r.stderr and r.stderr.count("\n") == 1
    r = run("--records", store.root, "import", TRANSCRIPT)
    assert r.exit_code == 2 and "--id DOC" in r.stderr
    assert snapshot(store.root) == before
    with pytest.raises(ImportParseError, match="not JSON"):
        read_api_transcript(bad)
