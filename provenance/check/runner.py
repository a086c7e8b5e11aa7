"""Running a check: walk the store, analyse each file (from the cache where its bytes are
known), run the cross-file rules, and collect every finding.  Nothing stops at the first.

Two layers of cache, both keyed by content: a *document* whose files all hash as before (under
the same settings and rules) gives back its findings at once; otherwise each of its files is
looked up on its own, and only files never seen are parsed and validated, by a pool of
processes when there are many.
"""

from __future__ import annotations

import functools
import gc
import hashlib
import json
import os
import time
from array import array
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

from ..errors import InputError, ProvenanceError, StoreError, UsageError
from ..layout import STORE_FILE
from . import analyse
from .cache import Cache, code_fingerprint
from .config import CheckConfig, active_rules, configured_codes, load_config
from .context import (
    DocumentContext,
    HistoryContext,
    MetaContext,
    Settings,
    StoreEntry,
    StreamContext,
    TextEntry,
    VersionEntry,
)
from .findings import CheckResult, Finding, Rule, Severity, Stats
from .registry import rules_in
from .walk import RACY_SECONDS, DocumentFolder, Listings, walk

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

    from ..store import Store
    from .context import TextContext
    from .gitsince import GitHistory

    #: What a rule function is given, by scope.
    RuleContext = (
        MetaContext | TextContext | StreamContext | DocumentContext | HistoryContext | StoreEntry
    )

#: A pool of processes is used only when asked for (``workers``, ``--jobs N``): on the
#: 2-core machines it was measured on (bench/check_bench.py) it never paid for itself once
#: the documents were checked in batches (1,000 documents: 2.65 s alone, 3.65 s with two
#: processes), since shipping each file's bytes and results between processes costs about
#: what analysing it does.  Kept for machines with more cores.
POOL_MIN_FILES = 2000
#: Documents are read, analysed and checked this many at a time, and then let go: the
#: memory a check needs does not grow with the number of documents.
BATCH = 200

Progress = Callable[[int, int], None]


def _read(path: str | Path, *, follow: bool = True) -> tuple[bytes | None, InputError | None]:
    """A file's bytes, or the error; with ``follow=False`` a symlink is refused, not read."""
    try:
        fd = os.open(path, os.O_RDONLY | (0 if follow else getattr(os, "O_NOFOLLOW", 0)))
        with os.fdopen(fd, "rb") as fh:
            return fh.read(), None
    except OSError as exc:
        return None, InputError(f"cannot read file: {exc.strerror or exc}")


@dataclass
class _Job:
    """One file: its kind (a metadata kind or ``text``), bytes, hash and analysis."""

    kind: str
    path: str
    rel: str
    raw: bytes | None = None
    error: InputError | None = None
    sha256: str = "-"
    key: str = ""
    stream_kind: str = ""
    language: str = ""
    latest: bool = False
    result: dict[str, Any] | None = None


@dataclass
class _Document:
    """A document folder's files, read and hashed, and its document-level cache key."""

    folder: DocumentFolder
    jobs: dict[str, _Job]
    key: str


@dataclass
class _Run:
    root: Path
    settings: Settings
    rules: dict[str, Rule]
    cache: Cache
    workers: int | None
    progress: Progress | None
    configured: set[str] = field(default_factory=set)
    findings: list[Finding] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    done: int = 0
    total: int = 0
    cached: int = 0
    analysed: int = 0
    pooled: int = 1
    pool: ProcessPoolExecutor | None = None
    prefix: str = ""
    by_scope: dict[str, list[Rule]] = field(default_factory=dict)
    recent_ns: int = 0

    def __post_init__(self) -> None:
        self.recent_ns = time.time_ns() - int(RACY_SECONDS * 1e9)
        parent = str(self.root.parent)
        self.prefix = parent if parent.endswith(os.sep) else parent + os.sep
        for scope in ("folder", "stream", "store", "history"):
            self.by_scope[scope] = [r for r in rules_in(scope) if r.code in self.rules]

    def rel(self, path: Path | str) -> str:
        """``path`` relative to the store's parent folder, with ``/`` (for every report)."""
        text = os.fspath(path)
        if text.startswith(self.prefix):
            text = text[len(self.prefix) :]
        return text.replace(os.sep, "/") if os.sep != "/" else text

    # -- findings ---------------------------------------------------------------------------

    def add(
        self,
        code: str,
        message: str,
        file: str,
        line: int | None,
        pointer: str | None,
        document: str | None,
        severity: str | None = None,
        column: int | None = None,
    ) -> None:
        rule = self.rules.get(code)
        if rule is None:
            return
        level = rule.severity
        if severity is not None and code not in self.configured:
            level = Severity(severity)
        self.findings.append(
            Finding(file, line, code, level, message, pointer, document, column if line else None)
        )

    def add_rows(self, rows: Iterable[list[Any]], file: str, document: str | None) -> None:
        for code, message, pointer, line, severity in rows:
            self.add(code, message, file, line, pointer, document, severity)

    def add_cached(self, rows: list[list[Any]], document: str) -> None:
        """A document's findings as the cache keeps them (see :func:`_check_batch`)."""
        for code, message, file, line, pointer, severity, column in rows:
            self.findings.append(
                Finding(file, line, code, Severity(severity), message, pointer, document, column)
            )

    def run_rules(self, scope: str, ctx: RuleContext, file: str, document: str | None) -> None:
        for rule in self.by_scope[scope]:
            assert rule.func is not None
            for raw in rule.func(ctx):
                self.add(
                    rule.code,
                    raw.message,
                    raw.file or file,
                    raw.line,
                    raw.pointer,
                    document,
                    raw.severity,
                    raw.column,
                )

    # -- reading and analysing files --------------------------------------------------------

    def read(self, job: _Job) -> None:
        job.raw, job.error = _read(job.path)
        self.files.append(job.rel)
        if job.raw is not None:
            job.sha256 = hashlib.sha256(job.raw).hexdigest()
        self.tick()

    def analyse(self, jobs: list[_Job]) -> None:
        """Fill in each job's result: from the cache, else computed here or in a pool."""
        todo = []
        for job in jobs:
            if job.raw is None:
                continue
            if job.kind == "text":
                job.key = f"t|{job.sha256}|{int(job.latest)}|{job.stream_kind}|{job.language}"
            else:
                job.key = f"m|{job.kind}|{job.sha256}"
            job.result = self.cache.get(job.key)
            if job.result is None:
                todo.append(job)
            else:
                self.cached += 1
        self.analysed += len(todo)
        if not todo:
            return
        workers = self.workers if self.workers is not None else _auto_workers(len(todo))
        if workers > 1 or self.pool is not None:
            results = self.in_pool(todo, workers)
        else:
            results = [_analyse_here(j, self.settings, self.rules) for j in todo]
        for job, result in zip(todo, results, strict=True):
            job.result = result
            self.cache.put(job.key, result)

    def in_pool(self, jobs: list[_Job], workers: int) -> list[dict[str, Any]]:
        """Analyse in worker processes (started once per run, on the first large batch)."""
        if self.pool is None:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            methods = multiprocessing.get_all_start_methods()
            context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
            self.pool = ProcessPoolExecutor(
                workers,
                mp_context=context,
                initializer=analyse.init_worker,
                initargs=(self.settings,),
            )
            self.pooled = workers
        payload = [(j.kind, j.raw or b"", j.rel, j.stream_kind, j.language, j.latest) for j in jobs]
        chunk = max(1, min(256, len(payload) // (self.pooled * 8)))
        return list(self.pool.map(analyse.analyse_job, payload, chunksize=chunk))

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown()
            self.pool = None

    def tick(self) -> None:
        self.done += 1
        if self.progress is not None and (self.done % 250 == 0 or self.done == self.total):
            self.progress(self.done, self.total)

    def meta_facts(self, job: _Job, document: str) -> dict[str, Any] | None:
        """Report a metadata file's findings; return its facts."""
        if job.error is not None:
            self.add("yaml-malformed", job.error.message, job.rel, None, None, document)
            return None
        assert job.result is not None
        self.add_rows(job.result["f"], job.rel, document)
        facts: dict[str, Any] | None = job.result["facts"]
        return facts

    # -- documents --------------------------------------------------------------------------

    def signature(self, folder: DocumentFolder) -> tuple[str, list[str]] | None:
        """A digest of the document's files as they stand on disk (the path, size,
        modification and change times and inode of each: what git's index trusts), with
        their paths; None when a file cannot be looked at or was touched in the last
        :data:`RACY_SECONDS` (a change within the same tick of the clock could otherwise go
        unseen)."""
        paths = [folder.document_file]
        if folder.history_file is not None:
            paths.append(folder.history_file)
        for stream in folder.streams:
            if stream.stream_file is not None:
                paths.append(stream.stream_file)
            paths += stream.records.values()
            paths += stream.texts.values()
        recent = self.recent_ns
        try:
            stats = list(map(os.lstat, paths))
        except OSError:
            return None
        numbers: list[int] = []
        inodes: list[int] = []
        for st in stats:
            if st.st_mtime_ns > recent or st.st_ctime_ns > recent:
                return None
            numbers += (st.st_size, st.st_mtime_ns, st.st_ctime_ns)
            inodes.append(st.st_ino)
        cut = len(self.prefix)
        if os.sep == "/" and all(path.startswith(self.prefix) for path in paths):
            rels = [path[cut:] for path in paths]
        else:
            rels = [self.rel(path) for path in paths]
        try:
            packed = array("q", numbers).tobytes() + array("Q", inodes).tobytes()
        except OverflowError:
            return None
        digest = hashlib.blake2b("\0".join(rels).encode() + packed, digest_size=16)
        return digest.hexdigest(), rels

    def read_document(self, folder: DocumentFolder, rules_key: str) -> _Document:
        jobs = {
            folder.document_file: _Job(
                "document", folder.document_file, self.rel(folder.document_file)
            )
        }
        if folder.history_file is not None:
            jobs[folder.history_file] = _Job(
                "history", folder.history_file, self.rel(folder.history_file)
            )
        for stream in folder.streams:
            if stream.stream_file is not None:
                jobs[stream.stream_file] = _Job(
                    "stream", stream.stream_file, self.rel(stream.stream_file)
                )
            for path in stream.records.values():
                jobs[path] = _Job("version", path, self.rel(path))
            latest = max([*stream.records, *stream.texts], default=0)
            for number, path in stream.texts.items():
                jobs[path] = _Job("text", path, self.rel(path), latest=number == latest)
        digest = hashlib.sha256(rules_key.encode())
        for job in jobs.values():
            self.read(job)
            digest.update(f"\n{job.kind}\0{job.rel}\0{job.sha256}".encode())
        return _Document(folder, jobs, "d|" + digest.hexdigest())

    def check_documents(self, docs: list[_Document]) -> None:
        """Analyse the files of documents the document cache did not know, then run the
        cross-file rules on them."""
        metas = [j for d in docs for j in d.jobs.values() if j.kind != "text"]
        self.analyse(metas)
        facts: dict[str, dict[str, Any] | None] = {}
        for doc in docs:
            for job in doc.jobs.values():
                if job.kind != "text":
                    facts[job.path] = self.meta_facts(job, doc.folder.id)
        for doc in docs:
            for stream in doc.folder.streams:
                sfacts = facts.get(stream.stream_file or "") or {}
                for path in stream.texts.values():
                    job = doc.jobs[path]
                    job.stream_kind = str(sfacts.get("kind", ""))
                    job.language = str(sfacts.get("language", ""))
        self.analyse([j for d in docs for j in d.jobs.values() if j.kind == "text"])
        for doc in docs:
            for job in doc.jobs.values():
                if job.kind != "text":
                    continue
                if job.error is not None:
                    self.add(
                        "text-unreadable", job.error.message, job.rel, None, None, doc.folder.id
                    )
                elif job.result is not None:
                    self.add_rows(job.result["f"], job.rel, doc.folder.id)
            self.cross_file(doc, facts)

    def cross_file(self, doc: _Document, facts: dict[str, dict[str, Any] | None]) -> None:
        folder = doc.folder
        doc_rel = self.rel(folder.document_file)
        stream_ids = tuple(s.id for s in folder.streams)
        all_records = {
            stream.id: tuple(
                VersionEntry(n, doc.jobs[p].rel, facts.get(p))
                for n, p in sorted(stream.records.items())
            )
            for stream in folder.streams
        }
        self.run_rules(
            "folder",
            DocumentContext(
                folder.id,
                self.rel(folder.path),
                doc_rel,
                facts.get(folder.document_file),
                stream_ids,
                stream_files={
                    s.id: self.rel(s.stream_file) if s.stream_file else None for s in folder.streams
                },
                stream_facts={
                    s.id: facts.get(s.stream_file) if s.stream_file else None
                    for s in folder.streams
                },
                records=all_records,
                text_paths={s.id: dict(s.texts) for s in folder.streams},
            ),
            doc_rel,
            folder.id,
        )
        for stream in folder.streams:
            records = all_records[stream.id]
            texts = tuple(
                TextEntry(
                    n,
                    doc.jobs[p].rel,
                    doc.jobs[p].sha256,
                    len(doc.jobs[p].raw or b""),
                    doc.jobs[p].raw,
                )
                for n, p in sorted(stream.texts.items())
                if doc.jobs[p].raw is not None
            )
            stream_rel = self.rel(stream.stream_file) if stream.stream_file else None
            ctx = StreamContext(
                folder.id,
                stream.id,
                self.rel(stream.path),
                stream_rel,
                facts.get(stream.stream_file) if stream.stream_file else None,
                records,
                texts,
                stream_ids,
            )
            self.run_rules("stream", ctx, stream_rel or self.rel(stream.path), folder.id)


def _check_batch(run: _Run, cache: Cache, docs: list[_Document]) -> None:
    """Check documents the document cache did not know, remember their findings by document,
    and let go of their files' bytes."""
    if not docs:
        return
    before = len(run.findings)
    run.check_documents(docs)
    by_doc: dict[str | None, list[list[Any]]] = {d.folder.id: [] for d in docs}
    for f in run.findings[before:]:
        by_doc.setdefault(f.document, []).append(
            [f.code, f.message, f.file, f.line, f.pointer, f.severity.value, f.column]
        )
    for doc in docs:
        cache.put(doc.key, by_doc[doc.folder.id])
        for job in doc.jobs.values():
            job.raw = None
            job.result = None


def _analyse_here(job: _Job, settings: Settings, rules: Mapping[str, Rule]) -> dict[str, Any]:
    """One file's analysis.  A metadata file's is kept for this run only (see
    :data:`~.cache.RUN_KEYS`), so the rules this run does not use are not run on it; a
    text's is kept across runs and has every rule's findings."""
    assert job.raw is not None
    if job.kind == "text":
        return analyse.lint_text(
            job.raw, job.rel, job.stream_kind, job.language, settings, job.latest
        )
    return analyse.analyse_meta(job.kind, job.raw, job.rel, settings, rules)


def _auto_workers(count: int) -> int:
    """One process: see :data:`POOL_MIN_FILES`."""
    return 1


# -- the check -------------------------------------------------------------------------------


def _scope(root: Path, paths: Sequence[str | Path]) -> set[str] | None:
    """The document ids the given paths name (None: the whole store)."""
    if not paths:
        return None
    real_root = Path(os.path.realpath(root))
    ids: set[str] = set()
    for given in paths:
        path = Path(os.path.abspath(given))
        if not os.path.lexists(path):
            raise UsageError("no such file or folder", path=given)
        try:
            parts = path.relative_to(root).parts
        except ValueError:
            try:
                parts = Path(os.path.realpath(path)).relative_to(real_root).parts
            except ValueError:
                raise UsageError(f"is outside the record store {root}", path=given) from None
        if not parts or parts[0] == STORE_FILE:
            return None
        ids.add(parts[0])
    return ids


def _settings_key(settings: Settings) -> str:
    """What, besides a file's bytes, its analysis depends on: the store settings, and the
    bytes of any profile file they name."""
    files = {}
    for value in _strings(settings.interventions):
        if value.endswith((".yaml", ".yml")):
            path = Path(settings.root) / value
            real = os.path.realpath(path)
            if not real.startswith(os.path.realpath(settings.root).rstrip(os.sep) + os.sep):
                continue  # never read: loading the profile refuses it, with a finding
            raw, _ = _read(path)
            files[value] = hashlib.sha256(raw or b"").hexdigest()
    return json.dumps(
        {"config": settings.config, "style": settings.citation_style, "files": files},
        sort_keys=True,
        default=str,
    )


def _strings(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _rules_key(rules: dict[str, Rule], configured: set[str]) -> str:
    return json.dumps([[c, r.severity.value, c in configured] for c, r in rules.items()])


_P = ParamSpec("_P")
_R = TypeVar("_R")


def _fewer_collections(func: Callable[_P, _R]) -> Callable[_P, _R]:
    """Run ``func`` with the cyclic garbage collector running rarely.  A check makes
    hundreds of thousands of small containers (parsed records, findings) that hold no
    cycles, while its cache keeps many alive: the collector's full passes over them cost a
    tenth of a cold check of 10,000 documents, and found nothing to free."""

    @functools.wraps(func)
    def wrapper(*args: _P.args, **kw: _P.kwargs) -> _R:
        previous = gc.get_threshold()
        gc.set_threshold(50_000, 50, 1_000)
        try:
            return func(*args, **kw)
        finally:
            gc.set_threshold(*previous)

    return wrapper


@_fewer_collections
def run_check(
    store: str | Path | Store,
    paths: Sequence[str | Path] = (),
    *,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    config: CheckConfig | None = None,
    since: str | None = None,
    published: str | bool | None = None,
    history: GitHistory | None = None,
    use_cache: bool = True,
    cache_folder: Path | None = None,
    workers: int | None = None,
    progress: Progress | None = None,
) -> CheckResult:
    """Check a store (a folder or a :class:`~provenance.store.Store`) and return every finding.

    ``paths`` limits the check to the documents they lie in; ``since`` (a git reference) to
    the documents changed since it.  Inside a git work tree every published version (present
    in the published reference: ``since``, else ``published`` when a string, else the store's
    ``check.published_ref`` as committed at HEAD, else ``HEAD``) is compared with the work
    tree by the history rules; ``published=False`` turns that off.  ``history`` gives the
    comparison ready-made (``provenance review`` compares two commits).  Outside git the result's
    ``notes`` say what could not be verified.  ``select``/``ignore`` are rule
    patterns as on the command line.  ``workers`` forces the number of processes (default:
    one; see :data:`POOL_MIN_FILES`).  ``progress(done, total)`` is called now and then.
    Raises :class:`~provenance.errors.ProvenanceError` only when the check cannot run.
    """
    started = time.perf_counter()
    root = Path(store if isinstance(store, (str, os.PathLike)) else store.root).absolute()
    if not root.is_dir():
        raise StoreError("no such record store (folder not found)", path=root)
    store_path = root / STORE_FILE
    if not store_path.is_file():
        raise StoreError(f"not a record store (no {STORE_FILE})", path=root)
    only = _scope(root, paths)

    # The store's settings come first: they decide the rules.
    store_rel = store_path.relative_to(root.parent).as_posix()
    # A provenance.yaml that is a symlink is reported by the walk and never followed.
    store_raw, read_error = (None, None) if store_path.is_symlink() else _read(store_path)
    store_error: ProvenanceError | None = read_error
    store_doc = None
    if store_raw is not None:
        store_doc, store_error = analyse.parse_meta(store_raw, store_rel)
    store_config = (
        store_doc.data if store_doc is not None and isinstance(store_doc.data, dict) else None
    )
    gate_from_ref = config is None
    if config is None:
        config = load_config(root, store_config, store_doc, store_rel)
    config = config.with_cli(select, ignore)
    rules = active_rules(config)
    notes: tuple[str, ...] = ()
    if history is None:
        history, notes = _open_history(root, since, published, config)
    if history is not None and gate_from_ref:
        _gate_rules(rules, history, root, store_rel, select, ignore)
    if history is not None and since is None:
        history.start()  # git compares while the store is read
    configured = configured_codes(config)
    profile = None
    if any(r.origin == "provenance.interventions" for r in rules.values()):
        from ..interventions import load_profile

        profile = load_profile(config=store_config or {}, root=root)
    settings = Settings(
        config=store_config or {},
        citation_style=config.citation_style,
        root=str(root),
        profile=profile,
    )

    changes: list[Any] = []
    if since is not None and history is not None:
        changes = history.changes()
        changed = {c.path.split("/", 1)[0] for c in changes if "/" in c.path}
        # When the settings changed, every document may be affected: check them all.
        if not any(c.path == STORE_FILE for c in changes):
            only = changed if only is None else only & changed

    fingerprint = hashlib.sha256(
        (code_fingerprint() + _settings_key(settings)).encode()
    ).hexdigest()
    cache = Cache.for_store(root, fingerprint, cache_folder) if use_cache else Cache.disabled()
    run = _Run(root, settings, rules, cache, workers, progress, configured)
    listings = Listings(root, cache.get, cache.put) if cache.enabled else None
    found = walk(root, run.rel, only, listings)
    found.entries += [
        StoreEntry("leftover", run.rel(item.path), f"{item.kind}: {item.reason}")
        for item in found.leftovers
    ]

    run.files.append(store_rel)
    if store_error is not None:
        run.add("yaml-malformed", store_error.message, store_rel, store_error.line, None, None)
    else:
        # by the file's bytes (the settings and the code are in the cache's fingerprint)
        key = "p|" + (hashlib.sha256(store_raw).hexdigest() if store_raw is not None else "-")
        rows = cache.get(key)
        if rows is None:
            ctx = MetaContext("store", store_doc, None, settings)
            rows = []
            for rule in rules_in("meta"):
                assert rule.func is not None
                rows += analyse.to_rows(rule.code, rule.func(ctx), store_doc)
            cache.put(key, rows)
        run.add_rows(rows, store_rel, None)

    # Documents: whole from the document cache, or file by file.
    run.total = sum(
        1
        + (d.history_file is not None)
        + sum((s.stream_file is not None) + len(s.records) + len(s.texts) for s in d.streams)
        for d in found.documents
    )
    rules_key = _rules_key(rules, configured)
    rules_digest = hashlib.sha256(rules_key.encode()).hexdigest()[:16]
    todo: list[_Document] = []
    try:
        for folder in found.documents:
            signed = run.signature(folder) if cache.enabled else None
            if signed is not None:  # files untouched since a run that knew the document
                known = cache.get("s|" + folder.id)
                rows = None
                if isinstance(known, list) and known[:2] == [rules_digest, signed[0]]:
                    rows = cache.get(known[2])
                if rows is not None:
                    for rel in signed[1]:
                        run.files.append(rel)
                        run.tick()
                    run.cached += len(signed[1])
                    run.add_cached(rows, folder.id)
                    continue
            doc = run.read_document(folder, rules_key)
            if signed is not None:
                cache.put("s|" + folder.id, [rules_digest, signed[0], doc.key])
            rows = cache.get(doc.key)
            if rows is None:
                todo.append(doc)
                if len(todo) >= BATCH:
                    _check_batch(run, cache, todo)
                    todo = []
                continue
            run.cached += len(doc.jobs)
            run.add_cached(rows, folder.id)
        _check_batch(run, cache, todo)
    finally:
        run.close()

    for entry in found.entries:
        document = entry.file.split("/")[1] if entry.file.count("/") >= 2 else None
        run.run_rules("store", entry, entry.file, document)
    if history is not None:
        if since is None:
            changes = history.changes(untracked=False)
        _history(run, history, changes)
        _locate_fixity(run, history)

    cache.save()
    return CheckResult(
        store=run.rel(root) if root.parent != root else str(root),
        findings=tuple(sorted(run.findings, key=Finding.sort_key)),
        rules=tuple(rules.values()),
        stats=Stats(
            documents=len(found.documents),
            files=len(run.files),
            cached=run.cached,
            analysed=run.analysed,
            workers=run.pooled,
            seconds=round(time.perf_counter() - started, 3),
        ),
        since=since,
        published=history.ref if history is not None else None,
        notes=notes,
        checked_files=tuple(sorted(run.files)),
        checked_documents=tuple(sorted(d.id for d in found.documents)),
    )


def _open_history(
    root: Path, since: str | None, published: str | bool | None, config: CheckConfig
) -> tuple[GitHistory | None, tuple[str, ...]]:
    """The git reference published versions are compared with, or None and why not."""
    from .gitsince import GitHistory, GitUnavailable, batch, resolve_commit, work_tree_top

    if since is not None:
        return GitHistory(root, since, option="--since"), ()
    if isinstance(published, str):
        return GitHistory(root, published, option="--published"), ()
    if published is False:
        return None, ()
    try:
        top = work_tree_top(root.resolve())
    except GitUnavailable as exc:
        return None, (
            f"published history not verified ({exc}): each text was checked against its "
            "recorded sha256 only, so a text rewritten together with its record goes unseen",
        )
    # The gate's own setting is read as committed, so that a commit cannot loosen it.
    prefix = root.resolve().relative_to(top).as_posix()
    store_path = STORE_FILE if prefix == "." else f"{prefix}/{STORE_FILE}"
    head, committed = batch(top, ["HEAD^{commit}", f"HEAD:{store_path}"])
    if head is None:
        return None, ("nothing is published yet: the repository has no commit",)
    ref = config.published_ref
    if committed is not None:
        doc = analyse.parse_meta(committed[1], STORE_FILE)[0]
        data = doc.data if doc is not None else None
        section = data.get("check") if isinstance(data, dict) else None
        value = section.get("published_ref") if isinstance(section, dict) else None
        ref = value if isinstance(value, str) and value else None
    if not ref or ref == "HEAD":
        history = GitHistory(root, "HEAD", option="published_ref", top=top, commit=head[0])
        history.remember(STORE_FILE, committed[1] if committed is not None else None)
        return history, ()
    commit = resolve_commit(top, ref)
    if commit is None:
        raise UsageError(
            f"published_ref {ref!r} is not a commit, branch or tag in this repository: "
            "fetch it (git fetch origin), or pass --published REF"
        )
    return GitHistory(root, ref, option="published_ref", top=top, commit=commit), ()


def _gate_rules(
    rules: dict[str, Rule],
    history: GitHistory,
    root: Path,
    store_rel: str,
    select: Sequence[str],
    ignore: Sequence[str],
) -> None:
    """The history rules run as the *published* settings select them: a change to
    ``provenance.yaml`` cannot switch off the rules that judge that same change."""
    raw = history.old_bytes(STORE_FILE)
    if raw is None:
        return
    doc = analyse.parse_meta(raw, store_rel)[0]
    if doc is None or not isinstance(doc.data, dict):
        return
    try:
        published = load_config(root, doc.data, doc, f"{history.ref}:{store_rel}")
        gate = active_rules(published.with_cli(select, ignore))
    except ProvenanceError:
        return  # a broken published setting: the work tree's (valid) settings decide
    for code in [c for c, r in rules.items() if r.scope == "history"]:
        del rules[code]
    for code, rule in gate.items():
        if rule.scope == "history":
            rules[code] = rule


def _history(run: _Run, history: GitHistory, changes: Sequence[Any]) -> None:
    label = history.ref
    for change in changes:
        if not change.is_version_file or change.status not in ("M", "D", "T"):
            continue
        path = run.root / change.path
        rel = run.rel(path)
        old = new = None
        old_raw = history.old_bytes(change.path)
        # never through a symlink: its target (outside the store, say) would be quoted
        new_raw = _read(path, follow=False)[0] if change.status != "D" else None
        if change.path.endswith(".yaml"):
            old = analyse.parse_meta(old_raw, rel)[0] if old_raw is not None else None
            new = analyse.parse_meta(new_raw, rel)[0] if new_raw is not None else None
        ctx = HistoryContext(rel, change.status, old, new, old_raw, new_raw, label)
        for rule in run.by_scope["history"]:
            assert rule.func is not None
            for raw in rule.func(ctx):
                line = raw.line
                if line is None and new is not None and raw.pointer:
                    line = new.line_of(raw.pointer)
                run.add(
                    rule.code,
                    raw.message,
                    rel,
                    line,
                    raw.pointer,
                    change.path.split("/", 1)[0],
                    column=raw.column,
                )


def _locate_fixity(run: _Run, history: GitHistory) -> None:
    """Point each ``fixity-mismatch`` on a published text at its first changed line and
    column, from the text as published."""
    from .locate import first_difference

    store_prefix = run.rel(run.root) + "/"
    for i, f in enumerate(run.findings):
        if f.code != "fixity-mismatch" or not f.file.endswith(".txt") or f.line:
            continue
        inside = f.file[len(store_prefix) :] if f.file.startswith(store_prefix) else None
        if inside is None:
            continue
        old = history.old_bytes(inside)
        new = _read(run.root / inside)[0]
        if old is None or new is None:
            continue
        diff = first_difference(old, new)
        if diff is None:
            continue
        run.findings[i] = replace(
            f,
            line=diff.line,
            column=diff.column,
            message=f"{f.message} ({diff.describe()} since {history.ref})",
        )


__all__ = ["POOL_MIN_FILES", "run_check"]
