"""Footnote bodies and markers in the Word-export and the PDF/web-text layouts."""

from __future__ import annotations

from typing import TypeVar

from loaders.document import Document
from loaders.extract import extract_all
from loaders.extract.footnotes import find_footnotes
from loaders.mentions import Mention

M = TypeVar("M", bound=Mention)


def mentions_of(doc: Document, kind: type[M]) -> list[M]:
    """The mentions of one type the whole extractor chain finds (later extractors read earlier ones' results)."""
    return [m for m in extract_all(doc) if isinstance(m, kind)]



def test_word_export_markers_and_bodies() -> None:
    """'[footnoteRef:6]' marks the note, '[6:  ...]' holds its text; a bracket inside the body does not end it."""
    text = (
        "conform de motie Bakker.[footnoteRef:6] Verder.[footnoteRef:7] "
        "[6:  Kamerstuk 29 237, nr. 247]  [7:  Rapport [concept], 2025]\n"
    )
    notes = find_footnotes(text)
    assert {n: b.text for n, b in notes.bodies.items()} == {
        6: "Kamerstuk 29 237, nr. 247", 7: "Rapport [concept], 2025"}
    assert [(m.number, text[m.start:m.end]) for m in notes.markers] == [(6, "[footnoteRef:6]"), (7, "[footnoteRef:7]")]
    body = notes.bodies[6]
    assert text[body.start:body.end] == "Kamerstuk 29 237, nr. 247"


def test_plain_glued_markers_with_bodies_after_the_text() -> None:
    """Digits glued to a word or after a full stop are markers; the page-bottom lines are the bodies."""
    text = (
        "Na de val van El Fasher1 is de situatie verslechterd. In 2024.2 Het kabinet\n"
        "steunt de motie3 Jansen.\n"
        "\n"
        "1 Kamerstuk 29 237, nr. 236\n"
        "2 Zie het rapport van de VN\n"
        "3 Kamerstuk 27925 nr. 906\n"
    )
    notes = find_footnotes(text)
    assert {n: b.text for n, b in notes.bodies.items()} == {
        1: "Kamerstuk 29 237, nr. 236", 2: "Zie het rapport van de VN", 3: "Kamerstuk 27925 nr. 906"}
    assert [(m.number, text[m.start - 6:m.end]) for m in notes.markers] == [
        (1, "Fasher1"), (2, " 2024.2"), (3, " motie3")]


def test_plain_body_before_its_marker_and_glued_body_number() -> None:
    """A page-bottom block may precede the text that cites it; '1Zie voor ...' has the number glued to the text."""
    text = (
        "1Zie voor meer informatie Kamerstuk 29 237, nr. 236, van\n"
        "24 november jl.\n"
        "\n"
        "inclusie van vluchtelingen. De val van El Fasher1 was een keerpunt.\n"
    )
    notes = find_footnotes(text)
    assert notes.bodies[1].text == "Zie voor meer informatie Kamerstuk 29 237, nr. 236, van 24 november jl."
    assert [text[m.start - 6:m.end] for m in notes.markers] == ["Fasher1"]


def test_headings_chart_axes_and_numbers_are_not_footnotes() -> None:
    """Chapter headings and chart labels out of sequence, 'nr.11' and decimals '5,5' are neither bodies nor markers."""
    text = (
        "Het rapport1 beschrijft de inzet.\n"
        "\n"
        "1 Kamerstuk 36 247 nr.11\n"
        "\n"
        " 2 Beleidsinzet\n"
        "0 mln\n"
        "20 mln\n"
        "Er is 5,5 miljoen euro besteed, zie nr.11 en 3.5 procent.\n"
    )
    notes = find_footnotes(text)
    assert sorted(notes.bodies) == [1]
    assert [m.number for m in notes.markers] == [1]


def test_plain_body_spans_lines_until_blank_or_indented_text() -> None:
    """A note continues over wrapped lines and stops at a blank line or at the converter's indented page text."""
    text = (
        "Zie de studie.1 En de brief.2\n"
        "1 Zoals uitgewerkt in deze studie over\n"
        "bescherming van burgers.\n"
        "2 Kamerstuk 29237, nr. 234\n"
        " daarom van belang voor de inzet.\n"
    )
    notes = find_footnotes(text)
    assert notes.bodies[1].text == "Zoals uitgewerkt in deze studie over bescherming van burgers."
    assert notes.bodies[2].text == "Kamerstuk 29237, nr. 234"
    assert notes.body_at(text.index("daarom")) is None


def test_superscript_markers_and_bodies() -> None:
    """Converters that keep superscripts: 'El Fasher¹' marks note 1, the line '¹ Kamerstuk ...' is its body."""
    text = "Na de val van El Fasher¹ en de motie Jansen¹² is dit besproken.\n\n¹ Kamerstuk 29 237, nr. 236\n"
    text += "¹² Kamerstuk 29 237, nr. 250\n"
    notes = find_footnotes(text)
    assert {n: b.text for n, b in notes.bodies.items()} == {
        1: "Kamerstuk 29 237, nr. 236", 12: "Kamerstuk 29 237, nr. 250"}
    assert [(m.number, text[m.start:m.end]) for m in notes.markers] == [(1, "¹"), (12, "¹²")]
