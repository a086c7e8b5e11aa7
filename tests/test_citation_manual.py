"""The manuals' own examples, rendered from records holding their elements.

Each case quotes the example as the manual (or the publisher's own style site) prints it; the
record is what a store would hold for that item.  The golden files under
``tests/cases/citation/`` apply the same code to the archive's documents.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance.citation.creators import Creator
from provenance.citation.house import CitationFields
from provenance.citation.manual import (
    apa_author,
    apa_contributor,
    chicago_date,
    en_dash,
    labelled_pages,
    mla_date,
    quoted,
    render,
    short_title,
)


def letter(sender: str, recipient: str, kind: str = "letter", **kw: object) -> CitationFields:
    return CitationFields(
        title=f"{kind.capitalize()}, {sender} to {recipient}",
        type=kind,
        creators=(Creator(sender, "sender"), Creator(recipient, "recipient")),
        **kw,  # type: ignore[arg-type]
    )


def test_chicago_note_telegram_in_a_manuscript_collection() -> None:
    # CMOS 17th ed., 14.221-14.231 (manuscript collections), as Turabian prints the note:
    # "Burton to Merriam, telegram, January 26, 1923, Charles E. Merriam Papers, University of
    # Chicago Library."  Other forms of communication than a letter are named.
    f = letter(
        "Burton",
        "Merriam",
        "telegram",
        date="1923-01-26",
        collection="Charles E. Merriam Papers",
        archive="University of Chicago Library",
    )
    assert render(f, "chicago", "note").text == (
        "Burton to Merriam, telegram, January 26, 1923, Charles E. Merriam Papers, "
        "University of Chicago Library."
    )


def test_chicago_note_letter_omits_the_word_letter() -> None:
    # CMOS 17th ed., 14.221-14.231: "George Creel to Colonel House, September 25, 1918, Edward
    # M. House Papers, Yale University Library, New Haven, CT." (the word letter is omitted)
    f = letter(
        "George Creel",
        "Colonel House",
        date="1918-09-25",
        collection="Edward M. House Papers",
        archive="Yale University Library, New Haven, CT",
    )
    assert render(f, "chicago", "note").text == (
        "George Creel to Colonel House, September 25, 1918, Edward M. House Papers, Yale "
        "University Library, New Haven, CT."
    )
    # CMOS 14.29-14.33: the short form keeps family names and the date.
    assert render(f, "chicago", "short").text == "Creel to House, September 25, 1918."


def test_mla_letters_in_archives() -> None:
    # MLA Style Center, "Citing letters" / "Citing materials from physical archives" (MLA 9):
    # "Benton, Thomas Hart. Letter to Charles Fremont. 22 June 1847. John Charles Fremont
    # Papers, Southwest Museum Library, Los Angeles."
    f = letter(
        "Thomas Hart Benton",
        "Charles Fremont",
        date="1847-06-22",
        collection="John Charles Fremont Papers",
        archive="Southwest Museum Library, Los Angeles",
    )
    assert render(f, "mla").text == (
        "Benton, Thomas Hart. Letter to Charles Fremont. 22 June 1847. John Charles Fremont "
        "Papers, Southwest Museum Library, Los Angeles."
    )
    # "Moore, Marianne. Letter to Bryher. 28 Sept. 1954. Bryher Papers, Yale U, New Haven,
    # Beinecke Rare Book and Manuscript Library, GEN MSS 97, box 38, folder 1373."
    f = letter(
        "Marianne Moore",
        "Bryher",
        date="1954-09-28",
        collection="Bryher Papers",
        archive="Yale U, New Haven, Beinecke Rare Book and Manuscript Library",
        reference="GEN MSS 97, box 38, folder 1373",
    )
    assert render(f, "mla").text == (
        "Moore, Marianne. Letter to Bryher. 28 Sept. 1954. Bryher Papers, Yale U, New Haven, "
        "Beinecke Rare Book and Manuscript Library, GEN MSS 97, box 38, folder 1373."
    )


def test_apa_description_follows_the_title_and_translators() -> None:
    # APA 7th ed., 9.21: the bracketed description comes after the title and any
    # parenthetical (here the translators, 9.39: initials first, "Trans."); 9.8: "&".
    f = CitationFields(
        title="Report on the Border Situation",
        type="report",
        date="1961-05",
        creators=(Creator("Ministry of Public Security", "sender", "organisation"),),
        translators=("Jeffrey Wang", "Charles Kraus"),
        publisher="Digital Archive",
        reference="PRC FMA 118-01026-03",
        pages="69-70",
        url="https://example.org/document/1",
    )
    assert render(f, "apa").text == (
        "Ministry of Public Security. (1961, May). Report on the Border Situation (J. Wang & "
        "C. Kraus, Trans.) [Report]. Digital Archive (PRC FMA 118-01026-03, pp. 69\u201370). "
        "https://example.org/document/1"
    )
    assert render(f, "apa", "short").text == "(Ministry of Public Security, 1961)"


def test_transcribers_and_obtainers() -> None:
    f = CitationFields(
        title="Cable, Zhou Enlai to Kim Il Sung",
        type="cable",
        date="1950-10-02",
        creators=(
            Creator("Zhou Enlai", "sender", family_first=True),
            Creator("Kim Il Sung", "recipient", family_first=True),
        ),
        transcribers=("Li Na",),
        obtained_by=("Shen Zhihua",),
        reference="PRC FMA 1",
    )
    note = render(f, "chicago", "note")
    assert note.text == (
        "Zhou Enlai to Kim Il Sung, cable, October 2, 1950, transcribed by Li Na, PRC FMA 1. "
        "Obtained by Shen Zhihua."
    )
    bib = render(f, "chicago")
    assert bib.text.startswith("Zhou Enlai. Cable to Kim Il Sung, October 2, 1950.")  # CMOS 8.15
    assert "Transcribed by Li Na." in bib.text
    assert any("Shen Zhihua" in n for n in bib.notes)
    apa = render(f, "apa")
    assert apa.text.startswith("Zhou, E. (1950, October 2).")
    assert any("transcriber (Li Na)" in n for n in apa.notes)


def test_forms_each_style_has() -> None:
    from provenance.errors import UsageError

    f = letter("A", "B")
    with pytest.raises(UsageError, match="notes are Chicago's"):
        render(f, "mla", "note")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("69-70", "69\u201370"),
        ("ll. 20-24", "ll. 20\u201324"),
        ("118-01026-03", "118\u201301026\u201303"),
        ("XIX-J-1-j", "XIX-J-1-j"),
    ],
)
def test_en_dash(text: str, expected: str) -> None:
    # CMOS 6.78: the en dash connects numbers in a range (applied to pages only: a reference
    # such as PRC FMA 118-01026-03 is never passed through it)
    assert en_dash(text) == expected


def test_labelled_pages() -> None:
    assert labelled_pages("69-70") == "pp. 69\u201370"
    assert labelled_pages("5") == "p. 5"
    assert labelled_pages("ll. 20-24") == "ll. 20\u201324"


def test_dates_and_names() -> None:
    assert chicago_date("1961-05-10") == "May 10, 1961"
    assert chicago_date("1961") == "1961" and chicago_date("") == "n.d."
    assert mla_date("1950-03-23") == "23 Mar. 1950" and mla_date("1956-09") == "Sept. 1956"
    f = CitationFields()
    assert apa_author(Creator("Kim Il-sung", "sender", family_first=True), f) == "Kim, I.-S."
    assert apa_contributor("Jeffrey Wang", f) == "J. Wang"
    assert quoted("Cable, 'The Situation'", ".") == "\u201cCable, \u2018The Situation.\u2019\u201d"
    assert short_title("Cable from X, 'The Situation of Korean Residents Returning'") == (
        "Situation of Korean Residents"
    )


_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)


@settings(max_examples=150, deadline=None)
@given(
    title=_text,
    date=st.sampled_from(["", "1961", "1961-05", "1961-05-10", "1961?"]),
    pages=_text,
    sender=_text,
    kind=st.sampled_from(["", "cable", "letter"]),
)
def test_every_form_renders(title: str, date: str, pages: str, sender: str, kind: str) -> None:
    creators = (Creator(sender.strip() or "X", "sender"),) if sender else ()
    f = CitationFields(
        title=title or "T",
        date=date,
        pages=pages,
        type=kind,
        creators=creators,
        publisher="Digital Archive",
    )
    for style, form in [
        ("chicago", "note"),
        ("chicago", "short"),
        ("chicago", "bibliography"),
        ("mla", "bibliography"),
        ("mla", "short"),
        ("apa", "bibliography"),
        ("apa", "short"),
    ]:
        text = render(f, style, form).text
        assert (text and "\n" not in text.strip("\n")) or "\n" in title + pages + sender


def test_contributors_go_into_the_note_commentary() -> None:
    f = CitationFields(title="Diary of X", date="1950", contributed_by=("Anna Li",))
    assert render(f, "chicago", "note").text.endswith(". Contributed by Anna Li.")
    assert any("contributed the document (Anna Li)" in n for n in render(f, "mla").notes)


def test_four_authors_in_a_note_are_the_first_et_al() -> None:
    # CMOS 17th ed., 14.76: for four or more authors a note gives the first and "et al."
    people = tuple(Creator(n, "author") for n in ("Ann Lee", "Bo Kim", "Cy Dunn", "Di Ray"))
    f = CitationFields(title="Joint Report", date="1950", creators=people)
    assert render(f, "chicago", "note").text.startswith("Ann Lee et al., \u201cJoint Report,\u201d")
    assert render(f, "chicago", "short").text.startswith("Lee et al., ")
