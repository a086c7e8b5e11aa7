"""What a diff compares: the normalisations a user asked for, and an optional time limit."""

from __future__ import annotations

from typing import Any

#: The aspects a change can be confined to, in the order labels list them.
WHITESPACE = "whitespace"
UNICODE = "unicode"
QUOTES = "quotes"
CASE = "case"
PUNCTUATION = "punctuation"
ASPECTS = (WHITESPACE, UNICODE, QUOTES, CASE, PUNCTUATION)


class DiffOptions:
    """How two texts are compared.  Every normalisation is off by default.

    ``ignore_whitespace``: spaces, tabs, NBSP, line breaks (CRLF or LF), a BOM and zero-width
    spaces do not count, and neither does whitespace present on one side only.
    ``ignore_case``: compare case-folded.  ``ignore_quotes``: curly, straight, low-9 and angle
    quotes are the same.  ``ignore_punctuation``: punctuation does not count.  ``nfc``:
    compare in Unicode NFC (``é`` precomposed equals ``e`` + U+0301).

    Ignored differences stay in the result (as changes marked ``ignored``) so that applying it
    still gives the new text exactly; they are left out of what is shown and counted.

    ``time_limit`` (seconds): stop refining word by word when it runs out; the rest is compared
    by whole lines and the result is flagged ``degraded``.  ``None`` (the default) means no
    limit: the result is always complete.
    """

    __slots__ = (
        "ignore_case",
        "ignore_punctuation",
        "ignore_quotes",
        "ignore_whitespace",
        "nfc",
        "time_limit",
    )
    ignore_whitespace: bool
    ignore_case: bool
    ignore_quotes: bool
    ignore_punctuation: bool
    nfc: bool
    time_limit: float | None

    def __init__(
        self,
        ignore_whitespace: bool = False,
        ignore_case: bool = False,
        ignore_quotes: bool = False,
        ignore_punctuation: bool = False,
        nfc: bool = False,
        time_limit: float | None = None,
    ) -> None:
        if time_limit is not None and not time_limit > 0:
            from ..errors import UsageError

            raise UsageError(
                f"the time limit must be a positive number of seconds, not {time_limit!r}"
            )
        setattr_ = object.__setattr__
        setattr_(self, "ignore_whitespace", ignore_whitespace)
        setattr_(self, "ignore_case", ignore_case)
        setattr_(self, "ignore_quotes", ignore_quotes)
        setattr_(self, "ignore_punctuation", ignore_punctuation)
        setattr_(self, "nfc", nfc)
        setattr_(self, "time_limit", time_limit)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"DiffOptions are read-only (cannot set {name!r})")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, DiffOptions) and self.as_dict() == other.as_dict()

    def __hash__(self) -> int:
        return hash(tuple(self.as_dict().values()))

    def __repr__(self) -> str:
        return "DiffOptions(" + ", ".join(f"{k}={v!r}" for k, v in self.as_dict().items()) + ")"

    @property
    def ignored(self) -> frozenset[str]:
        """The aspects this comparison ignores."""
        flags = {
            WHITESPACE: self.ignore_whitespace,
            UNICODE: self.nfc,
            QUOTES: self.ignore_quotes,
            CASE: self.ignore_case,
            PUNCTUATION: self.ignore_punctuation,
        }
        return frozenset(name for name, on in flags.items() if on)

    def as_dict(self) -> dict[str, Any]:
        return {
            "ignore_whitespace": self.ignore_whitespace,
            "ignore_case": self.ignore_case,
            "ignore_quotes": self.ignore_quotes,
            "ignore_punctuation": self.ignore_punctuation,
            "nfc": self.nfc,
            "time_limit": self.time_limit,
        }
