"""provenance cite: the seed's house citation to the character, styles, formats, errors."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from provenance import schema
from provenance.citation import FORMATS, cite
from provenance.store import Store

from .conftest import SEED_ID, snapshot

SEED = (
    '"Cable, Ministry of Public Security Party Committee to Zhou Enlai, Deng Xiaoping, and '
    'Peng Zhen," May 10, 1961, History and Public Policy Program Digital Archive, PRC FMA '
    "118-01026-03, 69-70. Obtained by Shen Zhihua and translated by Jeffrey Wang and Charles "
    "Kraus."
)


def test_seed_house_citation_exactly(run, seed_store: Store) -> None:  # type: ignore[no-untyped-def]
    r = run("--records", seed_store.root, "cite", SEED_ID)
    assert r.exit_code == 0
    assert r.stdout == SEED + "\n"
    assert r.stderr == ""
    assert run("--records", seed_store.root, "cite", f"{SEED_ID}/en@1").stdout == SEED + "\n"


def test_pinned_names_version_date_and_hash(run, seed_store: Store) -> None:  # type: ignore[no-untyped-def]
    version = seed_store.version(SEED_ID, "en", 1)
    r = run("--records", seed_store.root, "cite", f"{SEED_ID}/en@1", "--pinned")
    assert r.stdout.startswith(SEED + " Cited from version 1 of the English translation (")
    assert f"{SEED_ID}/en@1" in r.stdout and version.sha256[:12] in r.stdout
    assert version.sha256[:13] not in r.stdout
    assert "undated" in r.stdout  # the imported v1 carries no date


def test_pinned_names_the_later_version(  # type: ignore[no-untyped-def]
    run, seed_store: Store, tmp_path: Path
) -> None:
    edited = tmp_path / "v2.txt"
    edited.write_bytes(seed_store.read_bytes(seed_store.version(SEED_ID, "en", 1)) + b"\n[Note]\n")
    r = run(
        "--records",
        seed_store.root,
        "commit",
        f"{SEED_ID}/en",
        edited,
        "--agent",
        "Ann Editor",
        "--role",
        "editor",
        "--message",
        "Add a note",
        "--date",
        "2026-11-20",
    )
    assert r.exit_code == 0, r.stderr
    v2 = Store(seed_store.root).version(SEED_ID, "en", 2)
    r = run("--records", seed_store.root, "cite", SEED_ID, "--pinned")
    assert f"({SEED_ID}/en@2, 2026-11-20, sha256 {v2.sha256[:12]})." in r.stdout
    assert r.stdout.startswith(SEED)  # the editor is not a translator


@pytest.mark.parametrize("style", ["csl:chicago", "modern-language-association", "csl:apa"])
def test_csl_styles_come_from_the_processor(  # type: ignore[no-untyped-def]
    run, seed_store: Store, style: str
) -> None:
    r = run(
        "--records",
        seed_store.root,
        "cite",
        SEED_ID,
        "--style",
        style,
        "--format",
        "json",
        "--accessed",
        "2026-11-28",
    )
    assert r.exit_code == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["processor"].startswith("pandoc ")
    assert "Cable, Ministry of Public Security" in data["citation"]
    assert "PRC FMA 118-01026-03" in data["citation"]
    assert any("Shen Zhihua" in n for n in data["notes"])


def test_json_equals_the_library(run, seed_store: Store) -> None:  # type: ignore[no-untyped-def]
    r = run(
        "--records",
        seed_store.root,
        "cite",
        SEED_ID,
        "--format",
        "json",
        "--accessed",
        "2026-11-28",
        "--pinned",
    )
    data = json.loads(r.stdout)
    assert next(iter(data)) == "format_version"
    schema.validate(data, "cite-output.schema.json")
    result = cite(Store(seed_store.root), SEED_ID, accessed="2026-11-28", pinned=True)
    assert r.stdout == FORMATS["json"](result)
    assert data["citation"] == result.text


def test_accessed_defaults_to_today(run, seed_store: Store) -> None:  # type: ignore[no-untyped-def]
    r = run("--records", seed_store.root, "cite", SEED_ID, "--format", "csl-json")
    today = date.today()
    assert json.loads(r.stdout)[0]["accessed"] == {
        "date-parts": [[today.year, today.month, today.day]]
    }


def test_user_csl_file(  # type: ignore[no-untyped-def]
    run, seed_store: Store, tmp_path: Path
) -> None:
    from provenance.citation.csl import resolve_style

    own = tmp_path / "house.csl"
    own.write_bytes(resolve_style("chicago-author-date").path.read_bytes())
    r = run(
        "--records", seed_store.root, "cite", SEED_ID, "--style", own, "--accessed", "2026-11-28"
    )
    assert r.exit_code == 0, r.stderr
    assert "1961" in r.stdout and "Cable, Ministry" in r.stdout


@pytest.mark.parametrize(
    "args",
    [
        ("--style", "no-such-style"),
        ("--style", "chicago", "--format", "bibtex"),
        ("--accessed", "28/11/2026"),
        ("--style", "missing-file.csl"),
    ],
)
def test_errors_exit_2_and_change_nothing(  # type: ignore[no-untyped-def]
    run, seed_store: Store, args: tuple[str, ...]
) -> None:
    before = snapshot(seed_store.root)
    r = run("--records", seed_store.root, "cite", SEED_ID, *args)
    assert r.exit_code == 2
    assert r.stderr.startswith("provenance: error: ") and r.stderr.count("\n") == 1
    assert snapshot(seed_store.root) == before


def test_unknown_document(run, seed_store: Store) -> None:  # type: ignore[no-untyped-def]
    r = run("--records", seed_store.root, "cite", "no-such-doc")
    assert r.exit_code == 2 and SEED_ID in r.stderr


def test_missing_processor_is_a_clear_error(  # type: ignore[no-untyped-def]
    run, seed_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PROVENANCE_PANDOC", "/nonexistent/pandoc")
    r = run("--records", seed_store.root, "cite", SEED_ID, "--style", "csl:apa")
    assert r.exit_code == 2 and "CSL processor" in r.stderr
    r = run("--records", seed_store.root, "cite", SEED_ID, "--style", "apa")
    assert r.exit_code == 0  # the manuals' styles need no processor


def test_cli_stays_light() -> None:
    import subprocess
    import sys

    code = (
        "import sys, provenance.cli; "
        "print(sorted(m for m in ('citeproc', 'lxml', 'rispy', 'bibtexparser', "
        "'provenance.citation', 'jsonschema') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_help_has_an_example(run) -> None:  # type: ignore[no-untyped-def]
    r = run("cite", "--help")
    assert r.exit_code == 0 and "Example: provenance cite" in r.stdout


def test_forms_a_style_does_not_have(run, seed_store: Store) -> None:  # type: ignore[no-untyped-def]
    r = run("--records", seed_store.root, "cite", SEED_ID, "--form", "note")
    assert r.exit_code == 2 and "house style has one form" in r.stderr
    r = run("--records", seed_store.root, "cite", SEED_ID, "-s", "csl:apa", "--form", "note")
    assert r.exit_code == 2 and "cites in the text" in r.stderr
    r = run("--records", seed_store.root, "cite", SEED_ID, "-s", "apa", "--form", "note")
    assert r.exit_code == 2 and "notes are Chicago's" in r.stderr
