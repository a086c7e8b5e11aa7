"""The vocabularies a rights statement can come from: rightsstatements.org and Creative Commons.

The twelve rightsstatements.org statements are read from ``provenance/data/rightsstatements.json``,
an extract of the published data (see ``provenance/data/README.md``).  The Creative Commons
licences and public-domain tools are a small table here: every licence of the six current kinds
in every version Creative Commons published (1.0, 2.0, 2.5, 3.0, 4.0, and 2.1 as ports only),
the retired licences, CC0 and the Public Domain Mark.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

RS_BASE = "http://rightsstatements.org/vocab/"
RS_VERSION = "1.0"
CC_BASE = "https://creativecommons.org/"


@dataclass(frozen=True)
class RightsStatementEntry:
    """One rightsstatements.org statement as published (English)."""

    id: str
    uri: str
    label: str
    description: str
    definition: str
    collection: str
    collection_label: str


@functools.cache
def _rightsstatements_data() -> dict[str, Any]:
    text = (resources.files("provenance") / "data" / "rightsstatements.json").read_text(
        encoding="utf-8"
    )
    data: dict[str, Any] = json.loads(text)
    return data


@functools.cache
def rightsstatements() -> tuple[RightsStatementEntry, ...]:
    """The twelve statements, in the order rightsstatements.org lists them."""
    data = _rightsstatements_data()
    collections = data["collections"]
    return tuple(
        RightsStatementEntry(
            s["id"],
            s["uri"],
            s["label"],
            s["description"],
            s["definition"],
            s["collection"],
            collections[s["collection"]]["label"],
        )
        for s in data["statements"]
    )


@functools.cache
def rightsstatement_ids() -> dict[str, str]:
    """Statement ids by their case-folded form (``inc-edu`` -> ``InC-EDU``)."""
    return {s.id.casefold(): s.id for s in rightsstatements()}


def rightsstatement(sid: str) -> RightsStatementEntry:
    """The statement with id ``sid`` (exact case); KeyError when there is none."""
    for entry in rightsstatements():
        if entry.id == sid:
            return entry
    raise KeyError(sid)


# --- Creative Commons ---------------------------------------------------------------------


#: Licence kinds: the words of their names, the versions published without a jurisdiction,
#: and whether Creative Commons has retired them.
@dataclass(frozen=True)
class CCUnit:
    code: str
    name: str
    versions: tuple[str, ...]
    retired: bool = False
    #: The name used from version 4.0 on, where it changed (NoDerivs -> NoDerivatives).
    name_4: str = ""

    def name_for(self, version: str) -> str:
        return self.name_4 if self.name_4 and version == "4.0" else self.name


_MAIN = ("1.0", "2.0", "2.5", "3.0", "4.0")
CC_UNITS: dict[str, CCUnit] = {
    u.code: u
    for u in (
        CCUnit("by", "Attribution", _MAIN),
        CCUnit("by-sa", "Attribution-ShareAlike", _MAIN),
        CCUnit("by-nd", "Attribution-NoDerivs", _MAIN, name_4="Attribution-NoDerivatives"),
        CCUnit("by-nc", "Attribution-NonCommercial", _MAIN),
        CCUnit("by-nc-sa", "Attribution-NonCommercial-ShareAlike", _MAIN),
        CCUnit(
            "by-nc-nd",
            "Attribution-NonCommercial-NoDerivs",
            _MAIN[1:],
            name_4="Attribution-NonCommercial-NoDerivatives",
        ),
        # Version 1.0 put the elements of BY-NC-ND in another order.
        CCUnit("by-nd-nc", "Attribution-NoDerivs-NonCommercial", ("1.0",)),
        CCUnit("nc", "NonCommercial", ("1.0",), retired=True),
        CCUnit("nd", "NoDerivs", ("1.0",), retired=True),
        CCUnit("sa", "ShareAlike", ("1.0",), retired=True),
        CCUnit("nc-sa", "NonCommercial-ShareAlike", ("1.0",), retired=True),
        CCUnit("nd-nc", "NoDerivs-NonCommercial", ("1.0",), retired=True),
        CCUnit("sampling", "Sampling", ("1.0",), retired=True),
        CCUnit("sampling+", "Sampling Plus", ("1.0",), retired=True),
        CCUnit("nc-sampling+", "NonCommercial Sampling Plus", ("1.0",), retired=True),
        CCUnit("devnations", "Developing Nations", ("2.0",), retired=True),
    )
}

#: Versions that exist only as ports to a jurisdiction (``/licenses/by/2.1/jp/``).
PORT_ONLY_VERSIONS = ("2.1",)
#: Versions that were ported to jurisdictions (4.0 is international and never ported).
PORTED_VERSIONS = ("1.0", "2.0", "2.1", "2.5", "3.0")

#: The public-domain tools: path segment -> (label, short name, SPDX id).
CC_PUBLIC_DOMAIN: dict[str, tuple[str, str, str]] = {
    "zero": ("CC0 1.0 Universal", "CC0 1.0", "CC0-1.0"),
    "mark": ("Public Domain Mark 1.0", "PDM 1.0", "CC-PDM-1.0"),
}

_EDITION = {
    "1.0": "Generic",
    "2.0": "Generic",
    "2.5": "Generic",
    "3.0": "Unported",
    "4.0": "International",
}


def cc_licence_label(unit: str, version: str, jurisdiction: str = "") -> str:
    """``Creative Commons Attribution-ShareAlike 4.0 International`` and the like."""
    u = CC_UNITS[unit]
    edition = jurisdiction.upper() if jurisdiction else _EDITION.get(version, "")
    return f"Creative Commons {u.name_for(version)} {version} {edition}".rstrip()


def cc_licence_short(unit: str, version: str, jurisdiction: str = "") -> str:
    """``CC BY-SA 4.0``, ``CC BY 3.0 DE``."""
    out = f"CC {unit.upper()} {version}"
    return f"{out} {jurisdiction.upper()}" if jurisdiction else out


def cc_licence_spdx(unit: str, version: str, jurisdiction: str = "") -> str | None:
    """The SPDX id of an unported licence (None for ports and retired licences).

    SPDX names version 1.0's ``by-nd-nc`` ``CC-BY-NC-ND-1.0``."""
    if jurisdiction or CC_UNITS[unit].retired:
        return None
    code = "by-nc-nd" if unit == "by-nd-nc" else unit
    return f"CC-{code.upper()}-{version}"


def cc_from_spdx(spdx_id: str) -> tuple[str, str, str] | None:
    """``CC-BY-SA-4.0`` -> ("licenses", "by-sa", "4.0"); ``CC0-1.0`` -> ("publicdomain",
    "zero", "1.0"); None for other ids."""
    for code, (_label, _short, sid) in CC_PUBLIC_DOMAIN.items():
        if spdx_id == sid:
            return ("publicdomain", code, "1.0")
    if not spdx_id.startswith("CC-"):
        return None
    body, _, version = spdx_id[3:].rpartition("-")
    unit = body.lower()
    if unit == "by-nc-nd" and version == "1.0":
        unit = "by-nd-nc"
    u = CC_UNITS.get(unit)
    if u is None or u.retired or version not in u.versions:
        return None
    return ("licenses", unit, version)
