"""One exception hierarchy for the whole library.

Every error carries what a user needs to find the problem: the file, the line (1-based) where
known, and a JSON pointer into the metadata where the problem is a field.  The CLI turns these
into a single line and exit code 2 in exactly one place (``provenance.cli.run``).
"""

from __future__ import annotations

from pathlib import Path


class ProvenanceError(Exception):
    """Base class: anything the user can fix by changing their input or their command."""

    exit_code = 2

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        column: int | None = None,
        pointer: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.column = column
        self.pointer = pointer

    def location(self) -> str:
        """``file:line:column`` as far as it is known ('' when nothing is)."""
        if self.path is None:
            return ""
        loc = self.path
        if self.line is not None:
            loc += f":{self.line}"
            if self.column is not None:
                loc += f":{self.column}"
        return loc

    def __str__(self) -> str:
        parts = []
        loc = self.location()
        if loc:
            parts.append(loc)
        text = self.message
        if self.pointer:
            text += f" (at {self.pointer})"
        parts.append(text)
        return ": ".join(parts)


class UsageError(ProvenanceError):
    """The command was given something it cannot work with (a bad reference, option, id)."""


class InputError(ProvenanceError):
    """A file could not be read or decoded: missing, empty, not UTF-8, too large."""


class YAMLError(InputError):
    """Malformed or unsafe YAML."""


class SchemaError(ProvenanceError):
    """Metadata that parses but does not follow its JSON Schema."""


class StoreError(ProvenanceError):
    """The record store is missing, or a document, stream or version is not in it."""


class NotFoundError(StoreError):
    """A document, stream or version that does not exist (the message lists what does)."""


class ConflictError(StoreError):
    """Something already exists and must not be overwritten (a version, a document, a stream)."""


class UnsafePathError(StoreError):
    """A path or id that would lead outside the store."""


class ImportParseError(InputError):
    """An archive page (or other import source) that cannot be read as a record."""


class CheckRefused(ProvenanceError):
    """A commit refused because the check finds errors in the new version (exit 1, as a
    check with findings)."""

    exit_code = 1
