"""Regenerate ``provenance/data/rightsstatements.json`` from the rightsstatements.org data.

The source is the English JSON-LD of the twelve statements (``<ID>_en.json``) and of the three
collections that group them (``collection-*_en.json``), as published in the repository
``rightsstatements/data-model``.  The extract keeps, for each statement, its id, canonical URI,
English label (``prefLabel``), description and definition exactly as published, and the
collection it belongs to; it drops the notes and scope notes.

Usage::

    python tools/rightsstatements_extract.py [SOURCE_DIR] [--check]

``SOURCE_DIR`` defaults to ``../shared/external-schemas/rightsstatements``.  With ``--check`` the
script writes nothing and exits 1 when the shipped extract differs from what it would write.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "provenance" / "data" / "rightsstatements.json"
DEFAULT_SOURCE = ROOT.parent / "shared" / "external-schemas" / "rightsstatements"

#: The twelve statements in the order rightsstatements.org lists them.
ORDER = (
    "InC",
    "InC-OW-EU",
    "InC-EDU",
    "InC-NC",
    "InC-RUU",
    "NoC-CR",
    "NoC-NC",
    "NoC-OKLR",
    "NoC-US",
    "CNE",
    "UND",
    "NKC",
)
#: Which collection each statement belongs to, by the prefix of its id.
COLLECTION_BY_PREFIX = (
    ("InC", "collection-ic"),
    ("NoC", "collection-nc"),
    ("", "collection-other"),
)
SOURCE = {
    "repository": "https://github.com/rightsstatements/data-model",
    "commit": "9521dff2270b795cd0f30e97849f3015089202d3",
    "files": "<ID>_en.json, collection-<ID>_en.json",
}


def _load(folder: Path, name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((folder / f"{name}_en.json").read_text(encoding="utf-8"))
    return data


def _uri(sid: str) -> str:
    return f"http://rightsstatements.org/vocab/{sid}/1.0/"


def build(folder: Path) -> dict[str, Any]:
    found = {p.name[: -len("_en.json")] for p in folder.glob("*_en.json")}
    statements = sorted(n for n in found if not n.startswith("collection-"))
    if sorted(ORDER) != statements:
        raise SystemExit(f"expected the twelve statements {sorted(ORDER)}, found {statements}")
    collections = {}
    for name in sorted(n for n in found if n.startswith("collection-")):
        data = _load(folder, name)
        if data["@id"] != _uri(name):
            raise SystemExit(f"{name}: unexpected @id {data['@id']!r}")
        collections[name] = {"uri": data["@id"], "label": data["prefLabel"]}
    out = []
    for sid in ORDER:
        data = _load(folder, sid)
        if data["@id"] != _uri(sid):
            raise SystemExit(f"{sid}: unexpected @id {data['@id']!r}")
        collection = next(c for prefix, c in COLLECTION_BY_PREFIX if sid.startswith(prefix))
        out.append(
            {
                "id": sid,
                "uri": data["@id"],
                "label": data["prefLabel"],
                "description": data["description"],
                "definition": data["definition"],
                "collection": collection,
            }
        )
    return {"source": SOURCE, "collections": collections, "statements": out}


def main(argv: list[str]) -> int:
    check = "--check" in argv
    args = [a for a in argv if a != "--check"]
    folder = Path(args[0]) if args else DEFAULT_SOURCE
    text = json.dumps(build(folder), ensure_ascii=False, indent=1) + "\n"
    if check:
        same = TARGET.is_file() and TARGET.read_text(encoding="utf-8") == text
        sys.stdout.write("up to date\n" if same else f"{TARGET} differs from {folder}\n")
        return 0 if same else 1
    TARGET.write_text(text, encoding="utf-8")
    sys.stdout.write(f"wrote {TARGET}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
