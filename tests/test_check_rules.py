"""Each rule of ``provenance check`` fires on a store broken for it, naming the right file and
line; the seed store passes; a store broken many ways reports every problem."""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance.check import RULES, Severity, run_check
from provenance.check.findings import CheckResult, Finding
from provenance.dates import has_date_shape
from provenance.model import Agent
from provenance.store import Store
from tests.conftest import SEED_ID

DOC = SEED_ID


def check(store: Store, *args: str, **kw: object) -> CheckResult:
    return run_check(store.root, use_cache=False, select=args or (), **kw)  # type: ignore[arg-type]


def only(result: CheckResult, code: str) -> list[Finding]:
    return [f for f in result.findings if f.code == code]


def line_of(path: Path, start: str) -> int:
    """The 1-based line of the first line of ``path`` starting with ``start``."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith(start):
            return number
    raise AssertionError(f"{start!r} not in {path}")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (old, path)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def rel(store: Store, path: Path) -> str:
    return path.relative_to(store.root.parent).as_posix()


def commit(store: Store, text: str, stream: str = "en", role: str = "editor") -> None:
    store.commit(
        DOC,
        stream,
        text.encode(),
        agents=[Agent("Ed Itor", role)],
        activity="revised",
        message="A revision",
        date="2026-11-28",
    )
    store._versions.clear()


@pytest.fixture
def s(seed_store: Store) -> Store:
    return seed_store


@pytest.fixture
def folder(s: Store) -> Path:
    return s.root / DOC


def test_seed_store_passes(s: Store) -> None:
    result = check(s)
    assert result.exit_code == 0
    assert [f.code for f in result.findings] == ["rights-statement-missing"]
    assert result.findings[0].severity is Severity.warning


def test_every_rule_has_code_severity_description_and_function() -> None:
    for code, rule in RULES.items():
        assert rule.code == code and code == code.lower() and " " not in code
        assert rule.description.endswith(".") and "\n" not in rule.description
        assert rule.func is not None, code
    assert "fixity-mismatch" in RULES and "bracket-unbalanced" in RULES


# -- one case per rule: (code, break the store, the file, the line) ------------------------

Case = Callable[[Store, Path], tuple[Path, int | None]]


def yaml_malformed(s: Store, d: Path) -> tuple[Path, int | None]:
    edit(d / "document.yaml", "type: cable", "type: [cable")
    return d / "document.yaml", line_of(d / "document.yaml", "type: [cable") + 1  # the next key


def yaml_alias(s: Store, d: Path) -> tuple[Path, int | None]:
    edit(d / "en/stream.yaml", "kind: translation", "kind: &k translation\ntitle: *k")
    return d / "en/stream.yaml", line_of(d / "en/stream.yaml", "title: *k")  # the alias


def schema_invalid(s: Store, d: Path) -> tuple[Path, int | None]:
    edit(d / "document.yaml", "date: '1961-05-10'", "date: 10 May 1961")
    return d / "document.yaml", line_of(d / "document.yaml", "date:")


def date_invalid(s: Store, d: Path) -> tuple[Path, int | None]:
    edit(d / "document.yaml", "date: '1961-05-10'", "date: '1961-02-29'")  # not a leap year
    return d / "document.yaml", line_of(d / "document.yaml", "date:")


def date_invalid_line_break(s: Store, d: Path) -> tuple[Path, int | None]:
    # the schema's pattern ends in '$', which lets one final line break through
    edit(d / "document.yaml", "date: '1961-05-10'", 'date: "1961-05-10\\n"')
    return d / "document.yaml", line_of(d / "document.yaml", "date:")


def date_invalid_version(s: Store, d: Path) -> tuple[Path, int | None]:
    v1 = d / "en/v1.yaml"
    text = v1.read_text(encoding="utf-8")
    start = text.index("\ndate:") + 1
    end = text.index("\n", start)
    v1.write_text(text[:start] + "date: 1961/1960-12" + text[end:], encoding="utf-8")
    return v1, line_of(v1, "date:")


def agents_missing(s: Store, d: Path) -> tuple[Path, int | None]:
    v1 = d / "en/v1.yaml"
    text = v1.read_text(encoding="utf-8")
    start, end = text.index("agents:"), text.index("activity:")
    v1.write_text(text[:start] + "agents: []\n" + text[end:], encoding="utf-8")
    return v1, line_of(v1, "agents:")


def source_missing(s: Store, d: Path) -> tuple[Path, int | None]:
    edit(d / "document.yaml", "  reference: PRC FMA 118-01026-03\n", "")
    return d / "document.yaml", line_of(d / "document.yaml", "source:")


def citation_incomplete(s: Store, d: Path) -> tuple[Path, int | None]:
    edit(d / "document.yaml", "date: '1961-05-10'\n", "date: ''\n")
    return d / "document.yaml", line_of(d / "document.yaml", "date:")


def rights_missing(s: Store, d: Path) -> tuple[Path, int | None]:
    path = d / "document.yaml"
    text = path.read_text(encoding="utf-8")
    start, end = text.index("rights:"), text.index("url:")
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    return path, 1


def rights_statement_missing(s: Store, d: Path) -> tuple[Path, int | None]:
    return d / "document.yaml", line_of(d / "document.yaml", "rights:")


def rights_noncanonical_uri(s: Store, d: Path) -> tuple[Path, int | None]:
    edit(
        d / "document.yaml",
        "rights:\n",
        "rights:\n  statement: https://rightsstatements.org/page/InC-EDU/1.0/?language=en\n",
    )
    return d / "document.yaml", line_of(d / "document.yaml", "  statement:")


def rights_unknown_statement(s: Store, d: Path) -> tuple[Path, int | None]:
    edit(
        d / "en/stream.yaml",
        "translates: null\n",
        "translates: null\nrights:\n  statement: http://example.org/rights/ok\n",
    )
    return d / "en/stream.yaml", line_of(d / "en/stream.yaml", "  statement:")


def funder_unlisted(s: Store, d: Path) -> tuple[Path, int | None]:
    edit(
        d / "document.yaml",
        "support from MacArthur Foundation",
        "support from MacArthur Foundation and Ford Foundation",
    )
    return d / "document.yaml", line_of(d / "document.yaml", "funder_line:")


def funder_uncredited(s: Store, d: Path) -> tuple[Path, int | None]:
    return d / "document.yaml", line_of(d / "document.yaml", "- Leon Levy Foundation")


def fixity_mismatch(s: Store, d: Path) -> tuple[Path, int | None]:
    text = d / "en/v1.txt"
    data = bytearray(text.read_bytes())
    data[100] = data[100] ^ 0x01
    text.write_bytes(bytes(data))
    return text, None


def line_endings_converted(s: Store, d: Path) -> tuple[Path, int | None]:
    text = d / "en/v1.txt"
    raw = text.read_bytes()
    assert b"\r\n" not in raw
    text.write_bytes(raw.replace(b"\n", b"\r\n"))  # as git checks out with core.autocrlf
    return text, None


def size_mismatch(s: Store, d: Path) -> tuple[Path, int | None]:
    edit(d / "en/v1.yaml", "size: 4796", "size: 4797")
    return d / "en/v1.yaml", line_of(d / "en/v1.yaml", "size:")


def text_without_record(s: Store, d: Path) -> tuple[Path, int | None]:
    commit(s, "A second version.\n")
    (d / "en/v2.yaml").unlink()
    return d / "en/v2.txt", None


def record_without_text(s: Store, d: Path) -> tuple[Path, int | None]:
    (d / "en/v1.txt").unlink()
    return d / "en/v1.yaml", 1


def version_number_mismatch(s: Store, d: Path) -> tuple[Path, int | None]:
    commit(s, "A second version.\n")
    edit(d / "en/v2.yaml", "number: 2", "number: 7")
    return d / "en/v2.yaml", line_of(d / "en/v2.yaml", "number:")


def version_duplicate(s: Store, d: Path) -> tuple[Path, int | None]:
    commit(s, "A second version.\n")
    edit(d / "en/v2.yaml", "number: 2", "number: 1")
    return d / "en/v2.yaml", line_of(d / "en/v2.yaml", "number:")


def version_gap(s: Store, d: Path) -> tuple[Path, int | None]:
    commit(s, "A second version.\n")
    commit(s, "A third version.\n")
    (d / "en/v2.txt").unlink()
    (d / "en/v2.yaml").unlink()
    return d / "en/v3.yaml", line_of(d / "en/v3.yaml", "number:")


def version_parent_missing(s: Store, d: Path) -> tuple[Path, int | None]:
    commit(s, "A second version.\n")
    edit(d / "en/v2.yaml", "parent: 1", "parent: null")
    return d / "en/v2.yaml", line_of(d / "en/v2.yaml", "parent:")


def version_parent_mismatch(s: Store, d: Path) -> tuple[Path, int | None]:
    commit(s, "A second version.\n")
    commit(s, "A third version.\n")
    edit(d / "en/v3.yaml", "parent: 2", "parent: 1")
    return d / "en/v3.yaml", line_of(d / "en/v3.yaml", "parent:")


def translator_missing(s: Store, d: Path) -> tuple[Path, int | None]:
    v1 = d / "en/v1.yaml"
    v1.write_text(
        v1.read_text(encoding="utf-8").replace("role: translator", "role: editor"), encoding="utf-8"
    )
    return d / "en/stream.yaml", line_of(d / "en/stream.yaml", "kind:")


def stream_record_missing(s: Store, d: Path) -> tuple[Path, int | None]:
    (d / "en/stream.yaml").unlink()
    return d / "en", None


def stream_translates_unknown(s: Store, d: Path) -> tuple[Path, int | None]:
    edit(d / "en/stream.yaml", "translates: null", "translates: zh")
    return d / "en/stream.yaml", line_of(d / "en/stream.yaml", "translates:")


def _linked_zh(s: Store) -> None:
    s.create_stream(DOC, "zh", kind="transcription", language="zh")
    commit(s, "第一段。\n\n第二段，1961年。\n", stream="zh", role="transcriber")
    commit(s, "第一段。\n\n第二段，1962年。\n", stream="zh", role="transcriber")


def translation_stale(s: Store, d: Path) -> tuple[Path, int | None]:
    _linked_zh(s)
    edit(d / "en/stream.yaml", "translates: null", "translates: zh")
    commit(s, "First paragraph.\n\nSecond, in 1961.\n")
    edit(d / "en/v2.yaml", "activity:", "translates: zh@1\nactivity:")
    return d / "en/v2.yaml", line_of(d / "en/v2.yaml", "translates:")


def translation_source_missing(s: Store, d: Path) -> tuple[Path, int | None]:
    _linked_zh(s)
    edit(d / "en/stream.yaml", "translates: null", "translates: zh")
    with (d / "en/stream.yaml").open("a", encoding="utf-8") as fh:
        fh.write("lineage:\n- version: 1\n  translates: zh@5\n")
    return d / "en/stream.yaml", line_of(d / "en/stream.yaml", "lineage:")


def document_id_mismatch(s: Store, d: Path) -> tuple[Path, int | None]:
    edit(d / "document.yaml", f"id: {DOC}", "id: another-document")
    return d / "document.yaml", line_of(d / "document.yaml", "id:")


def stream_id_mismatch(s: Store, d: Path) -> tuple[Path, int | None]:
    edit(d / "en/stream.yaml", "id: en", "id: fr")
    return d / "en/stream.yaml", line_of(d / "en/stream.yaml", "id:")


def path_outside_store(s: Store, d: Path) -> tuple[Path, int | None]:
    outside = s.root.parent / "secret.txt"
    outside.write_text("not part of the store\n", encoding="utf-8")
    os.symlink(outside, d / "en/v2.txt")
    return d / "en/v2.txt", None


def symlink(s: Store, d: Path) -> tuple[Path, int | None]:
    os.symlink("v1.txt", d / "en/latest.txt")
    return d / "en/latest.txt", None


def document_record_missing(s: Store, d: Path) -> tuple[Path, int | None]:
    (d / "document.yaml").unlink()
    return d, None


def version_file_name(s: Store, d: Path) -> tuple[Path, int | None]:
    (d / "en/v02.txt").write_text("text\n", encoding="utf-8")
    return d / "en/v02.txt", None


def leftover(s: Store, d: Path) -> tuple[Path, int | None]:
    (d / "en/.v2.txt.k3j4h5g6.tmp").write_text("half a commit\n", encoding="utf-8")
    return d / "en/.v2.txt.k3j4h5g6.tmp", None


def text_unreadable(s: Store, d: Path) -> tuple[Path, int | None]:
    commit(s, "First line.\nSecond line.\n")
    (d / "en/v2.txt").write_bytes(b"First line.\nSecond \xff line.\n")
    return d / "en/v2.txt", 2


def bracket_unbalanced(s: Store, d: Path) -> tuple[Path, int | None]:
    commit(s, "Opening line.\n\nThe [North Korea side said so.\n")
    return d / "en/v2.txt", 3


CASES: dict[str, tuple[str, Case]] = {
    "yaml-malformed": ("yaml-malformed", yaml_malformed),
    "yaml-alias": ("yaml-malformed", yaml_alias),
    "schema-invalid": ("schema-invalid", schema_invalid),
    "agents-missing": ("agents-missing", agents_missing),
    "date-invalid": ("date-invalid", date_invalid),
    "date-invalid-version": ("date-invalid", date_invalid_version),
    "date-invalid-line-break": ("date-invalid", date_invalid_line_break),
    "source-missing": ("source-missing", source_missing),
    "citation-incomplete": ("citation-incomplete", citation_incomplete),
    "rights-missing": ("rights-missing", rights_missing),
    "rights-statement-missing": ("rights-statement-missing", rights_statement_missing),
    "rights-unknown-statement": ("rights-unknown-statement", rights_unknown_statement),
    "rights-noncanonical-uri": ("rights-noncanonical-uri", rights_noncanonical_uri),
    "funder-unlisted": ("funder-unlisted", funder_unlisted),
    "funder-uncredited": ("funder-uncredited", funder_uncredited),
    "fixity-mismatch": ("fixity-mismatch", fixity_mismatch),
    "size-mismatch": ("fixity-mismatch", size_mismatch),
    "line-endings-converted": ("line-endings-converted", line_endings_converted),
    "text-without-record": ("text-without-record", text_without_record),
    "record-without-text": ("record-without-text", record_without_text),
    "version-number-mismatch": ("version-number-mismatch", version_number_mismatch),
    "version-duplicate": ("version-duplicate", version_duplicate),
    "version-gap": ("version-gap", version_gap),
    "version-parent-missing": ("version-parent-missing", version_parent_missing),
    "version-parent-mismatch": ("version-parent-mismatch", version_parent_mismatch),
    "translator-missing": ("translator-missing", translator_missing),
    "stream-record-missing": ("stream-record-missing", stream_record_missing),
    "stream-translates-unknown": ("stream-translates-unknown", stream_translates_unknown),
    "translation-stale": ("translation-stale", translation_stale),
    "translation-source-missing": ("translation-source-missing", translation_source_missing),
    "document-id-mismatch": ("document-id-mismatch", document_id_mismatch),
    "stream-id-mismatch": ("stream-id-mismatch", stream_id_mismatch),
    "path-outside-store": ("path-outside-store", path_outside_store),
    "symlink": ("symlink", symlink),
    "document-record-missing": ("document-record-missing", document_record_missing),
    "version-file-name": ("version-file-name", version_file_name),
    "text-unreadable": ("text-unreadable", text_unreadable),
    "leftover": ("leftover", leftover),
    "bracket-unbalanced": ("bracket-unbalanced", bracket_unbalanced),
}


@pytest.mark.parametrize("name", list(CASES))
def test_rule_fires_with_file_and_line(name: str, s: Store, folder: Path) -> None:
    code, breaker = CASES[name]
    path, line = breaker(s, folder)
    result = check(s, "ALL")
    hits = only(result, code)
    assert hits, f"{code} did not fire; found {[(f.code, f.file) for f in result.findings]}"
    assert any(f.file == rel(s, path) and f.line == line for f in hits), [
        (f.file, f.line, f.message) for f in hits
    ]
    assert all(f.document in (DOC, None) for f in hits)
    if RULES[code].severity is Severity.error:
        assert result.exit_code == 1


def test_every_rule_without_history_has_a_case() -> None:
    covered = {code for code, _ in CASES.values()}
    history = {c for c, r in RULES.items() if r.scope == "history"}
    brackets = {c for c, r in RULES.items() if r.origin == "provenance.interventions"}
    assert set(RULES) - covered - history - brackets == set()


def test_converted_line_endings_are_not_called_an_edit(s: Store, folder: Path) -> None:
    line_endings_converted(s, folder)
    result = check(s)
    assert only(result, "fixity-mismatch") == []
    [hit] = only(result, "line-endings-converted")
    assert "only in line endings" in hit.message and "core.autocrlf" in hit.message
    assert "-text" in hit.message and "git checkout HEAD --" in hit.message
    # and the other way: CRLF text whose line endings became LF
    text = folder / "en/v1.txt"
    crlf = text.read_bytes()
    digest = hashlib.sha256(crlf).hexdigest()
    record = folder / "en/v1.yaml"
    meta = record.read_text(encoding="utf-8")
    old = meta.split("sha256: ", 1)[1].split("\n", 1)[0]
    meta = meta.replace(old, digest).replace("size: 4796", f"size: {len(crlf)}")
    record.write_text(meta, encoding="utf-8")
    assert only(check(s), "line-endings-converted") == []
    text.write_bytes(crlf.replace(b"\r\n", b"\n"))
    [hit] = only(check(s), "line-endings-converted")
    assert "CRLF line endings were turned into LF" in hit.message


def test_fixity_message_names_the_version(s: Store, folder: Path) -> None:
    fixity_mismatch(s, folder)
    [hit] = only(check(s), "fixity-mismatch")
    assert f"{DOC}/en@1" in hit.message and "new version" in hit.message


def test_canonical_statement_is_suggested(s: Store, folder: Path) -> None:
    rights_noncanonical_uri(s, folder)
    [hit] = only(check(s), "rights-noncanonical-uri")
    assert "'http://rightsstatements.org/vocab/InC-EDU/1.0/'" in hit.message


@pytest.mark.parametrize(
    "value",
    [
        "http://rightsstatements.org/vocab/InC-EDU/1.0/",
        "https://creativecommons.org/licenses/by-nc/4.0/",
        "https://creativecommons.org/publicdomain/zero/1.0/",
        "CC-BY-4.0",
        "MIT OR Apache-2.0",
    ],
)
def test_known_statements_pass(value: str, s: Store, folder: Path) -> None:
    edit(folder / "document.yaml", "rights:\n", f"rights:\n  statement: '{value}'\n")
    result = check(s)
    assert not only(result, "rights-unknown-statement")
    assert not only(result, "rights-noncanonical-uri")
    assert not only(result, "rights-statement-missing")


def test_unknown_uri_is_reported(s: Store, folder: Path) -> None:
    edit(
        folder / "document.yaml",
        "rights:\n",
        "rights:\n  statement: http://example.org/rights/ok\n",
    )
    [hit] = only(check(s), "rights-unknown-statement")
    assert hit.file.endswith("document.yaml") and hit.pointer == "/rights/statement"


def test_a_broken_store_reports_every_problem(s: Store, folder: Path) -> None:
    """Collect, never stop at the first: five unrelated breakages, five codes."""
    schema_invalid(s, folder)
    fixity_mismatch(s, folder)
    stream_translates_unknown(s, folder)
    symlink(s, folder)
    (s.root / "other").mkdir()
    (s.root / "other" / "document.yaml").write_text("title: [\n", encoding="utf-8")
    codes = {f.code for f in check(s).findings}
    assert {
        "schema-invalid",
        "fixity-mismatch",
        "stream-translates-unknown",
        "symlink",
        "yaml-malformed",
    } <= codes


def test_malformed_store_settings_are_a_finding(s: Store) -> None:
    (s.root / "provenance.yaml").write_text(
        "schema: provenance/store/1\npublisher: [\n", encoding="utf-8"
    )
    result = check(s)
    [hit] = only(result, "yaml-malformed")
    assert hit.file == "records/provenance.yaml" and hit.line == 3
    assert result.exit_code == 1


def test_settings_behind_a_symlink_are_not_read(s: Store, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text(
        "schema: provenance/store/1\ncheck:\n  select: [symlink]\n", encoding="utf-8"
    )
    (s.root / "provenance.yaml").unlink()
    os.symlink(outside, s.root / "provenance.yaml")
    result = check(s)
    [hit] = only(result, "path-outside-store")
    assert hit.file == "records/provenance.yaml"
    assert only(result, "rights-statement-missing")  # the outside settings were not used


def test_findings_are_frozen_and_sorted(s: Store, folder: Path) -> None:
    schema_invalid(s, folder)
    fixity_mismatch(s, folder)
    result = check(s)
    assert list(result.findings) == sorted(result.findings, key=Finding.sort_key)
    with pytest.raises(AttributeError):
        result.findings[0].code = "x"  # type: ignore[misc]


def test_odd_text_does_not_crash(s: Store) -> None:
    commit(s, "\ufeffBOM, CRLF\r\nNBSP\u00a0here, 中文 [北] 朝鲜, Кириллица, 𝔘 astral [\r\n")
    result = check(s)
    assert {f.code for f in result.findings} <= {"rights-statement-missing", "bracket-unbalanced"}


def test_a_date_of_the_wrong_shape_is_the_schema_rules_alone(s: Store, folder: Path) -> None:
    schema_invalid(s, folder)
    result = check(s, "ALL")
    assert only(result, "schema-invalid") and not only(result, "date-invalid")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789-/?~ ", max_size=24))
def test_the_date_shape_is_the_schemas_pattern(value: str) -> None:
    """``dates.has_date_shape`` (what date-invalid looks at) and the schemas' date pattern
    accept the same values."""
    schema = json.loads(
        (Path(__file__).parent.parent / "schemas" / "document.schema.json").read_text("utf-8")
    )
    pattern = schema["$defs"]["date"]["pattern"]
    assert has_date_shape(value) == bool(re.fullmatch(pattern, value))
