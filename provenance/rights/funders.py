"""The funder credit line, built from a record's ``funders`` list, and the names a printed
funder line credits.

``credit_line(["MacArthur Foundation", "Leon Levy Foundation"])`` gives
``This document was made possible with support from the MacArthur Foundation and Leon Levy
Foundation.``: names are joined with "and" (two) or commas and an Oxford comma (three or more),
and "the" goes before a name that takes it in running English ("the X Foundation", "the
University of Y", but not "Harvard University" or a person's name).  Consecutive names that take
the article share one, as English writes it ("the A Foundation and B Fund").  A name recorded
with its own "The" keeps it as written.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

#: The sentence a credit line opens with.
LEAD = "This document was made possible with support from"

#: Nouns that, at the end of a name (before any "of", "for"...), make it take "the".
_HEAD_NOUNS = frozenset(
    (
        "foundation",
        "foundations",
        "fund",
        "funds",
        "trust",
        "trusts",
        "endowment",
        "endowments",
        "institute",
        "institutes",
        "institution",
        "institutions",
        "council",
        "councils",
        "program",
        "programs",
        "programme",
        "programmes",
        "society",
        "societies",
        "association",
        "associations",
        "academy",
        "academies",
        "agency",
        "agencies",
        "center",
        "centers",
        "centre",
        "centres",
        "commission",
        "commissions",
        "committee",
        "committees",
        "corporation",
        "company",
        "library",
        "libraries",
        "museum",
        "museums",
        "archive",
        "archives",
        "ministry",
        "ministries",
        "department",
        "departments",
        "office",
        "bureau",
        "project",
        "projects",
        "initiative",
        "initiatives",
        "government",
        "administration",
        "service",
        "board",
        "federation",
        "union",
        "alliance",
        "network",
        "consortium",
        "partnership",
    )
)
#: Nouns that take "the" only when followed by "of": "the University of Chicago" but
#: "Harvard University".
_OF_NOUNS = frozenset(
    ("university", "college", "school", "embassy", "republic", "kingdom", "state", "bank")
)
_LINK = re.compile(r"\s+(?:of|for|on|in|at|to)\s+", re.I)


def takes_article(name: str) -> bool:
    """Whether ``name`` is written with "the" in running English."""
    words = name.split()
    if not words or words[0].casefold() == "the":
        return False
    parts = _LINK.split(name, maxsplit=1)
    head = parts[0].split()
    last = head[-1].casefold().strip(".,") if head else ""
    if last in _HEAD_NOUNS:
        return True
    return last in _OF_NOUNS and len(parts) > 1


def _has_article(name: str) -> bool:
    words = name.split()
    return bool(words) and words[0].casefold() == "the"


def funder_phrase(funders: Sequence[str]) -> str:
    """The names joined for running text: ``the A Foundation and B Fund``, ``A, B, and C``."""
    names = [" ".join(n.split()) for n in funders if n and n.strip()]
    written: list[str] = []
    previous_article = False
    for name in names:
        article = takes_article(name)
        if article and not previous_article:
            written.append(f"the {name}")
        else:
            written.append(name)
        previous_article = article or _has_article(name)
    if len(written) <= 2:
        return " and ".join(written)
    return ", ".join(written[:-1]) + ", and " + written[-1]


def credit_line(funders: Sequence[str], lead: str = LEAD) -> str | None:
    """The credit sentence for ``funders`` (None when there are none)."""
    phrase = funder_phrase(funders)
    if not phrase:
        return None
    end = "" if phrase.endswith((".", "!", "?")) else "."
    return f"{lead} {phrase}{end}"


_SUPPORT = re.compile(
    r"(?:support\s+(?:from|of)|funded\s+by|funding\s+from|grants?\s+from|thanks\s+to|"
    r"generosity\s+of|made\s+possible\s+by)\s+(?P<names>.+)$",
    re.I | re.S,
)
#: Names are separated by commas and "and" ("&" is left alone: it is usually part of a name).
_SPLIT = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+", re.I)


def _fold(name: str) -> str:
    text = re.sub(r"^the\s+", "", " ".join(name.split()), flags=re.I)
    return text.strip(" .;:").casefold().replace("&", "and")


def credited_names(line: str, listed: Sequence[str] = ()) -> list[str]:
    """The names a printed funder line credits (``... with support from A, B and C``).

    Names in ``listed`` are found first, whole, so a funder whose name contains "and" ("John
    D. and Catherine T. MacArthur Foundation") is not split; the rest is split on commas and
    "and".  A line that does not say "support from", "funded by" or the like credits nobody
    this function can name (an empty list)."""
    m = _SUPPORT.search(" ".join(line.split()))
    if not m:
        return []
    rest = m["names"].strip().rstrip(".")
    found: list[tuple[int, str]] = []
    for name in sorted({n for n in listed if n and n.strip()}, key=len, reverse=True):
        words = name.split()
        if words and words[0].casefold() == "the":
            words = words[1:]
        if not words:
            continue
        body = r"\s+".join(
            "(?:and|&)" if w.casefold() in ("and", "&") else re.escape(w) for w in words
        )
        hit = re.search(r"(?<!\w)(?:the\s+)?" + body + r"(?!\w)", rest, re.I)
        if hit:
            found.append((hit.start(), hit.group(0)))
            rest = rest[: hit.start()] + "\0" * (hit.end() - hit.start()) + rest[hit.end() :]
    for piece in re.finditer(r"[^\0]+", rest):
        for part in _SPLIT.split(piece.group(0)):
            part = part.strip(" .;:,")
            if _fold(part) not in ("", "and"):
                found.append((piece.start(), part))
    return [n for _, n in sorted(found, key=lambda x: x[0])]


def unlisted_funders(line: str, listed: Sequence[str]) -> list[str]:
    """Names credited in ``line`` that are not in ``listed`` (compared without "the", case
    and spacing)."""
    known = {_fold(n) for n in listed if isinstance(n, str)}
    return [
        re.sub(r"^the\s+", "", n, flags=re.I)
        for n in credited_names(line, listed)
        if _fold(n) not in known
    ]
