"""Rules on one metadata file at a time (cached by the file's content hash)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from .context import MetaContext
from .registry import Raw, rule

#: The JSON Schema each kind of metadata file follows.
SCHEMA_BY_KIND = {
    "store": "store.schema.json",
    "document": "document.schema.json",
    "stream": "stream.schema.json",
    "version": "version.schema.json",
    "history": "history.schema.json",
}


def get(meta: Mapping[str, Any] | None, *keys: str) -> Any:
    """``meta[k1][k2]...`` or None where a level is missing or not a mapping."""
    value: Any = meta
    for key in keys:
        if not isinstance(value, Mapping):
            return None
        value = value.get(key)
    return value


def blank(value: Any) -> bool:
    return value is None or (
        isinstance(value, (str, list, dict))
        and not (value.strip() if isinstance(value, str) else value)
    )


@rule(
    "yaml-malformed",
    "error",
    "A metadata file cannot be read: not UTF-8, malformed YAML, anchors or aliases, too large.",
    "meta",
)
def yaml_malformed(ctx: MetaContext) -> Iterator[Raw]:
    if ctx.error is not None:
        yield Raw(ctx.error.message, line=ctx.error.line)


@rule(
    "schema-invalid",
    "error",
    "A metadata file does not follow its JSON Schema (document, stream, version, store).",
    "meta",
)
def schema_invalid(ctx: MetaContext) -> Iterator[Raw]:
    if ctx.doc is None:
        return
    name = SCHEMA_BY_KIND[ctx.kind]
    if not isinstance(ctx.data, dict):
        yield Raw(f"{ctx.kind} metadata must be a YAML mapping (follows {name})", line=1)
        return
    from .. import schema
    from ..fastschema import is_valid

    if is_valid(ctx.data, name) is True:
        return
    for problem in schema.iter_problems(ctx.data, name, ctx.doc):
        yield Raw(problem.message, pointer=problem.pointer)


@rule(
    "agents-missing",
    "warning",
    "A version record names nobody: every change should say who made it, in what role.",
    "meta",
)
def agents_missing(ctx: MetaContext) -> Iterator[Raw]:
    if ctx.kind == "version" and ctx.mapping is not None and ctx.mapping.get("agents") == []:
        yield Raw(
            "no agents recorded: say who made this version and in what role", pointer="/agents"
        )


@rule(
    "date-invalid",
    "error",
    "A document's or a version's date names a day, month or range that does not exist "
    "(1961-13-45, 1961-02-30, 1962/1961).",
    "meta",
)
def date_invalid(ctx: MetaContext) -> Iterator[Raw]:
    if ctx.kind not in ("document", "version") or ctx.mapping is None:
        return
    from ..dates import check_date, has_date_shape
    from ..errors import UsageError

    value = ctx.mapping.get("date")
    # The schema's pattern ends in '$', which also lets one final line break through.
    if not isinstance(value, str) or not has_date_shape(value.removesuffix("\n")):
        return  # absent, or of a shape the schema rule reports already

    try:
        check_date(value)
    except UsageError as exc:
        yield Raw(exc.message, pointer="/date")


@rule(
    "source-missing",
    "error",
    "A document has no source reference (source.reference: the archive's call number).",
    "document",
)
def source_missing(ctx: MetaContext) -> Iterator[Raw]:
    meta = ctx.mapping
    if blank(get(meta, "source", "reference")):
        pointer = "/source" if isinstance(get(meta, "source"), Mapping) else ""
        yield Raw(
            "no source reference: record where the original is held "
            "(source.reference, e.g. 'PRC FMA 118-01026-03')",
            pointer=pointer,
        )


@rule(
    "citation-incomplete",
    "warning",
    "A document lacks a field its citation style needs (style: check.citation_style).",
    "document",
)
def citation_incomplete(ctx: MetaContext) -> Iterator[Raw]:
    meta = ctx.mapping
    if meta is None:
        return
    from ..citation import missing_fields

    style = ctx.settings.citation_style
    for missing in missing_fields(meta, style, config=dict(ctx.settings.config)):
        yield Raw(f"{style} citation: {missing.message}", pointer=missing.pointer or "")
