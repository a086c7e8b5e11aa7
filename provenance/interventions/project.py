"""Two projections of a text's bracket layer.

The **reading text** drops the brackets and keeps what they hold, so it reads as the
translation with its editorial help merged in: ``[North] Korea`` -> ``North Korea``.  The
**source-only text** drops what the editor added, so the translator's rendering of the source
alone remains: ``[North] Korea`` -> ``Korea``.

Each type says how it shows in each (``reading:`` / ``source:`` in the profile): the default
profile keeps the content of supplied words and expansions in the reading text, puts a gloss
in round brackets (``Andong (Dandong)``, not ``Andong Dandong``), drops ``[sic]``, notes and
page or footnote markers, and leaves gaps as they are (``[illegible]`` must stay visible in
both, since the source has something there).  Stray brackets are left as they are.  A
marker (the ``//`` page break of a transcription) is dropped or kept whole: ``Ки//тая`` ->
``Китая``, ``материке // Китая`` -> ``материке Китая``.

Dropping a span never leaves a doubled space or a space before punctuation behind:
``to [North] Korea`` -> ``to Korea``, ``Luda [Lüshun-Dalian].`` -> ``Luda.``, ``[To] Premier``
at the start of a line -> ``Premier``; brackets inside words simply close up
(``F[oreign] M[inistry]`` -> ``F M``).  Line breaks are never removed.
"""

from __future__ import annotations

from typing import NamedTuple

from .model import Intervention, Node, ParseResult
from .profile import IGNORE, Profile

READING = "reading"
SOURCE_ONLY = "source-only"
PROJECTIONS = (READING, SOURCE_ONLY)

_SPACE = " \t\u00a0\u2007\u2009\u202f\u3000"
_OPENERS = "([{“‘«„‹"
_CLOSERS = ".,;:!?)]}”’»›…"


class Placed(NamedTuple):
    """Where an intervention's remains stand in a projection."""

    start: int
    end: int
    intervention: Intervention


class Projection(NamedTuple):
    """A projected text, with where each intervention that is still visible now stands."""

    mode: str
    text: str
    placed: tuple[Placed, ...]


class _Out:
    def __init__(self) -> None:
        self.pieces: list[str] = []
        self.length = 0
        self.skip_space = False
        self.placed: list[Placed] = []

    def last(self) -> str:
        for piece in reversed(self.pieces):
            if piece:
                return piece[-1]
        return ""

    def emit(self, text: str) -> None:
        if not text:
            return
        if self.skip_space:
            if text[0] in _SPACE:
                text = text[1:]
            self.skip_space = False
        self.pieces.append(text)
        self.length += len(text)

    def drop_last(self) -> None:
        for i in range(len(self.pieces) - 1, -1, -1):
            if self.pieces[i]:
                self.pieces[i] = self.pieces[i][:-1]
                self.length -= 1
                return

    def dropped(self, following: str) -> None:
        """Close up the space a removed span leaves, given the character that follows it."""
        prev = self.last()
        space_before = prev != "" and prev in _SPACE
        at_edge = prev == "" or prev in "\r\n" or prev in _OPENERS
        if (space_before or at_edge) and following != "" and following in _SPACE:
            self.skip_space = True
        elif space_before and (following == "" or following in "\r\n" or following in _CLOSERS):
            self.drop_last()


def project(result: ParseResult, mode: str, profile: Profile) -> Projection:
    """The ``reading`` or ``source-only`` projection of a parsed text."""
    if mode not in PROJECTIONS:
        raise ValueError(f"unknown projection {mode!r}")
    out = _Out()
    text = result.text
    _nodes(result.nodes, mode, profile, out, text)
    return Projection(mode, "".join(out.pieces), tuple(out.placed))


def _nodes(nodes: tuple[Node, ...], mode: str, profile: Profile, out: _Out, text: str) -> None:
    for node in nodes:
        if isinstance(node, Intervention):
            _intervention(node, mode, profile, out, text)
        else:
            out.emit(str(node))


def _how(iv: Intervention, mode: str, profile: Profile) -> str:
    if iv.type == IGNORE:
        return "keep"
    spec = profile.type_spec(iv.type)
    how = spec.reading if mode == READING else spec.source
    if iv.is_marker and how != "keep":
        return "drop"  # a marker has no content to keep: it goes, or stays as it is
    return how


def _intervention(iv: Intervention, mode: str, profile: Profile, out: _Out, text: str) -> None:
    how = _how(iv, mode, profile)
    if how == "drop":
        out.dropped(text[iv.end] if iv.end < len(text) else "")
        return
    begin = out.length
    if how == "keep" or iv.opaque:
        out.emit(iv.text)
    elif how == "parens":
        out.emit("(")
        _nodes(iv.parts, mode, profile, out, text)
        out.emit(")")
    else:  # content
        _nodes(iv.parts, mode, profile, out, text)
    if out.length > begin:
        out.placed.append(Placed(begin, out.length, iv))
