"""Version-level lineage (commit --from), stream and set: validated, recorded, shown by log;
bad input exits 2 and leaves the store as it was."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from provenance.errors import ConflictError, SchemaError, UsageError
from provenance.lineage import VersionRef, made_from, resolve_from, translation_states
from provenance.metaedit import MISSING, change_stream, coerce, history, set_fields
from provenance.model import Agent
from provenance.store import Store

from .conftest import SEED_ID, snapshot

ZH1 = "公安部党委关于朝鲜族居民越境情况的报告\n\n五月九日夜，辽宁省公安厅电报称。\n".encode()
ZH2 = "公安部党委关于朝鲜族居民越境情况的报告\n\n五月九日夜，辽宁省公安厅来电报告称。\n".encode()
EDITOR = [Agent("Shen Zhihua", "transcriber")]


def _with_zh(store: Store) -> Store:
    store.create_stream(SEED_ID, "zh", kind="transcription", language="zh")
    store.commit(SEED_ID, "zh", ZH1, agents=EDITOR, activity="transcribed", message="Transcribed")
    return store


def test_version_ref_round_trips() -> None:
    assert str(VersionRef.from_string("zh@2")) == "zh@2"
    assert VersionRef.from_string("zh@v3") == VersionRef("zh", 3)
    for bad in ("zh", "zh@0", "zh@x", "@2", "a/b@1", "ZH@1"):
        with pytest.raises(UsageError):
            VersionRef.from_string(bad)


def test_link_then_commit_records_the_original_version(seed_store: Store) -> None:
    store = _with_zh(seed_store)
    change = change_stream(
        store, SEED_ID, "en", agent="Charles Kraus", message="Link", translates="zh"
    )
    assert [f.field for f in change.fields] == ["translates", "lineage"]
    assert "the latest of zh" in change.notes[0]
    en = store.stream(SEED_ID, "en")
    assert en.translates == "zh"
    assert made_from(en, store.version(SEED_ID, "en", 1)) == "zh@1"
    store.commit(SEED_ID, "zh", ZH2, agents=EDITOR, activity="corrected", message="Fix")
    (state,) = translation_states(store, SEED_ID)
    assert state.stale and state.made_from == "zh@1" and state.original_latest == 2
    choice = resolve_from(store, SEED_ID, "en", None)
    assert choice is not None and str(choice.ref) == "zh@2" and choice.defaulted
    v2 = store.commit(
        SEED_ID,
        "en",
        b"revised\n",
        agents=[Agent("Charles Kraus", "translator")],
        activity="revised",
        message="Follow zh@2",
        translates=str(choice.ref),
    )
    assert v2.translates == "zh@2"
    assert yaml.safe_load(v2.meta_path.read_text("utf-8"))["translates"] == "zh@2"
    (state,) = translation_states(store, SEED_ID)
    assert not state.stale


def test_resolve_from_refuses_what_the_records_contradict(seed_store: Store) -> None:
    store = _with_zh(seed_store)
    with pytest.raises(UsageError, match="translates no stream"):
        resolve_from(store, SEED_ID, "en", "zh@1")
    change_stream(store, SEED_ID, "en", agent="A", message="Link", translates="zh@1")
    with pytest.raises(UsageError, match="translates zh, not ru"):
        resolve_from(store, SEED_ID, "en", "ru@1")
    with pytest.raises(Exception, match="has no version 7"):
        resolve_from(store, SEED_ID, "en", "zh@7")
    assert resolve_from(store, SEED_ID, "zh", None) is None


def test_stream_change_refuses_cycles_and_unknown_streams(seed_store: Store) -> None:
    store = _with_zh(seed_store)
    before = snapshot(store.root)
    with pytest.raises(UsageError, match="no stream 'ru'"):
        change_stream(store, SEED_ID, "en", agent="A", message="m", translates="ru")
    with pytest.raises(UsageError, match="itself"):
        change_stream(store, SEED_ID, "en", agent="A", message="m", translates="en")
    with pytest.raises(UsageError, match="is a transcription"):
        change_stream(store, SEED_ID, "zh", agent="A", message="m", translates="en")
    with pytest.raises(Exception, match="has no version 4"):
        change_stream(store, SEED_ID, "en", agent="A", message="m", translates="zh@4")
    assert snapshot(store.root) == before


def test_set_any_field_validated_and_recorded(seed_store: Store) -> None:
    uri = "http://rightsstatements.org/vocab/InC-EDU/1.0/"
    c1 = set_fields(
        seed_store, SEED_ID, [("rights.statement", uri)], agent="A", message="Rights", recorded="t1"
    )
    assert c1.number == 1 and c1.fields[0].old is MISSING and c1.fields[0].new == uri
    assert seed_store.document(SEED_ID).meta["rights"]["statement"] == uri
    funders = coerce("document.schema.json", ["funders"], "[MacArthur Foundation]")
    c2 = set_fields(seed_store, SEED_ID, [("funders", funders)], agent="B", message="Only one")
    assert c2.number == 2 and c2.fields[0].old == ["MacArthur Foundation", "Leon Levy Foundation"]
    c3 = set_fields(
        seed_store, SEED_ID, [("funders.1", "Leon Levy Foundation")], agent="B", message="Add"
    )
    assert seed_store.document(SEED_ID).meta["funders"][1] == "Leon Levy Foundation"
    c4 = set_fields(seed_store, SEED_ID, [("url", MISSING)], agent="B", message="No url")
    assert c4.fields[0].new is MISSING and "url" not in seed_store.document(SEED_ID).meta
    assert [c.number for c in history(seed_store, SEED_ID)] == [1, 2, 3, 4]
    assert history(seed_store, SEED_ID)[0] == c1
    assert c3.fields[0].old is MISSING
    # a text field takes the value literally, whatever YAML would make of it
    assert coerce("document.schema.json", ["source", "pages"], "69-70") == "69-70"
    assert coerce("document.schema.json", ["date"], "1961-05-10") == "1961-05-10"


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        ("date", "10 May 1961", SchemaError),
        ("funders", "{a: 1}", SchemaError),
        ("id", "other", UsageError),
        ("schema", "x", UsageError),
        ("nonsense", "x", UsageError),
        ("funders.7", "x", UsageError),
        ("title", "Cable, Ministry of Public Security Party Committee", None),
    ],
)
def test_set_refuses_invalid_values_and_changes_nothing(
    seed_store: Store, field: str, value: str, error: type[Exception] | None
) -> None:
    before = snapshot(seed_store.root)
    doc = seed_store.document(SEED_ID)
    if error is None:  # the same value: nothing to record
        value = doc.title
        error = ConflictError
    with pytest.raises(error):
        parsed = coerce("document.schema.json", ["funders"], value) if field == "funders" else value
        set_fields(seed_store, SEED_ID, [(field, parsed)], agent="A", message="m")
    assert snapshot(seed_store.root) == before


def test_cli_seed_scenario_lineage_and_log(run, seed_store: Store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = seed_store.root
    zh = tmp_path / "zh.txt"
    zh.write_bytes(ZH1)
    base = ("--records", root)
    r = run(*base, "commit", f"{SEED_ID}/zh", zh, "--kind", "transcription", "--language", "zh",
            "--agent", "Shen Zhihua", "--role", "transcriber", "-m", "Transcribed")  # fmt: skip
    assert r.exit_code == 0, r.stderr
    r = run(*base, "stream", f"{SEED_ID}/en", "--translates", "zh@1", "--agent", "Charles Kraus",
            "-m", "The English was made from this transcription")  # fmt: skip
    assert r.exit_code == 0, r.stderr
    assert 'translates: null -> "zh"' in r.stderr
    zh.write_bytes(ZH2)
    r = run(*base, "commit", f"{SEED_ID}/zh", zh, "-a", "Shen Zhihua", "-r", "editor", "-m", "Fix")
    assert r.exit_code == 0, r.stderr
    en = tmp_path / "en.txt"
    en.write_bytes((root / SEED_ID / "en" / "v1.txt").read_bytes() + b"\nAdded.\n")
    r = run(*base, "commit", f"{SEED_ID}/en", en, "-a", "Charles Kraus", "-r", "translator",
            "-m", "Follow the corrected transcription")  # fmt: skip
    assert r.exit_code == 0, r.stderr
    assert f"made from {SEED_ID}/zh@2 (the latest of zh" in r.stderr
    r = run(*base, "set", SEED_ID, "rights.statement",
            "http://rightsstatements.org/vocab/InC-EDU/1.0/", "-a", "Charles Kraus",
            "-m", "Rights reviewed")  # fmt: skip
    assert r.exit_code == 0, r.stderr
    r = run(*base, "log", SEED_ID)
    assert r.exit_code == 0, r.stderr
    assert f"made from {SEED_ID}/zh@2" in r.stdout
    assert f"made from {SEED_ID}/zh@1  (declared later in stream.yaml)" in r.stdout
    assert "metadata changes" in r.stdout and "Rights reviewed" in r.stdout
    assert 'rights.statement: (not set) -> "http://rightsstatements.org/vocab/InC-EDU/1.0/"' in (
        r.stdout
    )
    data = json.loads(run(*base, "log", f"{SEED_ID}/en", "--format", "json").stdout)
    assert [c["number"] for c in data["changes"]] == [1]  # only the en stream's change
    assert data["streams"][0]["versions"][0]["translates"] == "zh@2"
    data = json.loads(run(*base, "log", SEED_ID, "--format", "json").stdout)
    assert [c["number"] for c in data["changes"]] == [2, 1]


@pytest.mark.parametrize(
    "args",
    [
        ("set", SEED_ID, "date", "May 1961", "-a", "A", "-m", "m"),
        ("set", SEED_ID, "date", "1961", "-m", "m"),
        ("set", SEED_ID, "date", "-a", "A", "-m", "m"),
        ("set", f"{SEED_ID}/en@1", "title", "x", "-a", "A", "-m", "m"),
        ("set", f"{SEED_ID}/en", "translates", "ru", "-a", "A", "-m", "m"),
        ("stream", f"{SEED_ID}/en", "--translates", "ru", "-a", "A", "-m", "m"),
        ("stream", f"{SEED_ID}/en", "-a", "A", "-m", "m"),
        ("stream", SEED_ID, "--language", "fr", "-a", "A", "-m", "m"),
        ("stream", f"{SEED_ID}/en", "--language", "not a tag", "-a", "A", "-m", "m"),
    ],
)
def test_cli_bad_changes_exit_2_and_change_nothing(run, seed_store: Store, args) -> None:  # type: ignore[no-untyped-def]
    before = snapshot(seed_store.root)
    r = run("--records", seed_store.root, *args)
    assert r.exit_code == 2, (r.stdout, r.stderr)
    assert r.stderr.startswith("provenance: error: ") and r.stderr.count("\n") == 1
    assert snapshot(seed_store.root) == before


def test_cli_commit_from_refuses_a_transcription(run, seed_store: Store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _with_zh(seed_store)
    before = snapshot(seed_store.root)
    text = tmp_path / "zh.txt"
    text.write_bytes(ZH2)
    r = run("--records", seed_store.root, "commit", f"{SEED_ID}/zh", text, "-a", "A", "-r",
            "editor", "-m", "m", "--from", "en@1")  # fmt: skip
    assert r.exit_code == 2 and "translates no stream" in r.stderr
    assert snapshot(seed_store.root) == before


def test_json_output_equals_the_library_record(run, seed_store: Store) -> None:  # type: ignore[no-untyped-def]
    r = run("--records", seed_store.root, "set", SEED_ID, "source.archive",
            "Archive of the Ministry of Foreign Affairs of the PRC", "-a", "A", "-m", "Archive",
            "--format", "json")  # fmt: skip
    assert r.exit_code == 0, r.stderr
    data = json.loads(r.stdout)
    assert next(iter(data)) == "format_version"
    (change,) = history(seed_store, SEED_ID)
    assert {k: data[k] for k in change.as_dict()} == change.as_dict()


def test_check_judges_a_hand_edited_history(seed_store: Store) -> None:
    from provenance.check import run_check

    set_fields(seed_store, SEED_ID, [("url", "https://example.org/d/1")], agent="A", message="m")
    assert not [f for f in run_check(seed_store.root, use_cache=False).findings if f.code in (
        "schema-invalid", "yaml-malformed")]  # fmt: skip
    path = seed_store.root / SEED_ID / "history.yaml"
    path.write_text(path.read_text("utf-8").replace("agent: A", "agent: ''"), "utf-8")
    found = [f for f in run_check(seed_store.root, use_cache=False).findings]
    bad = [f for f in found if f.code == "schema-invalid"]
    assert bad and bad[0].file.endswith(f"{SEED_ID}/history.yaml") and bad[0].line
