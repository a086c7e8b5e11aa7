"""Where a record store's files are, and how a store is found: names only, no reading of
records, so that a command can find its store without loading the store's machinery."""

from __future__ import annotations

import os
from pathlib import Path

from .errors import StoreError

STORE_FILE = "provenance.yaml"
DOCUMENT_FILE = "document.yaml"
STREAM_FILE = "stream.yaml"
#: A document's record of changes to its metadata (see :mod:`provenance.metaedit`).
HISTORY_FILE = "history.yaml"
ENV_VAR = "PROVENANCE_RECORDS"
DEFAULT_FOLDER = "records"


def store_folder(root: str | Path) -> Path:
    """``root``, once it is known to hold a store (a folder with ``provenance.yaml``)."""
    path = Path(root)
    if not path.is_dir():
        raise StoreError("no such record store (folder not found)", path=path)
    if not (path / STORE_FILE).is_file():
        raise StoreError(
            f"not a record store (no {STORE_FILE}); run 'provenance init {path}'", path=path
        )
    return path


def find_store_root(records: str | Path | None = None, start: str | Path | None = None) -> Path:
    """The store's folder: ``records`` if given, else ``$PROVENANCE_RECORDS``, else the
    nearest ``provenance.yaml`` or ``records/provenance.yaml`` walking up from ``start`` (the
    working directory), the way git finds ``.git``."""
    if records is not None:
        return store_folder(records)
    env = os.environ.get(ENV_VAR)
    if env:
        return store_folder(env)
    here = Path(start or Path.cwd()).absolute()
    for folder in (here, *here.parents):
        if (folder / STORE_FILE).is_file():
            return folder
        if (folder / DEFAULT_FOLDER / STORE_FILE).is_file():
            return folder / DEFAULT_FOLDER
    raise StoreError(
        f"no record store found from {here} upward (looked for {DEFAULT_FOLDER}/{STORE_FILE}); "
        f"run 'provenance init', or point to one with --records DIR or ${ENV_VAR}"
    )
