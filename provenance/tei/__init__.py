"""TEI P5 in and out.

Library use::

    from provenance.tei import read_tei, import_tei, export_tei

    parsed = read_tei(xml_bytes, div="d1")        # TEIImport: meta, text, language, agents
    doc, parsed = import_tei(store, "frus1894.xml", div="d1")
    xml = export_tei(store, "my-doc/en@2")        # a TEI P5 document (str)

Reading keeps the editorial layer as square brackets (``<supplied>`` -> ``[...]``); writing
turns each intervention the bracket parser finds back into its TEI element.  lxml is imported
only when TEI is read or written.
"""

from __future__ import annotations

from .inline import TEI_NS
from .load import import_tei, sniff_format
from .reader import TEIImport, read_tei
from .writer import TEIExport, build_tei, export_tei

__all__ = [
    "TEI_NS",
    "TEIExport",
    "TEIImport",
    "build_tei",
    "export_tei",
    "import_tei",
    "read_tei",
    "sniff_format",
]
