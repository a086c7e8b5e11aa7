"""A fast yes/no validator compiled from the shipped JSON Schemas.

Checking ten thousand records, jsonschema's general machinery costs more than reading the
YAML, and importing it costs a command that reads three records more than reading them.  Most
records are valid, so :func:`provenance.schema.validate` and the check first ask this
validator, which compiles the keywords our schemas use into plain Python closures (once per
schema); only when it says *invalid* does jsonschema run, for its precise messages.  A
schema using any keyword not handled here is refused (:class:`Unsupported`), and jsonschema
is then used alone, so this can make a check faster but never more lenient.
``tests/test_check_fastschema.py`` compares the two on generated records.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable
from typing import Any

from .schemafiles import load_schema

Check = Callable[[Any], bool]

#: Keywords that only annotate (no effect on validity, as jsonschema runs without formats).
_ANNOTATIONS = frozenset(
    {
        "$schema",
        "$id",
        "$defs",
        "$comment",
        "title",
        "description",
        "default",
        "examples",
        "deprecated",
        "readOnly",
        "writeOnly",
        "format",
    }
)


class Unsupported(Exception):
    """The schema uses something this compiler does not handle."""


def _is_int(x: Any) -> bool:
    if isinstance(x, bool):
        return False
    return isinstance(x, int) or (isinstance(x, float) and x.is_integer())


def _is_number(x: Any) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool)


_TYPES: dict[str, Check] = {
    "null": lambda x: x is None,
    "boolean": lambda x: isinstance(x, bool),
    "integer": _is_int,
    "number": _is_number,
    "string": lambda x: isinstance(x, str),
    "array": lambda x: isinstance(x, list),
    "object": lambda x: isinstance(x, dict),
}


def _equal(a: Any, b: Any) -> bool:
    """JSON equality as jsonschema sees it: ``1 == 1.0`` but ``True != 1``."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, str) or isinstance(b, str):
        return isinstance(a, str) and isinstance(b, str) and a == b
    if _is_number(a) and _is_number(b):
        return bool(a == b) if not (isinstance(a, float) and math.isnan(a)) else False
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_equal(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_equal(a[k], b[k]) for k in a)
    if a is None or b is None:
        return a is None and b is None
    return bool(a == b)


class _Compiler:
    def __init__(self) -> None:
        self.done: dict[tuple[str, str], Check] = {}

    def ref(self, ref: str, current: str) -> Check:
        target, _, pointer = ref.partition("#")
        if target:
            name = target.rsplit("/", 1)[-1]
            if not name.endswith(".json"):
                raise Unsupported(f"$ref {ref!r}")
        else:
            name = current
        key = (name, pointer)
        if key not in self.done:
            self.done[key] = _never  # placeholder until compiled (cycles)
            node: Any = load_schema(name)
            for part in [p for p in pointer.split("/") if p]:
                node = node[part.replace("~1", "/").replace("~0", "~")]
            compiled = self.compile(node, name)
            self.done[key] = compiled
        cell = self.done

        def check(x: Any) -> bool:
            return cell[key](x)

        return check

    def compile(self, schema: Any, current: str) -> Check:
        if schema is True:
            return _always
        if schema is False:
            return _never
        if not isinstance(schema, dict):
            raise Unsupported(f"schema {schema!r}")
        checks: list[Check] = []
        for key, value in schema.items():
            if key in _ANNOTATIONS or key in ("properties", "additionalProperties"):
                continue
            if key == "$ref":
                checks.append(self.ref(value, current))
            elif key in _SIMPLE:
                checks.append(_SIMPLE[key](value))
            elif key in _NESTED:
                checks.append(_NESTED[key](value, lambda v: self.compile(v, current)))
            else:
                raise Unsupported(f"keyword {key!r}")
        if "properties" in schema or "additionalProperties" in schema:
            checks.append(self._object(schema, current))
        return _all(checks)

    def _object(self, schema: dict[str, Any], current: str) -> Check:
        props = {k: self.compile(v, current) for k, v in schema.get("properties", {}).items()}
        extra = schema.get("additionalProperties", True)
        extra_check = None if extra is True else self.compile(extra, current)

        def check(x: Any) -> bool:
            if not isinstance(x, dict):
                return True
            for key, value in x.items():
                sub = props.get(key)
                if sub is not None:
                    if not sub(value):
                        return False
                elif extra_check is not None and not extra_check(value):
                    return False
            return True

        return check


def _always(x: Any) -> bool:
    return True


def _never(x: Any) -> bool:
    return False


def _all(checks: list[Check]) -> Check:
    if not checks:
        return _always
    if len(checks) == 1:
        return checks[0]

    def check(x: Any) -> bool:
        for c in checks:  # noqa: SIM110 - a generator costs more than most checks do
            if not c(x):
                return False
        return True

    return check


def _type(value: Any) -> Check:
    tests = [_TYPES[n] for n in ([value] if isinstance(value, str) else value)]
    if len(tests) == 1:
        return tests[0]

    def check(x: Any) -> bool:
        for t in tests:  # noqa: SIM110 - as above
            if t(x):
                return True
        return False

    return check


def _const(value: Any) -> Check:
    def check(x: Any) -> bool:
        return _equal(x, value)

    return check


def _enum(value: Any) -> Check:
    strings = frozenset(value) if all(isinstance(v, str) for v in value) else None

    def check(x: Any) -> bool:
        if strings is not None and isinstance(x, str):
            return x in strings
        return any(_equal(x, v) for v in value)

    return check


def _required(value: Any) -> Check:
    names = tuple(value)

    def check(x: Any) -> bool:
        return not isinstance(x, dict) or all(k in x for k in names)

    return check


def _pattern(value: Any) -> Check:
    search = re.compile(value).search

    def check(x: Any) -> bool:
        return not isinstance(x, str) or search(x) is not None

    return check


def _min_length(value: Any) -> Check:
    def check(x: Any) -> bool:
        return not isinstance(x, str) or len(x) >= value

    return check


def _max_length(value: Any) -> Check:
    def check(x: Any) -> bool:
        return not isinstance(x, str) or len(x) <= value

    return check


def _minimum(value: Any) -> Check:
    def check(x: Any) -> bool:
        return not _is_number(x) or x >= value

    return check


def _maximum(value: Any) -> Check:
    def check(x: Any) -> bool:
        return not _is_number(x) or x <= value

    return check


_SIMPLE: dict[str, Callable[[Any], Check]] = {
    "type": _type,
    "const": _const,
    "enum": _enum,
    "required": _required,
    "pattern": _pattern,
    "minLength": _min_length,
    "maxLength": _max_length,
    "minimum": _minimum,
    "maximum": _maximum,
}

Sub = Callable[[Any], Check]


def _items(value: Any, sub: Sub) -> Check:
    each = sub(value)

    def check(x: Any) -> bool:
        return not isinstance(x, list) or all(map(each, x))

    return check


def _not(value: Any, sub: Sub) -> Check:
    inner = sub(value)

    def check(x: Any) -> bool:
        return not inner(x)

    return check


def _one_of(value: Any, sub: Sub) -> Check:
    subs = [sub(v) for v in value]

    def check(x: Any) -> bool:
        return sum(1 for s in subs if s(x)) == 1

    return check


def _any_of(value: Any, sub: Sub) -> Check:
    subs = [sub(v) for v in value]

    def check(x: Any) -> bool:
        return any(s(x) for s in subs)

    return check


def _all_of(value: Any, sub: Sub) -> Check:
    return _all([sub(v) for v in value])


def _property_names(value: Any, sub: Sub) -> Check:
    names = sub(value)

    def check(x: Any) -> bool:
        return not isinstance(x, dict) or all(map(names, x))

    return check


_NESTED: dict[str, Callable[[Any, Sub], Check]] = {
    "items": _items,
    "not": _not,
    "oneOf": _one_of,
    "anyOf": _any_of,
    "allOf": _all_of,
    "propertyNames": _property_names,
}


@functools.cache
def compiled(name: str) -> Check | None:
    """The fast validator of shipped schema ``name`` (None when it cannot be compiled)."""
    try:
        return _Compiler().compile(load_schema(name), name)
    except (Unsupported, KeyError, re.error):
        return None


def is_valid(data: Any, name: str) -> bool | None:
    """True or False, or None when ``name`` has no fast validator (ask jsonschema)."""
    check = compiled(name)
    return None if check is None else check(data)
