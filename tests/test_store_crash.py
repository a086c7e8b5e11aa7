"""Crash safety and concurrency of the store's writes.

The crash tests kill a writer (``os._exit``, as abrupt as ``kill -9``: no cleanup runs) just
before each system call that touches the disk, one kill point after another, and after every
kill assert that the store reads back consistently, that the next writer succeeds, and that
``fsck --clean`` leaves nothing behind.  The concurrency test races writers that fail late
against writers that succeed on one new stream."""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from provenance import fsck
from provenance.errors import ProvenanceError
from provenance.model import Agent
from provenance.store import NewStream, Store, StreamSpec

from .conftest import SEED_ID

pytestmark = pytest.mark.skipif(
    sys.platform == "win32" or not hasattr(os, "fork"), reason="needs fork and flock"
)

#: The calls through which the store changes the disk: a kill before any of them is a distinct
#: point of failure (``open`` counts when it creates a file).
_CALLS = ("open", "link", "rename", "replace", "mkdir", "unlink", "rmdir", "fsync", "fchmod")
EDITOR = [Agent("Charles Kraus", "editor")]


def _killed_at(step: int, action: Callable[[], object]) -> int:
    """Run ``action`` in a child process killed just before its ``step``-th disk call;
    return the child's exit status (0: it finished before reaching that step)."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        count = 0
        real_open = os.open

        def wrap(fn: Callable[..., Any]) -> Callable[..., Any]:
            def inner(*args: Any, **kwargs: Any) -> Any:
                nonlocal count
                if fn is not real_open or (len(args) > 1 and args[1] & os.O_CREAT):
                    count += 1
                    if count == step:
                        os._exit(99)
                return fn(*args, **kwargs)

            return inner

        for name in _CALLS:
            setattr(os, name, wrap(getattr(os, name)))
        try:
            action()
        except BaseException:
            os._exit(1)
        os._exit(0)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


def _assert_consistent(root: Path) -> dict[str, list[int]]:
    """Every document, stream and version reads back, every text matches its hash, and only
    known kinds of leftovers are there; returns the version numbers of each stream."""
    store = Store(root)
    numbers = {}
    for doc in store.document_ids():
        for stream in store.stream_ids(doc):
            versions = store.versions(doc, stream)
            for v in versions:
                store.read_bytes(v)
            assert [v.number for v in versions] == list(range(1, len(versions) + 1))
            numbers[f"{doc}/{stream}"] = [v.number for v in versions]
    assert {item.kind for item in fsck.find(root)} <= set(fsck.KINDS)
    return numbers


@pytest.fixture(autouse=True)
def _no_fsync(monkeypatch: pytest.MonkeyPatch) -> None:
    """A killed process loses nothing fsync would keep (that is for power cuts): the kill
    point before each fsync stays, the wait for the disk goes."""
    monkeypatch.setattr(os, "fsync", lambda fd: None)


def _walk_kill_points(
    root: Path, attempt: Callable[[int], object], then: Callable[[int], None]
) -> int:
    step = 1
    while True:
        status = _killed_at(step, lambda s=step: attempt(s))
        assert status in (0, 99), f"the writer failed by itself at step {step} ({status})"
        _assert_consistent(root)
        then(step)
        _assert_consistent(root)
        fsck.clean(root)
        assert fsck.find(root) == []
        if status == 0:
            return step
        step += 1
        assert step < 100, "no end to the kill points"


def test_a_commit_killed_anywhere_never_wedges_the_stream(seed_store: Store) -> None:
    root = seed_store.root
    committed: list[bytes] = []

    def attempt(step: int) -> object:
        return Store(root).commit(
            SEED_ID, "en", f"killed {step}\n".encode(), agents=EDITOR, message="m"
        )

    def then(step: int) -> None:
        store = Store(root)
        text = f"next {step}\n".encode()
        v = store.commit(SEED_ID, "en", text, agents=EDITOR, message="after a crash")
        assert store.read_bytes(v) == text
        assert not fsck.stream_leftovers(v.text_path.parent)  # the writer recovered them
        committed.append(text)

    steps = _walk_kill_points(root, attempt, then)
    assert steps > 5
    store = Store(root)
    kept = [store.read_bytes(v) for v in store.versions(SEED_ID, "en")]
    assert all(text in kept for text in committed)


def test_a_new_stream_killed_anywhere_can_be_made_again(seed_store: Store) -> None:
    root = seed_store.root
    spec = StreamSpec("transcription", "zh")

    def attempt(step: int) -> object:
        return Store(root).commit(
            SEED_ID, f"zh{step}", "公安部\n".encode(), agents=EDITOR, message="m", create=spec
        )

    def then(step: int) -> None:
        store = Store(root)
        stream = f"zh{step}"
        v = store.commit(
            SEED_ID,
            stream,
            f"公安部 {step}\n".encode(),
            agents=EDITOR,
            message="after a crash",
            create=spec,
        )
        assert v.number in (1, 2)
        assert store.stream(SEED_ID, stream).language == "zh"

    assert _walk_kill_points(root, attempt, then) > 5


def test_an_import_killed_anywhere_leaves_no_document(store: Store) -> None:
    root = store.root

    def new(step: int, prefix: str) -> tuple[dict[str, Any], list[NewStream]]:
        meta = {"schema": "provenance/document/1", "id": f"{prefix}-{step}", "title": "T"}
        text = b"[North] Korea\n"
        stream = NewStream("en", "translation", "en", text, EDITOR, "imported", "import")
        return meta, [stream]

    def attempt(step: int) -> object:
        return Store(root).add_document(*new(step, "killed"))

    def then(step: int) -> None:
        doc = Store(root).add_document(*new(step, "next"))
        assert doc.id == f"next-{step}"

    _walk_kill_points(root, attempt, then)
    store = Store(root)
    for doc in store.document_ids():  # killed after its rename, a document is there whole
        assert [v.number for v in store.versions(doc, "en")] == [1]


# -- concurrency ----------------------------------------------------------------------------


def _writer(root: str, index: int, fail: bool, barrier: Any) -> tuple[int, str, int | None]:
    """Commit to the new stream ``zh``; a failing writer dies writing its record."""
    import provenance.store as store_module

    if fail:
        real = store_module.create_exclusive

        def broken(path: Any, data: Any) -> None:
            if str(path).endswith(".yaml") and Path(path).name.startswith("v"):
                raise OSError(28, "No space left on device")
            real(path, data)

        store_module.create_exclusive = broken  # type: ignore[assignment]
    text = f"writer {index}\n".encode()
    barrier.wait()
    try:
        v = Store(Path(root)).commit(
            SEED_ID,
            "zh",
            text,
            agents=[Agent(f"W{index}", "transcriber")],
            message=f"writer {index}",
            create=StreamSpec("transcription", "zh"),
        )
    except ProvenanceError as exc:
        return index, f"error: {exc}", None
    except OSError:
        return index, "failed", None
    return index, hashlib.sha256(text).hexdigest(), v.number


def test_failing_and_succeeding_writers_on_one_new_stream(seed_store: Store) -> None:
    ctx = multiprocessing.get_context("fork")
    plan = [(str(seed_store.root), i, i % 2 == 0, None) for i in range(8)]
    manager = ctx.Manager()
    barrier = manager.Barrier(len(plan))
    with ctx.Pool(len(plan)) as pool:
        results = pool.starmap(_writer, [(r, i, f, barrier) for r, i, f, _ in plan])
    manager.shutdown()
    succeeded = {digest: number for i, digest, number in results if number is not None}
    failed = [r for r in results if r[2] is None]
    assert len(succeeded) == 4, results
    assert all(r[1] == "failed" for r in failed), failed  # never an internal error
    store = Store(seed_store.root)
    versions = store.versions(SEED_ID, "zh")
    # every success told to the user is there, numbered without gaps
    assert sorted(succeeded.values()) == [v.number for v in versions] == [1, 2, 3, 4]
    for v in versions:
        assert succeeded[hashlib.sha256(store.read_bytes(v)).hexdigest()] == v.number
    assert [item.kind for item in fsck.find(seed_store.root)] == []
