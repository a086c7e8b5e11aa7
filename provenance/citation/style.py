"""The house citation style's settings: per store, overridable per document.

A store's ``provenance.yaml`` may hold::

    house_style:
      publisher: History and Public Policy Program Digital Archive
      quotes: straight        # straight "..."  or curly “...”
      day: two-digit          # May 07, 1961; or numeric: May 7, 1961
      serial_comma: true      # A, B, and C
      url: true               # print the URL when the record has one

and a document's ``citation.house_style`` the same keys, for a document whose printed citation
differs from the store's default (the importer records such differences).  Both follow
``house-style.schema.json``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Any

QUOTES = {"straight": ('"', '"'), "curly": ("\u201c", "\u201d")}
DAYS = ("two-digit", "numeric")


@dataclass(frozen=True)
class HouseStyle:
    """How the house citation sentence is written."""

    publisher: str = ""
    quotes: str = "straight"
    day: str = "two-digit"
    serial_comma: bool = True
    url: bool = True

    @property
    def open_quote(self) -> str:
        return QUOTES[self.quotes][0]

    @property
    def close_quote(self) -> str:
        return QUOTES[self.quotes][1]

    def updated(self, settings: Mapping[str, Any] | None) -> HouseStyle:
        """This style with ``settings`` (a ``house_style`` mapping) applied on top."""
        if not settings:
            return self
        known = {f.name for f in fields(self)}
        return replace(self, **{k: v for k, v in settings.items() if k in known})

    def as_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def differences(self, base: HouseStyle, keys: tuple[str, ...] | None = None) -> dict[str, Any]:
        """The settings (among ``keys``) where this style differs from ``base``."""
        names = keys or tuple(f.name for f in fields(self))
        return {k: getattr(self, k) for k in names if getattr(self, k) != getattr(base, k)}


def store_style(config: Mapping[str, Any] | None) -> HouseStyle:
    """The store's default house style: built-in defaults, the store's ``publisher``, then its
    ``house_style`` settings."""
    config = config or {}
    style = HouseStyle(publisher=str(config.get("publisher", "")))
    return style.updated(config.get("house_style"))


def document_style(config: Mapping[str, Any] | None, meta: Mapping[str, Any]) -> HouseStyle:
    """The house style for one document: the store's, then the document's own overrides."""
    citation = meta.get("citation") or {}
    return store_style(config).updated(citation.get("house_style"))
