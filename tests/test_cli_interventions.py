"""provenance interventions, and show --reading / --source-only / --highlight."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from provenance import interventions as iv
from provenance import schema
from provenance.model import Agent
from provenance.store import Store

from .conftest import ROOT, SEED_ID, snapshot

REF = f"{SEED_ID}/en"
CASES = Path(__file__).resolve().parent / "cases" / "interventions"


def commit_seed_v2(store: Store) -> str:
    """The issue's scenario: one [North] bracket removed (the word kept), a new supplied
    word, one sentence rewritten."""
    v1 = store.read_text(store.version(SEED_ID, "en", 1))
    v2 = (
        v1.replace("to [North] Korea. The illegal", "to North Korea. The illegal", 1)
        .replace(
            "the people crossing the border are peasants",
            "the people crossing the border [illegally] are peasants",
            1,
        )
        .replace(
            "It has been said that there are also people from Jilin, Heilongjiang, "
            "Beijing and Tianjin.",
            "Reportedly, people from Jilin, Heilongjiang, Beijing and Tianjin are among them too.",
            1,
        )
    )
    assert v2.count("[") == v1.count("[")  # one bracket fewer, one more
    store.commit(
        SEED_ID,
        "en",
        v2.encode("utf-8"),
        agents=[Agent("Ann Editor", "editor")],
        activity="revised",
        message="Tighten the second paragraph",
        date="2024-03-01",
        recorded="2024-03-02T10:00:00Z",
    )
    return v2


def test_ledger_text(run, seed_store: Store) -> None:  # type: ignore[no-untyped-def]
    r = run("--records", seed_store.root, "interventions", REF)
    assert r.exit_code == 0, r.stderr
    first = r.stdout.splitlines()[0]
    assert first.startswith(f"{REF}@1  profile default  33 interventions: supplied 30")
    assert "gloss (alternative name)" in r.stdout and "expansion (name)" in r.stdout
    assert "16:303" in r.stdout and "Andong [Dandong] to [North]" in r.stdout
    assert "\x1b[" not in r.stdout  # no colour off a terminal


def test_ledger_json_is_the_library_result(run, seed_store: Store) -> None:  # type: ignore[no-untyped-def]
    r = run("--records", seed_store.root, "interventions", f"{REF}@1", "--format", "json")
    assert r.exit_code == 0, r.stderr
    data = json.loads(r.stdout)
    assert next(iter(data)) == "format_version"
    assert list(schema.iter_problems(data, "interventions-output.schema.json")) == []
    text = seed_store.read_text(seed_store.version(SEED_ID, "en", 1))
    result = iv.parse(text)
    assert data["interventions"] == [i.as_dict() for i in result.interventions]
    assert data["counts"] == result.counts
    for item in data["interventions"]:
        assert text[item["start"] : item["end"]] == item["text"]
        assert {"text", "type", "start", "end"} <= set(item)


def test_ledger_csv(run, seed_store: Store) -> None:  # type: ignore[no-untyped-def]
    r = run("--records", seed_store.root, "interventions", REF, "-f", "csv")
    assert r.exit_code == 0, r.stderr
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert len(rows) == 33
    assert rows[0]["text"] == "[Security Serial]" and rows[0]["uncertain"] == "true"
    assert {row["type"] for row in rows} == {"supplied", "gloss", "expansion"}


def test_against_reports_absorbed_and_added(run, seed_store: Store) -> None:  # type: ignore[no-untyped-def]
    commit_seed_v2(seed_store)
    r = run("--records", seed_store.root, "interventions", f"{REF}@2", "--against", "@1")
    assert r.exit_code == 0, r.stderr
    assert "kept 32, added 1, removed 0, changed 0, absorbed 1" in r.stdout
    lines = [line.split() for line in r.stdout.splitlines()[3:] if line.strip()]
    assert [(w[0], w[1], w[2]) for w in lines] == [
        ("absorbed", "supplied", "[North]"),
        ("added", "supplied", "[illegally]"),
    ]
    j = run(
        "--records",
        seed_store.root,
        "interventions",
        REF,
        "--against",
        f"{REF}@1",
        "--format",
        "json",
    )
    data = json.loads(j.stdout)
    assert list(schema.iter_problems(data, "interventions-output.schema.json")) == []
    assert (data["old"]["version"], data["new"]["version"]) == (1, 2)
    assert data["counts"] == {"kept": 32, "added": 1, "removed": 0, "changed": 0, "absorbed": 1}
    library = iv.compare(
        seed_store.read_text(seed_store.version(SEED_ID, "en", 1)),
        seed_store.read_text(seed_store.version(SEED_ID, "en", 2)),
    )
    assert [(r["status"], r["text"], r["start"]) for r in data["interventions"]] == [
        (c.status, c.current.text, c.current.start) for c in library.changes
    ]
    moved = {r["status"]: r for r in data["interventions"] if r["status"] != "kept"}
    assert moved["absorbed"]["side"] == "old" and moved["absorbed"]["new"] is None
    assert moved["added"]["text"] == "[illegally]" and moved["added"]["side"] == "new"
    c = run("--records", seed_store.root, "interventions", REF, "--against", "@1", "-f", "csv")
    rows = list(csv.DictReader(io.StringIO(c.stdout)))
    assert len(rows) == 34 and rows[0]["status"] and "old_text" in rows[0]


def test_profile_option(run, seed_store: Store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    r = run("--records", seed_store.root, "interventions", REF, "--profile", "leiden")
    assert r.exit_code == 0, r.stderr
    assert "profile leiden  33 interventions: supplied 33" in r.stdout
    house = tmp_path / "house.yaml"
    house.write_text(
        "name: house\nextends: default\nrules:\n"
        "  - {type: gloss, pattern: North, id: north-is-a-gloss}\n",
        encoding="utf-8",
    )
    r = run(
        "--records", seed_store.root, "interventions", REF, "--profile", str(house), "-f", "json"
    )
    data = json.loads(r.stdout)
    assert data["profile"] == "house" and data["counts"]["gloss"] == 2 + 10  # and every [North]


def test_store_profile_setting(run, seed_store: Store) -> None:  # type: ignore[no-untyped-def]
    config = seed_store.root / "provenance.yaml"
    config.write_text(
        config.read_text(encoding="utf-8") + "interventions:\n  profile: frus\n", encoding="utf-8"
    )
    r = run("--records", seed_store.root, "interventions", REF, "-f", "json")
    assert r.exit_code == 0, r.stderr
    assert json.loads(r.stdout)["profile"] == "frus"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--profile", "nope"], "no profile named 'nope'"),
        (["--against", "@9"], "9"),
        (["--against", "@x"], "not a version number"),
    ],
)
def test_bad_usage_exits_2(run, seed_store: Store, args: list[str], message: str) -> None:  # type: ignore[no-untyped-def]
    before = snapshot(seed_store.root)
    r = run("--records", seed_store.root, "interventions", REF, *args)
    assert r.exit_code == 2 and message in r.stderr
    assert "Traceback" not in r.stderr
    assert snapshot(seed_store.root) == before


def test_bad_profile_file_names_its_line(run, seed_store: Store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: bad\nrules:\n  - {type: gap, pattern: '(x'}\n", encoding="utf-8")
    r = run("--records", seed_store.root, "interventions", REF, "--profile", str(bad))
    assert r.exit_code == 2
    assert f"{bad}:3" in r.stderr and "regular expression" in r.stderr


def test_unknown_document_exits_2(run, seed_store: Store) -> None:  # type: ignore[no-untyped-def]
    r = run("--records", seed_store.root, "interventions", "nonesuch/en")
    assert r.exit_code == 2 and "nonesuch" in r.stderr


def test_unbalanced_brackets_in_a_version(run, seed_store: Store) -> None:  # type: ignore[no-untyped-def]
    v1 = seed_store.read_text(seed_store.version(SEED_ID, "en", 1))
    seed_store.commit(
        SEED_ID,
        "en",
        (v1 + "\nA stray] bracket and [an open one\n").encode(),
        agents=[Agent("Ann Editor", "editor")],
        activity="revised",
        message="test",
    )
    r = run("--records", seed_store.root, "interventions", REF)
    assert r.exit_code == 0, r.stderr
    assert "error: unbalanced bracket: ']' closes no bracket [bracket-unbalanced]" in r.stdout
    data = json.loads(run("--records", seed_store.root, "interventions", REF, "-f", "json").stdout)
    assert [f["code"] for f in data["findings"]] == ["bracket-unbalanced"] * 2


def test_diff_classes_the_seed_changes(run, seed_store: Store) -> None:  # type: ignore[no-untyped-def]
    """The issue's scenario end to end: the rewritten sentence is textual, the absorbed
    bracket and the new supplied word editorial."""
    v2 = commit_seed_v2(seed_store)
    r = run("--records", seed_store.root, "diff", f"{REF}@1", "@2", "--format", "json")
    assert r.exit_code == 0, r.stderr
    changes = json.loads(r.stdout)["changes"]
    sentence = v2.index("Reportedly"), v2.index("among them too.") + len("among them too.")
    for ch in changes:
        inside = sentence[0] <= ch["new_start"] <= sentence[1]
        assert ch["category"] == ("textual" if inside else "editorial"), ch
    editorial = [ch for ch in changes if ch["category"] == "editorial"]
    assert "".join(ch["old"] for ch in editorial) == "[]"  # the brackets of [North]
    assert "".join(ch["new"] for ch in editorial) == " [illegally]"
    assert {ch["category"] for ch in changes} == {"textual", "editorial"}

    text = run("--records", seed_store.root, "diff", f"{REF}@1", "@2")
    lines = text.stdout.splitlines()
    assert any("[-[-]North[-]-]" in line and "(editorial" in line for line in lines)
    assert any("Reportedly" in line and "editorial" not in line for line in lines)
    only = run("--records", seed_store.root, "diff", f"{REF}@1", "@2", "--only", "editorial")
    assert "Reportedly" not in only.stdout and "[illegally]" in only.stdout
    textual = run("--records", seed_store.root, "diff", f"{REF}@1", "@2", "--only", "textual")
    assert "Reportedly" in textual.stdout and "[illegally]" not in textual.stdout
    stat = run("--records", seed_store.root, "diff", f"{REF}@1", "@2", "--stat")
    classes = sum(1 for ch in changes if ch["category"] == "textual")
    assert f"{classes} textual, {len(editorial)} editorial, 0 whitespace." in stat.stdout
    colored = run("--records", seed_store.root, "diff", f"{REF}@1", "@2", "--color", "always")
    assert "\x1b[35m[-[-]" in colored.stdout  # editorial in its own colour


def test_diff_of_plain_files_is_classed_too(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    old, new = tmp_path / "a.txt", tmp_path / "b.txt"
    old.write_text("to [North] Korea,  as agreed.\n", encoding="utf-8")
    new.write_text("to North Korea, as agreed.\n", encoding="utf-8")
    r = run("diff", old, new, "--format", "json")
    assert r.exit_code == 0, r.stderr
    assert [ch["category"] for ch in json.loads(r.stdout)["changes"]] == [
        "editorial",
        "editorial",
        "whitespace",
    ]


# -- show ------------------------------------------------------------------------------------


def test_show_reading_and_source_only(run, seed_store: Store) -> None:  # type: ignore[no-untyped-def]
    r = run("--records", seed_store.root, "show", f"{REF}@1", "--reading")
    assert r.exit_code == 0, r.stderr
    assert r.stdout_bytes == (CASES / "seed-en-v1.reading.txt").read_bytes()
    s = run("--records", seed_store.root, "show", f"{REF}@1", "--source-only")
    assert s.stdout_bytes == (CASES / "seed-en-v1.source-only.txt").read_bytes()
    j = run("--records", seed_store.root, "show", f"{REF}@1", "--source-only", "-f", "json")
    data = json.loads(j.stdout)
    assert data["projection"] == "source-only"
    assert data["text"] == (CASES / "seed-en-v1.source-only.txt").read_text(encoding="utf-8")
    plain = run("--records", seed_store.root, "show", f"{REF}@1", "-f", "json")
    assert "projection" not in json.loads(plain.stdout)


def test_show_highlight(run, seed_store: Store) -> None:  # type: ignore[no-untyped-def]
    raw = (seed_store.root / SEED_ID / "en" / "v1.txt").read_bytes()
    off = run("--records", seed_store.root, "show", REF, "--highlight")
    assert off.stdout_bytes == raw  # not a terminal: the exact bytes
    on = run("--records", seed_store.root, "show", REF, "--highlight", "--color", "always")
    assert "\x1b[34m[Dandong]\x1b[0m" in on.stdout  # gloss in blue
    assert "\x1b[36m[Deng]\x1b[0m" in on.stdout  # expansion in cyan
    assert "\x1b[32m[North]\x1b[0m Korea" in on.stdout  # supplied in green
    import re

    assert re.sub("\x1b\\[[0-9;]*m", "", on.stdout).encode() == raw
    reading = run(
        "--records", seed_store.root, "show", REF, "--reading", "--highlight", "--color", "always"
    )
    assert "\x1b[34m(Dandong)\x1b[0m" in reading.stdout
    assert "\x1b[32mNorth\x1b[0m Korea" in reading.stdout


def test_show_projections_exclude_each_other(run, seed_store: Store) -> None:  # type: ignore[no-untyped-def]
    r = run("--records", seed_store.root, "show", REF, "--reading", "--source-only")
    assert r.exit_code == 2 and "exclude each other" in r.stderr


def test_show_keeps_crlf_and_bom_in_projections(run, store: Store) -> None:  # type: ignore[no-untyped-def]
    from provenance.store import NewStream

    meta = {"schema": "provenance/document/1", "id": "crlf", "title": "T"}
    store.add_document(
        meta,
        [
            NewStream(
                id="en",
                kind="translation",
                language="en",
                text="\ufeffto [North] Korea\r\n[To] Li\u00a0[sic]\r\n".encode(),
                agents=[Agent("A", "translator")],
                activity="translated",
                message="first",
            )
        ],
    )
    r = run("--records", store.root, "show", "crlf/en", "--source-only")
    assert r.exit_code == 0, r.stderr
    assert r.stdout_bytes == "\ufeffto Korea\r\nLi\r\n".encode()
    r = run("--records", store.root, "show", "crlf/en", "--reading")
    assert r.stdout_bytes == "\ufeffto North Korea\r\nTo Li\r\n".encode()


# -- help and docs ---------------------------------------------------------------------------


def test_help_has_an_example(run) -> None:  # type: ignore[no-untyped-def]
    r = run("interventions", "--help")
    assert r.exit_code == 0
    assert "Example: provenance interventions" in r.stdout
    for option in ("--against", "--profile", "--format"):
        assert option in r.stdout
    s = run("show", "--help")
    for option in ("--reading", "--source-only", "--highlight"):
        assert option in s.stdout


def test_readme_documents_the_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "## provenance interventions" in readme
    for word in ("--against", "--reading", "--source-only", "profile", "lint("):
        assert word in readme
