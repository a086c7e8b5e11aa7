"""The stable codes of the rights checks, with their default severities and descriptions
(kept apart so that registering the check's rules loads nothing else)."""

from __future__ import annotations

CODES: dict[str, tuple[str, str]] = {
    "rights-missing": (
        "error",
        "A document has neither a rights text nor a rights statement (or a stream's own "
        "rights block is empty).",
    ),
    "rights-unknown-statement": (
        "error",
        "A rights statement is not a known statement URI, Creative Commons licence or "
        "valid SPDX expression (the closest canonical form is suggested).",
    ),
    "rights-noncanonical-uri": (
        "warning",
        "A rights statement is recognised but not written in its canonical form "
        "(https for http, /page/ for /vocab/, no trailing slash, www., letter case...).",
    ),
    "funder-unlisted": ("error", "A funder named in funder_line is not listed in funders."),
}
