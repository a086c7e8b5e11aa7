"""Every error is one line naming the file (and the line, where there is one), exit 2, and
leaves the disk as it was: bad records, settings and profiles in the store, bad files given on
the command line, bad values and bad usage."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from provenance.store import Store

from .conftest import SEED_ID, snapshot

EN = f"{SEED_ID}/en"


def _append(path: Path, data: bytes) -> None:
    path.write_bytes(path.read_bytes() + data)


def _profile(root: Path, body: str) -> None:
    (root / "house.yaml").write_text(body, encoding="utf-8")
    _append(root / "provenance.yaml", b"\ninterventions:\n  profile: house.yaml\n")


#: A damage to the store: what to do, the file the message must name, whether it has a line.
DAMAGE: dict[str, tuple[Callable[[Path], None], str, bool]] = {
    "document-malformed": (
        lambda r: _append(r / SEED_ID / "document.yaml", b"\nfoo: [unclosed\n"),
        "document.yaml",
        True,
    ),
    "document-not-utf8": (
        lambda r: _append(r / SEED_ID / "document.yaml", b"\nsummary2: \xff\xfe\n"),
        "document.yaml",
        True,
    ),
    "document-duplicate-key": (
        lambda r: _append(r / SEED_ID / "document.yaml", b"\ntitle: again\n"),
        "document.yaml",
        True,
    ),
    "document-schema": (
        lambda r: _append(r / SEED_ID / "document.yaml", b"\nno_such_field: 1\n"),
        "document.yaml",
        True,
    ),
    "stream-malformed": (
        lambda r: _append(r / SEED_ID / "en" / "stream.yaml", b"\n  bad: : indent\n"),
        "stream.yaml",
        True,
    ),
    "version-malformed": (
        lambda r: _append(r / SEED_ID / "en" / "v1.yaml", b"\nmessage: 'unclosed\n"),
        "v1.yaml",
        True,
    ),
    "version-not-utf8": (
        lambda r: _append(r / SEED_ID / "en" / "v1.yaml", b"\nmessage2: \xc3\x28\n"),
        "v1.yaml",
        True,
    ),
    "text-missing": (lambda r: (r / SEED_ID / "en" / "v1.txt").unlink(), "v1.txt", False),
    "text-edited": (
        lambda r: _append(r / SEED_ID / "en" / "v1.txt", b"\xff"),
        "v1.txt",
        False,
    ),
    "settings-malformed": (
        lambda r: _append(r / "provenance.yaml", b"\ncheck: [\n"),
        "provenance.yaml",
        True,
    ),
    "settings-unknown": (
        lambda r: _append(r / "provenance.yaml", b"\nbogus_setting: 1\n"),
        "provenance.yaml",
        True,
    ),
    "settings-not-utf8": (
        lambda r: _append(r / "provenance.yaml", b"\n# \xff\n"),
        "provenance.yaml",
        True,
    ),
    "profile-malformed": (
        lambda r: _profile(r, "schema: provenance/profile/1\nname: [house\n"),
        "house.yaml",
        True,
    ),
    "profile-schema": (
        lambda r: _profile(r, "schema: provenance/profile/1\nname: house\nrules: 12\n"),
        "house.yaml",
        True,
    ),
    "profile-missing": (
        lambda r: _append(r / "provenance.yaml", b"\ninterventions:\n  profile: gone.yaml\n"),
        "gone.yaml",
        False,
    ),
    "history-malformed": (
        lambda r: (r / SEED_ID / "history.yaml").write_text("changes: [\n", encoding="utf-8"),
        "history.yaml",
        True,
    ),
}

AM = ("-a", "A", "-m", "m")
SET = ("set", SEED_ID, "type", "memo", *AM)
COMMIT = ("commit", EN, "{file}", "-r", "editor", *AM)
STREAM = ("stream", EN, "--title", "T", *AM)

#: The commands each damage is tried with: one that reads it, one that writes beside it.
READ_WRITE = {
    "document-malformed": [("cite", SEED_ID), SET],
    "document-not-utf8": [("rights", SEED_ID), COMMIT],
    "document-duplicate-key": [("log", SEED_ID), STREAM],
    "document-schema": [("export", SEED_ID, "-f", "prov-json"), SET],
    "stream-malformed": [("show", EN), COMMIT],
    "version-malformed": [("blame", EN), COMMIT],
    "version-not-utf8": [("log", EN), ("export", f"{EN}@1", "-f", "tei")],
    "text-missing": [("show", f"{EN}@1"), ("diff", f"{EN}@1", "{file}")],
    "text-edited": [("interventions", f"{EN}@1"), ("report", f"{EN}@1", f"{EN}@1", "-o", "{out}")],
    "settings-malformed": [("interventions", EN), COMMIT],
    "settings-unknown": [("cite", SEED_ID), COMMIT],
    "settings-not-utf8": [("interventions", EN), COMMIT],
    "profile-malformed": [("interventions", EN), COMMIT],
    "profile-schema": [("interventions", EN), ("diff", f"{EN}@1", "{file}")],
    "profile-missing": [("interventions", EN), COMMIT],
    "history-malformed": [("log", SEED_ID), SET],
}


def assert_one_line_error(r, file: str, with_line: bool) -> None:  # type: ignore[no-untyped-def]
    assert r.exit_code == 2, (r.exit_code, r.stdout[:300], r.stderr)
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    assert lines[0].startswith("provenance: error: ") and "Traceback" not in r.stderr
    assert file in lines[0], lines[0]
    if with_line:
        assert re.search(re.escape(file) + r":\d+", lines[0]), lines[0]


_STORE_CASES = [(damage, args) for damage, runs in READ_WRITE.items() for args in runs]


def test_every_damage_is_tried() -> None:
    assert set(READ_WRITE) == set(DAMAGE)


@pytest.mark.parametrize(
    ("damage", "args"), _STORE_CASES, ids=[f"{d}-{a[0]}" for d, a in _STORE_CASES]
)
def test_a_damaged_store_gives_one_line_naming_the_file(
    run,  # type: ignore[no-untyped-def]
    seed_store: Store,
    tmp_path: Path,
    damage: str,
    args: tuple[str, ...],
) -> None:
    make, file, with_line = DAMAGE[damage]
    make(seed_store.root)
    text = tmp_path / "new.txt"
    text.write_text("A new text.\n", encoding="utf-8")
    argv = [a.format(file=text, out=tmp_path / "out.html") for a in args]
    before = snapshot(seed_store.root)
    r = run("--records", seed_store.root, *argv)
    assert_one_line_error(r, file, with_line)
    assert snapshot(seed_store.root) == before
    assert not (tmp_path / "out.html").exists()


#: Bad files and values given on the command line: the arguments ({w} is a folder outside
#: the store holding the files below), the name the message must hold, and whether a line.
FILES = {
    "bad.txt": b"line one\nline \xff two\n",
    "ok.txt": b"Some text.\n",
    "page.txt": b"Title\n\xfe\xff\n",
    "empty.txt": b"",
    "bad.csl": b"not xml at all",
    "bad.xml": b"<TEI><text><body><p>unclosed</body></TEI>",
    "entity.xml": b'<?xml version="1.0"?>\n<!DOCTYPE TEI [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
    b'<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>&x;</p></body></text></TEI>\n',
    "profile.yaml": b"schema: provenance/profile/1\nname: [x\n",
}
ARGS = [
    (("commit", EN, "{w}/bad.txt", "-r", "editor", *AM), "bad.txt", True),
    (("commit", EN, "{w}/missing.txt", "-r", "editor", *AM), "missing.txt", False),
    (("commit", EN, "{w}", "-r", "editor", *AM), "{w}", False),
    (("commit", EN, "{w}/ok.txt", "-r", "editor", *AM, "--date", "1961-13-45"), "13", False),
    (("import", "{w}/page.txt"), "page.txt", True),
    (("import", "{w}/missing.txt"), "missing.txt", False),
    (("import", "{w}/empty.txt"), "empty.txt", False),
    (("import", "{w}/bad.xml"), "bad.xml", True),
    (("import", "{w}/entity.xml"), "entity.xml", True),
    (("diff", "{w}/bad.txt", "{w}/ok.txt"), "bad.txt", True),
    (("collate", "{w}/ok.txt", "{w}/bad.txt"), "bad.txt", True),
    (("align", "{w}/bad.txt", "{w}/ok.txt"), "bad.txt", True),
    (("interventions", EN, "--profile", "{w}/profile.yaml"), "profile.yaml", True),
    (("interventions", EN, "--profile", "{w}/missing.yaml"), "missing.yaml", False),
    (("cite", SEED_ID, "--style", "{w}/bad.csl"), "bad.csl", False),
    (("cite", SEED_ID, "--style", "{w}/missing.csl"), "missing.csl", False),
    (("set", SEED_ID, "date", "1961-13-45", *AM), "document.yaml", False),
    (("show", f"{EN}@x"), "'x'", False),
    (("diff", "--format", "yaml", "{w}/ok.txt", "{w}/ok.txt"), "--format", False),
    (("check", "--no-such-option"), "--no-such-option", False),
    (("diff", "{w}/ok.txt"), "NEW", False),
]  # fmt: skip


@pytest.mark.parametrize(
    ("args", "name", "with_line"), ARGS, ids=[f"{a[0]}-{n}" for a, n, _ in ARGS]
)
def test_bad_input_gives_one_line_naming_it(
    run,  # type: ignore[no-untyped-def]
    seed_store: Store,
    tmp_path: Path,
    args: tuple[str, ...],
    name: str,
    with_line: bool,
) -> None:
    w = tmp_path / "given"
    w.mkdir()
    for file, data in FILES.items():
        (w / file).write_bytes(data)
    before = snapshot(seed_store.root)
    r = run("--records", seed_store.root, *[a.format(w=w) for a in args])
    assert_one_line_error(r, name.format(w=w), with_line)
    assert snapshot(seed_store.root) == before
