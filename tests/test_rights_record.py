"""Rights of a record: reading, the stream's override, and the findings ``provenance check``
reports with stable codes."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from provenance.rights import (
    CODES,
    Rights,
    check_record,
    effective_rights,
    read_rights,
    rights_of,
)
from provenance.store import Store

from .conftest import SEED_ID

INC_EDU = "http://rightsstatements.org/vocab/InC-EDU/1.0/"


def _doc(**rights: Any) -> dict[str, Any]:
    meta: dict[str, Any] = {
        "id": "d",
        "funders": ["Leon Levy Foundation"],
        "funder_line": "This document was made possible with support from "
        "the Leon Levy Foundation.",
    }
    if rights:
        meta["rights"] = rights
    return meta


def _codes(findings: list[Any]) -> list[tuple[str, str, str | None]]:
    return [(f.code, f.pointer, f.stream) for f in findings]


def test_codes_are_the_documented_ones() -> None:
    assert set(CODES) == {
        "rights-missing",
        "rights-unknown-statement",
        "rights-noncanonical-uri",
        "funder-unlisted",
    }
    import provenance.rights as pkg

    for code in CODES:
        assert f"``{code}``" in (pkg.__doc__ or "")


def test_seed_record_is_clean(seed_store: Store) -> None:
    doc = seed_store.document(SEED_ID)
    streams = {s.id: s.meta for s in seed_store.streams(SEED_ID)}
    assert check_record(doc.meta, streams) == []


def test_rights_missing() -> None:
    assert _codes(check_record(_doc())) == [("rights-missing", "", None)]
    assert _codes(check_record(_doc(holder="X", contact="Y"))) == [
        ("rights-missing", "/rights", None)
    ]
    assert _codes(check_record(_doc(text="   "))) == [("rights-missing", "/rights", None)]
    assert check_record(_doc(text="All rights reserved.")) == []
    assert check_record(_doc(statement=INC_EDU)) == []


def test_statement_findings_carry_the_canonical_form() -> None:
    [f] = check_record(_doc(statement="https://rightsstatements.org/page/InC-EDU/1.0/"))
    assert (f.code, f.severity, f.pointer, f.suggestion) == (
        "rights-noncanonical-uri",
        "warning",
        "/rights/statement",
        INC_EDU,
    )
    assert INC_EDU in f.message and "https" in f.message and "/page/" in f.message
    [f] = check_record(_doc(statement="http://rightsstatements.org/vocab/InC-EDUC/1.0/"))
    assert (f.code, f.severity, f.suggestion) == ("rights-unknown-statement", "error", INC_EDU)
    [f] = check_record(_doc(statement="mit"))
    assert (f.code, f.suggestion) == ("rights-noncanonical-uri", "MIT")
    [f] = check_record(_doc(statement="Not-A-Licence-9"))
    assert (f.code, f.suggestion) == ("rights-unknown-statement", None)


def test_streams_are_checked_and_named() -> None:
    streams = {
        "zh": {"id": "zh", "rights": {"statement": "http://rightsstatements.org/vocab/NoC-US/1.0"}},
        "en": {"id": "en", "rights": {}},
        "fr": {"id": "fr"},
    }
    assert _codes(check_record(_doc(text="Reuse welcome."), streams)) == [
        ("rights-missing", "/rights", "en"),
        ("rights-noncanonical-uri", "/rights/statement", "zh"),
    ]
    as_list = check_record(_doc(text="Reuse welcome."), list(streams.values()))
    assert _codes(as_list) == _codes(check_record(_doc(text="Reuse welcome."), streams))


def test_funder_unlisted() -> None:
    meta = _doc(text="x")
    meta["funder_line"] = (
        "This document was made possible with support from the Leon Levy "
        "Foundation and the Korea Foundation"
    )
    [f] = check_record(meta)
    assert (f.code, f.pointer, f.severity) == ("funder-unlisted", "/funder_line", "error")
    assert "'Korea Foundation'" in f.message
    meta["funders"] = None  # wrong type: counts as none listed, never a crash
    assert [f.code for f in check_record(meta)] == ["funder-unlisted", "funder-unlisted"]


def test_bad_types_never_crash() -> None:
    for bad in (None, "text", 3, ["a"], {"text": 5, "statement": ["x"]}):
        meta: dict[str, Any] = {"rights": bad, "funders": "x", "funder_line": 7}
        assert check_record(meta, {"s": {"rights": bad}})[0].code == "rights-missing"


def test_stream_rights_replace_the_documents_whole() -> None:
    doc = _doc(text="Document terms.", statement=INC_EDU, holder="Archive")
    stream = {"rights": {"statement": "https://creativecommons.org/licenses/by/4.0/"}}
    rights, source = effective_rights(doc, stream)
    assert source == "stream" and rights is not None
    assert rights.text is None and rights.holder is None  # nothing inherited field by field
    assert rights.statement is not None and rights.statement.short == "CC BY 4.0"
    rights, source = effective_rights(doc, {"id": "en"})
    assert source == "document" and rights is not None and rights.text == "Document terms."


def test_read_rights_keeps_text_verbatim() -> None:
    text = "Reuse\u00a0welcome —\r\n“quoted”\n原件"
    rights = read_rights({"rights": {"text": text, "statement": "bogus statement here"}})
    assert rights is not None and rights.text == text
    assert rights.statement is None and rights.problem is not None
    assert read_rights({}) is None and Rights().empty


def test_rights_of_seed(seed_store: Store) -> None:
    report = rights_of(seed_store, SEED_ID)
    assert report.rights is not None and report.rights.text is not None
    assert report.rights.text.startswith("The History and Public Policy Program welcomes reuse")
    assert report.credit_line == (
        "This document was made possible with support from the MacArthur Foundation and Leon "
        "Levy Foundation."
    )
    assert report.funder_line == (
        "This document was made possible with support from MacArthur Foundation"
    )
    assert report.source == "document" and report.findings == ()
    assert next(iter(report.as_dict())) == "format_version"


def test_rights_of_unknown_stream(seed_store: Store) -> None:
    from provenance.errors import NotFoundError

    with pytest.raises(NotFoundError):
        rights_of(seed_store, SEED_ID, "xx")


def test_check_record_does_not_change_its_input() -> None:
    meta = _doc(statement="https://rightsstatements.org/page/InC-EDU/1.0/")
    before = copy.deepcopy(meta)
    check_record(meta)
    assert meta == before
