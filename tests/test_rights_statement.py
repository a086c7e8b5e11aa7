"""Statement.from_string: canonical forms, the usual URI slips normalised and reported, Creative
Commons licences and public-domain tools, SPDX expressions through the SPDX parser, precise
errors with the canonical form suggested, and round-trips."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance.errors import ProvenanceError, SchemaError
from provenance.rights import Statement, StatementError, vocab

INC_EDU = "http://rightsstatements.org/vocab/InC-EDU/1.0/"


# --- rightsstatements.org ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "fix"),
    [
        ("https://rightsstatements.org/vocab/InC-EDU/1.0/", "'https://' written 'http://'"),
        ("http://rightsstatements.org/page/InC-EDU/1.0/", "'/page/' (the statement's web page)"),
        ("http://rightsstatements.org/vocab/InC-EDU/1.0", "trailing '/' added"),
        ("http://www.rightsstatements.org/vocab/InC-EDU/1.0/", "'www.' removed"),
        ("http://rightsstatements.org/page/InC-EDU/1.0/?language=en", "'?language=en' removed"),
        ("rightsstatements.org/vocab/InC-EDU/1.0/", "'http://' added"),
        ("http://rightsstatements.org/vocab/inc-edu/1.0/", "'inc-edu' written 'InC-EDU'"),
        ("http://rightsstatements.org/data/InC-EDU/1.0/", "'/data/'"),
        (" http://rightsstatements.org/vocab/InC-EDU/1.0/\n", "white space around it removed"),
        ("InC-EDU", "a bare statement id"),
    ],
)
def test_uri_slips_are_normalised_and_reported(written: str, fix: str) -> None:
    s = Statement.from_string(written)
    assert str(s) == INC_EDU
    assert s.label == "In Copyright - Educational Use Permitted"
    assert s.original == written and not s.is_canonical
    assert any(fix in f for f in s.fixes), s.fixes


def test_every_slip_at_once_is_reported_one_by_one() -> None:
    s = Statement.from_string("https://www.rightsstatements.org/page/inc-edu/1.0?language=en")
    assert str(s) == INC_EDU
    assert len(s.fixes) == 6, s.fixes  # https, www., query, slash, /page/, case


def test_canonical_uri_has_no_fixes() -> None:
    s = Statement.from_string(INC_EDU)
    assert s.is_canonical and s.fixes == ()
    assert s == Statement.from_string("https://rightsstatements.org/page/InC-EDU/1.0/")


@pytest.mark.parametrize(
    ("written", "reason", "suggestion"),
    [
        (
            "http://rightsstatements.org/vocab/InC-EDUC/1.0/",
            "'InC-EDUC' is not one of the 12",
            INC_EDU,
        ),
        ("http://rightsstatements.org/vocab/InC-EDU/2.0/", "version '2.0' does not exist", INC_EDU),
        ("http://rightsstatements.org/vocab/InC-EDU/", "the version is missing", INC_EDU),
        ("http://rightsstatements.org/vocab/Public-Domain/1.0/", "is not one of the 12", None),
        ("http://rightsstatements.org/", "has the form", None),
    ],
)
def test_unknown_statements_raise_with_the_canonical_form(
    written: str, reason: str, suggestion: str | None
) -> None:
    with pytest.raises(StatementError) as info:
        Statement.from_string(written)
    err = info.value
    assert reason in err.reason
    assert err.suggestion == suggestion
    assert err.value == written and repr(written) in str(err)
    assert isinstance(err, SchemaError) and isinstance(err, ProvenanceError)
    assert err.code == "rights-unknown-statement"


# --- Creative Commons ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "canonical", "label"),
    [
        (
            "https://creativecommons.org/licenses/by/4.0/",
            "https://creativecommons.org/licenses/by/4.0/",
            "Creative Commons Attribution 4.0 International",
        ),
        (
            "http://creativecommons.org/licenses/by-nc-sa/4.0/legalcode",
            "https://creativecommons.org/licenses/by-nc-sa/4.0/",
            "Creative Commons Attribution-NonCommercial-ShareAlike 4.0 International",
        ),
        (
            "https://creativecommons.org/licenses/by-nd/4.0/deed.fr",
            "https://creativecommons.org/licenses/by-nd/4.0/",
            "Creative Commons Attribution-NoDerivatives 4.0 International",
        ),
        (
            "https://creativecommons.org/licenses/by-nc-nd/3.0/",
            "https://creativecommons.org/licenses/by-nc-nd/3.0/",
            "Creative Commons Attribution-NonCommercial-NoDerivs 3.0 Unported",
        ),
        (
            "https://creativecommons.org/licenses/by-nd-nc/1.0/",
            "https://creativecommons.org/licenses/by-nd-nc/1.0/",
            "Creative Commons Attribution-NoDerivs-NonCommercial 1.0 Generic",
        ),
        (
            "https://creativecommons.org/licenses/by/3.0/de/",
            "https://creativecommons.org/licenses/by/3.0/de/",
            "Creative Commons Attribution 3.0 DE",
        ),
        (
            "https://creativecommons.org/licenses/by-sa/2.1/jp/",
            "https://creativecommons.org/licenses/by-sa/2.1/jp/",
            "Creative Commons Attribution-ShareAlike 2.1 JP",
        ),
        (
            "https://creativecommons.org/licenses/by/3.0/igo/",
            "https://creativecommons.org/licenses/by/3.0/igo/",
            "Creative Commons Attribution 3.0 IGO",
        ),
        (
            "https://creativecommons.org/publicdomain/zero/1.0/",
            "https://creativecommons.org/publicdomain/zero/1.0/",
            "CC0 1.0 Universal",
        ),
        (
            "http://creativecommons.org/publicdomain/zero/1.0/legalcode",
            "https://creativecommons.org/publicdomain/zero/1.0/",
            "CC0 1.0 Universal",
        ),
        (
            "https://creativecommons.org/publicdomain/mark/1.0/",
            "https://creativecommons.org/publicdomain/mark/1.0/",
            "Public Domain Mark 1.0",
        ),
        (
            "www.creativecommons.org/licenses/BY-SA/4.0",
            "https://creativecommons.org/licenses/by-sa/4.0/",
            "Creative Commons Attribution-ShareAlike 4.0 International",
        ),
        (
            "CC BY-NC 4.0",
            "https://creativecommons.org/licenses/by-nc/4.0/",
            "Creative Commons Attribution-NonCommercial 4.0 International",
        ),
        ("CC0", "https://creativecommons.org/publicdomain/zero/1.0/", "CC0 1.0 Universal"),
    ],
)
def test_creative_commons(written: str, canonical: str, label: str) -> None:
    s = Statement.from_string(written)
    assert s.kind == "creative-commons"
    assert str(s) == s.uri == canonical
    assert s.label == label
    assert s.is_canonical == (written == canonical)
    assert bool(s.fixes) == (written != canonical)


def test_every_current_licence_in_every_version() -> None:
    count = 0
    for code, unit in vocab.CC_UNITS.items():
        for version in unit.versions:
            uri = f"https://creativecommons.org/licenses/{code}/{version}/"
            s = Statement.from_string(uri)
            assert (s.id, s.version, str(s), s.retired) == (code, version, uri, unit.retired)
            count += 0 if unit.retired else 1
    assert count == 5 * 5 + 4 + 1  # six kinds in 1.0-4.0 (BY-NC-ND from 2.0; 1.0 BY-ND-NC)


def test_cc_spdx_equivalents() -> None:
    assert Statement.from_string("https://creativecommons.org/licenses/by/4.0/").spdx == "CC-BY-4.0"
    assert (
        Statement.from_string("https://creativecommons.org/licenses/by-nd-nc/1.0/").spdx
        == "CC-BY-NC-ND-1.0"
    )
    assert Statement.from_string("https://creativecommons.org/licenses/by/3.0/de/").spdx is None
    assert Statement.from_string("https://creativecommons.org/publicdomain/mark/1.0/").spdx == (
        "CC-PDM-1.0"
    )


@pytest.mark.parametrize(
    ("written", "reason", "suggestion"),
    [
        (
            "https://creativecommons.org/licenses/by-nc-nd/1.0/",
            "called by-nd-nc",
            "https://creativecommons.org/licenses/by-nd-nc/1.0/",
        ),
        (
            "https://creativecommons.org/licenses/by-sa/5.0/",
            "has no version '5.0'",
            "https://creativecommons.org/licenses/by-sa/4.0/",
        ),
        (
            "https://creativecommons.org/licenses/by/4.0/de/",
            "no ports",
            "https://creativecommons.org/licenses/by/4.0/",
        ),
        (
            "https://creativecommons.org/licenses/by/2.1/",
            "only as ports",
            "https://creativecommons.org/licenses/by/4.0/",
        ),
        (
            "https://creativecommons.org/licenses/by-nc-sx/4.0/",
            "not a Creative Commons licence",
            "https://creativecommons.org/licenses/by-nc-sa/4.0/",
        ),
        (
            "https://creativecommons.org/publicdomain/zero/2.0/",
            "only version is 1.0",
            "https://creativecommons.org/publicdomain/zero/1.0/",
        ),
        ("https://creativecommons.org/about/", "has the form", None),
    ],
)
def test_creative_commons_errors(written: str, reason: str, suggestion: str | None) -> None:
    with pytest.raises(StatementError) as info:
        Statement.from_string(written)
    assert reason in info.value.reason
    assert info.value.suggestion == suggestion


# --- SPDX ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("MIT", "MIT"),
        ("Apache-2.0 OR MIT", "Apache-2.0 OR MIT"),
        (
            "GPL-2.0-or-later WITH Classpath-exception-2.0",
            "GPL-2.0-or-later WITH Classpath-exception-2.0",
        ),
        ("(MIT AND BSD-3-Clause) OR Apache-2.0", "(MIT AND BSD-3-Clause) OR Apache-2.0"),
        ("LicenseRef-HPPP-Reuse OR CC-BY-NC-4.0", "LicenseRef-HPPP-Reuse OR CC-BY-NC-4.0"),
        ("mit or apache-2.0", "MIT OR Apache-2.0"),
        ("GPL-2.0+", "GPL-2.0-or-later"),
        ("CC-BY-4.0", "CC-BY-4.0"),
        ("CC0-1.0", "CC0-1.0"),
        ("https://spdx.org/licenses/MIT.html", "MIT"),
    ],
)
def test_spdx_valid(written: str, canonical: str) -> None:
    s = Statement.from_string(written)
    assert s.kind == "spdx"
    assert str(s) == s.id == s.spdx == canonical
    assert bool(s.fixes) == (written != canonical)


def test_spdx_fixes_say_what_changed() -> None:
    s = Statement.from_string("mit or apache-2.0")
    assert "'mit' written 'MIT' (SPDX letter case)" in s.fixes
    assert "operator 'or' written 'OR'" in s.fixes
    assert any("GPL-2.0-or-later" in f for f in Statement.from_string("GPL-2.0+").fixes)


def test_spdx_uri_and_label() -> None:
    assert Statement.from_string("MIT").uri == "http://spdx.org/licenses/MIT"
    assert Statement.from_string("MIT").label is None
    assert Statement.from_string("MIT OR Apache-2.0").uri is None
    cc = Statement.from_string("CC-BY-SA-4.0")
    assert cc.uri == "https://creativecommons.org/licenses/by-sa/4.0/"
    assert cc.label == "Creative Commons Attribution-ShareAlike 4.0 International"
    assert Statement.from_string("LicenseRef-Local").uri is None


@pytest.mark.parametrize(
    ("written", "reason", "suggestion"),
    [
        ("Foo-1.0", "unknown SPDX licence identifier 'Foo-1.0'", None),
        ("Apache-2.O", "unknown SPDX licence identifier", "Apache-2.0"),
        ("MIT AND", "requires two or more licenses", None),
        ("(MIT OR Apache-2.0", "unbalanced parentheses", None),
        ("MIT WITH MIT", "cannot be used as an exception", None),
        ("Classpath-exception-2.0", "exception", None),
        ("All rights reserved", "reads as prose", None),
        ("MIT/Apache-2.0", "not a valid SPDX licence expression", None),
        ("https://example.org/licence", "is not rightsstatements.org or creativecommons.org", None),
        ("", "it is empty", None),
        ("   ", "it is empty", None),
    ],
)
def test_spdx_and_other_invalid(written: str, reason: str, suggestion: str | None) -> None:
    with pytest.raises(StatementError) as info:
        Statement.from_string(written)
    assert reason in info.value.reason, info.value.reason
    assert info.value.suggestion == suggestion


def test_messy_text_never_crashes() -> None:
    for text in (
        "\ufeffMIT",
        "MIT\u00a0OR\u00a0Apache-2.0",
        "In Copyright – Educational",
        "版权所有",
        "😀",
        "http://rightsstatements.org/vocab/InC/1.0/\u200b",
        "http://",
        "://",
        "www.",
        "CC BY 9.9",
        "\r\nMIT\r\n",
    ):
        try:
            s = Statement.from_string(text)
        except StatementError as exc:
            assert exc.reason
        else:
            assert str(s)


# --- round-trips ---------------------------------------------------------------------------


def _all_uris() -> list[str]:
    out = [e.uri for e in vocab.rightsstatements()]
    for code, unit in vocab.CC_UNITS.items():
        out += [f"https://creativecommons.org/licenses/{code}/{v}/" for v in unit.versions]
    out += [f"https://creativecommons.org/publicdomain/{t}/1.0/" for t in vocab.CC_PUBLIC_DOMAIN]
    return out


_SPDX_IDS = [
    "MIT",
    "Apache-2.0",
    "GPL-3.0-only",
    "CC-BY-4.0",
    "CC0-1.0",
    "LicenseRef-Local",
    "BSD-3-Clause",
]


@st.composite
def _spdx_expressions(draw: st.DrawFn) -> str:
    ids = draw(st.lists(st.sampled_from(_SPDX_IDS), min_size=1, max_size=4))
    ops = draw(
        st.lists(
            st.sampled_from(["AND", "OR", "and", "or"]),
            min_size=len(ids) - 1,
            max_size=len(ids) - 1,
        )
    )
    out = ids[0]
    for op, key in zip(ops, ids[1:], strict=True):
        spelled = (
            key if key.startswith("LicenseRef-") else draw(st.sampled_from([key, key.lower()]))
        )
        out += f" {op} {spelled}"
    return out


@given(
    st.sampled_from(_all_uris()),
    st.booleans(),
    st.booleans(),
    st.booleans(),
    st.sampled_from(["", "all", "host"]),
)
@settings(max_examples=150, deadline=None)
def test_uri_round_trip_and_slips(
    uri: str, flip_scheme: bool, www: bool, no_slash: bool, upper: str
) -> None:
    s = Statement.from_string(uri)
    assert str(s) == uri and s.is_canonical
    assert Statement.from_string(str(s)) == s
    written = uri
    if flip_scheme:
        written = (
            written.replace("http://", "https://", 1)
            if written.startswith("http://")
            else written.replace("https://", "http://", 1)
        )
    if www:
        written = written.replace("://", "://www.", 1)
    if no_slash:
        written = written.rstrip("/")
    if upper == "all":
        written = written.upper().replace("HTTP", "http")
    elif upper == "host":
        scheme, _, rest = written.partition("://")
        host, _, path = rest.partition("/")
        written = f"{scheme}://{host.upper()}/{path}"
    sloppy = Statement.from_string(written)
    assert sloppy == s and str(sloppy) == uri
    assert bool(sloppy.fixes) == (written != uri)


@given(_spdx_expressions())
@settings(max_examples=100, deadline=None)
def test_spdx_round_trip(expression: str) -> None:
    s = Statement.from_string(expression)
    again = Statement.from_string(str(s))
    assert again == s and str(again) == str(s) and again.is_canonical


_PIECES = [
    "http://",
    "https://",
    "HTTP://",
    "www.",
    "rightsstatements.org",
    "creativecommons.org",
    "spdx.org",
    "/vocab/",
    "/page/",
    "/licenses/",
    "/publicdomain/",
    "zero",
    "mark",
    "InC-EDU",
    "inc",
    "NoC-US",
    "by-nc",
    "BY",
    "1.0",
    "4.0",
    "3.0",
    "de",
    "/",
    "//",
    "?language=en",
    "#x",
    "legalcode",
    "deed.fr",
    " ",
    "MIT",
    "mit",
    " OR ",
    " and ",
    "(",
    ")",
    "GPL-2.0+",
    "LicenseRef-x",
    "CC0",
    "CC BY 4.0",
    "\u00a0",
    "é",
    "版",
]


@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=8).map("".join))
@settings(max_examples=300, deadline=None)
def test_anything_is_recognised_or_refused_precisely(text: str) -> None:
    try:
        s = Statement.from_string(text)
    except StatementError as exc:
        assert exc.reason and exc.value == text
        if exc.suggestion is not None:
            assert Statement.from_string(exc.suggestion).is_canonical
        return
    assert (s.fixes == ()) == (text == str(s))
    again = Statement.from_string(str(s))
    assert again == s and again.is_canonical
