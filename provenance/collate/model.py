"""The result of a collation: witnesses, their tokens, the alignment table, its segments (the
variant locations among them) and the transpositions."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any, NamedTuple

from .tokens import EDITORIAL, Token, TokenOptions

#: The version of the JSON output (``provenance collate --format json``).
FORMAT_VERSION = 1

TEXTUAL = "textual"
EDITORIAL_VARIANT = "editorial"
FORMAL = "formal"
#: The kinds of variant location, in order of weight: the words differ; only the editorial
#: layer differs (brackets, [sic], a gloss); only what the normalisations ignore differs.
VARIANT_TYPES = (TEXTUAL, EDITORIAL_VARIANT, FORMAL)


class Witness(NamedTuple):
    """One text to collate.  ``source`` says where it came from (``DOC/en@2``, a path)."""

    sigil: str
    text: str
    source: str = ""
    kind: str = "text"  # "version", "file", "stdin" or "text"

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8", "surrogatepass")).hexdigest()


class Reading(NamedTuple):
    """What one witness reads in a segment: tokens ``[start, end)`` (empty: it has nothing
    there), the text exactly as the witness has it (without the whitespace after it)."""

    start: int
    end: int
    text: str

    @property
    def empty(self) -> bool:
        return self.start == self.end


class Segment(NamedTuple):
    """Consecutive columns where the witnesses agree throughout (``type`` None), or a variant
    location (``type`` one of :data:`VARIANT_TYPES`, numbered ``location`` from 1)."""

    start: int  # first column
    end: int  # past the last column
    readings: tuple[Reading, ...]  # one per witness, in witness order
    type: str | None = None
    labels: tuple[str, ...] = ()  # for a formal variant: case, punctuation, spelling, ...
    location: int | None = None
    transposition: str | None = None  # the id of the transposition this segment is part of
    role: str | None = None  # "source" or "target" of that transposition

    @property
    def variant(self) -> bool:
        return self.type is not None

    def groups(self) -> list[tuple[str, list[int]]]:
        """Distinct reading texts and the witnesses (indices) that have each, in order of
        first appearance; an omission is ``""``."""
        out: dict[str, list[int]] = {}
        for w, r in enumerate(self.readings):
            out.setdefault(r.text, []).append(w)
        return list(out.items())


class Transposition(NamedTuple):
    """A passage that stands elsewhere in some witnesses: ``source`` segments (where the
    witnesses aligned first have it) correspond to ``target`` segments."""

    id: str
    source: tuple[int, ...]  # segment indices
    target: tuple[int, ...]
    source_witnesses: tuple[int, ...]
    target_witnesses: tuple[int, ...]
    text: str  # the passage as the first target witness has it


class Stats(NamedTuple):
    witnesses: int
    tokens: int
    columns: int
    segments: int
    locations: int
    textual: int
    editorial: int
    formal: int
    transpositions: int


class Collation:
    """Witnesses aligned: see :func:`provenance.collate.collate`."""

    def __init__(
        self,
        witnesses: Sequence[Witness],
        prefixes: Sequence[str],
        tokens: Sequence[Sequence[Token]],
        columns: Sequence[Sequence[int]],
        segments: Sequence[Segment],
        transpositions: Sequence[Transposition],
        options: TokenOptions,
        base: int | None,
    ) -> None:
        self.witnesses = tuple(witnesses)
        self.prefixes = tuple(prefixes)
        self.tokens = tuple(tuple(t) for t in tokens)
        self.columns = tuple(tuple(c) for c in columns)
        self.segments = tuple(segments)
        self.transpositions = tuple(transpositions)
        self.options = options
        self.base = base

    @property
    def sigla(self) -> tuple[str, ...]:
        return tuple(w.sigil for w in self.witnesses)

    @property
    def locations(self) -> list[Segment]:
        """The variant locations, in order."""
        return [s for s in self.segments if s.variant]

    @property
    def stats(self) -> Stats:
        locs = self.locations
        return Stats(
            witnesses=len(self.witnesses),
            tokens=sum(len(t) for t in self.tokens),
            columns=len(self.columns),
            segments=len(self.segments),
            locations=len(locs),
            textual=sum(1 for s in locs if s.type == TEXTUAL),
            editorial=sum(1 for s in locs if s.type == EDITORIAL_VARIANT),
            formal=sum(1 for s in locs if s.type == FORMAL),
            transpositions=len(self.transpositions),
        )

    def witness_text(self, w: int) -> str:
        """Witness ``w`` rebuilt from its tokens (always its text, exactly)."""
        return self.prefixes[w] + "".join(t.text + t.ws for t in self.tokens[w])

    def as_dict(self) -> dict[str, Any]:
        """What ``provenance collate --format json`` prints (``collate-output.schema.json``)."""
        sig = self.sigla
        return {
            "format_version": FORMAT_VERSION,
            "witnesses": [
                {
                    "sigil": w.sigil,
                    "source": w.source,
                    "kind": w.kind,
                    "sha256": w.sha256,
                    "prefix": self.prefixes[i],
                    "tokens": [
                        {"t": t.text, "n": t.key, "ws": t.ws, "offset": t.start, "kind": t.kind}
                        for t in self.tokens[i]
                    ],
                }
                for i, w in enumerate(self.witnesses)
            ],
            "base": sig[self.base] if self.base is not None else None,
            "options": self.options.as_dict(),
            "stats": self.stats._asdict(),
            "table": [
                {s: (c[i] if c[i] >= 0 else None) for i, s in enumerate(sig)} for c in self.columns
            ],
            "segments": [
                {
                    "columns": [seg.start, seg.end],
                    "location": seg.location,
                    "type": seg.type,
                    "labels": list(seg.labels),
                    "transposition": seg.transposition,
                    "role": seg.role,
                    "readings": {
                        s: {
                            "text": r.text if not r.empty else None,
                            "tokens": [r.start, r.end],
                        }
                        for s, r in zip(sig, seg.readings, strict=True)
                    },
                }
                for seg in self.segments
            ],
            "transpositions": [
                {
                    "id": t.id,
                    "text": t.text,
                    "source": {
                        "segments": list(t.source),
                        "witnesses": [sig[w] for w in t.source_witnesses],
                    },
                    "target": {
                        "segments": list(t.target),
                        "witnesses": [sig[w] for w in t.target_witnesses],
                    },
                }
                for t in self.transpositions
            ],
        }


def non_editorial(tokens: Sequence[Token]) -> tuple[str, ...]:
    return tuple(t.key for t in tokens if t.kind != EDITORIAL)
