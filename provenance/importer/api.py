"""Transcripts saved from the Digital Archive's JSON API.

A transcript object (``{"id": "33548", "filename": "TranscriptFile_110404.html",
"extension": "html", "raw": "<html>...", ...}``) holds an original-language text as HTML.
:func:`html_text` makes it plain text faithfully: one paragraph a block element, paragraphs
parted by a blank line, HTML's whitespace (line breaks and tabs inside the markup) read as
HTML reads it, entities decoded, ``<style>`` and ``<script>`` left out, and nothing else
changed: the ``//`` page-break markers the archive's transcribers put inside words stay
where they are, and are listed (:func:`page_breaks`): the interventions layer types them
(``page-break``, a marker of the apparatus), so ``provenance interventions`` lists them and
the reading text drops them.

The ``digitalarchive`` package (the API's client) has pydantic models of these objects; its
``Transcript`` reads a saved transcript, but its ``Collection`` refuses a saved collection
(``is_inactive`` is a boolean in the API's answers), and neither turns HTML into text, which
is the work here; the few keys are read directly instead of adding it and its two
dependencies.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ImportParseError, UsageError
from ..textio import decode_utf8, read_bytes

if TYPE_CHECKING:
    from ..interventions import Profile
    from ..model import Version
    from ..store import Store

#: Elements whose start or end parts paragraphs.
_BLOCKS = frozenset(
    {"p", "div", "br", "li", "ul", "ol", "tr", "table", "blockquote", "pre", "body"}
    | {"section", "article", "h1", "h2", "h3", "h4", "h5", "h6"}
)
_SKIP = frozenset({"style", "script", "head", "title"})
_HTML_SPACE = re.compile(r"[ \t\r\n\f]+")  # HTML's whitespace: not NBSP


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.current: list[str] = []
        self.skipping = 0

    def _flush(self) -> None:
        text = _HTML_SPACE.sub(" ", "".join(self.current)).strip(" ")
        if text:
            self.paragraphs.append(text)
        self.current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skipping += 1
        elif tag in _BLOCKS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.current.append(data)


def html_text(html: str) -> str:
    """The text of an HTML transcript: paragraphs parted by a blank line, a final newline."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    parser._flush()
    return "\n\n".join(parser.paragraphs) + "\n" if parser.paragraphs else ""


@dataclass
class PageBreak:
    """A ``//`` marker: where it is, and the type the interventions layer gives it."""

    offset: int
    line: int
    column: int
    text: str = "//"
    type: str = "page-break"

    def as_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "text": self.text,
            "offset": self.offset,
            "line": self.line,
            "column": self.column,
        }


def page_breaks(text: str, profile: Profile | None = None) -> list[PageBreak]:
    """Every marker of ``text`` (the ``//`` page breaks) as the interventions layer finds
    them with ``profile`` (the default profile when left out), with line and column."""
    from ..interventions import builtin_profile, parse

    result = parse(text, profile or builtin_profile("default"))
    return [
        PageBreak(i.start, i.line, i.column, i.text, i.type)
        for i in result.interventions
        if i.is_marker
    ]


@dataclass
class ApiTranscript:
    """A transcript object of the Digital Archive's API, as saved."""

    id: str
    filename: str
    extension: str
    html: str
    url: str = ""
    asset_id: str = ""
    created: str = ""
    updated: str = ""
    sha256: str = ""
    breaks: list[PageBreak] = field(default_factory=list)


def is_api_transcript(data: bytes) -> bool:
    head = data[:400].lstrip()
    return head.startswith(b"{") and b'"filename"' in data[:2000] and b'"raw"' in data


def read_api_transcript(path: str | Path) -> ApiTranscript:
    """A saved API transcript; an error naming the file when it is not one."""
    import hashlib

    raw = read_bytes(path, what="API transcript")
    text = decode_utf8(raw, path, what="API transcript")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportParseError(f"not JSON: {exc.msg}", path=path, line=exc.lineno) from None
    if not isinstance(data, dict):
        raise ImportParseError("not an API transcript object (expected a JSON object)", path=path)
    missing = [k for k in ("id", "filename") if k not in data]
    html = data.get("html") or data.get("raw")
    if missing or not isinstance(html, str):
        what = ", ".join(missing) or "raw or html"
        raise ImportParseError(
            f"not a Digital Archive API transcript: no {what} (a collection or document "
            "object is not a transcript)",
            path=path,
        )
    extension = str(data.get("extension") or Path(str(data["filename"])).suffix.lstrip("."))
    if extension.lower() not in ("html", "htm"):
        raise ImportParseError(
            f"the transcript is {extension or 'not HTML'}; only HTML transcripts are read",
            path=path,
        )
    return ApiTranscript(
        id=str(data["id"]),
        filename=str(data["filename"]),
        extension=extension,
        html=html,
        url=str(data.get("url") or ""),
        asset_id=str(data.get("asset_id") or ""),
        created=str(data.get("source_created_at") or ""),
        updated=str(data.get("source_updated_at") or ""),
        sha256=hashlib.sha256(raw).hexdigest(),
    )


@dataclass
class TranscriptImport:
    """What an API transcript became: the stream's first version, its text's page breaks."""

    version: Version
    text: str
    breaks: list[PageBreak]
    layout: str = "api-transcript"
    warnings: list[str] = field(default_factory=list)


def import_api_transcript(
    store: Store, path: str | Path, *, doc_id: str | None, stream_id: str | None
) -> TranscriptImport:
    """Add a saved API transcript to document ``doc_id`` as a transcription stream
    ``stream_id`` (its language tag, ``ru``), version 1."""
    from ..store import StreamSpec

    if not doc_id or not stream_id:
        raise UsageError(
            "an API transcript names neither its document nor its language: give --id DOC "
            "(a document in the store) and --stream LANG (such as ru)"
        )
    transcript = read_api_transcript(path)
    text = html_text(transcript.html)
    if not text.strip():
        raise ImportParseError("the transcript's HTML holds no text", path=path)
    from ..interventions import store_profile

    breaks = page_breaks(text, store_profile(store))
    where = ", ".join(f"{b.line}:{b.column}" for b in breaks)
    note = (
        f"Digital Archive API transcript {transcript.id} ({transcript.filename}"
        + (f", asset {transcript.asset_id}" if transcript.asset_id else "")
        + (f", created {transcript.created}" if transcript.created else "")
        + ")"
        + (f"; page-break markers '//' kept at {where}" if breaks else "")
    )
    source = {"file": Path(path).name, "sha256": transcript.sha256, "note": note}
    if transcript.url:
        source["url"] = transcript.url
    version = store.commit(
        doc_id,
        stream_id,
        text.encode("utf-8"),
        agents=[],
        message=f"Imported from the Digital Archive API transcript {Path(path).name}",
        activity="imported",
        source=source,
        origin=path,
        create=StreamSpec("transcription", stream_id),
    )
    warnings = []
    if breaks:
        warnings.append(
            f"{len(breaks)} page-break marker(s) '//' kept in the text at {where} "
            "(apparatus, not the document's words: 'provenance interventions' lists them, "
            "'show --reading' leaves them out)"
        )
    return TranscriptImport(version, text, breaks, warnings=warnings)
