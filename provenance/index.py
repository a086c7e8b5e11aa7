"""A summary of every document of a store, kept between runs so that ``provenance list`` (and
other commands that read the whole store) answer in well under a second on 10,000 documents.

Each document's summary (title, date, type; each stream's kind, language and number of
versions) is stored with what it was read from: the modification time, size and inode of its
``document.yaml`` and each ``stream.yaml``, and the modification times of the document's and
each stream's folder (which change when a version, a stream or a file is added, removed or
renamed).  A warm run only looks at those (a few ``stat`` calls a document) and reads again
the documents where any differs.  Like git's index, a file changed within two seconds of the
index being written is not trusted ("racily clean"): it is read again next time.

The index lives beside the check's cache (``$PROVENANCE_CACHE_DIR``, else
``$XDG_CACHE_HOME/provenance``, else ``~/.cache/provenance``), never in the work tree, one
file per store.  It is only ever a copy of what the records say; deleting it is harmless.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__
from .store import DOCUMENT_FILE, STREAM_FILE

if TYPE_CHECKING:
    from .store import Store

FORMAT = 1
#: A file changed this close to the index being written is read again next time.
RACY_NS = 2_000_000_000

Progress = Callable[[int, int], None]
_Key = list[Any]


def index_path(store_root: Path) -> Path:
    from .check.cache import cache_dir

    digest = hashlib.sha256(os.fsencode(Path(store_root).resolve())).hexdigest()[:32]
    return cache_dir() / "index" / f"{digest}.json"


def _stat(path: str) -> list[int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_mtime_ns, st.st_size, st.st_ino]


def _dir_mtime(path: str) -> int | None:
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return None


def _key(folder: str, streams: list[str]) -> _Key:
    """What a document's summary was read from (see the module's docstring)."""
    key: _Key = [_dir_mtime(folder), _stat(os.path.join(folder, DOCUMENT_FILE))]
    for sid in streams:
        path = os.path.join(folder, sid)
        key.append([sid, _dir_mtime(path), _stat(os.path.join(path, STREAM_FILE))])
    return key


def _newest(key: _Key) -> int:
    times: list[int] = [key[0] or 0, (key[1] or [0])[0]]
    for _, folder, record in key[2:]:
        times += [folder or 0, (record or [0])[0]]
    return max(times)


def _folders(root: str) -> list[str]:
    """The store's folders that may be documents (as :meth:`Store.document_ids` sees them),
    sorted."""
    try:
        with os.scandir(root) as it:
            names = [
                e.name for e in it if not e.name.startswith(".") and e.is_dir(follow_symlinks=False)
            ]
    except OSError as exc:
        from .errors import StoreError

        raise StoreError(f"cannot read the store: {exc.strerror}", path=root) from None
    return sorted(names)


def _versions(folder: Path) -> int:
    """How many version records a stream folder holds (``vN.yaml``)."""
    count = 0
    with contextlib.suppress(OSError), os.scandir(folder) as it:
        for entry in it:
            name = entry.name
            if name.startswith("v") and name.endswith(".yaml") and name[1:-5].isdigit():
                count += 1
    return count


def _summary(store: Store, doc_id: str) -> dict[str, Any]:
    doc = store.document(doc_id)
    streams = []
    for s in store.streams(doc_id):
        streams.append(
            {
                "id": s.id,
                "kind": s.kind,
                "language": s.language,
                "versions": _versions(store.stream_folder(doc_id, s.id)),
            }
        )
    return {
        "id": doc.id,
        "title": doc.title,
        "date": doc.date,
        "type": doc.meta.get("type", ""),
        "streams": streams,
    }


def _row(entry: dict[str, Any]) -> list[Any]:
    """An entry as one compact row: key, id, title, date, type, streams."""
    s = entry["summary"]
    streams = [[t["id"], t["kind"], t["language"], t["versions"]] for t in s["streams"]]
    return [entry["key"], s["id"], s["title"], s["date"], s["type"], streams]


def _entry(row: list[Any]) -> dict[str, Any]:
    key, doc_id, title, date, kind, streams = row
    summary = {
        "id": doc_id,
        "title": title,
        "date": date,
        "type": kind,
        "streams": [
            {"id": i, "kind": k, "language": lang, "versions": n} for i, k, lang, n in streams
        ],
    }
    return {"key": key, "summary": summary}


def _load(path: Path) -> dict[str, list[Any]]:
    """The index's rows by document id (empty when absent, unreadable or outdated)."""
    try:
        data = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return {}
    if data.get("version") != __version__ or not isinstance(data.get("rows"), list):
        return {}
    return {row[1]: row for row in data["rows"] if isinstance(row, list) and len(row) == 6}


def _save(path: Path, docs: dict[str, dict[str, Any]]) -> None:
    from .textio import atomic_write

    now = time.time_ns()
    rows = [_row(e) for e in docs.values() if _newest(e["key"]) < now - RACY_NS]
    data = {"format": FORMAT, "version": __version__, "rows": rows}
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, json.dumps(data, ensure_ascii=False, separators=(",", ":")))


def document_summaries(
    store: Store, *, progress: Progress | None = None, use_index: bool = True
) -> list[dict[str, Any]]:
    """Every document's summary, sorted by id: from the index where the document's files are
    as they were, else read (and validated) from its records.  ``progress(done, total)`` is
    called while documents are read."""
    path = index_path(store.root)
    known = _load(path) if use_index else {}
    fresh: dict[str, dict[str, Any]] = {}
    stale: list[str] = []
    root = str(store.root)
    ids = []
    for doc_id in _folders(root):
        row = known.get(doc_id)
        if row is not None:
            folder = os.path.join(root, doc_id)
            if row[0][1] is not None and row[0] == _key(folder, [s[0] for s in row[5]]):
                fresh[doc_id] = _entry(row)
                ids.append(doc_id)
                continue
        if os.path.isfile(os.path.join(root, doc_id, DOCUMENT_FILE)):
            stale.append(doc_id)
            ids.append(doc_id)
    for done, doc_id in enumerate(stale, 1):
        summary = _summary(store, doc_id)
        folder = os.path.join(root, doc_id)
        fresh[doc_id] = {
            "key": _key(folder, [s["id"] for s in summary["streams"]]),
            "summary": summary,
        }
        if progress is not None and (done % 100 == 0 or done == len(stale)):
            progress(done, len(stale))
    out = [fresh[i]["summary"] for i in ids]  # sorted: as the folders were
    if use_index and (stale or len(known) != len(fresh)):
        _save(path, fresh)
    return out


__all__ = ["document_summaries", "index_path"]
