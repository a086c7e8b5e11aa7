"""The JSON Schemas shipped inside the package, as data: read with importlib.resources, each
parsed once.  Both validators use them: :mod:`provenance.fastschema` (compiled to closures)
and :mod:`provenance.schema` (jsonschema, for messages)."""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any

#: Schema file names by the ``schema`` value a record declares.
SCHEMA_FILES = {
    "provenance/document/1": "document.schema.json",
    "provenance/stream/1": "stream.schema.json",
    "provenance/version/1": "version.schema.json",
    "provenance/store/1": "store.schema.json",
}


def schema_names() -> list[str]:
    """The file names of every JSON Schema shipped with the package."""
    folder = resources.files("provenance") / "schemas"
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".json"))


@functools.cache
def load_schema(name: str) -> dict[str, Any]:
    """A shipped schema by file name, e.g. ``document.schema.json``."""
    data = (resources.files("provenance") / "schemas" / name).read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(data)
    return schema
