"""Chicago (17th ed.), MLA (9th ed.) and APA (7th ed.) as their manuals print an archival
document in translation.

The CSL style repository's Chicago, MLA and APA files follow their manuals for published
works; for an unpublished document held in an archive and read in a digital archive they do
not: none prints a cable as "sender to recipient, cable, date", APA's bracketed description
lands after the date when there is no author, page ranges inside an archival location keep
their hyphen, and no style credits a transcriber.  These three are therefore written here,
element by element after the manuals, from the same :class:`~.house.CitationFields`; any
other style (a repository name or a ``.csl`` file) is still rendered by a CSL processor
(:mod:`.csl`).

Forms (``--form``): ``bibliography`` (Chicago bibliography entry, MLA works-cited entry, APA
reference), ``note`` (Chicago full note) and ``short`` (Chicago short note; MLA and APA
in-text citation).

Where a manual's form has no place for something the record holds (who obtained the
document, the project it was translated for, a transcriber in APA), :func:`render` says so in
its notes; Chicago's full note carries it as commentary (CMOS 14.2: notes "allow space ...
for commentary on the sources cited").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..errors import UsageError
from .creators import AUTHOR_ROLES, Creator, with_role
from .house import MONTHS, CitationFields

#: ``--style`` names rendered here, with the manual each follows and the forms it has.
MANUAL_STYLES: dict[str, tuple[str, tuple[str, ...]]] = {
    "chicago": (
        "The Chicago Manual of Style, 17th edition (notes and bibliography)",
        ("bibliography", "note", "short"),
    ),
    "mla": ("MLA Handbook, 9th edition (works cited)", ("bibliography", "short")),
    "apa": (
        "Publication Manual of the APA, 7th edition (reference list)",
        ("bibliography", "short"),
    ),
}
FORMS = ("bibliography", "note", "short")

_MLA_MONTHS = (
    "Jan.",
    "Feb.",
    "Mar.",
    "Apr.",
    "May",
    "June",
    "July",
    "Aug.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
)
_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True)
class Rendered:
    text: str
    notes: tuple[str, ...] = field(default=())


# -- small pieces ----------------------------------------------------------------------------


def en_dash(text: str) -> str:
    """Ranges of numbers with an en dash: ``69-70`` -> ``69–70`` (CMOS 6.78, MLA and APA
    likewise); other hyphens stay."""
    return re.sub(r"(?<=\d)\s*-\s*(?=\d)", "\u2013", text)


def labelled_pages(pages: str) -> str:
    """MLA and APA label page numbers: ``69-70`` -> ``pp. 69–70``, ``5`` -> ``p. 5``; pages
    that carry their own label (``ll. 20-24``, ``f. 3``) keep it."""
    dashed = en_dash(pages)
    if re.fullmatch(r"\d+[a-z]?", pages.strip()):
        return f"p. {dashed.strip()}"
    if re.fullmatch(r"\d+[a-z]?\s*[-\u2013]\s*\d+[a-z]?", pages.strip()):
        return f"pp. {dashed.strip()}"
    return dashed


def _dates(iso: str) -> tuple[int, int, int] | None:
    m = _ISO.match(iso)
    if not m:
        return None
    y, mo, d = (int(x) if x else 0 for x in m.groups())
    if mo and not 1 <= mo <= 12:
        return None
    return y, mo, d


def chicago_date(iso: str) -> str:
    """``May 10, 1961``, ``May 1961``, ``1961``; ``n.d.`` when unknown (CMOS 14.145)."""
    parts = _dates(iso)
    if not iso:
        return "n.d."
    if parts is None:
        return iso
    y, mo, d = parts
    if not mo:
        return str(y)
    return f"{MONTHS[mo - 1]} {d}, {y}" if d else f"{MONTHS[mo - 1]} {y}"


def mla_date(iso: str) -> str:
    """``10 May 1961``, ``23 Mar. 1950``, ``Sept. 1956`` (MLA 9, day month year, months of
    more than four letters abbreviated)."""
    parts = _dates(iso)
    if parts is None:
        return iso
    y, mo, d = parts
    if not mo:
        return str(y)
    return f"{d} {_MLA_MONTHS[mo - 1]} {y}" if d else f"{_MLA_MONTHS[mo - 1]} {y}"


def apa_date(iso: str) -> str:
    """``(1961, May 10)``, ``(1961, May)``, ``(1961)``, ``(n.d.)`` (APA 7, 9.14-9.17)."""
    parts = _dates(iso) if iso else None
    if not iso:
        return "(n.d.)"
    if parts is None:
        return f"({iso})"
    y, mo, d = parts
    if not mo:
        return f"({y})"
    return f"({y}, {MONTHS[mo - 1]} {d})" if d else f"({y}, {MONTHS[mo - 1]})"


def curly(title: str) -> str:
    """Straight quotation marks inside a title made typographic, and nested: ``'The
    Situation'`` -> ``‘The Situation’`` (it will stand inside double quotation marks)."""
    title = re.sub(r"(^|[\s(\[—–-])'", "\\1\u2018", title)
    title = title.replace("'", "\u2019")
    title = re.sub(r'(^|[\s(\[—–-])"', "\\1\u2018", title)
    return title.replace('"', "\u2019").replace("\u201c", "\u2018").replace("\u201d", "\u2019")


def quoted(title: str, punct: str) -> str:
    """``“Title,”`` with the comma or period inside the quotation marks, and inside a closing
    single quotation mark too (``“Cable, ‘The Situation.’”``); a title ending in ``?`` or
    ``!`` takes none."""
    t = curly(title)
    if t.endswith(("?", "!", "?\u2019", "!\u2019")) or not punct:
        return f"\u201c{t}\u201d"
    if t.endswith("\u2019"):
        return f"\u201c{t[:-1]}{punct}\u2019\u201d"
    return f"\u201c{t}{punct}\u201d"


def end(text: str, punct: str = ".") -> str:
    """``text`` ending in ``punct`` unless it already ends in a stop."""
    if not text or text.endswith((".", "?", "!", ".\u201d", "?\u201d", "!\u201d")):
        return text
    return text + punct


def join(names: Sequence[str], conj: str = "and") -> str:
    """``A``; ``A and B``; ``A, B, and C``."""
    names = list(names)
    if len(names) <= 2:
        return f" {conj} ".join(names)
    return ", ".join(names[:-1]) + f", {conj} " + names[-1]


# -- names -----------------------------------------------------------------------------------


def _split(c: Creator | str, f: CitationFields) -> tuple[str, str, bool] | None:
    """``(family, given, family_first)`` of a person's name, or None when it is not split
    (an organisation, a single word, a name with a gloss in brackets, a name by office)."""
    name = c if isinstance(c, str) else c.name
    if not isinstance(c, str) and not c.is_person:
        return None
    form = f.name_forms.get(name)
    if form and form.get("family"):
        return str(form["family"]), str(form.get("given", "")), bool(form.get("family_first"))
    words = name.split()
    if len(words) < 2 or "[" in name or not all(w[:1].isupper() for w in words):
        return None
    if not isinstance(c, str) and c.family_first:
        return words[0], " ".join(words[1:]), True
    return words[-1], " ".join(words[:-1]), False


def inverted(c: Creator | str, f: CitationFields) -> str:
    """Family name first for a bibliography: ``Wang, Jeffrey``; ``Mao Zedong`` stays as it is
    (CMOS 8.15: Chinese names are not inverted); organisations as they are."""
    parts = _split(c, f)
    name = c if isinstance(c, str) else c.name
    if parts is None or parts[2]:
        return name
    family, given, _ = parts
    return f"{family}, {given}" if given else family


def family_name(c: Creator | str, f: CitationFields) -> str:
    parts = _split(c, f)
    return parts[0] if parts else (c if isinstance(c, str) else c.name)


def initials(given: str) -> str:
    """``Jeffrey`` -> ``J.``; ``Il-sung`` -> ``I.-S.``; ``Mary Ann`` -> ``M. A.``"""
    out = []
    for word in given.split():
        out.append("-".join(p[:1].upper() + "." for p in word.split("-") if p))
    return " ".join(out)


def apa_author(c: Creator | str, f: CitationFields) -> str:
    """``Wang, J.``; ``Mao, Z.``; an organisation as it is (APA 9.8)."""
    parts = _split(c, f)
    if parts is None:
        return c if isinstance(c, str) else c.name
    family, given, _ = parts
    return f"{family}, {initials(given)}" if given else family


def apa_contributor(name: str, f: CitationFields) -> str:
    """Translators in APA are given initials first: ``J. Wang`` (APA 9.39)."""
    parts = _split(name, f)
    if parts is None:
        return name
    family, given, family_first = parts
    if family_first:
        return name
    return f"{initials(given)} {family}" if given else family


def apa_list(names: Sequence[str]) -> str:
    """``A``; ``A & B``; ``A, B, & C`` (APA 9.8)."""
    names = list(names)
    if len(names) <= 2:
        return " & ".join(names)
    return ", ".join(names[:-1]) + ", & " + names[-1]


# -- what the record says ------------------------------------------------------------------


def authors(f: CitationFields) -> list[Creator]:
    """Who stands in the author's place: authors, corporate authors and senders."""
    return with_role(f.creators, *AUTHOR_ROLES)


def correspondence(f: CitationFields) -> tuple[str, str] | None:
    """``(senders, recipients)`` as the title words them, when the title is just the
    archive's description of a piece of correspondence (``Cable, X to Y``, ``Telegram from X
    to Y``) and the record's senders and recipients are exactly X and Y: then the manuals'
    form for letters applies ("Sender to Recipient, cable, date": CMOS 14.221-14.231, MLA
    Style Center "Citing letters"), which says the same without repeating the names."""
    senders = with_role(f.creators, "sender")
    recipients = with_role(f.creators, "recipient")
    if not (f.type and senders and recipients) or with_role(f.creators, "author"):
        return None
    m = re.match(
        rf"^{re.escape(f.type)}(?:,| from) (?P<s>.+?) to (?P<r>.+)$", f.title, re.IGNORECASE
    )
    if m is None:
        return None

    def same(text: str, people: list[Creator]) -> bool:
        parts = [re.sub(r"^the ", "", p) for p in re.split(r",\s+and\s+|,\s+|\s+and\s+", text)]
        return parts == [c.name for c in people] or (
            len(people) == 1 and re.sub(r"^the ", "", text) == people[0].name
        )

    if not (same(m["s"], senders) and same(m["r"], recipients)):
        return None
    return m["s"], m["r"]


def description(f: CitationFields) -> str:
    """The document's type as a description (``cable``), unless the title already says it."""
    if not f.type or f.title.lower().startswith(f.type.lower()):
        return ""
    return f.type


def short_title(title: str) -> str:
    """At most four key words of the title (CMOS 14.32): of a quoted title inside it where
    there is one (``Cable from X, 'The Situation of Korean Residents ...'`` -> ``Situation of
    Korean Residents``), else of the title up to its first comma; an initial article and
    trailing small words dropped."""
    text = curly(title)
    inner = re.search(r"‘([^’]+)’", text)
    head = inner[1] if inner else re.split(r"[,:;]", text, maxsplit=1)[0]
    words = head.split()
    if len(words) > 1 and words[0].lower() in {"the", "a", "an"}:
        words = words[1:]
    words = words[:4]
    while len(words) > 1 and words[-1].lower() in {"of", "the", "a", "an", "with", "to", "and"}:
        words.pop()
    return " ".join(words)


def commentary(f: CitationFields) -> str:
    """What the manuals have no element for, as a sentence a note can carry."""
    parts = []
    if f.obtained_by:
        parts.append(f"Obtained by {join(f.obtained_by)}.")
    if f.contributed_by:
        parts.append(f"Contributed by {join(f.contributed_by)}.")
    if f.translated_for:
        parts.append(f"Translated for {f.translated_for}.")
    return " ".join(parts)


def _missing_notes(f: CitationFields, where: str, remedy: str) -> list[str]:
    notes = []
    if f.obtained_by:
        notes.append(
            f"{where} has no place for who obtained the document ({join(f.obtained_by)}): {remedy}"
        )
    if f.contributed_by:
        notes.append(
            f"{where} has no place for who contributed the document "
            f"({join(f.contributed_by)}): {remedy}"
        )
    if f.translated_for:
        notes.append(
            f"{where} has no place for the project the translation was made for "
            f"({f.translated_for}): {remedy}"
        )
    return notes


def _inferred_notes(f: CitationFields) -> list[str]:
    inferred = [c for c in authors(f) if c.inferred]
    if not inferred:
        return []
    doc = f.id.split(":", 1)[0] or "DOC"
    index = f.creators.index(inferred[0])
    return [
        f"the author ({join([c.name for c in inferred])}) was read from the title and is not "
        f"yet confirmed: confirm it with 'provenance set {doc} creators.{index}.inferred "
        "--unset', or correct the creators"
    ]


# -- Chicago ---------------------------------------------------------------------------------


def _chicago_location(f: CitationFields) -> list[str]:
    """Reference, pages, holding archive, digital archive (CMOS 14.221-14.231: the item's
    identifying number, the collection, the depository), then the URL (CMOS 14.7)."""
    return [p for p in (f.reference, en_dash(f.pages), f.collection, f.archive, f.publisher) if p]


def _credits(f: CitationFields, note: bool) -> list[str]:
    """Translators (CMOS 14.104: ``trans.`` in a note, ``Translated by`` in a bibliography) and
    transcribers (spelled out in both)."""
    out = []
    if f.translators:
        out.append(("trans. " if note else "Translated by ") + join(f.translators))
    if f.transcribers:
        out.append(("transcribed by " if note else "Transcribed by ") + join(f.transcribers))
    return out


def chicago_note(f: CitationFields) -> str:
    """CMOS 17, 14.221-14.231 (manuscript collections) with 14.104 (translator) and 14.20
    (structure of a note): elements separated by commas, names in natural order."""
    people = [c.name for c in authors(f)]
    letter = correspondence(f)
    if letter:
        # "the word letter is usually omitted; other forms of communication (telegram,
        # memorandum) are specified" (CMOS 14.221-14.231)
        kind = [] if f.type.lower() == "letter" else [f.type.lower()]
        head = [f"{letter[0]} to {letter[1]}", *kind, chicago_date(f.date)]
    else:
        title = quoted(f.title, ",")
        # four or more authors: the first and "et al." (CMOS 14.76)
        lead = [join(people) if len(people) <= 3 else f"{people[0]} et al."] if people else []
        desc = description(f)
        head = [*lead, title]
        if desc:
            head.append(desc.lower())
        head.append(chicago_date(f.date))
    parts = [*head, *_credits(f, note=True), *_chicago_location(f)]
    if f.url:
        parts.append(f.url)
    text = _commas(parts) + "."
    extra = commentary(f)
    return f"{text} {extra}" if extra else text


def _commas(parts: Sequence[str]) -> str:
    """Join with commas, except after a quoted title that already holds its comma."""
    out = ""
    for i, p in enumerate(parts):
        if i == 0:
            out = p
        elif out.endswith(",\u201d") or out.endswith(",\u2019\u201d"):
            out += " " + p
        else:
            out += ", " + p
    return out


def chicago_short(f: CitationFields) -> str:
    """CMOS 17, 14.29-14.33: the author's family name and a short title of up to four words;
    for correspondence, "Sender to Recipient" and the date."""
    letter = correspondence(f)
    if letter:
        s = join([family_name(c, f) for c in with_role(f.creators, "sender")])
        r = join([family_name(c, f) for c in with_role(f.creators, "recipient")])
        return f"{s} to {r}, {chicago_date(f.date)}."
    people = [family_name(c, f) for c in authors(f)]
    title = quoted(short_title(f.title), ".")
    if not people:
        return title
    lead = join(people) if len(people) <= 3 else f"{people[0]} et al."
    return f"{lead}, {title}"


def chicago_bibliography(f: CitationFields) -> str:
    """CMOS 17, 14.221-14.231: a single item cited from a collection begins with its author,
    inverted (14.72), then the description or title and date; elements separated by periods
    (14.21)."""
    people = authors(f)
    names = [inverted(people[0], f), *[c.name for c in people[1:]]] if people else []
    blocks: list[str] = []
    if names:
        blocks.append(end(join(names)))
    letter = correspondence(f)
    if letter:
        blocks.append(f"{f.type[:1].upper()}{f.type[1:]} to {letter[1]}, {chicago_date(f.date)}.")
    else:
        blocks.append(quoted(f.title, "."))
        desc = description(f)
        if desc:
            blocks.append(end(desc[:1].upper() + desc[1:]))
        blocks.append(end(chicago_date(f.date)))
    blocks.extend(end(c) for c in _credits(f, note=False))
    location = ", ".join(p for p in (f.reference, en_dash(f.pages)) if p)
    for part in (location, f.collection, f.archive, f.publisher, f.url):
        if part:
            blocks.append(end(part))
    return " ".join(blocks)


# -- MLA -------------------------------------------------------------------------------------


def mla_works_cited(f: CitationFields) -> str:
    """MLA 9 core elements (ch. 5): Author. Title of source. Other contributors. Title of
    container, location.  Archival items after the MLA Style Center's "Citing materials from
    physical archives" and "Citing letters": a description in place of a title, unquoted
    (``Letter to Charles Fremont.``), the date after it, the container (here the digital
    archive) and the location (holding archive, reference, pages, URL without its scheme)."""
    people = authors(f)
    blocks: list[str] = []
    if people:
        first = inverted(people[0], f)
        if len(people) == 1:
            blocks.append(end(first))
        elif len(people) == 2:
            blocks.append(end(f"{first}, and {people[1].name}"))
        else:
            blocks.append(end(f"{first}, et al"))
    letter = correspondence(f)
    if letter:
        blocks.append(f"{f.type[:1].upper()}{f.type[1:]} to {letter[1]}.")
    else:
        blocks.append(quoted(f.title, "."))
        desc = description(f)
        if desc:
            blocks.append(end(desc[:1].upper() + desc[1:]))
    if f.date:
        blocks.append(end(mla_date(f.date)))
    for verb, names in (("Translated", f.translators), ("Transcribed", f.transcribers)):
        if names:
            who = join(names) if len(names) <= 2 else f"{names[0]} et al"
            blocks.append(end(f"{verb} by {who}"))
    location = [
        p
        for p in (
            f.collection,
            f.publisher,
            f.archive,
            f.reference,
            labelled_pages(f.pages) if f.pages else "",
            re.sub(r"^https?://", "", f.url),
        )
        if p
    ]
    if location:
        blocks.append(end(", ".join(location)))
    return " ".join(blocks)


def mla_in_text(f: CitationFields) -> str:
    """MLA 9, 6.1-6.4: the first element of the works-cited entry, in parentheses."""
    people = authors(f)
    if people:
        names = [family_name(c, f) for c in people]
        lead = join(names) if len(names) <= 2 else f"{names[0]} et al."
        return f"({lead})"
    letter = correspondence(f)
    if letter:
        return f"({f.type[:1].upper()}{f.type[1:]} to {letter[1]})"
    return f"({quoted(short_title(f.title), '')})"


# -- APA -------------------------------------------------------------------------------------


def apa_reference(f: CitationFields) -> str:
    """APA 7: Author. (Date). Title (Translators, Trans.) [Description]. Source.

    The bracketed description follows the title and its parenthetical (9.21; 9.39 for the
    translators).  Archival material after the APA Style page "Archival documents and
    collections": the collection with the item's reference in parentheses, then the
    repository.  The archive's title is kept even where it only describes the document (APA
    brackets a description in place of a title only when there is no title).  No author: the
    title moves to the author's place (9.12).
    """
    people = authors(f)
    trans = (
        apa_list([apa_contributor(n, f) for n in f.translators]) + ", Trans."
        if f.translators
        else ""
    )
    title = curly(f.title)
    if trans:
        title += f" ({trans})"
    if f.type:
        title += f" [{f.type[:1].upper()}{f.type[1:]}]"
    title = end(title)
    date = apa_date(f.date) + "."
    blocks: list[str] = []
    if people:
        names = [apa_author(c, f) for c in people]
        blocks.extend([end(apa_list(names)), date, title])
    else:
        blocks.extend([title, date])
    located = ", ".join(p for p in (f.reference, labelled_pages(f.pages) if f.pages else "") if p)
    holders = [p for p in (f.collection, f.publisher, f.archive) if p]
    if holders and located:
        blocks.append(f"{holders[0]} ({located}).")
        holders = holders[1:]
    elif located:
        blocks.append(end(located))
    blocks.extend(end(h) for h in holders)
    if f.url:
        blocks.append(f.url)  # no period after a URL (9.35)
    return " ".join(blocks)


def apa_in_text(f: CitationFields) -> str:
    """APA 7, 8.10-8.12: (Author, year); a work without an author by its title."""
    people = authors(f)
    year = apa_date(f.date)[1:-1].split(",")[0]
    if people:
        names = [apa_author(c, f).split(",")[0] for c in people]
        lead = (
            names[0]
            if len(names) == 1
            else (" & ".join(names) if len(names) == 2 else f"{names[0]} et al.")
        )
        return f"({lead}, {year})"
    return f"({short_title(f.title)}, {year})"


# -- entry point -----------------------------------------------------------------------------

_RENDERERS = {
    ("chicago", "note"): chicago_note,
    ("chicago", "short"): chicago_short,
    ("chicago", "bibliography"): chicago_bibliography,
    ("mla", "bibliography"): mla_works_cited,
    ("mla", "short"): mla_in_text,
    ("apa", "bibliography"): apa_reference,
    ("apa", "short"): apa_in_text,
}
_WHERE = {
    ("chicago", "bibliography"): "Chicago's bibliography entry",
    ("mla", "bibliography"): "MLA's works-cited entry",
    ("apa", "bibliography"): "APA's reference",
}


def render(f: CitationFields, style: str, form: str = "bibliography") -> Rendered:
    """``f`` in ``style`` (``chicago``, ``mla``, ``apa``) and ``form``."""
    if style not in MANUAL_STYLES:
        raise UsageError(f"not a manual style: {style!r}")
    forms = MANUAL_STYLES[style][1]
    if form not in forms:
        raise UsageError(
            f"{style} has no {form} form: use --form {' or '.join(forms)}"
            + (" (notes are Chicago's)" if form == "note" else "")
        )
    text = _RENDERERS[(style, form)](f)
    notes = _inferred_notes(f)
    where = _WHERE.get((style, form))
    if where:
        remedy = (
            "the full note (--form note) carries it"
            if style == "chicago"
            else "credit it in your text or a note"
        )
        notes.extend(_missing_notes(f, where, remedy))
    if style == "apa" and form == "bibliography" and f.transcribers:
        notes.append(
            f"APA's reference has no place for a transcriber ({join(f.transcribers)}): "
            "credit them in your text or a note"
        )
    return Rendered(text, tuple(notes))
