"""References to documents, streams and versions: ``DOC``, ``DOC/STREAM``, ``DOC/STREAM@N``."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import UnsafePathError, UsageError

#: Ids are slugs, safe as folder names on every system: lower-case letters, digits, '.', '_'
#: and '-', starting and ending with a letter or digit, at most 128 characters, no '..'.
SLUG_RE = re.compile(r"^[a-z0-9](?:[a-z0-9._-]{0,126}[a-z0-9])?$")


#: Names Windows reserves for devices (with or without an extension): no file or folder can
#: have them there, so an id never may.
RESERVED = frozenset(
    ["con", "prn", "aux", "nul"]
    + [f"com{i}" for i in range(10)]
    + [f"lpt{i}" for i in range(10)]
    + ["conin$", "conout$"]
)


def check_slug(value: str, what: str = "document id") -> str:
    """Return ``value`` if it is a safe id, else raise a precise error."""
    if not value:
        raise UsageError(f"{what} is empty")
    if "/" in value or "\\" in value or value in (".", "..") or ".." in value:
        raise UnsafePathError(
            f"{what} {value!r} is refused: ids may not contain slashes or '..' "
            "(they name folders inside the store)"
        )
    if not SLUG_RE.fullmatch(value):
        raise UsageError(
            f"{what} {value!r} is not a valid id: use lower-case letters, digits, '.', '_' "
            "and '-', starting and ending with a letter or digit (at most 128 characters)"
        )
    if value.split(".", 1)[0] in RESERVED:
        raise UsageError(
            f"{what} {value!r} is refused: {value.split('.', 1)[0]!r} is a reserved device name "
            "on Windows, where no folder can have it"
        )
    return value


def slugify(text: str, limit: int = 60) -> str:
    """A readable id from a title: ``Cable, Ministry of ...`` -> ``cable-ministry-of-...``."""
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    out = ""
    for word in words:
        candidate = f"{out}-{word}" if out else word
        if len(candidate) > limit:
            break
        out = candidate
    return out or "document"


@dataclass(frozen=True)
class Ref:
    """A parsed reference; ``version`` None means the latest version."""

    doc: str
    stream: str | None = None
    version: int | None = None

    def __str__(self) -> str:
        out = self.doc
        if self.stream:
            out += f"/{self.stream}"
        if self.version is not None:
            out += f"@{self.version}"
        return out


_REF_RE = re.compile(r"^(?P<doc>[^/@]+)(?:/(?P<stream>[^/@]+))?(?:@(?P<version>[^/@]*))?$")


def parse_version_number(text: str) -> int | None:
    """``3``, ``v3`` -> 3; ``latest`` -> None."""
    t = text.strip()
    if t.lower() in ("latest", "head"):
        return None
    if t[:1] in ("v", "V"):
        t = t[1:]
    if not (t.isascii() and t.isdigit()) or int(t) < 1:
        raise UsageError(f"version {text!r} is not a version number (use @1, @2, ... or @latest)")
    return int(t)


def parse_ref(text: str) -> Ref:
    """Parse ``DOC``, ``DOC/STREAM``, ``DOC/STREAM@N`` or ``DOC/STREAM@latest``."""
    m = _REF_RE.match(text.strip().rstrip("/"))
    if not m:
        raise UsageError(f"{text!r} is not a reference; expected DOC, DOC/STREAM or DOC/STREAM@N")
    doc = check_slug(m["doc"], "document id")
    stream = check_slug(m["stream"], "stream id") if m["stream"] else None
    version = None
    if m["version"] is not None:
        if stream is None:
            raise UsageError(f"{text!r}: a version needs a stream, as in DOC/STREAM@N")
        version = parse_version_number(m["version"])
    return Ref(doc, stream, version)


def relative_to(text: str, other: str) -> str:
    """``text`` as a full reference: ``@N`` alone names version N of the stream ``other``
    names (``relative_to("@2", "doc/en@1")`` is ``doc/en@2``); anything else is kept."""
    if not text.startswith("@"):
        return text
    if not other or other.startswith("@") or "/" not in other:
        raise UsageError(
            f"{text!r} names a version of the other side's stream, but the other side "
            "is not a version (use DOC/STREAM@N)"
        )
    return other.split("@", 1)[0] + text


def complete_pair(old: str, new: str) -> tuple[str, str]:
    """Two references, either of which may be ``@N``: the version of the other's stream
    (``doc/en@1 @2``, ``@1 doc/en@2``)."""
    if old.startswith("@") and new.startswith("@"):
        raise UsageError(
            f"{old!r} and {new!r} both name a version of the other side's stream: "
            "give one side as DOC/STREAM@N"
        )
    return relative_to(old, new), relative_to(new, old)
