"""Dates as the records keep them: strings, checked as real calendar values.

Historical dates are not Python dates (``1961-05``, ``1651-03-25`` in a calendar Python's
``date`` does not cover well, years before 1), so they stay strings; what is checked is that
each names a day, month or year that exists.  The forms are those of EDTF level 1 the schemas
allow: ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``, each optionally uncertain (``?``) or
approximate (``~``), and an interval ``A/B`` of two of them with ``A`` not after ``B``.
Years may be negative (``-0044``, astronomical numbering: year 0 is 1 BCE).
"""

from __future__ import annotations

import re
from pathlib import Path

from .errors import UsageError

_PART = re.compile(r"(-?)([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?([?~]?)")
_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _part(text: str, value: str, what: str, path: str | Path | None) -> tuple[int, int, int]:
    m = _PART.fullmatch(text)
    if not m:
        raise UsageError(
            f"{what} {value!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD (a '?' or '~' "
            "after it when uncertain or approximate, A/B for a range)",
            path=path,
        )
    year = int(m[2]) * (-1 if m[1] else 1)
    month = int(m[3]) if m[3] else 0
    day = int(m[4]) if m[4] else 0
    if m[3] and not 1 <= month <= 12:
        raise UsageError(f"{what} {value!r} has no month {m[3]} (01 to 12)", path=path)
    if m[4]:
        last = 29 if month == 2 and _leap(year) else _DAYS[month - 1]
        if not 1 <= day <= last:
            raise UsageError(
                f"{what} {value!r} names a day that does not exist ({m[2]}-{m[3]} has {last} days)",
                path=path,
            )
    return year, month, day


def check_date(value: str, what: str = "date", *, path: str | Path | None = None) -> str:
    """``value`` if it is an empty string (unknown) or a real date in the forms above."""
    if value == "":
        return value
    if not isinstance(value, str) or not value.isascii():
        raise UsageError(f"{what} {value!r} is not a date", path=path)
    parts = value.split("/")
    if len(parts) > 2:
        raise UsageError(f"{what} {value!r} is not a date (one '/' at most)", path=path)
    parsed = [_part(p, value, what, path) for p in parts]
    if len(parsed) == 2:
        # compare on what both sides give: 1961/1961-05 is fine, 1962/1961-05 is not
        a, b = parsed
        depth = min(sum(1 for x in a[1:] if x) + 1, sum(1 for x in b[1:] if x) + 1)
        if a[:depth] > b[:depth]:
            raise UsageError(f"{what} {value!r} is a range that ends before it starts", path=path)
    return value


def has_date_shape(value: str) -> bool:
    """Whether ``value`` has the form of a date (the forms above, as the schemas' pattern
    gives them), whether or not the day, month or range exists."""
    parts = value.split("/")
    return value == "" or (
        value.isascii() and len(parts) <= 2 and all(_PART.fullmatch(p) for p in parts)
    )


def is_date(value: str) -> bool:
    try:
        check_date(value)
    except UsageError:
        return False
    return True
