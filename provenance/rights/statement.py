"""A machine-readable rights statement: a rightsstatements.org statement, a Creative Commons
licence or public-domain tool, or an SPDX licence expression.

:meth:`Statement.from_string` recognises what users write, including the usual slips (``https``
where rightsstatements.org uses ``http``, the ``/page/`` address of the web page instead of the
``/vocab/`` URI, no trailing slash, ``www.``, a query string, a Creative Commons deed or legal code
page, the wrong letter case) and records each fix it made in :attr:`Statement.fixes`;
``str(statement)`` is the canonical form.  What it cannot recognise raises
:class:`StatementError`, with the canonical form of the closest statement where there is one.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Literal

from ..errors import SchemaError
from . import vocab

Kind = Literal["rightsstatements", "creative-commons", "spdx"]
RIGHTSSTATEMENTS: Kind = "rightsstatements"
CREATIVE_COMMONS: Kind = "creative-commons"
SPDX: Kind = "spdx"

#: Why a statement was not recognised carries this finding code.
CODE_UNKNOWN = "rights-unknown-statement"


class StatementError(SchemaError):
    """A rights statement that is not a known statement URI or a valid SPDX expression.

    ``value`` is the text as given, ``reason`` says what is wrong and ``suggestion`` is the
    canonical form of the statement most likely meant (None when nothing is close)."""

    code = CODE_UNKNOWN

    def __init__(
        self,
        value: str,
        reason: str,
        suggestion: str | None = None,
        *,
        path: str | None = None,
        line: int | None = None,
        pointer: str | None = None,
    ) -> None:
        message = f"rights statement {value!r} is not recognised: {reason}"
        if suggestion:
            message += f"; did you mean {suggestion}?"
        super().__init__(message, path=path, line=line, pointer=pointer)
        self.value = value
        self.reason = reason
        self.suggestion = suggestion


@dataclass(frozen=True)
class Statement:
    """A recognised rights statement.

    ``kind`` is ``rightsstatements``, ``creative-commons`` or ``spdx``.  For rightsstatements.org
    ``id`` is the statement id (``InC-EDU``) and ``version`` ``1.0``; for Creative Commons ``id``
    is the licence code (``by-nc-sa``) or ``zero``/``mark`` for CC0 and the Public Domain Mark,
    with its ``version`` and, for a ported licence, its ``jurisdiction``; for SPDX ``id`` is the
    canonical expression.  ``original`` keeps the text as given and ``fixes`` says what was
    normalised; neither takes part in equality."""

    kind: Kind
    id: str
    version: str = ""
    jurisdiction: str = ""
    original: str = field(default="", compare=False)
    fixes: tuple[str, ...] = field(default=(), compare=False)

    # -- reading -----------------------------------------------------------------------------

    @classmethod
    def from_string(cls, text: str) -> Statement:
        """Recognise ``text``; raise :class:`StatementError` when it is no known statement.

        ``fixes`` is empty exactly when ``text`` is already the canonical form."""
        st = _parse(text)
        if not st.fixes and st.original != str(st):  # a difference no rule above named
            return Statement(
                st.kind,
                st.id,
                st.version,
                st.jurisdiction,
                st.original,
                (f"the canonical form is {str(st)!r}",),
            )
        return st

    # -- the canonical form ------------------------------------------------------------------

    def __str__(self) -> str:
        if self.kind == SPDX:
            return self.id
        uri = self.uri
        assert uri is not None
        return uri

    @property
    def canonical(self) -> str:
        return str(self)

    @property
    def is_canonical(self) -> bool:
        """Whether the text was given exactly in its canonical form."""
        return self.original == str(self)

    @property
    def uri(self) -> str | None:
        """The statement's URI (None for an SPDX expression of more than one licence)."""
        if self.kind == RIGHTSSTATEMENTS:
            return f"{vocab.RS_BASE}{self.id}/{self.version}/"
        if self.kind == CREATIVE_COMMONS:
            if self.id in vocab.CC_PUBLIC_DOMAIN:
                return f"{vocab.CC_BASE}publicdomain/{self.id}/{self.version}/"
            port = f"{self.jurisdiction}/" if self.jurisdiction else ""
            return f"{vocab.CC_BASE}licenses/{self.id}/{self.version}/{port}"
        cc = self._cc_equivalent()
        if cc is not None:
            return cc.uri
        if _SINGLE_ID.match(self.id) and not self.id.startswith(("LicenseRef-", "DocumentRef-")):
            return f"http://spdx.org/licenses/{self.id}"
        return None

    @property
    def label(self) -> str | None:
        """The statement's English label (None for an SPDX expression without one)."""
        if self.kind == RIGHTSSTATEMENTS:
            return vocab.rightsstatement(self.id).label
        if self.kind == CREATIVE_COMMONS:
            if self.id in vocab.CC_PUBLIC_DOMAIN:
                return vocab.CC_PUBLIC_DOMAIN[self.id][0]
            return vocab.cc_licence_label(self.id, self.version, self.jurisdiction)
        cc = self._cc_equivalent()
        return cc.label if cc is not None else None

    @property
    def short(self) -> str:
        """A short name: ``InC-EDU``, ``CC BY-NC 4.0``, ``CC0 1.0``, or the SPDX expression."""
        if self.kind == RIGHTSSTATEMENTS:
            return self.id
        if self.kind == CREATIVE_COMMONS:
            if self.id in vocab.CC_PUBLIC_DOMAIN:
                return vocab.CC_PUBLIC_DOMAIN[self.id][1]
            return vocab.cc_licence_short(self.id, self.version, self.jurisdiction)
        return self.id

    @property
    def definition(self) -> str | None:
        """The rightsstatements.org definition, as published (None for other kinds)."""
        if self.kind == RIGHTSSTATEMENTS:
            return vocab.rightsstatement(self.id).definition
        return None

    @property
    def spdx(self) -> str | None:
        """The SPDX expression for this statement, where SPDX lists one."""
        if self.kind == SPDX:
            return self.id
        if self.kind == CREATIVE_COMMONS:
            if self.id in vocab.CC_PUBLIC_DOMAIN:
                return vocab.CC_PUBLIC_DOMAIN[self.id][2]
            return vocab.cc_licence_spdx(self.id, self.version, self.jurisdiction)
        return None

    @property
    def retired(self) -> bool:
        """A Creative Commons licence that Creative Commons no longer offers."""
        unit = vocab.CC_UNITS.get(self.id) if self.kind == CREATIVE_COMMONS else None
        return bool(unit and unit.retired)

    def _cc_equivalent(self) -> Statement | None:
        found = vocab.cc_from_spdx(self.id) if self.kind == SPDX else None
        if found is None:
            return None
        return Statement(CREATIVE_COMMONS, found[1], found[2])


# --- recognising ---------------------------------------------------------------------------

_SINGLE_ID = re.compile(r"^[A-Za-z0-9.+:-]+$")
_URI = re.compile(
    r"^(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*:(?://)?)?(?P<host>[^/?#\s]+)(?P<path>/[^?#]*)?"
    r"(?P<query>\?[^#]*)?(?P<fragment>#.*)?$"
)
_CC_SHORT = re.compile(
    r"^(?:CC|Creative\s+Commons)[\s-]+(?P<unit>BY(?:[\s-]+(?:NC|ND|SA))*)[\s-]+"
    r"(?P<version>\d\.\d)(?:[\s-]+(?P<edition>International|Unported|Generic|[A-Za-z]{2}|IGO))?$",
    re.I,
)
_CC0 = re.compile(r"^CC\s*0(?:\s+1\.0)?(?:\s+Universal)?$", re.I)
_JURISDICTION = re.compile(r"^(?:[a-z]{2}|igo|scotland)$")


def _parse(text: str) -> Statement:
    if not isinstance(text, str):
        raise StatementError(repr(text), "a rights statement must be text")
    value = text.strip()
    fixes: list[str] = []
    if not value:
        raise StatementError(text, "it is empty")
    if value != text:
        fixes.append("white space around it removed")
    if "://" in value or _looks_like_host(value):
        return _parse_uri(text, value, fixes)
    bare = vocab.rightsstatement_ids().get(value.casefold())
    if bare is not None:
        fixes.append(f"a bare statement id: write the URI {vocab.RS_BASE}{bare}/1.0/")
        return Statement(RIGHTSSTATEMENTS, bare, "1.0", "", text, tuple(fixes))
    short = _cc_short(value)
    if short is not None:
        st = Statement(CREATIVE_COMMONS, short[0], short[1], short[2])
        alt = f" (or the SPDX id {st.spdx})" if st.spdx else ""
        fixes.append(f"a licence name: write the URI {st}{alt}")
        return Statement(st.kind, st.id, st.version, st.jurisdiction, text, tuple(fixes))
    return _parse_spdx(text, value, fixes)


def _looks_like_host(value: str) -> bool:
    head = value.split("/", 1)[0].casefold()
    return head.startswith("www.") or head.endswith(
        ("rightsstatements.org", "creativecommons.org", "spdx.org")
    )


def _cc_short(value: str) -> tuple[str, str, str] | None:
    if _CC0.match(value):
        return ("zero", "1.0", "")
    m = _CC_SHORT.match(value) if any(c.isspace() for c in value) else None
    if not m:
        return None
    unit = re.sub(r"[\s-]+", "-", m["unit"].lower())
    version = m["version"]
    edition = (m["edition"] or "").lower()
    jurisdiction = "" if edition in ("", "international", "unported", "generic") else edition
    if unit == "by-nc-nd" and version == "1.0":
        unit = "by-nd-nc"
    u = vocab.CC_UNITS.get(unit)
    if u is None:
        return None
    if jurisdiction:
        return (unit, version, jurisdiction) if version in vocab.PORTED_VERSIONS else None
    return (unit, version, "") if version in u.versions else None


def _parse_uri(original: str, value: str, fixes: list[str]) -> Statement:
    m = _URI.match(value)
    if not m:
        raise StatementError(original, "not a well-formed URI")
    host = m["host"].casefold()
    www = host.startswith("www.")
    host = host[4:] if www else host
    scheme = m["scheme"] or ""
    path = m["path"] or ""
    extra = (m["query"] or "") + (m["fragment"] or "")
    if host == "spdx.org":
        return _spdx_page(original, path, fixes)
    if host not in ("rightsstatements.org", "creativecommons.org"):
        raise StatementError(
            original,
            f"{m['host']} is not rightsstatements.org or creativecommons.org; give a "
            "statement URI from one of them or an SPDX licence expression",
        )
    if host == "rightsstatements.org":
        _scheme_fix(scheme, "http", "rightsstatements.org URIs use http", fixes)
    else:
        _scheme_fix(scheme, "https", "Creative Commons URIs use https", fixes)
    if m["host"] != m["host"].casefold():
        fixes.append(f"host {m['host']!r} written in lower case")
    if www:
        fixes.append("'www.' removed")
    if extra:
        fixes.append(f"{extra!r} removed")
    if host == "rightsstatements.org":
        return _rightsstatements(original, path, fixes)
    return _creative_commons(original, path, fixes)


def _scheme_fix(scheme: str, want: str, why: str, fixes: list[str]) -> None:
    if not scheme:
        fixes.append(f"'{want}://' added")
    elif scheme.casefold() != f"{want}://":
        fixes.append(f"{scheme!r} written '{want}://' ({why})")
    elif scheme != f"{want}://":
        fixes.append(f"{scheme!r} written in lower case")


def _segments(path: str, fixes: list[str]) -> list[str]:
    parts = path.split("/")[1:] if path else []
    if parts and parts[-1] == "":
        parts.pop()
    elif parts:
        fixes.append("trailing '/' added")
    if any(p == "" for p in parts):
        fixes.append("doubled '/' removed")
        parts = [p for p in parts if p]
    return parts


def _rightsstatements(original: str, path: str, fixes: list[str]) -> Statement:
    parts = _segments(path, fixes)
    ids = vocab.rightsstatement_ids()
    if len(parts) >= 2 and parts[0].casefold() in ("vocab", "page", "data"):
        kind = parts[0].casefold()
        if kind == "vocab" and parts[0] != "vocab":
            fixes.append(f"'/{parts[0]}/' written '/vocab/'")
        elif kind != "vocab":
            what = "the statement's web page" if kind == "page" else "its data"
            fixes.append(f"'/{parts[0]}/' ({what}) written '/vocab/' (the statement's URI)")
        given = parts[1]
        sid = ids.get(given.casefold())
        if sid is None:
            close = difflib.get_close_matches(given.casefold(), list(ids), n=1, cutoff=0.6)
            suggestion = f"{vocab.RS_BASE}{ids[close[0]]}/1.0/" if close else None
            raise StatementError(
                original,
                f"{given!r} is not one of the 12 rightsstatements.org statements "
                f"({', '.join(s.id for s in vocab.rightsstatements())})",
                suggestion,
            )
        canonical = f"{vocab.RS_BASE}{sid}/1.0/"
        if sid != given:
            fixes.append(f"{given!r} written {sid!r} (statement ids are case-sensitive)")
        if len(parts) == 2:
            raise StatementError(
                original, "the version is missing (every statement is 1.0)", canonical
            )
        if parts[2] != vocab.RS_VERSION:
            raise StatementError(
                original, f"version {parts[2]!r} does not exist (every statement is 1.0)", canonical
            )
        if len(parts) > 3:
            raise StatementError(
                original, f"unexpected {'/'.join(parts[3:])!r} after the version", canonical
            )
        return Statement(RIGHTSSTATEMENTS, sid, "1.0", "", original, tuple(fixes))
    raise StatementError(
        original,
        "a rightsstatements.org statement URI has the form "
        "http://rightsstatements.org/vocab/<ID>/1.0/",
    )


_CC_PAGE = re.compile(r"^(?:legalcode|deed)(?:\.[A-Za-z_-]+)?(?:\.(?:html?|txt|markdown))?$", re.I)


def _cc_page(parts: list[str], fixes: list[str]) -> list[str]:
    """Drop a trailing deed or legal code page name, saying so."""
    if parts and _CC_PAGE.match(parts[-1]):
        page = parts.pop()
        kind = "legal code" if page.casefold().startswith("legalcode") else "deed"
        fixes.append(
            f"{page!r} (the {kind} page) removed: the licence's URI ends at its version "
            "or jurisdiction"
        )
        if "trailing '/' added" in fixes:
            fixes.remove("trailing '/' added")
    return parts


def _creative_commons(original: str, path: str, fixes: list[str]) -> Statement:
    parts = _cc_page(_segments(path, fixes), fixes)
    if not parts or parts[0].casefold() not in ("licenses", "publicdomain"):
        raise StatementError(
            original,
            "a Creative Commons URI has the form "
            "https://creativecommons.org/licenses/<licence>/<version>/ or "
            "https://creativecommons.org/publicdomain/zero/1.0/ (or mark/1.0/)",
        )
    lowered = [p.casefold() for p in parts]
    if lowered != parts:
        fixes.append("written in lower case")
    if lowered[0] == "publicdomain":
        return _cc_public_domain(original, lowered[1:], fixes)
    if len(lowered) < 2:
        raise StatementError(original, "the licence is missing after /licenses/")
    unit, rest = lowered[1], lowered[2:]
    if unit not in vocab.CC_UNITS:
        close = difflib.get_close_matches(
            unit, [u for u, v in vocab.CC_UNITS.items() if not v.retired], n=1, cutoff=0.6
        )
        suggestion = f"{vocab.CC_BASE}licenses/{close[0]}/4.0/" if close else None
        raise StatementError(original, f"{unit!r} is not a Creative Commons licence", suggestion)
    u = vocab.CC_UNITS[unit]
    latest = f"{vocab.CC_BASE}licenses/{unit}/{u.versions[-1]}/"
    if not rest:
        raise StatementError(original, "the licence version is missing", latest)
    version, port = rest[0], rest[1:]
    if len(port) > 1:
        raise StatementError(
            original, f"unexpected {'/'.join(port[1:])!r} after the jurisdiction", latest
        )
    jurisdiction = port[0] if port else ""
    if jurisdiction:
        if version not in vocab.PORTED_VERSIONS:
            raise StatementError(
                original,
                f"version {version} licences have no ports to jurisdictions",
                f"{vocab.CC_BASE}licenses/{unit}/{version}/" if version in u.versions else latest,
            )
        if not _JURISDICTION.match(jurisdiction):
            raise StatementError(original, f"{jurisdiction!r} is not a jurisdiction code")
    elif version not in u.versions:
        suggestion = latest
        if unit == "by-nc-nd" and version == "1.0":
            suggestion = f"{vocab.CC_BASE}licenses/by-nd-nc/1.0/"
            reason = "version 1.0 of this licence is called by-nd-nc"
        elif unit == "by-nd-nc":
            suggestion = f"{vocab.CC_BASE}licenses/by-nc-nd/{version}/"
            reason = "from version 2.0 on this licence is called by-nc-nd"
        elif version in vocab.PORT_ONLY_VERSIONS:
            reason = f"version {version} exists only as ports to a jurisdiction"
        else:
            reason = f"{unit} has no version {version!r} (it has {', '.join(u.versions)})"
        raise StatementError(original, reason, suggestion)
    return Statement(CREATIVE_COMMONS, unit, version, jurisdiction, original, tuple(fixes))


def _cc_public_domain(original: str, rest: list[str], fixes: list[str]) -> Statement:
    if not rest or rest[0] not in vocab.CC_PUBLIC_DOMAIN:
        raise StatementError(
            original,
            "the Creative Commons public-domain tools are "
            "publicdomain/zero/1.0/ (CC0) and publicdomain/mark/1.0/",
        )
    tool = rest[0]
    canonical = f"{vocab.CC_BASE}publicdomain/{tool}/1.0/"
    if rest[1:] != ["1.0"]:
        raise StatementError(original, "the only version is 1.0", canonical)
    return Statement(CREATIVE_COMMONS, tool, "1.0", "", original, tuple(fixes))


def _spdx_page(original: str, path: str, fixes: list[str]) -> Statement:
    m = re.match(r"^/licenses/([A-Za-z0-9.+-]+?)(?:\.html|\.json)?/?$", path)
    if not m:
        raise StatementError(original, "an spdx.org address that is not a licence page")
    fixes.append(f"the SPDX licence page written as its identifier {m[1]!r}")
    return _parse_spdx(original, m[1], fixes)


def _parse_spdx(original: str, value: str, fixes: list[str]) -> Statement:
    from . import spdx

    try:
        parsed = spdx.parse(value)
    except spdx.SPDXProblem as exc:
        reason = exc.reason
        words = value.split()
        if len(words) > 1 and not {w.upper() for w in words} & {"AND", "OR", "WITH"}:
            reason = (
                "it reads as prose: keep prose in rights.text; rights.statement takes a "
                "statement URI or an SPDX licence expression"
            )
        elif not _SINGLE_ID.match(value):
            reason = f"not a statement URI, and not a valid SPDX licence expression: {reason}"
        else:
            reason = f"not a statement URI, and {reason}"
        raise StatementError(original, reason, exc.suggestion) from None
    return Statement(SPDX, parsed.canonical, "", "", original, (*fixes, *parsed.fixes))
