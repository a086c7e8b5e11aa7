"""Collation of many witnesses: one text in its versions, printings and translations, aligned
word by word (character by character in Chinese, Japanese and Korean), with its variant
locations, transpositions and a critical apparatus.

Library use::

    from provenance.collate import Witness, TokenOptions, collate

    result = collate(
        [Witness("A", text_a), Witness("B", text_b), Witness("C", text_c)],
        TokenOptions(case=True, spellings={"colour": "color"}),
        base="A",                               # aligned first; its readings are the lemma
    )
    for seg in result.locations:               # the variant locations, in order
        seg.location, seg.type, seg.labels     # 3, "formal", ("case",)
        for text, witnesses in seg.groups():   # each distinct reading and who has it
            ...
    result.transpositions                      # passages moved, each with where it was
    result.columns                             # the alignment table: a token index per witness
    result.as_dict()                           # what ``provenance collate --format json`` prints

    from provenance.collate import render
    render.FORMATS["tei"](result)            # TEI P5 apparatus, parallel segmentation

How tokens and their keys are made is described in :mod:`.tokens`; the alignment model, in
:mod:`.align`; witnesses from a record store, in :mod:`.witnesses`.
"""

from __future__ import annotations

from .core import collate
from .model import (
    FORMAT_VERSION,
    VARIANT_TYPES,
    Collation,
    Reading,
    Segment,
    Stats,
    Transposition,
    Witness,
)
from .tokens import Token, TokenOptions, tokenize_witness

__all__ = [
    "FORMAT_VERSION",
    "VARIANT_TYPES",
    "Collation",
    "Reading",
    "Segment",
    "Stats",
    "Token",
    "TokenOptions",
    "Transposition",
    "Witness",
    "collate",
    "tokenize_witness",
]
