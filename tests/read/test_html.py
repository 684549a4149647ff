"""The HTML reader keeps the document body of a page and drops scripts, styles, frames, forms and navigation."""

from __future__ import annotations

from loaders.read import read_bytes


def test_the_official_page_keeps_only_the_body_without_page_chrome(renderings: dict[str, tuple[str, bytes]]) -> None:
    text = read_bytes(*renderings["html"]).text
    for chrome in (
        "SCRIPTTEKST", "STIJL", "IFRAMETEKST", "ZOEKVELD", "Zoeken", "Uitgebreid zoeken", "U bent hier",
        "cookies", "Direct naar content", "Gerelateerde documenten", "Over deze site", "Pagina 1 van 1",
        "Officiële bekendmakingen",
    ):  # fmt: skip
        assert chrome not in text, chrome
    assert text.startswith("29 237 Afrikabeleid\n\nNr. 260\n\nBRIEF VAN DE MINISTER VAN BUITENLANDSE ZAKEN\n\n")
    assert text.endswith("De minister van Buitenlandse Zaken,\nJ.K. de Boer\n")


TWEEDEKAMER = """<!DOCTYPE html><html><head><meta charset="windows-1252"><title>Kamerbrief over Soedan</title>
<script type="application/ld+json">{"@type": "Article"}</script></head>
<body><div class="skip"><a href="#main">Naar hoofdinhoud</a></div>
<nav role="navigation"><a href="/kamerstukken">Kamerstukken</a></nav>
<main id="main"><h1>Kamerbrief over hulp aan Soedan</h1>
<p>Den Haag, 3 maart 2025</p>
<p>Nederland steunt het <b>Wereldvoedselprogramma</b> met EUR 2 miljoen,<br>zoals toegezegd.<sup>1</sup></p>
<ul><li>Tsjaad</li><li><p>Zuid-Soedan</p></li></ul>
<ol start="3"><li>derde punt</li></ol>
<table><tr><th>Partner</th><th>Bedrag</th></tr><tr><td>UNHCR</td><td>EUR 5 miljoen</td></tr></table>
<p class="sr-only">opent in een nieuw venster</p>
<div hidden>verborgen tekst</div>
<p>De minister voor Buitenlandse Handel en Ontwikkelingshulp,</p><p>R.J. Klever</p>
</main>
<footer>Contact</footer></body></html>
"""


def test_a_tweedekamer_page_reads_main_with_lists_tables_and_line_breaks_in_its_declared_charset() -> None:
    doc = read_bytes("kamerbrief.html", TWEEDEKAMER.replace("–", "-").encode("cp1252"))
    assert doc.text == (
        "Kamerbrief over hulp aan Soedan\n\n"
        "Den Haag, 3 maart 2025\n\n"
        "Nederland steunt het Wereldvoedselprogramma met EUR 2 miljoen,\nzoals toegezegd.1\n\n"
        "• Tsjaad\n\n"
        "• Zuid-Soedan\n\n"
        "3. derde punt\n\n"
        "Partner | Bedrag\n\n"
        "UNHCR | EUR 5 miljoen\n\n"
        "De minister voor Buitenlandse Handel en Ontwikkelingshulp,\nR.J. Klever\n"
    )
    assert doc.metadata == {"title": "Kamerbrief over Soedan"}
    assert doc.format == "html"


def test_footnote_lists_with_back_links_attach_each_note_to_the_paragraph_that_cites_it() -> None:
    page = """<html><body><article>
<p>Zie de motie Ceder<sup><a href="#fn1" id="r1">1</a></sup> en de motie Dobbe c.s.<a href="#fn2" id="r2">[2]</a>.</p>
<p>Nogmaals de motie Ceder<sup><a href="#fn1">1</a></sup>.</p>
<section class="footnotes"><ol>
<li id="fn1"><p>Kamerstuk 29 237, nr. 254 <a href="#r1">↩</a></p></li>
<li id="fn2"><p><a href="#r2">2</a> Kamerstuk 36 247, nr. 11</p></li>
</ol></section></article></body></html>"""
    assert read_bytes("noten.html", page.encode()).text == (
        "Zie de motie Ceder[footnoteRef:1] en de motie Dobbe c.s.[footnoteRef:2]. "
        "[1:  Kamerstuk 29 237, nr. 254] [2:  Kamerstuk 36 247, nr. 11]\n\n"
        "Nogmaals de motie Ceder[footnoteRef:1].\n"
    )


def test_an_xhtml_page_with_an_xml_declaration_is_read_as_html() -> None:
    page = (
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n<html xmlns="http://www.w3.org/1999/xhtml">'
        "<body><p>Den Haag, 9 december 2025</p></body></html>"
    )
    doc = read_bytes("pagina.xml", page.encode())
    assert (doc.format, doc.text) == ("html", "Den Haag, 9 december 2025\n")


def test_html_is_recognised_by_content_whatever_the_file_is_called() -> None:
    doc = read_bytes("download.txt", b"<!doctype html><p>Den Haag, 9 december 2025</p><script>x()</script>")
    assert (doc.format, doc.text) == ("html", "Den Haag, 9 december 2025\n")


def test_only_whole_chrome_class_names_drop_an_element() -> None:
    """'hidden' and 'nav' drop an element; 'hidden-xs' (hidden on phones only) and 'navigatie-tekst' do not."""
    page = (
        b"<html><body><main><p class='hidden'>weg</p><p class='nav'>weg</p><p class='hidden-xs'>blijft</p>"
        b"<p class='navigatie-tekst'>ook</p><div class='cookie-consent'>weg</div></main></body></html>"
    )
    assert read_bytes("klassen.html", page).text == "blijft\n\nook\n"
