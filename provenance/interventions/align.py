"""Aligning two versions of a text: an edit script of opcodes over character offsets.

The project's diff engine (:mod:`provenance.diff`) does the work where it is installed; a
word-level diff-match-patch run stands in for it otherwise, so the bracket layer never
depends on more than it needs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..diff import DiffResult

#: ``(tag, old_start, old_end, new_start, new_end)``, tag one of equal, insert, delete,
#: replace; the opcodes cover both texts in order.
Opcode = tuple[str, int, int, int, int]

_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")


def opcodes(old: str, new: str) -> list[Opcode]:
    """The word-level edit script from ``old`` to ``new``."""
    try:
        from ..diff import diff_texts
    except ImportError:
        return word_opcodes(old, new)
    return from_result(diff_texts(old, new))


def from_result(result: DiffResult) -> list[Opcode]:
    """Opcodes from a :mod:`provenance.diff` result (its operations carry both offsets)."""
    out: list[Opcode] = []
    for op in result.operations:
        tag = getattr(op, "tag", None) or getattr(op, "kind", None) or getattr(op, "op", "")
        tag = str(getattr(tag, "value", tag)).lower()
        tag = {
            "eq": "equal",
            "=": "equal",
            "ins": "insert",
            "+": "insert",
            "del": "delete",
            "-": "delete",
            "rep": "replace",
            "change": "replace",
        }.get(tag, tag)
        out.append((tag, int(op.old_start), int(op.old_end), int(op.new_start), int(op.new_end)))
    return out


def word_opcodes(old: str, new: str) -> list[Opcode]:
    """diff-match-patch over word, space and punctuation tokens (each token one character)."""
    from diff_match_patch import diff_match_patch  # type: ignore[import-untyped]

    table: dict[str, str] = {}

    def encode(text: str) -> tuple[str, list[int]]:
        chars, offsets = [], [0]
        for tok in _TOKEN.findall(text):
            code = table.get(tok)
            if code is None:
                code = table[tok] = chr(0x10000 + len(table))
            chars.append(code)
            offsets.append(offsets[-1] + len(tok))
        return "".join(chars), offsets

    if len(old) + len(new) < 0xFFFFF:  # always room for one character per distinct token
        a, oa = encode(old)
        b, ob = encode(new)
    else:  # texts too large for the token table: compare characters
        a, oa, b, ob = old, list(range(len(old) + 1)), new, list(range(len(new) + 1))
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0  # never degrade to "everything changed"
    diffs = dmp.diff_main(a, b, False)
    dmp.diff_cleanupSemantic(diffs)
    out: list[Opcode] = []
    i = j = 0
    for op, chunk in diffs:
        n = len(chunk)
        if op == 0:
            out.append(("equal", oa[i], oa[i + n], ob[j], ob[j + n]))
            i += n
            j += n
        elif op < 0:
            out.append(("delete", oa[i], oa[i + n], ob[j], ob[j]))
            i += n
        else:
            out.append(("insert", oa[i], oa[i], ob[j], ob[j + n]))
            j += n
    return merge(out)


def merge(ops: Sequence[Opcode]) -> list[Opcode]:
    """Adjacent delete and insert opcodes joined into one replace."""
    out: list[Opcode] = []
    for op in ops:
        if out and op[0] != "equal" and out[-1][0] != "equal":
            _tag, a0, _a1, b0, _b1 = out[-1]
            out[-1] = ("replace", a0, op[2], b0, op[4])
        else:
            out.append(op)
    return out
