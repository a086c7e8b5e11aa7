"""Citations of stored documents: the archive's house style, standard styles, exports.

Library use::

    from provenance.citation import cite, FORMATS, missing_fields

    result = cite(store, "1961-05-10-cable-ministry-of-public-security/en@1",
                  style="house", accessed="2026-11-28", pinned=True)
    print(result.text)                   # the citation, one line
    print(FORMATS["bibtex"](result))     # or "text", "json", "ris", "csl-json"

* **House style** (:mod:`.house`, :mod:`.style`): the sentence the archive prints,
  ``"Title," Month DD, YYYY, <publisher>, <reference>, <pages>. Obtained by X and translated by
  Y and Z. <URL>``, rendered from the record's fields.  Its settings (publisher, quotes, day
  with two digits or not, serial comma, URL) come from ``house_style`` in the store's
  ``provenance.yaml`` and may be overridden per document in ``citation.house_style``;
  :func:`parse_sentence` reads a printed sentence back into fields and settings (the importer
  uses it), so rendering an imported record gives the printed sentence again.
* **The manuals' styles** (:mod:`.manual`): ``chicago`` (17th ed.: ``form="note"``,
  ``"short"``, ``"bibliography"``), ``mla`` (9th ed.) and ``apa`` (7th ed.), written after
  the manuals' forms for archival documents in translation, from the document's
  ``creators`` (:mod:`.creators`, which also reads them from unambiguous titles).
* **Many documents** (:mod:`.bibliography`): :func:`cite_many` gives a
  :class:`Bibliography`, sorted; ``BIBLIOGRAPHY_FORMATS`` renders it as text, JSON, BibTeX,
  RIS or CSL-JSON, one key per version (:func:`citation_key`: ``DOC:en:v1``).
* **Other CSL styles** (:mod:`.csl`): one CSL-JSON item is built from the record
  (:func:`csl_item`) and rendered by a real CSL processor (pandoc's citeproc) with the CSL style
  repository's files: ``chicago``, ``mla``, ``apa``, any repository style name, or a ``.csl``
  file.  What a style leaves out (who obtained the document, the archival reference) is said in
  :attr:`CitationResult.notes`.
* **Exports** (:mod:`.exports`): CSL-JSON, BibTeX, RIS, all from that same item.
* **What a record lacks** for a style: :func:`missing_fields` ``(doc, style="house", *,
  config=None, translators=None) -> list[Missing]``, each a ``(json_pointer, message)`` named
  tuple pointing into ``document.yaml`` (``""`` for the record as a whole); an empty list means
  the record can be cited in that style.  ``provenance check`` reports these.

Heavy work (the processor, rispy) happens only when a standard style or an export is asked for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lazy import lazy_names

if TYPE_CHECKING:
    from .bibliography import BIBLIOGRAPHY_FORMATS, Bibliography, cite_many
    from .creators import Creator, creators_of, infer_creators
    from .csl import STYLE_NAMES, csl_item
    from .house import CitationFields, ParsedSentence, parse_sentence, render_sentence, written_date
    from .manual import FORMS, MANUAL_STYLES
    from .missing import Missing, missing_fields
    from .record import citation_key, fields_for_version, fields_from_meta, pinned_sentence
    from .single import DATA_FORMATS, FORMATS, HOUSE, CitationResult, cite
    from .style import HouseStyle, document_style, store_style

#: Each public name and the submodule that defines it.  The submodules are imported on first
#: use, so that ``check``, which needs only :func:`missing_fields`, does not load the styles.
_WHERE = {
    "BIBLIOGRAPHY_FORMATS": "bibliography",
    "Bibliography": "bibliography",
    "CitationFields": "house",
    "CitationResult": "single",
    "Creator": "creators",
    "DATA_FORMATS": "single",
    "FORMATS": "single",
    "FORMS": "manual",
    "HOUSE": "single",
    "HouseStyle": "style",
    "MANUAL_STYLES": "manual",
    "Missing": "missing",
    "ParsedSentence": "house",
    "STYLE_NAMES": "csl",
    "citation_key": "record",
    "cite": "single",
    "cite_many": "bibliography",
    "creators_of": "creators",
    "csl_item": "csl",
    "document_style": "style",
    "fields_for_version": "record",
    "fields_from_meta": "record",
    "infer_creators": "creators",
    "missing_fields": "missing",
    "parse_sentence": "house",
    "pinned_sentence": "record",
    "render_sentence": "house",
    "store_style": "style",
    "written_date": "house",
}


__getattr__, __dir__ = lazy_names(globals(), _WHERE)


__all__ = [
    "BIBLIOGRAPHY_FORMATS",
    "DATA_FORMATS",
    "FORMATS",
    "FORMS",
    "HOUSE",
    "MANUAL_STYLES",
    "STYLE_NAMES",
    "Bibliography",
    "CitationFields",
    "CitationResult",
    "Creator",
    "HouseStyle",
    "Missing",
    "ParsedSentence",
    "citation_key",
    "cite",
    "cite_many",
    "creators_of",
    "csl_item",
    "document_style",
    "fields_for_version",
    "fields_from_meta",
    "infer_creators",
    "missing_fields",
    "parse_sentence",
    "pinned_sentence",
    "render_sentence",
    "store_style",
    "written_date",
]
