"""Rights given at import time (``provenance import ... --rights STATEMENT``).

The user's statement is read with :class:`provenance.rights.Statement` before anything is
written, so a statement ``check`` would refuse never reaches the store, and it is recorded in
its canonical form (``NoC-US`` -> ``http://rightsstatements.org/vocab/NoC-US/1.0/``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..rights import Statement


def given_statement(value: str | None) -> Statement | None:
    """``value`` (a statement URI, a short name such as ``InC`` or ``CC BY 4.0``, or an SPDX
    expression) read as a statement; :class:`~provenance.rights.StatementError` when it is
    none of these."""
    if value is None:
        return None
    from ..rights import Statement, StatementError

    try:
        return Statement.from_string(value)
    except StatementError as exc:
        exc.message = f"--rights: {exc.message}"
        exc.args = (exc.message,)
        raise


def statement_text(statement: Statement) -> str:
    """The words recorded as ``rights.text`` when the source prints none: the statement's
    label (``In Copyright``), else its short name."""
    return statement.label or f"Licensed under {statement.short}"


def apply_statement(meta: dict[str, Any], statement: Statement | None) -> list[str]:
    """Record ``statement`` as ``meta['rights']['statement']`` (and ``text`` from its label
    when the source gave no rights text).  The user's statement wins over one the source
    printed; the source's text is kept.  Returns the warnings to show."""
    if statement is None:
        return []
    rights: dict[str, Any] = dict(meta.get("rights") or {})
    canonical = str(statement)
    warnings = []
    old = rights.get("statement")
    if old and _canonical(str(old)) != canonical:
        kept = " (its rights text is kept)" if rights.get("text") else ""
        warnings.append(
            f"the source's rights statement {old!r} is replaced by --rights {canonical}{kept}"
        )
    rights["statement"] = canonical
    if not rights.get("text"):
        rights["text"] = statement_text(statement)
    order = ("text", "statement", "holder", "contact")
    set_rights(meta, {k: rights[k] for k in order if k in rights})
    return warnings


#: Keys that come after ``rights`` in ``document.yaml`` (the schema's order).
_AFTER_RIGHTS = ("url", "record_id", "uploaded", "subjects", "citation", "imported", "unplaced")


def set_rights(meta: dict[str, Any], rights: dict[str, Any]) -> None:
    """Set ``meta['rights']``, in its place among the keys when it is new."""
    if "rights" in meta:
        meta["rights"] = rights
        return
    items = list(meta.items())
    at = next((i for i, (k, _) in enumerate(items) if k in _AFTER_RIGHTS), len(items))
    items.insert(at, ("rights", rights))
    meta.clear()
    meta.update(items)


def _canonical(value: str) -> str:
    from ..rights import Statement, StatementError

    try:
        return str(Statement.from_string(value))
    except StatementError:
        return value
