"""The rights of an imported TEI document.

In order:

1. the header's ``publicationStmt/availability``: each ``licence``'s text is the rights text
   and its ``target``, when it is a statement :class:`provenance.rights.Statement` recognises,
   the statement (written in its canonical form); a ``p`` reading ``Rights holder: ...`` is
   the holder; other ``p``s are the rights text, or the contact line when a ``licence`` gives
   the text (as :mod:`provenance.tei.writer` writes them);
2. a statement the user gives (``--rights``) replaces the source's statement, keeping its text;
3. no availability and no statement given: when the header's publisher (``publicationStmt``
   or ``sourceDesc``) is a United States Government body listed in :data:`US_FEDERAL_PUBLISHERS`,
   the work is recorded as not in copyright in the United States (17 U.S.C. § 105) with a
   warning saying it was inferred; otherwise nothing is invented and the warning asks for
   ``--rights``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..rights import Statement

NOC_US = "http://rightsstatements.org/vocab/NoC-US/1.0/"

#: The rights text recorded for a work of the United States Government.
NOC_US_TEXT = (
    "A work of the United States Government ({publisher}): not subject to "
    "copyright in the United States (17 U.S.C. § 105)."
)

#: United States Government publishers, as (a name the publisher's name contains, the place
#: it must be published in, or "" for anywhere).  "U.S." is read as "United States"; case
#: and punctuation do not matter.  Names without "United States" need the place, since other
#: countries and the states have printing offices and departments of state of their own.
US_FEDERAL_PUBLISHERS: tuple[tuple[str, str], ...] = (
    ("United States Government Printing Office", ""),
    ("United States Government Publishing Office", ""),
    ("United States Department of State", ""),
    ("Government Printing Office", "Washington"),
    ("Government Publishing Office", "Washington"),
    ("Department of State", "Washington"),
    ("Office of the Historian", "Washington"),
)

_TEI = "{http://www.tei-c.org/ns/1.0}"
_HOLDER = re.compile(r"^Rights holder:\s*", re.I)


def _key(name: str) -> str:
    """``U.S. Government Printing Office,`` -> ``united states government printing office``."""
    text = re.sub(r"\bu\.\s*s\.(?:\s*a\.)?", " united states ", name.casefold())
    text = re.sub(r"\W+", " ", text)
    text = re.sub(r"\b(?:usa?)\b", "united states", text)
    return " ".join(text.split())


def federal_publisher(name: str, place: str = "") -> bool:
    """Whether ``name`` (published at ``place``) is a United States Government body."""
    key, where = f" {_key(name)} ", _key(place)
    return any(
        f" {_key(known)} " in key and (not at or _key(at) in where)
        for known, at in US_FEDERAL_PUBLISHERS
    )


def publishers(header: Any) -> list[tuple[str, str]]:
    """The header's publishers with their places: ``publicationStmt``'s, then ``sourceDesc``'s."""
    from .inline import element_text as _text

    if header is None:
        return []
    out: list[tuple[str, str]] = []
    for where in (f"{_TEI}fileDesc/{_TEI}publicationStmt", f"{_TEI}fileDesc/{_TEI}sourceDesc"):
        for section in header.findall(where):
            for el in section.iter(f"{_TEI}publisher"):
                name = _text(el)
                parent = el.getparent()
                place = " ".join(_text(p) for p in parent.findall(f"{_TEI}pubPlace"))
                if name:
                    out.append((name, place))
    return out


def availability(pub: Any) -> tuple[dict[str, str], list[str]]:
    """The rights ``publicationStmt/availability`` states (empty when it states none)."""
    from ..rights import Statement, StatementError
    from .inline import element_text as _text

    warnings: list[str] = []
    texts: list[str] = []
    others: list[str] = []
    targets: list[str] = []
    holder = ""
    for av in pub.findall(f"{_TEI}availability") if pub is not None else []:
        for licence in av.iter(f"{_TEI}licence"):
            if _text(licence):
                texts.append(_text(licence))
            if (licence.get("target") or "").strip():
                targets.append(licence.get("target").strip())
        for p in av.findall(f"{_TEI}p"):
            line = _text(p)
            if _HOLDER.match(line):
                holder = _HOLDER.sub("", line)
            elif line:
                others.append(line)
    rights: dict[str, str] = {}
    if texts or others:
        rights["text"] = "\n\n".join(texts or others)
    for target in targets:
        try:
            statement = Statement.from_string(target)
        except StatementError as exc:
            warnings.append(
                f"the TEI licence target {target!r} is not a rights statement "
                f"check knows ({exc.reason}): not recorded as rights.statement"
            )
            rights.setdefault("text", target)
            continue
        if "statement" in rights:
            if str(statement) != rights["statement"]:
                warnings.append(
                    f"the TEI names several licences: recorded the first, "
                    f"{rights['statement']}, not {statement}"
                )
            continue
        rights["statement"] = str(statement)
        if not statement.is_canonical:
            warnings.append(
                f"the TEI licence target {target!r} recorded as its canonical form {statement}"
            )
    if holder:
        rights["holder"] = holder
    if texts and others:
        rights["contact"] = "\n".join(others)
    return rights, warnings


def tei_rights(header: Any, given: Statement | None = None) -> tuple[dict[str, str], list[str]]:
    """The rights to record for a document of the TEI whose ``teiHeader`` is ``header`` (see
    the module's description), and the warnings to show."""
    from ..importer.rights import apply_statement, statement_text

    pub = header.find(f"{_TEI}fileDesc/{_TEI}publicationStmt") if header is not None else None
    rights, warnings = availability(pub)
    if rights or given is not None:
        box: dict[str, Any] = {"rights": rights} if rights else {}
        warnings += apply_statement(box, given)
        return dict(box.get("rights") or {}), warnings
    found = publishers(header)
    federal = next((name for name, place in found if federal_publisher(name, place)), None)
    if federal is not None:
        from ..rights import Statement

        label = statement_text(Statement.from_string(NOC_US))
        warnings.append(
            f"the TEI states no rights (no <availability>); inferred from its "
            f"publisher {federal!r}, a United States Government body: recorded "
            f"as {label} ({NOC_US}); check this, or give --rights"
        )
        return {"text": NOC_US_TEXT.format(publisher=federal), "statement": NOC_US}, warnings
    named = (
        f"its publisher {found[0][0]!r} is not a United States Government body this importer knows"
        if found
        else "it names no publisher"
    )
    warnings.append(
        f"the TEI states no rights (no <availability>) and {named}: no rights "
        "recorded; give them with --rights STATEMENT (e.g. --rights InC, "
        "--rights CC-BY-4.0), or check will report rights-missing"
    )
    return {}, warnings
