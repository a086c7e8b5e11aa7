"""CSL styles are resolved from the shipped repository only: a dependent style's parent link,
in double or single quotes, never reaches pandoc, which runs sandboxed."""

from __future__ import annotations

from pathlib import Path

import pytest

from provenance.citation.csl import resolve_style, styles_folder
from provenance.errors import InputError

DEPENDENT = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" default-locale="en-US">
  <info>
    <title>A journal</title>
    <id>http://www.zotero.org/styles/a-journal</id>
    <link {link}/>
  </info>
</style>
"""


@pytest.mark.parametrize(
    "link",
    [
        'href="http://www.zotero.org/styles/apa" rel="independent-parent"',
        "href='http://www.zotero.org/styles/apa' rel='independent-parent'",
        "rel='independent-parent'\n      href = 'http://www.zotero.org/styles/apa'",
    ],
)
def test_a_dependent_style_resolves_to_its_shipped_parent(tmp_path: Path, link: str) -> None:
    path = tmp_path / "a-journal.csl"
    path.write_text(DEPENDENT.format(link=link), encoding="utf-8")
    style = resolve_style(str(path))
    assert style.path == styles_folder() / "apa.csl"
    assert style.title == "A journal"


@pytest.mark.parametrize(
    "href",
    ["file:///etc/passwd", "http://evil.example/styles/x.csl?token=1", "../../secret"],
)
def test_a_parent_outside_the_repository_is_refused(tmp_path: Path, href: str) -> None:
    path = tmp_path / "a-journal.csl"
    path.write_text(
        DEPENDENT.format(link=f"rel='independent-parent' href='{href}'"), encoding="utf-8"
    )
    with pytest.raises(InputError, match="parent"):
        resolve_style(str(path))


def test_pandoc_runs_sandboxed(monkeypatch: pytest.MonkeyPatch) -> None:
    import subprocess

    from provenance.citation import csl

    seen: list[list[str]] = []

    class Done:
        returncode = 0
        stdout = b"Rendered."
        stderr = b""

    def fake(args: list[str], **kwargs: object) -> Done:
        seen.append(args)
        return Done()

    monkeypatch.setattr(subprocess, "run", fake)
    csl.render({"id": "x", "type": "document", "title": "T"}, resolve_style("apa"))
    assert "--sandbox" in seen[0]
