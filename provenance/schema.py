"""JSON Schemas shipped inside the package, loaded with importlib.resources and compiled once.

jsonschema is imported only when something is validated: commands that never touch metadata
(a diff of two plain files, ``--version``) do not pay for it.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .errors import SchemaError
from .schemafiles import SCHEMA_FILES, load_schema, schema_names

if TYPE_CHECKING:
    from .yamlio import YAMLDoc

__all__ = [
    "SCHEMA_FILES",
    "SchemaProblem",
    "iter_problems",
    "load_schema",
    "schema_names",
    "validate",
    "validator",
]


@functools.cache
def _registry() -> Any:
    from referencing import Registry, Resource

    return Registry().with_resources(
        (load_schema(name)["$id"], Resource.from_contents(load_schema(name)))
        for name in schema_names()
        if "$id" in load_schema(name)
    )


@functools.cache
def validator(name: str) -> Any:
    """A compiled Draft 2020-12 validator for the shipped schema ``name``."""
    from jsonschema import Draft202012Validator

    return Draft202012Validator(load_schema(name), registry=_registry())


@dataclass(frozen=True)
class SchemaProblem:
    """One schema violation: where (JSON pointer and YAML line) and what."""

    pointer: str
    line: int | None
    message: str


def _pointer(parts: Any) -> str:
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def iter_problems(data: Any, name: str, doc: YAMLDoc | None = None) -> Iterator[SchemaProblem]:
    """Every violation of schema ``name`` by ``data``, in document order.  An unknown field
    is reported at its own line, with the known fields closest to its name."""
    errors = sorted(validator(name).iter_errors(data), key=lambda e: list(map(str, e.path)))
    for err in errors:
        if err.validator == "additionalProperties" and isinstance(err.instance, dict):
            yield from _unknown_fields(err, doc)
            continue
        pointer = _pointer(err.absolute_path)
        line = doc.line_of(pointer) if doc is not None else None
        yield SchemaProblem(pointer or "/", line, _message(err))


def _unknown_fields(err: Any, doc: YAMLDoc | None) -> Iterator[SchemaProblem]:
    import re

    from .suggest import did_you_mean

    schema = err.schema if isinstance(err.schema, dict) else {}
    known = list(schema.get("properties", {}))
    patterns = list(schema.get("patternProperties", {}))
    for key in err.instance:
        if key in known or any(re.search(p, str(key)) for p in patterns):
            continue
        pointer = _pointer([*err.absolute_path, key])
        line = doc.line_of(pointer) if doc is not None else None
        message = f"unknown field {key!r}{did_you_mean(str(key), known)}"
        yield SchemaProblem(pointer, line, message)


def _message(err: Any) -> str:
    if err.validator == "additionalProperties":
        return f"unknown field: {err.message.split('(', 1)[-1].rstrip(')')}"
    if err.validator == "required":
        return str(err.message)
    if err.validator == "enum":
        return f"{err.instance!r} is not one of {err.validator_value!r}"
    if err.validator == "const":
        return f"{err.instance!r} should be {err.validator_value!r}"
    if err.validator == "pattern":
        return f"{err.instance!r} is not in the expected form"
    return str(err.message)


def validate(data: Any, name: str, doc: YAMLDoc | None = None, path: str | None = None) -> None:
    """Raise :class:`SchemaError` for the first violation (file, line and JSON pointer).

    A valid record (nearly every one) is recognised by :mod:`provenance.fastschema` without
    loading jsonschema, which then runs only to say what is wrong."""
    from .fastschema import is_valid

    if is_valid(data, name):
        return
    for problem in iter_problems(data, name, doc):
        raise SchemaError(
            f"does not follow {name}: {problem.message}",
            path=path or (doc.path if doc else None),
            line=problem.line,
            pointer=problem.pointer,
        )
