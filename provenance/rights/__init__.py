"""Rights statements, funder credits and their checks.

Library use::

    from provenance.rights import Statement, StatementError, rights_of, check_record

    Statement.from_string("https://rightsstatements.org/page/InC-EDU/1.0/")
    # -> Statement(kind='rightsstatements', id='InC-EDU', version='1.0'); str() gives
    #    'http://rightsstatements.org/vocab/InC-EDU/1.0/', .label 'In Copyright - Educational
    #    Use Permitted', .fixes says what was normalised (https, /page/).

    report = rights_of(store, "1961-05-10-cable-ministry-of-public-security")  # or stream="en"
    report.rights.text, report.credit_line, report.findings, report.as_dict()

What a statement can be
    * one of the 12 rightsstatements.org statements, canonical URI
      ``http://rightsstatements.org/vocab/<ID>/1.0/`` (labels and definitions ship in
      ``provenance/data/rightsstatements.json``);
    * a Creative Commons licence ``https://creativecommons.org/licenses/<code>/<version>/``
      (with ``<jurisdiction>/`` for a ported licence), CC0
      ``https://creativecommons.org/publicdomain/zero/1.0/`` or the Public Domain Mark
      ``https://creativecommons.org/publicdomain/mark/1.0/``;
    * an SPDX licence expression, checked by the ``license-expression`` parser.

    The usual slips are recognised and reported with the canonical form, never silently
    accepted: https for http (and http for https), ``/page/`` for ``/vocab/``, a missing
    trailing slash, ``www.``, a query string, a deed or legal code page, letter case, a bare
    statement id (``InC-EDU``) or licence name (``CC BY 4.0``), an spdx.org licence page.

Where rights come from
    ``rights`` in ``document.yaml`` (``text`` verbatim, ``statement``, ``holder``, ``contact``).
    A stream may carry its own ``rights`` in ``stream.yaml``; they then replace the document's
    as a whole for that stream (an original and its translation may be under different terms).

Funders
    :func:`credit_line` builds "This document was made possible with support from the
    MacArthur Foundation and Leon Levy Foundation." from a record's ``funders``.

Checks (for ``provenance check``)
    :func:`check_record` ``(doc_meta, stream_metas) -> list[RightsFinding]`` reports, with
    stable codes (severities in :data:`CODES`):

    ``rights-missing`` (error)
        a document with neither rights text nor statement, or a stream whose own rights
        block has neither;
    ``rights-unknown-statement`` (error)
        a statement that is no known statement URI, Creative Commons licence or valid SPDX
        expression; ``suggestion`` holds the closest canonical statement where there is one;
    ``rights-noncanonical-uri`` (warning)
        a recognised statement not written canonically (URI slips, SPDX letter case or
        deprecated ids); ``suggestion`` holds the canonical form;
    ``funder-unlisted`` (error)
        a funder that ``funder_line`` credits but ``funders`` does not list.

    Each finding has ``code``, ``severity``, ``message``, ``pointer`` (a JSON pointer into
    the YAML file), ``stream`` (None for ``document.yaml``, else the stream id) and
    ``suggestion``.  The building blocks are public too: :func:`statement_findings`,
    :func:`funder_findings`, :func:`unlisted_funders`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lazy import lazy_names
from .codes import CODES

if TYPE_CHECKING:
    from .funders import (
        credit_line,
        credited_names,
        funder_phrase,
        takes_article,
        unlisted_funders,
    )
    from .record import (
        Rights,
        RightsFinding,
        RightsReport,
        check_record,
        effective_rights,
        funder_findings,
        read_rights,
        rights_of,
        statement_findings,
    )
    from .statement import CREATIVE_COMMONS, RIGHTSSTATEMENTS, SPDX, Statement, StatementError

#: Each public name and the submodule that defines it, imported on first use (a check that
#: finds every record in its cache needs only :data:`CODES`).
_WHERE = {
    "credit_line": "funders",
    "credited_names": "funders",
    "funder_phrase": "funders",
    "takes_article": "funders",
    "unlisted_funders": "funders",
    "Rights": "record",
    "RightsFinding": "record",
    "RightsReport": "record",
    "check_record": "record",
    "effective_rights": "record",
    "funder_findings": "record",
    "read_rights": "record",
    "rights_of": "record",
    "statement_findings": "record",
    "CREATIVE_COMMONS": "statement",
    "RIGHTSSTATEMENTS": "statement",
    "SPDX": "statement",
    "Statement": "statement",
    "StatementError": "statement",
}


__getattr__, __dir__ = lazy_names(globals(), _WHERE)


__all__ = [
    "CODES",
    "CREATIVE_COMMONS",
    "RIGHTSSTATEMENTS",
    "SPDX",
    "Rights",
    "RightsFinding",
    "RightsReport",
    "Statement",
    "StatementError",
    "check_record",
    "credit_line",
    "credited_names",
    "effective_rights",
    "funder_findings",
    "funder_phrase",
    "read_rights",
    "rights_of",
    "statement_findings",
    "takes_article",
    "unlisted_funders",
]
