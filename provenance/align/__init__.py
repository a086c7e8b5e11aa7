"""Aligning an original and its translation, paragraph by paragraph and sentence by sentence
(``provenance align``), and what a stale translation should review."""

from __future__ import annotations

from .anchors import anchors
from .core import Alignment, Bead, align_segments, align_texts
from .segment import Segment, paragraphs, sentences

__all__ = [
    "Alignment",
    "Bead",
    "Segment",
    "align_segments",
    "align_texts",
    "anchors",
    "paragraphs",
    "sentences",
]
