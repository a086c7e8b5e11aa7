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


# -- through the command line ---------------------------------------------------------------

NOTE_PARENT = "chicago-notes-bibliography-17th-edition"


def _pandoc_calls(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """Every program run, with its arguments (each still run for real)."""
    import subprocess

    calls: list[list[str]] = []
    real = subprocess.run

    def spy(args, *a, **kw):  # type: ignore[no-untyped-def]
        calls.append([str(x) for x in args])
        return real(args, *a, **kw)

    monkeypatch.setattr(subprocess, "run", spy)
    return calls


@pytest.mark.parametrize("quote", ['"', "'"], ids=["double-quotes", "single-quotes"])
@pytest.mark.parametrize(
    ("form", "parent"), [("bibliography", "apa"), ("note", NOTE_PARENT)], ids=["entry", "note"]
)
def test_cli_cite_with_a_dependent_style_renders_its_shipped_parent_sandboxed(
    run,  # type: ignore[no-untyped-def]
    seed_store,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    quote: str,
    form: str,
    parent: str,
) -> None:
    """`cite --style FILE.csl` with a dependent style, its parent link in either quotes: the
    citation is the shipped parent's, and pandoc runs sandboxed on files of the style folder
    (and its own temporary input) only, so nothing is fetched or read elsewhere."""
    from .conftest import SEED_ID

    q = quote
    link = f"href={q}http://www.zotero.org/styles/{parent}{q} rel={q}independent-parent{q}"
    style = tmp_path / "journal" / "a-journal.csl"
    style.parent.mkdir()
    style.write_text(DEPENDENT.format(link=link), encoding="utf-8")
    base = ("--records", seed_store.root, "cite", SEED_ID, "--form", form)
    expected = run(*base, "--style", f"csl:{parent}")
    assert expected.exit_code == 0, expected.stderr
    calls = _pandoc_calls(monkeypatch)
    r = run(*base, "--style", style)
    assert r.exit_code == 0, r.stderr
    assert r.stdout == expected.stdout
    renders = [c for c in calls if "--citeproc" in c]
    assert renders, calls
    for args in renders:
        assert "--sandbox" in args, args
        named = [args[i + 1] for i, a in enumerate(args[:-1]) if a in ("--csl", "--bibliography")]
        for path in named:
            inside = Path(path).resolve().is_relative_to(styles_folder().resolve())
            assert inside or not Path(path).resolve().is_relative_to(tmp_path), path
        assert str(styles_folder() / f"{parent}.csl") in args


@pytest.mark.parametrize(
    "href",
    ["file://{secret}", "{secret}", "../outside/secret.csl", "http://evil.example/x.csl?t=1"],
    ids=["file-url", "absolute", "relative", "network"],
)
@pytest.mark.parametrize("quote", ['"', "'"], ids=["double-quotes", "single-quotes"])
def test_cli_cite_refuses_a_parent_link_outside_the_style_folder(
    run,  # type: ignore[no-untyped-def]
    seed_store,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    href: str,
    quote: str,
) -> None:
    """A parent link to a local file or another site: one line naming the style file, exit 2,
    pandoc never run, and the linked file's content never shown."""
    from .conftest import SEED_ID

    secret = tmp_path / "outside" / "secret.csl"
    secret.parent.mkdir()
    secret.write_text("<style>TOP-SECRET runner token</style>\n", encoding="utf-8")
    q = quote
    target = href.format(secret=secret)
    style = tmp_path / "journal" / "a-journal.csl"
    style.parent.mkdir()
    style.write_text(
        DEPENDENT.format(link=f"rel={q}independent-parent{q} href={q}{target}{q}"),
        encoding="utf-8",
    )
    calls = _pandoc_calls(monkeypatch)
    r = run("--records", seed_store.root, "cite", SEED_ID, "--style", style)
    assert r.exit_code == 2, (r.stdout, r.stderr)
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "a-journal.csl" in lines[0] and "parent" in lines[0], r.stderr
    assert "TOP-SECRET" not in r.stdout + r.stderr
    assert not [c for c in calls if "--citeproc" in c]
