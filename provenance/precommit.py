"""What ``provenance check`` would say about a version before it is committed.

The document is copied, with the store's settings, into a scratch store; the version is
committed there; the check runs on the copy before and after.  The findings the new version
brings (an unbalanced bracket, a translation without a translator, lineage behind its
original) are returned; nothing in the real store is touched.  The check settings are the
real store's (``provenance.yaml`` and ``pyproject.toml``).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from .check.findings import Finding, Severity
from .errors import UsageError
from .store import STORE_FILE, NewVersion, Store


@dataclass(frozen=True)
class Precheck:
    """The findings a commit would add, by severity."""

    findings: tuple[Finding, ...]

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.error]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is not Severity.error]

    def refused(self, allow: Sequence[str]) -> list[Finding]:
        """The errors not allowed by ``--allow``."""
        return [f for f in self.errors if f.code not in allow]


def _key(f: Finding) -> tuple[str, str, str, str | None]:
    return (f.code, f.file.split("/", 1)[-1], f.message, f.pointer)


def precheck(store: Store, doc_id: str, stream_id: str, new: NewVersion) -> Precheck:
    """The findings committing ``new`` to ``DOC/STREAM`` would add to the check (a stream
    ``new.create`` describes is created as the commit would create it)."""
    from .check import run_check
    from .check.config import load_config
    from .yamlio import load

    root = store.root
    store_path = root / STORE_FILE
    config = load_config(root, store.config, load(store_path), f"{root.name}/{STORE_FILE}")
    with tempfile.TemporaryDirectory(prefix="provenance-precheck-") as scratch:
        copy = Path(scratch) / root.name
        copy.mkdir()
        shutil.copy2(store_path, copy / STORE_FILE)
        shutil.copytree(store.doc_folder(doc_id), copy / doc_id, symlinks=True)
        _copy_settings_files(store, copy)
        before = run_check(copy, [copy / doc_id], config=config, use_cache=False)
        Store(copy).commit_version(doc_id, stream_id, new)
        after = run_check(copy, [copy / doc_id], config=config, use_cache=False)
    known = {_key(f) for f in before.findings}
    prefix = store.relpath(root)
    added = tuple(
        replace(f, file=f"{prefix}/{f.file.split('/', 1)[-1]}")
        for f in after.findings
        if _key(f) not in known
    )
    return Precheck(added)


def _copy_settings_files(store: Store, copy: Path) -> None:
    """Everything of the store but its documents (a bracket profile the settings name, and
    what it extends), symlinks kept as symlinks: the check of the copy reads what the
    store's would."""
    documents = set(store.document_ids())
    for entry in os.scandir(store.root):
        if entry.name.startswith(".") or entry.name in documents or entry.name == STORE_FILE:
            continue
        target = copy / entry.name
        if entry.is_dir(follow_symlinks=False):
            shutil.copytree(entry.path, target, symlinks=True)
        else:
            shutil.copy2(entry.path, target, follow_symlinks=False)


def check_allow(codes: Sequence[str]) -> list[str]:
    """``--allow`` values, each a known rule code."""
    from .check import RULES

    out = []
    for value in codes:
        for code in (c.strip() for c in value.split(",")):
            if not code:
                continue
            if code not in RULES:
                from .suggest import did_you_mean

                raise UsageError(
                    f"--allow {code}: no such check rule{did_you_mean(code, RULES)} (see "
                    "'provenance check --list-rules')"
                )
            out.append(code)
    return out


__all__ = ["Precheck", "check_allow", "precheck"]
