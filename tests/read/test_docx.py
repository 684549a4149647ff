"""The .docx reader: paragraphs, tables and footnotes as Word shows them; deleted revisions and field codes dropped."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

import pytest

from loaders.errors import UnreadableDocument
from loaders.read import read_bytes


def _run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def test_footnotes_are_numbered_in_order_of_reference_and_follow_their_paragraph(
    docx_factory: Callable[..., bytes],
) -> None:
    paragraphs = [
        f'<w:p>{_run("Zie de motie Ceder")}<w:r><w:footnoteReference w:id="7"/></w:r>{_run(" en het amendement")}'
        f'<w:r><w:footnoteReference w:id="3"/></w:r>{_run(".")}</w:p>',
        f"<w:p>{_run('Met')}<w:r><w:tab/></w:r>{_run('tab')}<w:r><w:br/></w:r>{_run('en regel')}</w:p>",
        f"<w:p><w:del><w:r><w:delText>geschrapt</w:delText></w:r></w:del>{_run('behouden')}"
        f'<w:r><w:instrText>HYPERLINK "x"</w:instrText></w:r></w:p>',
        f"<w:tbl><w:tr><w:tc><w:p>{_run('UNHCR')}</w:p></w:tc><w:tc><w:p>{_run('EUR 3 miljoen')}</w:p></w:tc>"
        "</w:tr></w:tbl>",
    ]
    notes = {"7": "Kamerstuk 29 237, nr. 254", "3": "Kamerstuk 36 800 V, nr. 45"}
    doc = read_bytes("brief.docx", docx_factory(paragraphs, notes))
    assert doc.text == (
        "Zie de motie Ceder[footnoteRef:1] en het amendement[footnoteRef:2]. "
        "[1:  Kamerstuk 29 237, nr. 254] [2:  Kamerstuk 36 800 V, nr. 45]\n\n"
        "Met tab\nen regel\n\n"
        "behouden\n\n"
        "UNHCR | EUR 3 miljoen\n"
    )
    assert doc.metadata == {"title": "Kamerbrief"}
    assert doc.format == "docx"


def test_a_zip_that_is_not_a_word_document_is_refused_as_an_unknown_format() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("brief.txt", "Den Haag")
    with pytest.raises(UnreadableDocument) as error:
        read_bytes("brieven.docx", buffer.getvalue())
    assert str(error.value).startswith(
        "brieven.docx: unknown or binary format (a zip archive, not a Word .docx document); registered formats: "
    )


def test_a_docx_whose_document_part_is_not_xml_is_refused(docx_factory: Callable[..., bytes]) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document><w:body>")
    with pytest.raises(UnreadableDocument) as error:
        read_bytes("kapot.docx", buffer.getvalue())
    assert str(error.value) == (
        "kapot.docx: the .docx part word/document.xml is not valid XML (unbound prefix: line 1, column 0)"
    )
