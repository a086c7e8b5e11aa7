"""Every value is validated where it enters: version numbers are ASCII digits, ids are
portable names, YAML keys are unique."""

from __future__ import annotations

import pytest

from provenance import yamlio
from provenance.errors import UsageError, YAMLError
from provenance.refs import check_slug, parse_ref
from provenance.store import Store

from .conftest import SEED_ID


@pytest.mark.parametrize("number", ["١", "１", "²", "٣", "1\u0661", "v²"])
def test_version_numbers_are_ascii_digits(number: str) -> None:
    with pytest.raises(UsageError, match="not a version number"):
        parse_ref(f"{SEED_ID}/en@{number}")


@pytest.mark.parametrize("number", ["²", "١"])
def test_cli_refuses_unicode_digits_cleanly(run, seed_store: Store, number: str) -> None:  # type: ignore[no-untyped-def]
    r = run("--records", seed_store.root, "show", f"{SEED_ID}/en@{number}")
    assert r.exit_code == 2 and "not a version number" in r.stderr
    assert "internal error" not in r.stderr


@pytest.mark.parametrize(
    "bad", ["doc\n", "doc\r", "con", "CON".lower(), "aux.1961", "nul", "com3", "lpt9.x"]
)
def test_ids_are_portable(bad: str) -> None:
    with pytest.raises(UsageError):
        check_slug(bad)


@pytest.mark.parametrize("good", ["console", "auxiliary", "com10", "1961-05-10-cable", "a.b_c"])
def test_portable_ids_pass(good: str) -> None:
    assert check_slug(good) == good


def test_duplicate_keys_are_refused_with_both_lines() -> None:
    with pytest.raises(YAMLError) as info:
        yamlio.loads("title: A\nsource:\n  pages: 1\n  pages: 2\n", "document.yaml")
    assert info.value.line == 4
    assert "duplicate key 'pages'" in str(info.value) and "line 3" in str(info.value)


def test_a_duplicate_key_in_a_record_stops_commands(run, seed_store: Store) -> None:  # type: ignore[no-untyped-def]
    record = seed_store.root / SEED_ID / "en" / "v1.yaml"
    record.write_text(
        record.read_text(encoding="utf-8") + "message: a second message\n", encoding="utf-8"
    )
    r = run("--records", seed_store.root, "log", f"{SEED_ID}/en")
    assert r.exit_code == 2 and "duplicate key 'message'" in r.stderr
    assert "v1.yaml:" in r.stderr


def _hostile_agent(store: Store) -> None:
    record = store.root / SEED_ID / "en" / "v1.yaml"
    text = record.read_text(encoding="utf-8")
    name = store.version(SEED_ID, "en", 1).agents[0].name
    record.write_text(
        text.replace(f"name: {name}", 'name: "Evil\\e]0;pwned\\a\\e[2J Agent"', 1).replace(
            "message: ", 'message: "\\e[31mred\\u202e" #', 1
        ),
        encoding="utf-8",
    )


@pytest.mark.parametrize("command", ["log", "blame"])
def test_terminal_output_escapes_control_characters(run, seed_store: Store, command: str) -> None:  # type: ignore[no-untyped-def]
    _hostile_agent(seed_store)
    r = run("--records", seed_store.root, command, f"{SEED_ID}/en")
    assert r.exit_code == 0, r.stderr
    assert "\x1b" not in r.stdout and "\x07" not in r.stdout and "\u202e" not in r.stdout
    assert "Evil\\x1b]0;pwned\\x07\\x1b[2J Agent" in r.stdout


def test_prov_xml_carries_control_characters_escaped(run, seed_store: Store) -> None:  # type: ignore[no-untyped-def]
    from lxml import etree

    _hostile_agent(seed_store)
    r = run("--records", seed_store.root, "export", SEED_ID, "--format", "prov-xml")
    assert r.exit_code == 0, r.stderr
    root = etree.fromstring(r.stdout_bytes)
    labels = [e.text for e in root.iter("{http://www.w3.org/ns/prov#}label")]
    assert "Evil\\x1b]0;pwned\\x07\\x1b[2J Agent" in labels


@pytest.mark.parametrize("name", ["a`b.txt", "``x``.txt", "`lead.txt", "new\nline.txt"])
def test_markdown_code_spans_hold_any_file_name(run, tmp_path, name: str) -> None:  # type: ignore[no-untyped-def]
    from provenance.mdtext import md_code

    span = md_code(name)
    fence = span[: len(span) - len(span.lstrip("`"))]
    inner = span[len(fence) : -len(fence)]
    assert fence * 1 not in inner  # no run as long as the fence inside
    assert inner.strip() == name.replace("\n", " ↵ ").strip()
    old = tmp_path / name
    old.write_text("one two\n", encoding="utf-8")
    new = tmp_path / "b.txt"
    new.write_text("one three\n", encoding="utf-8")
    r = run("diff", old, new, "--format", "markdown")
    assert r.exit_code in (0, 1), r.stderr
    assert md_code(str(old)) in r.stdout.splitlines()[0]


def test_nothing_over_the_metadata_limit_is_written(store: Store) -> None:
    from provenance.errors import InputError
    from provenance.store import NewStream

    from .conftest import snapshot

    meta = {
        "schema": "provenance/document/1",
        "id": "big",
        "title": "T",
        "summary": "word " * 500_000,  # 2.5 MB of YAML, over the 2 MiB a record may have
    }
    text = NewStream("en", "translation", "en", b"text\n", [], "imported", "m")
    before = snapshot(store.root)
    with pytest.raises(InputError, match="over the limit"):
        store.add_document(meta, [text])
    assert snapshot(store.root) == before
    assert not list(store.root.glob(".big.*")) and not (store.root / "big").exists()


_BIG = "word " * 500_000  # 2.5 MB: over the 2 MiB a metadata file may have
_HALF = "word " * 250_000  # 1.25 MB: within it, but two in one history are not


@pytest.mark.parametrize(
    ("args", "file"),
    [
        (("set", SEED_ID, "summary", _BIG), "document.yaml"),
        (("set", f"{SEED_ID}/en", "title", _BIG), "stream.yaml"),
        (("stream", f"{SEED_ID}/en", "--title", _BIG), "stream.yaml"),
        (("set", SEED_ID, "summary", "other " + _HALF), "history.yaml"),
    ],
    ids=["set-document", "set-stream", "stream", "set-history"],
)
def test_set_and_stream_refuse_metadata_over_the_limit(run, seed_store: Store, args, file) -> None:  # type: ignore[no-untyped-def]
    """`set` and `stream` write the record and the history only when both fit the size
    every later command will read; otherwise one line naming the file, exit 2, disk as it was."""
    from .conftest import snapshot

    base = ("--records", seed_store.root)
    if file == "history.yaml":  # a first change of 1.25 MB fits; a second would not
        r = run(*base, "set", SEED_ID, "summary", _HALF, "-a", "A", "-m", "long summary")
        assert r.exit_code == 0, r.stderr
    before = snapshot(seed_store.root)
    r = run(*base, *args, "-a", "A", "-m", "too long")
    assert r.exit_code == 2, r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "over the limit" in lines[0] and file in lines[0], r.stderr
    assert snapshot(seed_store.root) == before
    assert run(*base, "check").exit_code in (0, 1)  # the store still reads


def test_an_import_over_the_metadata_limit_leaves_the_store_as_it_was(
    run, store: Store, seed_page, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    """A page whose summary makes document.yaml larger than any reader accepts: one line
    naming the file, exit 2, and no document (nor a staging folder) left behind."""
    from .conftest import snapshot

    lines = seed_page.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("The Ministry of Public"))
    lines[at] += " word" * 500_000
    page = tmp_path / "big.txt"
    page.write_text("\n".join(lines), encoding="utf-8")
    before = snapshot(store.root)
    entries = sorted(p.name for p in store.root.iterdir())
    r = run("--records", store.root, "import", page)
    assert r.exit_code == 2, r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "document.yaml" in lines[0] and "over the limit" in lines[0]
    assert snapshot(store.root) == before
    assert sorted(p.name for p in store.root.iterdir()) == entries  # no staging folder
