"""Bad input for the readers: each case ends in one line naming the file and the problem, or in a correct decode."""

from __future__ import annotations

import codecs
import random
from collections.abc import Callable
from pathlib import Path

import pytest
from fpdf import FPDF

from loaders.errors import UnreadableDocument
from loaders.read import read_bytes, read_path

PdfFactory = Callable[..., bytes]
REGISTERED = "registered formats: pdf (.pdf), docx (.docx), html (.html .htm .xhtml), xml (.xml), text (.txt .text)"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x02\x00\x00\x00" + bytes(64)

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE officiele-publicatie [<!ENTITY geheim SYSTEM "file:///etc/passwd">]>
<officiele-publicatie><kamerstuk><al>&geheim;</al></kamerstuk></officiele-publicatie>"""
BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<officiele-publicatie><kamerstuk><al>&lol9;</al></kamerstuk></officiele-publicatie>"""


def _high_bytes() -> bytes:
    """Random bytes above 0x7f: no NUL or control byte betrays them, yet no encoding makes text of them."""
    rng = random.Random(5)
    return bytes(rng.randrange(0x80, 0x100) for _ in range(4000))


def _scanned_pdf() -> bytes:
    """Pages with only a drawn shape, as a scan without OCR has only an image."""
    pdf = FPDF()
    for _ in range(2):
        pdf.add_page()
        pdf.rect(20, 20, 150, 200, style="F")
    return bytes(pdf.output())


def _furniture_pdf() -> bytes:
    pdf = FPDF()
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_font("Helvetica", size=8)
    pdf.set_y(-15)
    pdf.cell(0, 4, "Pagina 1 van 1", align="C")
    return bytes(pdf.output())


# (file name, content builder, the exact error) — each builder gets the PDF factory of conftest.py.
REFUSED: list[tuple[str, Callable[[PdfFactory], bytes], str]] = [
    ("leeg.txt", lambda _: b"", "leeg.txt: the file is empty (0 bytes)"),
    ("spaties.txt", lambda _: b"  \n\t\r\n  ", "spaties.txt: the file is empty (only white space)"),
    (
        "spaties-utf16.txt",
        lambda _: codecs.BOM_UTF16_LE + "  \n ".encode("utf-16-le"),
        "spaties-utf16.txt: the file is empty (only white space)",
    ),
    ("junk.txt", lambda _: bytes(range(256)) * 40, f"junk.txt: unknown or binary format; {REGISTERED}"),
    (
        "hoog.txt",
        lambda _: _high_bytes(),
        "hoog.txt: unknown or binary format: the bytes are not text in any known encoding",
    ),
    (
        "controle.txt",
        lambda _: b"Den Haag" + b"\x01\x02\x03\x04" * 10,
        f"controle.txt: unknown or binary format; {REGISTERED}",
    ),
    ("scan.pdf", lambda _: PNG, f"scan.pdf: unknown or binary format (a PNG image); {REGISTERED}"),
    (
        "foto.txt",
        lambda _: b"\xff\xd8\xff\xe0" + bytes(50),
        f"foto.txt: unknown or binary format (a JPEG image); {REGISTERED}",
    ),
    (
        "oud.docx",
        lambda _: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100),
        f"oud.docx: unknown or binary format (an old Office (.doc/.xls) file; save it as .docx or PDF); {REGISTERED}",
    ),
    (
        "brief.txt",
        lambda _: b"{\\rtf1\\ansi Den Haag}",
        f"brief.txt: unknown or binary format (an RTF document; save it as .docx, PDF or plain text); {REGISTERED}",
    ),
    (
        "bom.txt",
        lambda _: codecs.BOM_UTF8 + "Den Haag, financiële steun".encode("cp1252"),
        "bom.txt: not valid UTF-8 although it starts with that byte-order mark (invalid continuation byte at byte 20)",
    ),
    (
        "oneven.txt",
        lambda _: codecs.BOM_UTF16_LE + b"a\x00b",
        "oneven.txt: not valid UTF-16-LE although it starts with that byte-order mark (truncated data at byte 4)",
    ),
    (
        "afgebroken.pdf",
        lambda pdf: pdf([["Den Haag, 9 december 2025"]])[:600],
        "afgebroken.pdf: the PDF is truncated (no %%EOF end marker); the download is incomplete",
    ),
    (
        "geheim.pdf",
        lambda pdf: pdf([["Den Haag, 9 december 2025"]], password="geheim"),
        "geheim.pdf: the PDF is encrypted and needs a password; save an unprotected copy",
    ),
    (
        "gescand.pdf",
        lambda _: _scanned_pdf(),
        "gescand.pdf: the PDF has no text layer (scanned pages?); run OCR on it first",
    ),
    ("paginas.pdf", lambda _: _furniture_pdf(), "paginas.pdf: the PDF holds only page numbers and headers, no text"),
    (
        "menu.html",
        lambda _: b"<html><head><script>x()</script></head><body><nav>menu</nav><iframe src=x></iframe></body></html>",
        "menu.html: the HTML page has no document text (only navigation, scripts or markup)",
    ),
    (
        "xxe.xml",
        lambda _: XXE,
        "xxe.xml: the XML declares an external entity 'geheim' (file:///etc/passwd); external entities are never "
        "resolved, the file is refused",
    ),
    (
        "lolz.xml",
        lambda _: BILLION_LAUGHS,
        "lolz.xml: the XML declares an entity 'lol'; entity expansion is refused (protection against billion-laughs "
        "bombs)",
    ),
]


@pytest.mark.parametrize(("name", "build", "message"), REFUSED, ids=[case[0] for case in REFUSED])
def test_bad_input_is_refused_with_one_line_naming_the_file(
    pdf_factory: PdfFactory, name: str, build: Callable[[PdfFactory], bytes], message: str
) -> None:
    with pytest.raises(UnreadableDocument) as error:
        read_bytes(name, build(pdf_factory))
    assert str(error.value) == message
    assert "\n" not in str(error.value)


def test_html_with_script_and_iframe_keeps_only_the_text() -> None:
    page = b"<html><body><script>alert(1)</script><iframe src='https://x.invalid'>frame</iframe><p>Tekst.</p></body></html>"
    assert read_bytes("pagina.html", page).text == "Tekst.\n"


def test_a_pdf_named_txt_is_read_as_pdf(pdf_factory: PdfFactory) -> None:
    doc = read_bytes("download.txt", pdf_factory([["Den Haag, 9 december 2025"]]))
    assert (doc.format, doc.text) == ("pdf", "Den Haag, 9 december 2025\n")


def test_text_named_pdf_is_read_as_text() -> None:
    doc = read_bytes("brief.pdf", b"Den Haag, 9 december 2025\n")
    assert (doc.format, doc.text) == ("text", "Den Haag, 9 december 2025\n")


NAME = "Kamerbrief Soedan – reactie één.pdf"


def test_a_file_name_with_spaces_and_non_ascii_is_named_in_full(tmp_path: Path, pdf_factory: PdfFactory) -> None:
    path = tmp_path / NAME
    path.write_bytes(pdf_factory([["Den Haag, 9 december 2025"]])[:600])
    with pytest.raises(UnreadableDocument) as error:
        read_path(path)
    assert str(error.value) == f"{NAME}: the PDF is truncated (no %%EOF end marker); the download is incomplete"


def test_a_good_file_with_such_a_name_reads(tmp_path: Path, pdf_factory: PdfFactory) -> None:
    path = tmp_path / NAME
    path.write_bytes(pdf_factory([["Den Haag, 9 december 2025"]]))
    doc = read_path(path)
    assert (doc.name, doc.text) == (NAME, "Den Haag, 9 december 2025\n")


def test_a_missing_file_is_named() -> None:
    with pytest.raises(UnreadableDocument) as error:
        read_path(Path("/nonexistent/brief één.txt"))
    assert str(error.value) == "/nonexistent/brief één.txt: cannot be read (No such file or directory)"
