"""Whether a page is a document the store holds already, and which id a new one gets.

The archive is crawled more than once, and from its mirrors: two saved pages of one document
give the same default id (its date and the first words of its title).  What an archivist
expects of the second:

* the **same document** (the same record id; failing record ids, the same URL path on any
  host; failing both, the same title and date) with the **same text** as a version the store
  holds: nothing to do, and nothing is written;
* the same document with **another text**: a new version of its stream, when asked for
  (``--as-new-version``); otherwise it is refused, saying how to add it.  A published version
  is never overwritten;
* a **different document** whose title and date merely slug to the same id: a distinct id,
  the default one with its record id (or its URL's last part) after it, else ``-2``, ``-3``,
  ..., and a note saying so.

An id given with ``--id`` is never changed: the page either is that document or is refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from ..refs import slugify

if TYPE_CHECKING:
    from ..model import Document
    from ..store import Store

#: What became of a page of a document the store holds: its text added as a new version ...
NEW_VERSION = "new version"
#: ... or nothing written, the store holding that text already.
ALREADY = "already imported"

#: How many numbered ids (``-2``, ``-3``, ...) are tried before giving up.
_MAX_NUMBERED = 99


@dataclass(frozen=True)
class Placement:
    """Where a page goes: ``id``; ``existing`` when the store holds that document already
    (``why`` says how it was recognised); ``note`` when the id is not the default one."""

    id: str
    existing: Document | None = None
    why: str = ""
    note: str = ""


def _words(text: object) -> str:
    return " ".join(str(text or "").split()).casefold()


def _url_path(url: object) -> str:
    """A URL without its scheme, host, query and trailing slash: the same page on a mirror."""
    text = str(url or "").strip()
    if not text:
        return ""
    parts = urlsplit(text if "//" in text else "//" + text)
    return parts.path.rstrip("/").casefold()


def same_document(stored: dict[str, Any], page: dict[str, Any]) -> str:
    """How the stored record and the page's fields are known to be one document (``same
    record id 114215``, ...), or ``""`` when they are not."""
    a, b = str(stored.get("record_id") or "").strip(), str(page.get("record_id") or "").strip()
    if a and b:
        return f"the same record id {a}" if a == b else ""
    ua, ub = _url_path(stored.get("url")), _url_path(page.get("url"))
    if ua and ub:
        return f"the same URL path {ua}" if ua == ub else ""
    ta, tb = _words(stored.get("title")), _words(page.get("title"))
    da, db = str(stored.get("date") or ""), str(page.get("date") or "")
    if ta and ta == tb and da == db:
        return "the same title and date"
    return ""


def _suffix(page: dict[str, Any]) -> str:
    """What tells this document apart in its id: its record id, or its URL's last part."""
    record = slugify(str(page.get("record_id") or ""), limit=24)
    if record and record != "document":
        return record
    last = _url_path(page.get("url")).rsplit("/", 1)[-1]
    tail = slugify(last, limit=24) if last else ""
    return tail if tail and tail != "document" else ""


def place(store: Store, meta: dict[str, Any], base: str, *, given: bool = False) -> Placement:
    """Where the page whose fields are ``meta`` goes, its default id being ``base``
    (``given``: an id the user chose, kept whatever happens)."""
    existing = _stored(store, base)
    if existing is None and not (store.root / base).exists():
        return Placement(base)
    if existing is not None:
        why = same_document(existing.meta, meta)
        if why:
            return Placement(base, existing, why)
    if given:
        return Placement(base)  # the store refuses it, naming the id
    suffix = _suffix(meta)
    candidates = [f"{base}-{suffix}"] if suffix else []
    candidates += [f"{base}-{n}" for n in range(2, _MAX_NUMBERED + 1)]
    for candidate in dict.fromkeys(candidates):
        other = _stored(store, candidate)
        if other is not None and same_document(other.meta, meta):
            return Placement(candidate, other, same_document(other.meta, meta))
        if other is None and not (store.root / candidate).exists():
            held = f"{existing.title!r} ({existing.date})" if existing else "a folder"
            return Placement(
                candidate,
                note=f"the id {base!r} is another document's, {held}: imported as {candidate!r}",
            )
    return Placement(base)  # every id taken: the store refuses it


def _stored(store: Store, doc_id: str) -> Document | None:
    from ..errors import ProvenanceError

    if not (store.root / doc_id / "document.yaml").is_file():
        return None
    try:
        return store.document(doc_id)
    except ProvenanceError:
        return None
