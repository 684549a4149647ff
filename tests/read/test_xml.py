"""The officielebekendmakingen XML reader: header lines, footnotes, signatures, metadata; unusable XML refused."""

from __future__ import annotations

import pytest

from loaders.errors import UnreadableDocument
from loaders.read import read_bytes

BUDGET_LETTER = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE officiele-publicatie SYSTEM "http://example.invalid/op.dtd">
<officiele-publicatie>
  <kamerstuk>
    <dossier><dossiernummer>35900-XVII</dossiernummer><titel>Vaststelling van de begrotingsstaten</titel></dossier>
    <dossier><dossiernummer>31 234</dossiernummer><titel>Tweede dossier</titel></dossier>
    <stuk>
      <stuknr><ondernummer>17</ondernummer></stuknr>
      <titel>BRIEF VAN DE STAATSSECRETARIS VAN BUITENLANDSE ZAKEN</titel>
      <brief>
        <dagtekening>Den Haag, <datum isodatum="2025-02-03">3 februari 2025</datum></dagtekening>
        <al>Ik geef uitvoering aan de motie Kröger c.s.<noot id="n1"><noot.nr>1</noot.nr><noot.al>Kamerstuk 29 237,
          nr. 244</noot.al></noot> en herhaal de motie<nootref refid="n1"/>.</al>
        <lijst><li><li.nr>a.</li.nr><al>eerste punt;</al></li><li><li.nr>b.</li.nr><al>tweede punt.</al></li></lijst>
        <tabel><tgroup><tbody><row><entry>UNHCR</entry><entry>EUR 4 miljoen</entry></row></tbody></tgroup></tabel>
        <ondertekening>
          <functie>De Staatssecretaris van Buitenlandse Zaken,</functie>
          <naam><voornaam>Aukje</voornaam><achternaam>de Vries</achternaam></naam>
          <functie>De Minister van Buitenlandse Zaken,</functie>
          <naam><voorletters>D.M.</voorletters> <achternaam>van Weel</achternaam></naam>
        </ondertekening>
      </brief>
    </stuk>
  </kamerstuk>
</officiele-publicatie>
"""


def test_a_budget_letter_gives_header_lines_footnotes_lists_tables_and_both_signatures() -> None:
    doc = read_bytes("kst-35900-XVII-17.xml", BUDGET_LETTER.encode())
    assert doc.text == (
        "35 900 XVII Vaststelling van de begrotingsstaten\n\n"
        "31 234 Tweede dossier\n\n"
        "Nr. 17\n\n"
        "BRIEF VAN DE STAATSSECRETARIS VAN BUITENLANDSE ZAKEN\n\n"
        "Den Haag, 3 februari 2025\n\n"
        "Ik geef uitvoering aan de motie Kröger c.s.[footnoteRef:1] en herhaal de motie[footnoteRef:1]. "
        "[1:  Kamerstuk 29 237, nr. 244]\n\n"
        "a. eerste punt;\n\n"
        "b. tweede punt.\n\n"
        "UNHCR | EUR 4 miljoen\n\n"
        "De Staatssecretaris van Buitenlandse Zaken,\nAukje de Vries\n"
        "De Minister van Buitenlandse Zaken,\nD.M. van Weel\n"
    )
    assert doc.metadata == {
        "dossiernummer": "35 900 XVII",
        "stuknummer": "17",
        "datum": "2025-02-03",
        "title": "BRIEF VAN DE STAATSSECRETARIS VAN BUITENLANDSE ZAKEN",
        "identifier": "kst-35900-XVII-17",
    }


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "afgebroken.xml",
            '<?xml version="1.0"?><officiele-publicatie><kamerstuk><al>Den Haag',
            "afgebroken.xml: not well-formed XML (no element found: line 1, column 66)",
        ),
        (
            "rss.xml",
            '<?xml version="1.0"?><rss><channel><title>Nieuws</title></channel></rss>',
            "rss.xml: XML of an unknown kind (root element <rss>); only officielebekendmakingen XML (aanhangsel, "
            "handelingen, kamerstuk, kamervragen, officiele-publicatie) is read",
        ),
        (
            "leeg.xml",
            "<officiele-publicatie><metadata><meta name='DC.title' content='x'/></metadata></officiele-publicatie>",
            "leeg.xml: the XML publication holds no text",
        ),
    ],
    ids=["truncated", "unknown-root", "no-text"],
)
def test_unusable_xml_is_refused_with_one_line_naming_the_file(name: str, content: str, message: str) -> None:
    with pytest.raises(UnreadableDocument) as error:
        read_bytes(name, content.encode())
    assert str(error.value) == message


def test_an_external_dtd_in_the_doctype_is_not_fetched() -> None:
    """BUDGET_LETTER names a DTD on an unreachable host; reading succeeds because nothing is fetched."""
    assert read_bytes("dtd.xml", BUDGET_LETTER.encode()).format == "xml"


def test_utf16_xml_with_a_byte_order_mark_is_read() -> None:
    content = '<?xml version="1.0" encoding="UTF-16"?><kamerstuk><al>Geïnformeerd in Curaçao</al></kamerstuk>'
    doc = read_bytes("utf16.xml", content.encode("utf-16"))
    assert doc.text == "Geïnformeerd in Curaçao\n"
