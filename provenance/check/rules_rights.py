"""Rights and funder rules.

The rules of :func:`provenance.rights.check_record` (codes and severities from
:data:`provenance.rights.CODES`: ``rights-missing``, ``rights-unknown-statement``,
``rights-noncanonical-uri``, ``funder-unlisted``) run on each ``document.yaml`` and on each
``stream.yaml`` that carries its own rights; two more are defined here:
``rights-statement-missing`` (prose rights with no machine-readable statement) and
``funder-uncredited`` (off by default).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from ..rights.codes import CODES
from .context import MetaContext
from .registry import Raw, register, rule
from .rules_files import blank, get

_memo: tuple[MetaContext | None, list[Any]] = (None, [])

#: Stands in for the document when a stream's own rights are checked alone (so only the
#: stream's findings come back).
_SOME_DOCUMENT = {"rights": {"text": "-"}}


def _findings(ctx: MetaContext) -> list[Any]:
    """``check_record`` once per file for all the rights rules."""
    global _memo
    if _memo[0] is not ctx:
        from ..rights.record import check_record

        meta = ctx.mapping
        found: list[Any] = []
        if meta is not None and ctx.kind == "document":
            found = check_record(meta)
        elif meta is not None and ctx.kind == "stream" and isinstance(meta.get("rights"), Mapping):
            found = [
                f
                for f in check_record(_SOME_DOCUMENT, [dict(meta, id="-")])
                if f.stream is not None
            ]
        _memo = (ctx, found)
    return _memo[1]


def _make(code: str) -> Callable[[MetaContext], Iterator[Raw]]:
    def rights_rule(ctx: MetaContext) -> Iterator[Raw]:
        for f in _findings(ctx):
            if f.code == code:
                yield Raw(f.message, pointer=f.pointer)

    rights_rule.__name__ = code.replace("-", "_")
    return rights_rule


for _code, (_severity, _description) in CODES.items():
    register(_code, _severity, _description, "meta", origin="provenance.rights", func=_make(_code))


@rule(
    "rights-statement-missing",
    "warning",
    "A document's rights are only prose: no machine-readable statement URI (rights.statement).",
    "document",
)
def rights_statement_missing(ctx: MetaContext) -> Iterator[Raw]:
    rights = get(ctx.mapping, "rights")
    if (
        isinstance(rights, Mapping)
        and not blank(rights.get("text"))
        and blank(rights.get("statement"))
    ):
        yield Raw(
            "rights text without a machine-readable statement: add rights.statement "
            "(e.g. http://rightsstatements.org/vocab/InC-EDU/1.0/)",
            pointer="/rights",
        )


def _fold(name: str) -> str:
    words = name.split()
    if words and words[0].casefold() == "the":
        words = words[1:]
    return " ".join(words).strip(" .;:").casefold().replace("&", "and")


@rule(
    "funder-uncredited",
    "note",
    "A funder listed in funders is not named in funder_line (off by default: archives often "
    "print only the first funder).",
    "document",
    default=False,
)
def funder_uncredited(ctx: MetaContext) -> Iterator[Raw]:
    line = get(ctx.mapping, "funder_line")
    listed = get(ctx.mapping, "funders")
    if not isinstance(line, str) or not isinstance(listed, list):
        return
    from ..rights.funders import credited_names

    names = [n for n in listed if isinstance(n, str)]
    credited = {_fold(n) for n in credited_names(line, names)}
    for i, name in enumerate(listed):
        if isinstance(name, str) and _fold(name) not in credited:
            yield Raw(
                f"funder {name!r} is listed but not named in funder_line", pointer=f"/funders/{i}"
            )
