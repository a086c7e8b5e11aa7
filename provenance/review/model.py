"""What a pull request changed in a record store, for reviewers: every document touched,
each new version with its word diff against its parent (editorial and textual changes told
apart) and the interventions it added or removed, every metadata change with who made it,
and what ``provenance check`` finds.

Both sides are read from git, never from the work tree: ``BASE..HEAD`` are commits.  The
documents touched are copied out of ``HEAD`` into a temporary folder and checked there,
with the published versions of ``BASE`` compared as the pre-commit hook and CI compare them.
The word diff is :func:`provenance.comparison.classed_diff` (as ``provenance diff`` and
``provenance report`` compare versions), the ledger
:func:`provenance.interventions.compare`, the metadata changes
:func:`provenance.diff.diff_metadata`, as ``provenance diff`` and ``report`` compute them.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import UsageError

if TYPE_CHECKING:
    from ..check.findings import CheckResult, Finding
    from ..check.gitsince import CommitRange
    from ..diff.metadata import FieldChange
    from ..diff.result import DiffResult
    from ..interventions import Comparison, Profile, ProfileSpec

FORMAT_VERSION = 1

_VERSION = re.compile(r"^([^/]+)/([^/]+)/v([1-9][0-9]*)\.(txt|yaml)$")
_RECORD = re.compile(r"^[^/]+/(?:[^/]+/)?(?:document|stream)\.yaml$")


@dataclass(frozen=True)
class VersionReview:
    """One version the range added (or a published one it rewrote), compared with its
    parent (``diff`` None for a first version or an unreadable text)."""

    doc_id: str
    stream: str
    number: int
    parent: int | None
    record: dict[str, Any]
    diff: DiffResult | None
    ledger: Comparison | None
    rewritten: bool = False
    problem: str = ""

    @property
    def ref(self) -> str:
        return f"{self.doc_id}/{self.stream}@{self.number}"

    @property
    def parent_ref(self) -> str | None:
        return f"{self.doc_id}/{self.stream}@{self.parent}" if self.parent else None

    def counts(self) -> dict[str, int]:
        out = {"changes": 0, "textual": 0, "editorial": 0, "whitespace": 0}
        if self.diff is not None:
            for op in self.diff.changes:
                if op.ignored:
                    continue
                out["changes"] += 1
                if op.category in out:
                    out[op.category] += 1
        return out

    def interventions(self) -> dict[str, list[str]]:
        """The interventions added, removed, changed (``old -> new``) and absorbed."""
        out: dict[str, list[str]] = {"added": [], "removed": [], "changed": [], "absorbed": []}
        if self.ledger is None:
            return out
        for row in self.ledger.changes:
            if row.status == "kept":
                continue
            if row.status == "changed" and row.old is not None and row.new is not None:
                out["changed"].append(f"{row.old.text} -> {row.new.text}")
            else:
                out[row.status].append(row.current.text)
        return out


@dataclass(frozen=True)
class MetadataReview:
    """A document, stream or version record whose fields the range changed, with who
    changed it: the agents and messages ``provenance set`` recorded, else git's authors."""

    file: str
    status: str
    fields: tuple[FieldChange, ...]
    by: tuple[str, ...]
    why: tuple[str, ...] = ()


@dataclass(frozen=True)
class DocumentReview:
    id: str
    title: str
    status: str  # added, changed, deleted
    versions: tuple[VersionReview, ...] = ()
    metadata: tuple[MetadataReview, ...] = ()
    files: tuple[tuple[str, str], ...] = ()  # (status, path) of every file touched
    findings: tuple[Finding, ...] = ()


@dataclass(frozen=True)
class Review:
    base: str
    head: str
    base_commit: str
    head_commit: str
    store: str
    documents: tuple[DocumentReview, ...]
    findings: tuple[Finding, ...] = ()  # those of no document (the store's settings)
    settings_changed: bool = False
    notes: tuple[str, ...] = field(default=())

    def all_findings(self) -> list[Finding]:
        return [*self.findings, *(f for d in self.documents for f in d.findings)]

    def count(self, severity: str) -> int:
        return sum(1 for f in self.all_findings() if f.severity.value == severity)

    @property
    def exit_code(self) -> int:
        return 1 if self.count("error") else 0


def parse_range(spec: str) -> tuple[str, str, bool]:
    """``BASE..HEAD``, ``BASE...HEAD`` (from their merge base) or ``BASE`` (to HEAD)."""
    if "..." in spec:
        base, head = spec.split("...", 1)
        return base or "HEAD", head or "HEAD", True
    if ".." in spec:
        base, head = spec.split("..", 1)
        return base or "HEAD", head or "HEAD", False
    if not spec.strip():
        raise UsageError("review needs a range: BASE..HEAD (e.g. origin/main..HEAD)")
    return spec, "HEAD", False


def build_review(store_root: str | Path, spec: str, *, profile: ProfileSpec = None) -> Review:
    """Review the commits ``spec`` (``BASE..HEAD``) of the git repository holding the store
    at ``store_root``."""
    from ..check.gitsince import CommitRange, _git

    root = Path(store_root).absolute()
    base, head, symmetric = parse_range(spec)
    if symmetric:
        probe = CommitRange(root, base, head)
        merge_base = _git(["merge-base", probe.commit, probe.head_commit], probe.top)
        git = CommitRange(root, merge_base.decode().strip(), head)
    else:
        git = CommitRange(root, base, head)
    changes = git.changes()
    touched: dict[str, list[tuple[str, str]]] = {}
    settings_changed = False
    for change in changes:
        doc, sep, _ = change.path.partition("/")
        if not sep:
            settings_changed = settings_changed or change.path == "provenance.yaml"
            continue
        touched.setdefault(doc, []).append((change.status, change.path))
    with tempfile.TemporaryDirectory(prefix="provenance-review-") as tmp:
        copy = Path(tmp) / root.name
        _materialise(git, copy, sorted(touched))
        result = _check(copy, git)
        profile_obj = _profile(copy, profile)
        documents = tuple(
            _document(git, copy, doc, files, result, profile_obj)
            for doc, files in sorted(touched.items())
        )
    store_rel = root.name
    return Review(
        base=base,
        head=head,
        base_commit=git.commit,
        head_commit=git.head_commit,
        store=store_rel,
        documents=documents,
        findings=tuple(f for f in result.findings if f.document is None),
        settings_changed=settings_changed,
        notes=tuple(result.notes),
    )


def _materialise(git: CommitRange, target: Path, docs: list[str]) -> None:
    """Write the store's settings and the touched documents as they are at HEAD."""
    target.mkdir(parents=True)
    rows = git.tree(["provenance.yaml", *docs])
    blobs = git.blobs([blob for mode, blob, _ in rows if mode != "160000"])
    data = iter(blobs)
    for mode, _, path in rows:
        if mode == "160000" or not path:
            continue
        raw = next(data)
        dest = target / path
        dest.parent.mkdir(parents=True, exist_ok=True)
        if mode == "120000":  # a symlink: recreated so that the check reports it
            with contextlib.suppress(OSError):
                os.symlink(raw.decode("utf-8", "surrogateescape"), dest)
            continue
        dest.write_bytes(raw)


def _check(copy: Path, git: CommitRange) -> CheckResult:
    from ..check import run_check

    if not (copy / "provenance.yaml").is_file():
        raise UsageError(f"review: no record store at {git.prefix or '.'} in {git.head}")
    return run_check(copy, use_cache=False, history=git)


def _profile(copy: Path, spec: ProfileSpec) -> Profile:
    from ..errors import ProvenanceError
    from ..interventions import store_profile
    from ..store import Store

    try:
        return store_profile(Store(copy), spec)
    except ProvenanceError:
        from ..interventions import load_profile

        return load_profile(spec if isinstance(spec, str) else None)


def _load_yaml(raw: bytes | None, where: str) -> dict[str, Any] | None:
    from .. import yamlio
    from ..errors import ProvenanceError

    if raw is None:
        return None
    try:
        data = yamlio.loads(raw.decode("utf-8"), where).data
    except (ProvenanceError, UnicodeDecodeError):
        return None
    return data if isinstance(data, dict) else None


def _text(raw: bytes | None) -> str | None:
    if raw is None:
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _compare(
    old: str, new: str, old_label: str, new_label: str, profile: Profile
) -> tuple[DiffResult, Comparison]:
    from ..comparison import classed_diff
    from ..interventions import compare, parse

    result = classed_diff(old, new, profile, old_label=old_label, new_label=new_label)
    ledger = compare(parse(old, profile), parse(new, profile), profile)
    return result, ledger


def _document(
    git: CommitRange,
    copy: Path,
    doc: str,
    files: list[tuple[str, str]],
    result: CheckResult,
    profile: Profile,
) -> DocumentReview:
    head_meta = _load_yaml(git.new_bytes(f"{doc}/document.yaml"), f"{doc}/document.yaml")
    base_meta = _load_yaml(git.old_bytes(f"{doc}/document.yaml"), f"{doc}/document.yaml")
    meta = head_meta or base_meta or {}
    status = "added" if base_meta is None else "deleted" if head_meta is None else "changed"
    versions: list[VersionReview] = []
    metadata: list[MetadataReview] = []
    recorded = _recorded_changes(git, doc)
    for change_status, path in files:
        m = _VERSION.match(path)
        if m and m[4] == "yaml" and change_status == "A":
            versions.append(_new_version(git, copy, m[1], m[2], int(m[3]), profile))
        elif m and m[4] == "txt" and change_status == "M":
            versions.append(_rewritten(git, copy, m[1], m[2], int(m[3]), profile))
        elif (_RECORD.match(path) or (m and m[4] == "yaml")) and change_status == "M":
            metadata.append(_metadata(git, path, recorded))
    prefix = git.prefix
    findings = tuple(f for f in result.findings if f.document == doc)
    return DocumentReview(
        id=doc,
        title=str(meta.get("title", "")),
        status=status,
        versions=tuple(sorted(versions, key=lambda v: (v.stream, v.number))),
        metadata=tuple(metadata),
        files=tuple((s, prefix + p) for s, p in sorted(files, key=lambda f: f[1])),
        findings=findings,
    )


def _new_version(
    git: CommitRange, copy: Path, doc: str, stream: str, number: int, profile: Profile
) -> VersionReview:
    where = f"{doc}/{stream}/v{number}"
    record = _load_yaml(git.new_bytes(where + ".yaml"), where + ".yaml") or {}
    parent = record.get("parent")
    parent = parent if isinstance(parent, int) and parent > 0 else None
    new = _text(_read(copy / f"{where}.txt"))
    if new is None:
        return VersionReview(doc, stream, number, parent, record, None, None, problem="no text")
    if parent is None:
        return VersionReview(doc, stream, number, None, record, None, None)
    old = _text(_read(copy / f"{doc}/{stream}/v{parent}.txt"))
    if old is None:
        return VersionReview(
            doc, stream, number, parent, record, None, None, problem="parent text unreadable"
        )
    diff, ledger = _compare(
        old, new, f"{doc}/{stream}@{parent}", f"{doc}/{stream}@{number}", profile
    )
    return VersionReview(doc, stream, number, parent, record, diff, ledger)


def _rewritten(
    git: CommitRange, copy: Path, doc: str, stream: str, number: int, profile: Profile
) -> VersionReview:
    where = f"{doc}/{stream}/v{number}"
    record = _load_yaml(git.new_bytes(where + ".yaml"), where + ".yaml") or {}
    old = _text(git.old_bytes(where + ".txt"))
    new = _text(_read(copy / f"{where}.txt"))
    ref = f"{doc}/{stream}@{number}"
    if old is None or new is None:
        return VersionReview(
            doc, stream, number, None, record, None, None, rewritten=True, problem="unreadable"
        )
    diff, ledger = _compare(old, new, f"{ref} ({git.ref})", f"{ref} ({git.head})", profile)
    return VersionReview(doc, stream, number, number, record, diff, ledger, rewritten=True)


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes() if not path.is_symlink() else None
    except OSError:
        return None


def _recorded_changes(git: CommitRange, doc: str) -> list[dict[str, Any]]:
    """The metadata changes ``provenance set``/``stream`` recorded in the range."""
    path = f"{doc}/history.yaml"
    new = _load_yaml(git.new_bytes(path), path) or {}
    old = _load_yaml(git.old_bytes(path), path) or {}
    seen = {int(c.get("number", 0)) for c in old.get("changes", []) if isinstance(c, dict)}
    return [
        c
        for c in new.get("changes", [])
        if isinstance(c, dict) and int(c.get("number", 0)) not in seen
    ]


def _metadata(git: CommitRange, path: str, recorded: list[dict[str, Any]]) -> MetadataReview:
    from ..diff import diff_metadata

    old = _load_yaml(git.old_bytes(path), path) or {}
    new = _load_yaml(git.new_bytes(path), path) or {}
    diff = diff_metadata(old, new, old_label=git.ref, new_label=git.head)
    parts = path.split("/")
    stream = parts[1] if len(parts) == 3 and parts[2] == "stream.yaml" else None
    mine = [
        c for c in recorded if (c.get("stream") or None) == stream and not parts[-1].startswith("v")
    ]
    if mine:
        by = tuple(dict.fromkeys(str(c.get("agent", "")) for c in mine if c.get("agent")))
        why = tuple(str(c.get("message", "")) for c in mine if c.get("message"))
    else:
        by, why = tuple(git.authors(path)), ()
    return MetadataReview(git.prefix + path, "M", diff.changes, by, why)
