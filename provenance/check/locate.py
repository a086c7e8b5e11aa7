"""Where two versions of a text first differ, and whether they differ only in line endings.

Used to point a finding about a rewritten text at the changed line and column (in code
points, as SARIF's ``unicodeCodePoints`` counts them) and to tell a text whose line endings
git converted (``core.autocrlf``) from one that was edited.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

#: How much of each side a message quotes around the first difference.
_QUOTE = 40


@dataclass(frozen=True)
class Difference:
    """The first place two byte strings differ: line and column (1-based, in code points) in
    the new text, and the differing words on each side (shortened)."""

    line: int
    column: int
    old: str
    new: str

    def describe(self) -> str:
        def show(text: str) -> str:
            return repr(text) if text else "nothing"

        return (
            f"first difference at line {self.line}, column {self.column}: "
            f"{show(self.old)} became {show(self.new)}"
        )


def _common_prefix(a: bytes, b: bytes) -> int:
    """Length of the common prefix (binary search over memory comparisons)."""
    va, vb = memoryview(a), memoryview(b)
    lo, hi = 0, min(len(a), len(b))
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if va[:mid] == vb[:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _common_suffix(a: bytes, b: bytes, limit: int) -> int:
    va, vb = memoryview(a), memoryview(b)
    lo, hi = 0, limit
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if va[len(a) - mid :] == vb[len(b) - mid :]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch in "_'’-"


def first_difference(old: bytes, new: bytes) -> Difference | None:
    """The first difference between ``old`` and ``new``, or None when they are equal."""
    if old == new:
        return None
    start = _common_prefix(old, new)
    while start > 0 and (
        (start < len(new) and new[start] & 0xC0 == 0x80)
        or (start < len(old) and old[start] & 0xC0 == 0x80)
    ):
        start -= 1  # back to the start of a UTF-8 character
    tail = _common_suffix(old, new, min(len(old), len(new)) - start)
    while tail > 0 and new[len(new) - tail] & 0xC0 == 0x80:
        tail -= 1
    line_start = new.rfind(b"\n", 0, start) + 1
    line = new.count(b"\n", 0, start) + 1
    head = new[line_start:start].decode("utf-8", "replace")
    column = len(head) + 1
    # widen to whole words on both sides, as a reader would quote the change
    old_mid = old[start : len(old) - tail].decode("utf-8", "replace")
    new_mid = new[start : len(new) - tail].decode("utf-8", "replace")
    before = ""
    while head and _is_word(head[-1]) and len(before) < _QUOTE:
        before = head[-1] + before
        head = head[:-1]
    after_src = new[len(new) - tail : len(new) - tail + 4 * _QUOTE].decode("utf-8", "ignore")
    after = ""
    for ch in after_src:
        if not _is_word(ch) or len(after) >= _QUOTE:
            break
        after += ch
    return Difference(
        line=line,
        column=column,
        old=_shorten(before + old_mid + after),
        new=_shorten(before + new_mid + after),
    )


def _shorten(text: str) -> str:
    text = text.replace("\r", "\\r").replace("\n", "\\n")
    return text if len(text) <= _QUOTE else text[: _QUOTE - 1] + "…"


#: Line-ending conversions git (``core.autocrlf``, ``eol``) or an editor makes.
CONVERSIONS = {
    "lf-to-crlf": "its LF line endings were turned into CRLF (as git does on checkout with "
    "core.autocrlf=true)",
    "crlf-to-lf": "its CRLF line endings were turned into LF (as git does on commit with "
    "core.autocrlf, or an editor on save)",
}


def _to_crlf(raw: bytes) -> bytes:
    return raw.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")


def eol_conversion(raw: bytes, recorded_sha256: str) -> str | None:
    """Which line-ending conversion of the recorded bytes gives ``raw`` (a key of
    :data:`CONVERSIONS`), or None when line endings do not explain the difference."""
    if b"\n" not in raw:
        return None
    if b"\r\n" in raw and hashlib.sha256(raw.replace(b"\r\n", b"\n")).hexdigest() == (
        recorded_sha256
    ):
        return "lf-to-crlf"
    if hashlib.sha256(_to_crlf(raw)).hexdigest() == recorded_sha256:
        return "crlf-to-lf"
    return None


def same_but_line_endings(old: bytes, new: bytes) -> bool:
    """True when two texts differ and only in how their lines end."""
    return old != new and old.replace(b"\r\n", b"\n") == new.replace(b"\r\n", b"\n")
