"""The plain-text reader decodes every encoding researchers' files come in and normalises line endings."""

from __future__ import annotations

import codecs

import pytest

from loaders.errors import UnreadableDocument
from loaders.read import read_bytes

# Dutch text with the characters that tell encodings apart: diaeresis, accents, curly quotes, en dash, euro sign.
DUTCH = (
    "Den Haag, 9 december 2025\n\nHet kabinet heeft ‘geïnformeerd’ over de financiële steun – € 15 miljoen – aan "
    "België.\n"
)
# The same without the characters Latin-1 lacks (curly quotes, en dash, euro sign).
LATIN = "Den Haag, 9 december 2025\n\nHet kabinet heeft geïnformeerd over de financiële steun aan België en Curaçao.\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (DUTCH.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + DUTCH.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF16_LE + DUTCH.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + DUTCH.encode("utf-16-be"), "utf-16-be"),
        (DUTCH.encode("utf-16-le"), "utf-16-le"),
        (DUTCH.encode("cp1252"), "cp1252"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom", "utf-16-le-no-bom", "cp1252"],
)
def test_each_encoding_is_detected_and_decoded_exactly(data: bytes, encoding: str) -> None:
    doc = read_bytes("brief.txt", data)
    assert doc.text == DUTCH
    assert doc.metadata["encoding"] == encoding
    assert doc.format == "text"


def test_latin1_is_decoded_exactly() -> None:
    doc = read_bytes("brief.txt", LATIN.encode("latin-1"))
    assert doc.text == LATIN
    assert doc.metadata["encoding"] == "iso-8859-1"


def test_a_file_mixing_utf8_and_cp1252_lines_is_decoded_line_by_line() -> None:
    data = "Eerste regel: geïnformeerd\n".encode() + "Tweede regel: financiële steun – € 5 miljoen\n".encode("cp1252")
    doc = read_bytes("gemengd.txt", data)
    assert doc.text == "Eerste regel: geïnformeerd\nTweede regel: financiële steun – € 5 miljoen\n"
    assert doc.metadata["encoding"] == "utf-8+cp1252 (mixed)"


def test_mixed_line_endings_become_newlines() -> None:
    doc = read_bytes("regels.txt", b"een\r\ntwee\rdrie\nvier\x0cvijf\r\n")
    assert doc.text == "een\ntwee\ndrie\nvier\nvijf\n"


def test_the_utf8_byte_order_mark_is_not_part_of_the_text() -> None:
    assert read_bytes("bom.txt", codecs.BOM_UTF8 + b"Den Haag").text == "Den Haag"


def test_text_offsets_point_into_the_decoded_text() -> None:
    """Provenance quotes are cut from doc.text: the reader must not add or move characters in plain text."""
    doc = read_bytes("brief.txt", codecs.BOM_UTF16_LE + DUTCH.encode("utf-16-le"))
    start = doc.text.index("€ 15 miljoen")
    assert doc.text[start : start + len("€ 15 miljoen")] == "€ 15 miljoen"


def test_invalid_utf8_after_a_utf8_byte_order_mark_is_refused_with_the_position() -> None:
    with pytest.raises(UnreadableDocument) as error:
        read_bytes("kapot.txt", codecs.BOM_UTF8 + b"Den Haag \xff\xfe kapot")
    assert str(error.value) == (
        "kapot.txt: not valid UTF-8 although it starts with that byte-order mark (invalid start byte at byte 12)"
    )
