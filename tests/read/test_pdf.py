"""The PDF reader: paragraphs from text boxes, superscript footnotes, furniture dropped, hyphenation undone safely."""

from __future__ import annotations

from collections.abc import Callable
from io import BytesIO

import pytest
from fpdf import FPDF
from pdfminer.high_level import extract_text

from loaders.errors import UnreadableDocument
from loaders.read import read_bytes

PdfFactory = Callable[..., bytes]

RUNNING_HEADER = "Tweede Kamer, vergaderjaar 2025-2026, 29 237, nr. 260 {page}"


def test_the_letter_pdf_attaches_its_footnote_and_drops_the_page_number(
    renderings: dict[str, tuple[str, bytes]],
) -> None:
    doc = read_bytes(*renderings["pdf"])
    assert "De Groot[footnoteRef:1] over hulp aan vluchtelingen uit Soedan. [1:  Kamerstuk 29 237, nr. 251]" in doc.text
    assert "Pagina" not in doc.text
    assert doc.metadata["pages"] == "1"


def test_running_headers_and_page_numbers_are_dropped_and_a_paragraph_continues_over_the_page_break(
    pdf_factory: PdfFactory,
) -> None:
    pages = [
        ["Den Haag, 9 december 2025", "Het kabinet heeft besloten de steun aan de regio voort te zetten en daarbij de"],
        ["inzet op bescherming van vluchtelingen te versterken.", "Tweede alinea op pagina twee."],
        ["Derde pagina, laatste alinea."],
    ]
    data = pdf_factory(pages, header=RUNNING_HEADER, footer="| {page} |", align="L")
    text = read_bytes("lang.pdf", data).text
    assert text == (
        "Den Haag, 9 december 2025\n\n"
        "Het kabinet heeft besloten de steun aan de regio voort te zetten en daarbij de inzet op bescherming van "
        "vluchtelingen te versterken.\n\n"
        "Tweede alinea op pagina twee.\n\n"
        "Derde pagina, laatste alinea.\n"
    )


def _typeset(pdf: FPDF, text: str) -> list[str]:
    """Greedy line breaking that hyphenates a word at its '|' mark when only the first part (and '-') still fits."""
    width = pdf.w - pdf.l_margin - pdf.r_margin
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}".strip().replace("|", "")
        if pdf.get_string_width(candidate) <= width:
            line = f"{line} {word}".strip()
            continue
        head, _, tail = word.partition("|")
        head = head if head.endswith("-") else f"{head}-"
        if tail and pdf.get_string_width(f"{line} {head}".strip().replace("|", "")) <= width:
            lines.append(f"{line} {head}".strip())
            line = tail
        else:
            lines.append(line)
            line = word
    lines.append(line)
    return [ln.replace("|", "") for ln in lines]


def test_words_hyphenated_at_line_ends_are_rejoined_and_compounds_keep_their_hyphen() -> None:
    """A typeset paragraph broken inside words: 'migratie-' + 'samenwerking' is one word again, 'Noord-' + 'Afrika'
    keeps its hyphen; the test checks that such breaks really occur in the PDF."""
    sentence = (
        "Het kabinet inves|teert in migratie|samenwerking, terugkeer|samenwerking en ontwikkelings|samenwerking met "
        "partner|landen in Noord-|Afrika en de Hoorn van Afrika, zoals toe|gezegd in het commissie|debat. "
    )
    pdf = FPDF(format="A4")
    pdf.set_margins(25, 25, 80)
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for line in _typeset(pdf, sentence * 5):
        pdf.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    data = bytes(pdf.output())
    raw = extract_text(BytesIO(data))
    assert "-\n" in raw and "Noord-\n" in raw, "the PDF must break words at line ends for this test to prove anything"
    expected = " ".join([sentence.replace("|", "").strip()] * 5) + "\n"
    assert read_bytes("afbreking.pdf", data).text == expected


def test_short_lines_keep_their_line_breaks_also_on_a_page_of_their_own(pdf_factory: PdfFactory) -> None:
    """Lines that end well before the margin were broken by the author (a signature), not by the layout, also on a
    last page that holds nothing else."""
    paragraph = "Het kabinet blijft zich inzetten voor humanitaire toegang en voor de bescherming van burgers. " * 3
    data = pdf_factory([[paragraph], ["De minister van Buitenlandse Zaken,\nD.M. van Weel"]], align="L")
    assert read_bytes("ondertekening.pdf", data).text == (
        f"{paragraph.strip()}\n\nDe minister van Buitenlandse Zaken,\nD.M. van Weel\n"
    )


def test_a_pdf_encrypted_without_a_user_password_is_read(pdf_factory: PdfFactory) -> None:
    doc = read_bytes("beveiligd.pdf", pdf_factory([["Den Haag, 9 december 2025"]], owner="eigenaar"))
    assert doc.text == "Den Haag, 9 december 2025\n"
    assert doc.metadata["encrypted"] == "yes (no password needed to read)"


def test_the_document_title_is_read_from_the_pdf_info() -> None:
    pdf = FPDF()
    pdf.set_title("Kamerbrief over Soedan")
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.cell(0, 5, "Den Haag, 9 december 2025")
    doc = read_bytes("titel.pdf", bytes(pdf.output()))
    assert doc.metadata["title"] == "Kamerbrief over Soedan"


def test_a_page_without_text_among_text_pages_is_reported_in_the_metadata(pdf_factory: PdfFactory) -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.cell(0, 5, "Den Haag, 9 december 2025")
    pdf.add_page()
    pdf.rect(20, 20, 100, 100, style="F")
    doc = read_bytes("half.pdf", bytes(pdf.output()))
    assert doc.metadata["warning"] == "pages without a text layer (scanned?): 2"


def test_a_damaged_pdf_is_refused_naming_the_file() -> None:
    with pytest.raises(UnreadableDocument) as error:
        read_bytes("kapot.pdf", b"%PDF-1.7\nthis is not a PDF body at all\n%%EOF\n")
    assert str(error.value).startswith("kapot.pdf: the PDF is damaged")
    assert "\n" not in str(error.value)


def _write_with_superscripts(pdf: FPDF, parts: list[tuple[str, bool]]) -> None:
    for text, raised in parts:
        pdf.char_vpos = "SUP" if raised else "LINE"
        pdf.write(5, text)
    pdf.char_vpos = "LINE"


def test_a_note_box_with_two_notes_and_a_continuation_line_starting_with_a_number() -> None:
    pdf = FPDF()
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    _write_with_superscripts(pdf, [("De motie Ceder", False), ("1", True), (" en het amendement", False), ("2", True)])
    pdf.write(5, ".")
    pdf.set_y(-40)
    pdf.set_font("Helvetica", size=8)
    for line in (
        "1 Kamerstuk 29 237, nr. 247, besproken in het debat van",
        "12 december 2025.",
        "2 Kamerstuk 36 800 V, nr. 45",
    ):
        pdf.cell(0, 4, line, new_x="LMARGIN", new_y="NEXT")
    assert read_bytes("noten.pdf", bytes(pdf.output())).text == (
        "De motie Ceder[footnoteRef:1] en het amendement[footnoteRef:2]. "
        "[1:  Kamerstuk 29 237, nr. 247, besproken in het debat van 12 december 2025.] "
        "[2:  Kamerstuk 36 800 V, nr. 45]\n"
    )


def test_a_superscript_number_without_a_footnote_stays_text() -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    _write_with_superscripts(pdf, [("Een opvangterrein van 400 m", False), ("2", True), (" in Adré.", False)])
    assert read_bytes("m2.pdf", bytes(pdf.output())).text == "Een opvangterrein van 400 m2 in Adré.\n"
