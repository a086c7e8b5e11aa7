from __future__ import annotations

import hashlib
import multiprocessing
from pathlib import Path

import pytest

from provenance.errors import (
    ConflictError,
    InputError,
    NotFoundError,
    SchemaError,
    StoreError,
    UnsafePathError,
    UsageError,
    YAMLError,
)
from provenance.model import Agent
from provenance.refs import Ref, check_slug, parse_ref, slugify
from provenance.store import STORE_FILE, Store, find_store

from .conftest import SEED_ID, snapshot

EDITOR = [Agent("Charles Kraus", "editor")]


def _commit(store: Store, data: bytes, **kw: object) -> object:
    args: dict[str, object] = {
        "agents": EDITOR,
        "activity": "revised",
        "message": "fix",
        "date": "2026-11-28",
        "recorded": "2026-11-28T00:00:00Z",
    }
    args.update(kw)
    return store.commit(SEED_ID, "en", data, **args)  # type: ignore[arg-type]


def test_seed_record_reads(seed_store: Store) -> None:
    doc = seed_store.document(SEED_ID)
    assert doc.date == "1961-05-10"
    assert doc.meta["source"] == {"reference": "PRC FMA 118-01026-03", "pages": "69-70"}
    assert doc.meta["acquisition"]["obtained_by"] == ["Shen Zhihua"]
    v1 = seed_store.resolve(f"{SEED_ID}/en@1")
    assert [a.name for a in v1.agents] == ["Jeffrey Wang", "Charles Kraus"]
    assert {a.role for a in v1.agents} == {"translator"}
    data = seed_store.read_bytes(v1)
    assert hashlib.sha256(data).hexdigest() == v1.sha256 and len(data) == v1.size


def test_commit_makes_v2_with_parent(seed_store: Store) -> None:
    v1 = seed_store.resolve(f"{SEED_ID}/en")
    text = seed_store.read_bytes(v1).replace(b"[North] Korea", b"North Korea", 1)
    v2 = _commit(seed_store, text)
    assert v2.number == 2 and v2.parent == 1  # type: ignore[attr-defined]
    assert v2.sha256 != v1.sha256  # type: ignore[attr-defined]
    assert seed_store.resolve(f"{SEED_ID}/en@latest").number == 2
    assert (v1.meta_path.parent / "v2.txt").read_bytes() == text


def test_commit_keeps_bytes_exactly(seed_store: Store) -> None:
    text = "\ufeffLine one\r\nNBSP\u00a0here \u201ccurly\u201d \u4e2d\u6587 \U0001f600\r\n".encode()
    v2 = _commit(seed_store, text)
    assert seed_store.read_bytes(v2) == text  # type: ignore[arg-type]


def test_identical_text_refused(seed_store: Store) -> None:
    v1 = seed_store.resolve(f"{SEED_ID}/en")
    before = snapshot(seed_store.root)
    with pytest.raises(ConflictError, match="identical"):
        _commit(seed_store, seed_store.read_bytes(v1))
    assert snapshot(seed_store.root) == before


@pytest.mark.parametrize(
    ("data", "error", "match"),
    [
        (b"", InputError, "empty"),
        (b"caf\xe9 au lait\n", InputError, "not valid UTF-8"),
    ],
)
def test_bad_text_refused(seed_store: Store, data: bytes, error: type, match: str) -> None:
    before = snapshot(seed_store.root)
    with pytest.raises(error, match=match):
        _commit(seed_store, data)
    assert snapshot(seed_store.root) == before


def test_invalid_utf8_names_line_and_column(seed_store: Store) -> None:
    with pytest.raises(InputError) as info:
        _commit(seed_store, b"ok\nalso ok\nbad \xff here\n", origin="x.txt")
    assert (info.value.line, info.value.column) == (3, 5)


def test_text_left_by_a_killed_commit_is_recovered(seed_store: Store) -> None:
    folder = seed_store.stream(SEED_ID, "en").folder
    v1 = (folder / "v1.txt").read_bytes()
    (folder / "v2.txt").write_bytes(b"a commit killed before its record\n")
    assert [v.number for v in seed_store.versions(SEED_ID, "en")] == [1]  # readers ignore it
    v = _commit(seed_store, b"my text\n")
    assert v.number == 2  # type: ignore[attr-defined]
    assert (folder / "v2.txt").read_bytes() == b"my text\n"
    assert (folder / "v1.txt").read_bytes() == v1
    [item] = seed_store.recovered
    assert item.kind == "orphan-text" and item.path == folder / "v2.txt"
    assert item.sha256 == hashlib.sha256(b"a commit killed before its record\n").hexdigest()


def test_existing_version_is_never_overwritten(
    seed_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rival that links v2.txt between our reading the records and our write (which the
    lock prevents; here simulated) makes the exclusive create fail, never overwrite."""
    import provenance.store as store_module

    folder = seed_store.stream(SEED_ID, "en").folder
    real = store_module.create_exclusive

    def rival_first(path: object, data: object) -> None:
        if str(path).endswith("v2.txt"):
            (folder / "v2.txt").write_bytes(b"someone else's text\n")
        real(path, data)  # type: ignore[arg-type]

    monkeypatch.setattr(store_module, "create_exclusive", rival_first)
    with pytest.raises(ConflictError, match="never overwritten"):
        _commit(seed_store, b"my text\n")
    assert (folder / "v2.txt").read_bytes() == b"someone else's text\n"
    assert not (folder / "v2.yaml").exists()


def test_bad_agent_role_is_a_schema_error(seed_store: Store) -> None:
    before = snapshot(seed_store.root)
    with pytest.raises(SchemaError) as info:
        _commit(seed_store, b"text\n", agents=[Agent("X", "typist")])
    assert info.value.pointer == "/agents/0/role"
    assert snapshot(seed_store.root) == before


def _race(root: str, worker: int, n: int) -> list[int]:
    store = Store(Path(root))
    out = []
    for i in range(n):
        v = store.commit(
            SEED_ID,
            "en",
            f"worker {worker} edit {i}\n".encode(),
            agents=EDITOR,
            activity="revised",
            message=f"w{worker} {i}",
        )
        out.append(v.number)
    return out


def test_racing_commits_never_share_a_number(seed_store: Store) -> None:
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(2) as pool:
        results = pool.starmap(_race, [(str(seed_store.root), w, 8) for w in range(2)])
    numbers = sorted(n for r in results for n in r)
    assert numbers == list(range(2, 18))
    fresh = Store(seed_store.root)
    versions = fresh.versions(SEED_ID, "en")
    assert [v.number for v in versions] == list(range(1, 18))
    assert all(v.parent == v.number - 1 for v in versions[1:])
    for v in versions:
        fresh.read_bytes(v)  # every text matches its hash


def test_tampered_text_is_detected(seed_store: Store) -> None:
    v1 = seed_store.resolve(SEED_ID)
    v1.text_path.write_bytes(v1.text_path.read_bytes().replace(b"Andong", b"Andung", 1))
    with pytest.raises(StoreError, match="no longer matches"):
        seed_store.read_bytes(v1)


def test_malformed_document_yaml(seed_store: Store) -> None:
    path = seed_store.root / SEED_ID / "document.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("type: cable", "type: [cable"), encoding="utf-8"
    )
    with pytest.raises(YAMLError) as info:
        Store(seed_store.root).document(SEED_ID)
    assert info.value.path and info.value.path.endswith("document.yaml")
    assert info.value.line is not None


def test_schema_violation_names_pointer_and_line(seed_store: Store) -> None:
    path = seed_store.root / SEED_ID / "document.yaml"
    text = path.read_text(encoding="utf-8").replace("  pages: 69-70", "  pages: 69-70\n  shelf: 3")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SchemaError) as info:
        Store(seed_store.root).document(SEED_ID)
    assert info.value.pointer == "/source/shelf"  # the unknown field itself, at its line
    lines = text.splitlines()
    assert info.value.line == lines.index("  shelf: 3") + 1
    assert "unknown field 'shelf'" in str(info.value)


@pytest.mark.parametrize("bad", ["../../etc", "a/b", "..", "A B", "-x", "x" * 200, ""])
def test_unsafe_ids_refused(bad: str) -> None:
    with pytest.raises((UnsafePathError, UsageError)):
        check_slug(bad)


@pytest.mark.parametrize("bad", ["../../etc", "../x/en@1", "doc/../en", "doc/en@1/x"])
def test_unsafe_refs_refused(bad: str) -> None:
    with pytest.raises((UnsafePathError, UsageError)):
        parse_ref(bad)


def test_parse_ref_forms() -> None:
    assert parse_ref("doc") == Ref("doc")
    assert parse_ref("doc/en") == Ref("doc", "en")
    assert parse_ref("doc/en@2") == Ref("doc", "en", 2)
    assert parse_ref("doc/en@v2") == Ref("doc", "en", 2)
    assert parse_ref("doc/en@latest") == Ref("doc", "en", None)
    with pytest.raises(UsageError):
        parse_ref("doc/en@0")
    with pytest.raises(UsageError):
        parse_ref("doc@2")


def test_slugify() -> None:
    title = "1961-05-10 Cable, Ministry of Public Security"
    assert slugify(title, 30) == "1961-05-10-cable-ministry-of"
    assert slugify("Лист Мао Цзэдуну") == "document"


def test_not_found_lists_what_exists(seed_store: Store) -> None:
    with pytest.raises(NotFoundError, match=SEED_ID):
        seed_store.document("nope")
    with pytest.raises(NotFoundError, match="streams here: en"):
        seed_store.stream(SEED_ID, "zh")
    with pytest.raises(NotFoundError, match="it has @1"):
        seed_store.version(SEED_ID, "en", 5)


def test_find_store_walks_up_and_honours_env(
    seed_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    monkeypatch.delenv("PROVENANCE_RECORDS", raising=False)
    assert find_store(start=deep).root == seed_store.root
    assert find_store(start=seed_store.root / SEED_ID).root == seed_store.root
    other = Store.init(tmp_path / "elsewhere")
    monkeypatch.setenv("PROVENANCE_RECORDS", str(other.root))
    assert find_store(start=deep).root == other.root
    assert find_store(seed_store.root, start=deep).root == seed_store.root


def test_no_store_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PROVENANCE_RECORDS", raising=False)
    with pytest.raises(StoreError, match="no record store found"):
        find_store(start=tmp_path)


def test_init_refuses_existing_store(store: Store) -> None:
    assert (store.root / STORE_FILE).is_file()
    with pytest.raises(ConflictError):
        Store.init(store.root)


def test_new_stream_and_first_version(seed_store: Store) -> None:
    seed_store.create_stream(SEED_ID, "zh", kind="transcription", language="zh")
    seed_store.create_stream(SEED_ID, "en-2", kind="translation", language="en", translates="zh")
    v = seed_store.commit(
        SEED_ID,
        "zh",
        "公安部党委\n".encode(),
        agents=[Agent("A", "transcriber")],
        activity="transcribed",
        message="first transcription",
    )
    assert v.number == 1 and v.parent is None
    with pytest.raises(NotFoundError):
        seed_store.create_stream(SEED_ID, "fr", kind="translation", language="fr", translates="ru")
    with pytest.raises(ConflictError):
        seed_store.create_stream(SEED_ID, "zh", kind="transcription", language="zh")


def test_symlinked_document_outside_store_refused(seed_store: Store, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (seed_store.root / "evil").symlink_to(outside, target_is_directory=True)
    with pytest.raises(UnsafePathError):
        seed_store.document("evil")
