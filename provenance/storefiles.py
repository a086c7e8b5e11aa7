"""The files ``provenance init`` writes beside the records: a commented ``provenance.yaml``
showing every setting, and a ``.gitattributes`` that keeps version texts byte for byte.

A version's sha256 is of its exact bytes.  Git's line-ending conversion (``core.autocrlf``,
the default of Git for Windows, or a ``text``/``eol`` attribute) would rewrite a text's
line endings on checkout or commit; ``-text`` tells git to leave them alone.
"""

from __future__ import annotations

import json
from typing import Any

GITATTRIBUTES_FILE = ".gitattributes"

#: The attribute line for version texts (relative to the store's folder).
TEXT_PATTERN = "**/v*.txt"
TEXT_ATTRIBUTES = "-text"


def gitattributes(diff_driver: str | None = None) -> str:
    """The store's ``.gitattributes``: version texts are never converted; with
    ``diff_driver`` (see ``provenance git-setup``) git diffs them word by word."""
    attributes = TEXT_ATTRIBUTES + (f" diff={diff_driver}" if diff_driver else "")
    return (
        "# Written by provenance: version texts are kept byte for byte (their sha256 is of\n"
        "# the exact bytes), so git must never convert their line endings (core.autocrlf).\n"
        f"{TEXT_PATTERN} {attributes}\n"
    )


def _scalar(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def store_template(config: dict[str, Any]) -> str:
    """``provenance.yaml`` for a new store: the given settings, and every other setting
    commented out with its default, so that a user sees what can be set."""
    name = config.get("name")
    publisher = config.get("publisher")
    return f"""\
# The settings of this record store (schema: schemas/store.schema.json).
# Every setting is shown; those commented out hold their default.
schema: {config["schema"]}

# A name for the store.
{"" if name else "# "}name: {_scalar(name) if name else "Cold War records"}

# The digital archive or collection that publishes these records (used in citations).
{"" if publisher else "# "}publisher: {_scalar(publisher) if publisher else "Digital Archive"}

# Where the identifiers of these records live in exported provenance graphs
# (provenance export --format prov-*); default urn:provenance:<name>/.
# base_uri: https://archive.example.org/records/

# How the house citation sentence is written (provenance cite).
# house_style:
#   publisher: Digital Archive      # else the store's publisher
#   quotes: straight                # or curly
#   day: two-digit                  # May 07, 1961; or numeric: May 7, 1961
#   serial_comma: true              # A, B, and C
#   url: true                       # print the document's URL when it has one

# Where the store publishes each version's text: the URL of a pinned citation (cite --pinned).
# citation:
#   version_url: https://example.org/records/{{doc}}/{{stream}}/v{{number}}.txt   # or {{sha256}}

# The editorial bracket conventions (provenance interventions, diff, check).
# interventions:
#   profile: default                # default, frus, leiden, or a file in this folder
#   rules:                          # tried before the profile's own rules
#     - {{type: gap, pattern: 'water[- ]damaged'}}
#   vocab:
#     surnames: [Kapitsa]           # added to the profile's word lists
#   lint:
#     bracket-nested: off           # a lint rule's severity: error, warning, note, off

# What provenance check runs (provenance check --list-rules lists the rules).
# check:
#   select: [default]               # the rules to run
#   extend_select: []               # rules added to them (e.g. funder-uncredited)
#   ignore: []                      # rules not to run
#   severity: {{}}                    # e.g. {{rights-statement-missing: error}}
#   citation_style: house           # the style citation-incomplete checks: house, chicago, mla, apa
#   published_ref: HEAD             # inside git, the reference whose versions are published
#                                   # and may not change (read as committed at HEAD; CI passes
#                                   # the pull request's base with --published)
"""
