"""Exports for reference managers, each written from the one CSL-JSON item.

* CSL-JSON: the item itself, in an array (it validates against the CSL-JSON schema);
* BibTeX (biblatex field names where BibTeX has none: ``date``, ``translator``, ``urldate``);
* RIS (``TY  - GEN``; ``ID`` the key, ``AU`` author, ``A4`` translator, ``AN`` archival
  location, ``SP``/``EP`` pages, ``ET`` version, ``DB`` archive, as Zotero reads them).

Every export carries the item's ``id`` as its key (``DOC:en:v1``), so a bibliography of many
versions has one key per version, the same on every run.
"""

from __future__ import annotations

import json
import re
from typing import Any

_BIBTEX_SPECIAL = re.compile(r"([\\{}%&$#_^~])")
_BIBTEX_REPLACE = {"\\": r"\textbackslash{}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def bibtex_escape(text: str) -> str:
    """Escape what BibTeX treats specially; everything else (UTF-8 included) is kept."""
    return _BIBTEX_SPECIAL.sub(lambda m: _BIBTEX_REPLACE.get(m[1], "\\" + m[1]), text)


def _iso(date: dict[str, Any] | None) -> str:
    if not date or "date-parts" not in date:
        return ""
    first = date["date-parts"][0]
    return "-".join(f"{p:04d}" if i == 0 else f"{p:02d}" for i, p in enumerate(first))


def _name(p: dict[str, Any]) -> str:
    if "literal" in p:
        return str(p["literal"])
    return f"{p['family']}, {p['given']}" if p.get("given") else str(p["family"])


def csl_json(item: dict[str, Any]) -> str:
    """CSL-JSON: an array holding the item."""
    return json.dumps([item], ensure_ascii=False, indent=2) + "\n"


def bibtex_key(item: dict[str, Any]) -> str:
    return re.sub(r"[^A-Za-z0-9_:.-]", "-", str(item.get("id", "document"))) or "document"


def _bibtex_names(names: list[dict[str, Any]]) -> str:
    """Names joined with ``and``; an organisation or a name not to be split in braces."""
    return " and ".join(
        "{" + bibtex_escape(p["literal"]) + "}"
        if "literal" in p
        else "{" + bibtex_escape(f"{p['family']} {p.get('given', '')}".strip()) + "}"
        if p.get("static-ordering")
        else bibtex_escape(_name(p))
        for p in names
    )


def bibtex(item: dict[str, Any]) -> str:
    """A ``@misc`` entry (biblatex reads ``date``, ``translator``, ``urldate`` and ``type``)."""
    fields: list[tuple[str, str]] = []
    title = item.get("title", "")
    fields.append(("title", "{" + bibtex_escape(title) + "}"))  # keep its capitals
    issued = _iso(item.get("issued"))
    if issued:
        fields.append(("date", issued))
        fields.append(("year", issued[:4]))
        if len(issued) >= 7:
            fields.append(("month", str(int(issued[5:7]))))
    elif "issued" in item:
        fields.append(("year", bibtex_escape(str(item["issued"].get("literal", "")))))
    for role in ("author", "translator"):
        if item.get(role):
            fields.append((role, _bibtex_names(item[role])))
    if item.get("genre"):
        fields.append(("type", bibtex_escape(item["genre"])))
    if item.get("publisher"):
        fields.append(("publisher", bibtex_escape(item["publisher"])))
        fields.append(("howpublished", bibtex_escape(item["publisher"])))
    if item.get("archive"):
        fields.append(("archive", bibtex_escape(item["archive"])))
    if item.get("page"):
        fields.append(
            ("pages", bibtex_escape(re.sub(r"(?<=\d)\s*[-\u2013]\s*(?=\d)", "--", item["page"])))
        )
    if item.get("version"):
        fields.append(("version", bibtex_escape(item["version"])))
    notes = [item[k] for k in ("archive_location", "note") if item.get(k)]
    if notes:
        fields.append(("note", bibtex_escape(". ".join(n.rstrip(".") for n in notes) + ".")))
    if item.get("language"):
        fields.append(("langid", bibtex_escape(item["language"])))
    if item.get("abstract"):
        fields.append(("abstract", bibtex_escape(item["abstract"])))
    if item.get("URL"):
        fields.append(("url", item["URL"].replace("{", "%7B").replace("}", "%7D")))
    accessed = _iso(item.get("accessed"))
    if accessed:
        fields.append(("urldate", accessed))
    body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields)
    return f"@misc{{{bibtex_key(item)},\n{body}\n}}\n"


def ris_record(item: dict[str, Any]) -> dict[str, Any]:
    """The item as a rispy record (the mapping rispy writes and reads)."""
    rec: dict[str, Any] = {"type_of_reference": "GEN", "id": str(item.get("id", ""))}
    rec["title"] = item.get("title", "")
    if item.get("author"):
        rec["authors"] = [_name(p) for p in item["author"]]
    if item.get("translator"):
        rec["subsidiary_authors"] = [_name(p) for p in item["translator"]]
    issued = _iso(item.get("issued"))
    if issued:
        rec["year"] = issued[:4]
        parts = [*issued.split("-"), "", ""]
        rec["date"] = f"{parts[0]}/{parts[1]}/{parts[2]}/"
    if item.get("genre"):
        rec["type_of_work"] = item["genre"]
    if item.get("publisher"):
        rec["publisher"] = item["publisher"]
    if item.get("archive"):
        rec["name_of_database"] = item["archive"]
    if item.get("archive_location"):
        rec["accession_number"] = item["archive_location"]
    if item.get("page"):
        first, _, last = re.sub(r"\s*\u2013\s*", "-", item["page"]).partition("-")
        rec["start_page"] = first.strip()
        if last:
            rec["end_page"] = last.strip()
    if item.get("version"):
        rec["edition"] = item["version"]
    if item.get("abstract"):
        rec["abstract"] = item["abstract"]
    if item.get("language"):
        rec["language"] = item["language"]
    if item.get("URL"):
        rec["urls"] = [item["URL"]]
    accessed = _iso(item.get("accessed"))
    if accessed:
        rec["access_date"] = accessed.replace("-", "/")
    if item.get("note"):
        rec["notes"] = [item["note"]]
    return rec


def ris(item: dict[str, Any]) -> str:
    """RIS, written by rispy (without rispy's ``1.`` counter line, which is not RIS)."""
    return ris_many([item])


def ris_many(items: list[dict[str, Any]]) -> str:
    """Several items as one RIS file, each record ending with ``ER  -``."""
    import rispy  # type: ignore[import-untyped]

    class Writer(rispy.RisWriter):  # type: ignore[misc]
        def set_header(self, count: int) -> str:
            return ""

    text: str = rispy.dumps([ris_record(item) for item in items], implementation=Writer)
    return text
