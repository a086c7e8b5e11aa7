"""The simplest check of a record store's metadata, as a reference for ``provenance check``:
every YAML file loaded with PyYAML's C loader and validated with jsonschema against our
schemas (bundled by bench/check_bench.py).  Prints the number of invalid files.

    python bench/check_script.py STORE SCHEMAS_FOLDER
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import yaml
from jsonschema import Draft202012Validator

KINDS = {
    "document": "document.schema.json",
    "stream": "stream.schema.json",
    "version": "version.schema.json",
    "store": "store.schema.json",
}


class Loader(yaml.CSafeLoader):
    """PyYAML's C loader with dates kept as strings (as the schemas want them)."""


Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.CSafeLoader.yaml_implicit_resolvers.items()
}


def kind_of(path: Path) -> str:
    if path.name == "provenance.yaml":
        return "store"
    if path.name in ("document.yaml", "stream.yaml"):
        return path.stem
    return "version"


def main(store: Path, schemas: Path) -> int:
    validators = {
        kind: Draft202012Validator(json.loads((schemas / name).read_text(encoding="utf-8")))
        for kind, name in KINDS.items()
    }
    invalid = 0
    for path in sorted(store.rglob("*.yaml")):
        with open(path, "rb") as fh:
            data = yaml.load(fh, Loader=Loader)
        for error in validators[kind_of(path)].iter_errors(data):
            print(f"{path}: {error.message}")
            invalid += 1
    print(f"{invalid} invalid")
    return 1 if invalid else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))
