"""Builders for the reader tests: the fixture letter rendered as PDF, HTML, officielebekendmakingen XML and .docx."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any

import pytest
from fpdf import FPDF

LETTER = Path(__file__).resolve().parents[1] / "fixtures" / "read" / "letter.txt"

_MONTHS = {"januari": 1, "februari": 2, "maart": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7, "augustus": 8,
           "september": 9, "oktober": 10, "november": 11, "december": 12}  # fmt: skip
# A footnote number glued to the word it follows, as in the plain-text layout ("De Groot1 over").
_GLUED = r"(?<=[^\s\d])({numbers})(?=[\s.,;:)]|$)"


@dataclass
class Letter:
    """The fixture letter's parts: header, plain paragraphs (text and footnote-number segments), signature, notes."""

    dossier: str  # '29 237'
    dossier_title: str
    number: str
    kind: str
    paragraphs: list[list[tuple[str, str | None]]] = field(default_factory=list)
    office: str = ""
    name: str = ""
    notes: dict[str, str] = field(default_factory=dict)

    @property
    def iso_date(self) -> str:
        for paragraph in self.paragraphs:
            match = re.match(r"Den Haag, (\d+) (\w+) (\d{4})$", paragraph[0][0])
            if match:
                return f"{match[3]}-{_MONTHS[match[2]]:02d}-{int(match[1]):02d}"
        raise ValueError("no date line")


def parse_letter(text: str) -> Letter:
    """Split the plain-text fixture by its layout: header blocks, paragraphs, the signature, the footnote lines."""
    blocks = [b.strip() for b in text.strip().split("\n\n")]
    dossier, dossier_title = re.match(r"^(\d{1,3}(?: \d{3})*) (.+)$", blocks[0]).groups()  # type: ignore[union-attr]
    number_line, kind = blocks[1].split("\n")
    letter = Letter(dossier, dossier_title, number_line.removeprefix("Nr. "), kind)
    for block in blocks[2:]:
        lines = block.split("\n")
        if all(re.match(r"^\d+ ", line) for line in lines):
            letter.notes.update(line.split(" ", 1) for line in lines)  # type: ignore[misc]
        elif len(lines) == 2 and lines[0].endswith(","):
            letter.office, letter.name = lines
        else:
            letter.paragraphs.append([(" ".join(lines), None)])
    numbers = "|".join(letter.notes)
    for index, paragraph in enumerate(letter.paragraphs):
        parts = re.split(_GLUED.format(numbers=numbers), paragraph[0][0]) if numbers else [paragraph[0][0]]
        segments: list[tuple[str, str | None]] = []
        for i in range(0, len(parts), 2):
            note = parts[i + 1] if i + 1 < len(parts) else None
            segments.append((parts[i], note))
        letter.paragraphs[index] = segments
    return letter


class _Pdf(FPDF):
    def footer(self) -> None:
        self.set_y(-15)
        self.set_font("Helvetica", size=8)
        self.cell(0, 4, f"Pagina {self.page_no()} van {{nb}}", align="C")


def letter_pdf(letter: Letter) -> bytes:
    """A one-page letter: header lines, justified paragraphs, superscript footnote numbers, notes at the bottom."""
    pdf = _Pdf(format="A4")
    pdf.set_margins(25, 25, 25)
    pdf.set_auto_page_break(True, margin=45)
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for line in (f"{letter.dossier} {letter.dossier_title}", f"Nr. {letter.number}", letter.kind):
        pdf.multi_cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(5)
    for paragraph in letter.paragraphs:
        for text, note in paragraph:
            pdf.write(5, text)
            if note:
                pdf.char_vpos = "SUP"
                pdf.write(5, note)
                pdf.char_vpos = "LINE"
        pdf.ln(10)
    pdf.multi_cell(0, 5, f"{letter.office}\n{letter.name}", new_x="LMARGIN", new_y="NEXT")
    pdf.set_auto_page_break(False)
    pdf.set_y(-40)
    pdf.set_font("Helvetica", size=8)
    for number, note in letter.notes.items():
        pdf.multi_cell(0, 4, f"{number} {note}", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def letter_html(letter: Letter) -> bytes:
    """An officielebekendmakingen-like page: navigation, scripts, an iframe and a search form around the body."""
    paragraphs = []
    for paragraph in letter.paragraphs:
        html = ""
        for text, note in paragraph:
            html += escape(text)
            if note:
                html += f'<sup><a class="nootnum" href="#noot{note}" id="ref{note}">{note}</a></sup>'
        paragraphs.append(f'<p class="al">{html}</p>')
    notes = "".join(
        f'<li id="noot{n}"><a href="#ref{n}" class="nootnum">{n}</a> {escape(t)}</li>' for n, t in letter.notes.items()
    )
    page = f"""<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8">
<title>Kamerstuk {letter.dossier.replace(" ", "")}-{letter.number} | Overheid.nl</title>
<meta name="DC.title" content="{escape(letter.kind.capitalize())}">
<meta name="OVERHEIDop.dossiernummer" content="{letter.dossier.replace(" ", "")}">
<meta name="OVERHEIDop.ondernummer" content="{letter.number}">
<meta name="OVERHEIDop.datumBrief" content="{letter.iso_date}">
<style>body {{ font-family: sans-serif }} .al::before {{ content: "STIJL" }}</style>
<script>document.write("SCRIPTTEKST"); fetch("https://example.invalid/track");</script>
</head><body>
<a class="skiplink" href="#broodtekst">Direct naar content</a>
<header class="site-header"><p>Officiële bekendmakingen</p>
<nav><ul><li><a href="/">Home</a></li><li><a href="/zoeken">Uitgebreid zoeken</a></li></ul></nav></header>
<div class="breadcrumb">U bent hier: Home &gt; Kamerstukken</div>
<form action="/zoeken"><input name="q" value="ZOEKVELD"><button>Zoeken</button></form>
<main><article>
<div id="broodtekst">
<p class="dossier">{letter.dossier} {escape(letter.dossier_title)}</p>
<p class="stuknr">Nr. {letter.number}</p>
<h1 class="stuktitel">{escape(letter.kind)}</h1>
{"".join(paragraphs)}
<p class="functie">{escape(letter.office)}</p><p class="naam">{escape(letter.name)}</p>
</div>
<iframe src="https://example.invalid/embed">IFRAMETEKST</iframe>
<div class="voetnoten"><ol>{notes}</ol></div>
</article></main>
<aside class="sidebar"><p>Gerelateerde documenten</p></aside>
<footer><p>Pagina 1 van 1</p><p>Over deze site</p></footer>
<div class="cookie-banner">Wij gebruiken cookies</div>
</body></html>"""
    return page.encode("utf-8")


def letter_xml(letter: Letter) -> bytes:
    """An officiele-publicatie/kamerstuk: dossier, stuknr, titel, al paragraphs with inline noot, ondertekening."""
    paragraphs = []
    for paragraph in letter.paragraphs:
        xml = ""
        for text, note in paragraph:
            if text.startswith("Den Haag, "):
                date = text.removeprefix("Den Haag, ")
                xml += f'Den Haag, <datum isodatum="{letter.iso_date}">{escape(date)}</datum>'
            else:
                xml += escape(text)
            if note:
                xml += (
                    f'<noot id="ID-{note}" type="voet"><noot.nr>{note}</noot.nr>'
                    f"<noot.al>{escape(letter.notes[note])}</noot.al></noot>"
                )
        paragraphs.append(f"      <al>{xml}</al>")
    initials, surname = letter.name.split(" ", 1)
    body = "\n".join(paragraphs)
    document = f"""<?xml version="1.0" encoding="UTF-8"?>
<officiele-publicatie xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <metadata>
    <meta name="OVERHEIDop.dossiernummer" content="{letter.dossier.replace(" ", "")}"/>
    <meta name="OVERHEIDop.ondernummer" content="{letter.number}"/>
  </metadata>
  <kamerstuk>
    <dossier>
      <dossiernummer><dossiernr>{letter.dossier.replace(" ", "")}</dossiernr></dossiernummer>
      <titel>{escape(letter.dossier_title)}</titel>
    </dossier>
    <stuk>
      <stuknr><ondernummer>{letter.number}</ondernummer></stuknr>
      <titel>{escape(letter.kind)}</titel>
      <brief>
{body}
        <ondertekening>
          <functie>{escape(letter.office)}</functie>
          <naam><voorletters>{escape(initials)}</voorletters><achternaam>{escape(surname)}</achternaam></naam>
        </ondertekening>
      </brief>
    </stuk>
  </kamerstuk>
</officiele-publicatie>
"""
    return document.encode("utf-8")


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx_package(paragraphs: list[str], footnotes: dict[str, str]) -> bytes:
    """A minimal .docx: `paragraphs` are WordprocessingML <w:p> elements, `footnotes` id -> text."""
    document = f'<w:document xmlns:w="{_W}"><w:body>{"".join(paragraphs)}</w:body></w:document>'
    notes = "".join(
        f'<w:footnote w:id="{i}"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> {escape(t)}</w:t>'
        "</w:r></w:p></w:footnote>"
        for i, t in footnotes.items()
    )
    separators = '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'
        )
        archive.writestr("word/document.xml", document)
        archive.writestr("word/footnotes.xml", f'<w:footnotes xmlns:w="{_W}">{separators}{notes}</w:footnotes>')
        archive.writestr(
            "docProps/core.xml",
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Kamerbrief</dc:title></cp:coreProperties>',
        )
    return buffer.getvalue()


def run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def letter_docx(letter: Letter) -> bytes:
    """The letter as Word writes it: one w:p per line, footnote references numbered by Word in order."""
    paragraphs = [
        f"<w:p>{run(line)}</w:p>"
        for line in (f"{letter.dossier} {letter.dossier_title}", f"Nr. {letter.number}", letter.kind)
    ]
    footnotes: dict[str, str] = {}
    for paragraph in letter.paragraphs:
        xml = ""
        for text, note in paragraph:
            xml += run(text)
            if note:
                note_id = str(len(footnotes) + 1)
                footnotes[note_id] = letter.notes[note]
                xml += f'<w:r><w:footnoteReference w:id="{note_id}"/></w:r>'
        paragraphs.append(f"<w:p>{xml}</w:p>")
    paragraphs += [f"<w:p>{run(letter.office)}</w:p>", f"<w:p>{run(letter.name)}</w:p>"]
    return docx_package(paragraphs, footnotes)


@pytest.fixture(scope="session")
def letter_text() -> str:
    return LETTER.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def letter(letter_text: str) -> Letter:
    return parse_letter(letter_text)


@pytest.fixture(scope="session")
def renderings(letter: Letter, letter_text: str) -> dict[str, tuple[str, bytes]]:
    """The fixture letter in every format: format name -> (file name, bytes)."""
    return {
        "text": ("brief.txt", letter_text.encode("utf-8")),
        "pdf": ("brief.pdf", letter_pdf(letter)),
        "html": ("brief.html", letter_html(letter)),
        "xml": ("brief.xml", letter_xml(letter)),
        "docx": ("brief.docx", letter_docx(letter)),
    }


@pytest.fixture
def docx_factory() -> Callable[[list[str], dict[str, str]], bytes]:
    """Build a .docx from WordprocessingML paragraphs and footnotes (id -> text)."""
    return docx_package


@pytest.fixture
def pdf_factory() -> Callable[..., bytes]:
    """Build a PDF from lines of text: pages (lists of lines) with optional running header, footer and encryption."""

    def build(pages: list[list[str]], **options: Any) -> bytes:
        pdf = FPDF(format="A4")
        pdf.set_auto_page_break(False)
        if options.get("password") is not None or options.get("owner"):
            pdf.set_encryption(
                owner_password=options.get("owner", "eigenaar"), user_password=options.get("password") or ""
            )
        for index, lines in enumerate(pages, start=1):
            pdf.add_page()
            pdf.set_font("Helvetica", size=11)
            if options.get("header") and index > 1:
                pdf.set_font("Helvetica", size=8)
                pdf.cell(0, 4, options["header"].format(page=index), align="R", new_x="LMARGIN", new_y="NEXT")
                pdf.set_font("Helvetica", size=11)
            pdf.set_y(30)
            for line in lines:
                if line:
                    pdf.multi_cell(0, 5, line, align=options.get("align", "J"), new_x="LMARGIN", new_y="NEXT")
                pdf.ln(5)
            if options.get("footer"):
                pdf.set_y(-15)
                pdf.set_font("Helvetica", size=8)
                pdf.cell(0, 4, options["footer"].format(page=index), align="C")
        return bytes(pdf.output())

    return build
