"""Two versions' bracket layers compared, aligned through the word diff of their texts.

Each intervention ends up in one row:

``kept``      the same bracket at the same place (the words around it may have changed)
``changed``   a bracket at the same place with other content (``[Dandong]`` -> ``[Dandong City]``)
``absorbed``  the brackets dropped but their words kept in the text (``[North] Korea`` ->
              ``North Korea``)
``removed``   the bracket and its words gone
``added``     a bracket of the new version with no counterpart in the old
"""

from __future__ import annotations

import bisect
import difflib
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from .align import Opcode, opcodes
from .model import Intervention, ParseResult
from .profile import Profile, load_profile

STATUSES = ("kept", "added", "removed", "changed", "absorbed")
_WORDS = re.compile(r"\w+")


class LedgerChange(NamedTuple):
    """What became of one intervention between two versions."""

    status: str
    old: Intervention | None
    new: Intervention | None
    position: int  # where the row sits in the new text (for ordering)

    @property
    def current(self) -> Intervention:
        """The new side's intervention, or the old one's where it is gone."""
        found = self.new or self.old
        assert found is not None
        return found

    @property
    def type(self) -> str:
        return self.current.type


class Comparison(NamedTuple):
    old: ParseResult
    new: ParseResult
    changes: tuple[LedgerChange, ...]

    @property
    def counts(self) -> dict[str, int]:
        """Rows by status, every status present (0 when none)."""
        out = dict.fromkeys(STATUSES, 0)
        for c in self.changes:
            out[c.status] += 1
        return out

    def by_status(self, status: str) -> list[LedgerChange]:
        return [c for c in self.changes if c.status == status]


class OffsetMap:
    """Old-text offsets carried to the new text through an edit script."""

    def __init__(self, ops: Sequence[Opcode], old_len: int, new_len: int) -> None:
        self.ops = [op for op in ops if op[2] > op[1]]
        self.starts = [op[1] for op in self.ops]
        self.old_len = old_len
        self.new_len = new_len

    def start(self, pos: int) -> int:
        """Where a span starting at old ``pos`` starts in the new text."""
        i = bisect.bisect_right(self.starts, pos) - 1
        if i < 0 or pos >= self.old_len:
            return self.new_len if pos >= self.old_len else 0
        tag, a0, a1, b0, b1 = self.ops[i]
        if pos >= a1:
            return b1
        return b0 + (pos - a0) if tag == "equal" else b0

    def end(self, pos: int) -> int:
        """Where a span ending (exclusively) at old ``pos`` ends in the new text."""
        i = bisect.bisect_left(self.starts, pos) - 1
        if i < 0:
            return 0
        tag, a0, a1, b0, b1 = self.ops[i]
        if pos > a1:
            return b1
        return b0 + (pos - a0) if tag == "equal" else b1


def compare(
    old: str | ParseResult,
    new: str | ParseResult,
    profile: Profile | str | Path | Mapping[str, Any] | None = None,
    *,
    config: Mapping[str, Any] | None = None,
    root: str | Path | None = None,
    ops: Sequence[Opcode] | None = None,
) -> Comparison:
    """The bracket layer of ``new`` against that of ``old``; ``ops`` is the edit script
    between the texts (the diff engine's by default)."""
    from .parser import parse

    prof = load_profile(profile, config=config, root=root)
    a = old if isinstance(old, ParseResult) else parse(old, prof)
    b = new if isinstance(new, ParseResult) else parse(new, prof)
    script = list(ops) if ops is not None else opcodes(a.text, b.text)
    where = OffsetMap(script, len(a.text), len(b.text))
    spans = [(where.start(iv.start), where.end(iv.end)) for iv in a.interventions]

    rows: list[LedgerChange | None] = [None] * len(a.interventions)
    taken: set[int] = set()
    at = {(iv.start, iv.end): k for k, iv in enumerate(b.interventions)}
    for i, iv in enumerate(a.interventions):  # the same bracket where the diff puts it
        k = at.get(spans[i], -1)
        if k >= 0 and k not in taken and b.interventions[k].text == iv.text:
            taken.add(k)
            rows[i] = LedgerChange("kept", iv, b.interventions[k], b.interventions[k].start)
    for i, iv in enumerate(a.interventions):
        if rows[i] is not None:
            continue
        ns, ne = spans[i]
        found = _counterpart(b.interventions, iv, ns, ne, taken)
        if found is not None:
            taken.add(found)
            n = b.interventions[found]
            rows[i] = LedgerChange("kept" if n.text == iv.text else "changed", iv, n, n.start)
        elif _absorbed(iv, b.text[ns:ne]):
            rows[i] = LedgerChange("absorbed", iv, None, ns)
        else:
            rows[i] = LedgerChange("removed", iv, None, ns)
    out = [r for r in rows if r is not None]
    out += [
        LedgerChange("added", None, n, n.start)
        for k, n in enumerate(b.interventions)
        if k not in taken
    ]
    out.sort(key=lambda r: (r.position, r.new is not None, r.current.depth))
    return Comparison(a, b, tuple(out))


def _counterpart(
    candidates: Sequence[Intervention], iv: Intervention, ns: int, ne: int, taken: set[int]
) -> int | None:
    """The new intervention standing where ``iv`` was carried, if any: of the same type or
    much the same content (a ``[sic]`` where a ``[Chinese]`` was is another bracket), most
    overlap first, the same nesting depth preferred."""
    best: tuple[int, int, int] | None = None
    best_k: int | None = None
    for k, n in enumerate(candidates):
        if k in taken:
            continue
        if n.start > max(ne, ns):
            break
        if ne > ns:
            overlap = min(ne, n.end) - max(ns, n.start)
            if overlap <= 0:
                continue
        elif not n.start <= ns <= n.end:
            continue
        else:
            overlap = 0
        if not _akin(iv, n):
            continue
        score = (n.depth == iv.depth, overlap, -abs(n.start - ns))
        if best is None or score > best:
            best, best_k = score, k
    return best_k


def _akin(a: Intervention, b: Intervention) -> bool:
    if a.type == b.type or a.text == b.text:
        return True
    ratio = difflib.SequenceMatcher(
        None, a.content.casefold(), b.content.casefold(), autojunk=False
    ).ratio()
    return ratio >= 0.5


def _absorbed(iv: Intervention, region: str) -> bool:
    """The words of ``iv`` still stand, unbracketed, where it was."""
    words = _WORDS.findall(iv.content)
    if not words:
        return False
    have = _WORDS.findall(region)
    n = len(words)
    return any(have[i : i + n] == words for i in range(len(have) - n + 1))
