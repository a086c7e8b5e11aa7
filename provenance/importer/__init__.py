"""Import of saved archive pages into records.

:func:`parse_page` reads a page saved as text (several layouts the archive has printed over
the years) into a :class:`PageImport`: document metadata, the body exactly as printed, the
translators and what could not be placed.  :func:`import_page` writes it to a store.
"""

from __future__ import annotations

from .page import PageImport, import_page, parse_page

__all__ = ["PageImport", "import_page", "parse_page"]
