"""Where two texts first differ (line and column in code points), and line-ending
conversions told apart from edits."""

from __future__ import annotations

import hashlib

from hypothesis import given
from hypothesis import strategies as st

from provenance.check.locate import eol_conversion, first_difference, same_but_line_endings

TEXT = st.text(alphabet=st.sampled_from(list("ab \n\r[]é中𠀀\u00a0")), max_size=40)


@given(TEXT, TEXT)
def test_points_at_the_first_differing_character(a: str, b: str) -> None:
    diff = first_difference(a.encode(), b.encode())
    if a == b:
        assert diff is None
        return
    assert diff is not None
    at = next(
        (i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b))
    )
    assert diff.line == b.count("\n", 0, at) + 1
    assert diff.column == at - b.rfind("\n", 0, at)


def test_quotes_whole_words() -> None:
    diff = first_difference(b"in Andong [Dandong]\n", b"in Andong [Dandung]\n")
    assert diff is not None
    assert (diff.line, diff.column, diff.old, diff.new) == (1, 16, "Dandong", "Dandung")
    assert "'Dandong' became 'Dandung'" in diff.describe()


def test_line_endings() -> None:
    lf = "Дорогой товарищ\nПекин\n".encode()
    crlf = lf.replace(b"\n", b"\r\n")
    assert eol_conversion(crlf, hashlib.sha256(lf).hexdigest()) == "lf-to-crlf"
    assert eol_conversion(lf, hashlib.sha256(crlf).hexdigest()) == "crlf-to-lf"
    assert eol_conversion(lf + b"x", hashlib.sha256(crlf).hexdigest()) is None
    assert same_but_line_endings(lf, crlf) and not same_but_line_endings(lf, lf)
