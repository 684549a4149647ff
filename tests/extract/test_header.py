"""Document kind, own Kamerstuk id and title from the header of each document layout."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import pytest

from loaders.document import Document
from loaders.extract import extract_all
from loaders.mentions import HeaderMention, Mention

M = TypeVar("M", bound=Mention)


def mentions_of(doc: Document, kind: type[M]) -> list[M]:
    """The mentions of one type the whole extractor chain finds (later extractors read earlier ones' results)."""
    return [m for m in extract_all(doc) if isinstance(m, kind)]



def header(doc_text: str) -> HeaderMention | None:
    found = mentions_of(Document("inline.txt", doc_text), HeaderMention)
    return found[0] if found else None


def test_official_letter_id_title_and_kind(fixture_doc: Callable[[str], Document]) -> None:
    [mention] = mentions_of(fixture_doc("official_letter.txt"), HeaderMention)
    assert (mention.kind, mention.own_id, mention.title) == (
        "letter", "kst-29237-261", "Situatie in Soedan")


def test_budget_dossier_suffix_and_title_over_two_lines(fixture_doc: Callable[[str], Document]) -> None:
    [mention] = mentions_of(fixture_doc("motion.txt"), HeaderMention)
    assert mention.own_id == "kst-36800-V-31"
    assert mention.kind == "motion"
    assert mention.title == (
        "Vaststelling van de begrotingsstaten van het Ministerie van Buitenlandse Zaken (V) voor het jaar 2026")


def test_roman_chapter_suffix() -> None:
    found = header("35 900 XVII Vaststelling van de begrotingsstaten\n\nNr. 17 BRIEF VAN DE MINISTER VAN FINANCIËN\n")
    assert found is not None and found.own_id == "kst-35900-XVII-17"


def test_two_dossiers_take_the_first() -> None:
    """'31 234 / 35 111, Nr. 88': the document belongs to both dossiers; its id uses the first."""
    found = header("31 234 / 35 111, Nr. 88 BRIEF VAN DE STAATSSECRETARIS VAN JUSTITIE EN VEILIGHEID\n")
    assert found is not None and found.own_id == "kst-31234-88"


def test_bare_number_without_dossier_gives_no_id() -> None:
    found = header(" Nr. 238  Brief van de minister van Buitenlandse Zaken\n\nDen Haag, 9 december 2025\n")
    assert found is not None
    assert (found.kind, found.own_id) == ("letter", None)


def test_page_furniture_gives_the_id_when_the_header_is_missing() -> None:
    found = header("Geachte voorzitter,\n\nTekst.\n\nTweede Kamer, vergaderjaar 2025–2026, 29 237, nr. 260 2\n")
    assert found is not None and found.own_id == "kst-29237-260"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Nr. 45 AMENDEMENT VAN DE LEDEN VAN DAM EN TER HORST\n", "amendment"),
        ("GEWIJZIGDE MOTIE VAN DE LEDEN BAKKER EN POSTMA\n", "motion"),
        ("De Kamer,\n\ngehoord de beraadslaging,\n\nverzoekt de regering ...\n", "motion"),
        ("Vragen van het lid Bakker (XYZ) aan de minister van Defensie over drones (ingezonden 2 mei 2022).\n",
         "answer"),
        ("Aan de Voorzitter van de Tweede Kamer der Staten-Generaal\nDen Haag, 3 mei 2024\n", "letter"),
        (" Geachte voorzitter,\n\nHierbij ...\n", "letter"),
        ("Inleiding\n\nVoor u ligt de eerste editie van de migratierapportage van het ministerie.\n", "report"),
        ("Het kabinet zet in op partnerschappen. Middels deze brief zetten wij de agenda uiteen.\n", "letter"),
    ],
)
def test_kind_lines(text: str, kind: str) -> None:
    found = header(text)
    assert found is not None and found.kind == kind


def test_nothing_recognisable_gives_no_header() -> None:
    assert header("Het kabinet zet in op partnerschappen met landen in de regio.\n") is None


def test_metadata_identifier_of_an_xml_publication() -> None:
    doc = Document("inline.txt", "BRIEF VAN DE MINISTER VAN BUITENLANDSE ZAKEN\n\nTekst.\n")
    doc.metadata.update({"identifier": "kst-29237-238", "title": "Situatie in Soedan"})
    [mention] = mentions_of(doc, HeaderMention)
    assert (mention.own_id, mention.title) == ("kst-29237-238", "Situatie in Soedan")


def test_official_header_flattened_to_one_line() -> None:
    found = header("29 237 Situatie in Soedan Nr. 260 BRIEF VAN DE MINISTER VAN BUITENLANDSE ZAKEN Aan de Voorzitter\n")
    assert found is not None
    assert (found.kind, found.own_id, found.title) == ("letter", "kst-29237-260", "Situatie in Soedan")
