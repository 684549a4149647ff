"""Line repairs and layout helpers shared by the readers: hyphenation, furniture, dossier numbers, signatures."""

from __future__ import annotations

import pytest

from loaders.read.compose import Block, compose
from loaders.read.lines import is_furniture, join_lines
from loaders.read.official import OfficialMetadata, dossier_display, split_dossier


@pytest.mark.parametrize(
    ("left", "right", "joined"),
    [
        ("de migratie-", "samenwerking met", "de migratiesamenwerking met"),  # a word split by the layout
        ("in Noord-", "Afrika", "in Noord-Afrika"),  # capital after the hyphen: a compound
        ("alle EU-", "lidstaten", "alle EU-lidstaten"),  # capital before the hyphen
        ("de COVID-19-", "crisis", "de COVID-19-crisis"),  # digit before the hyphen
        ("een staakt-het-", "vuren", "een staakt-het-vuren"),  # a compound written with hyphens
        ("het do-", "no-harm-principe", "het do-no-harm-principe"),
        ("een zee-", "egel", "een zee-egel"),  # vowel clash: a spelling hyphen
        ("het asiel-", "en migratiebeleid", "het asiel- en migratiebeleid"),  # elliptic compound
        ("land-", "of tuinbouw", "land- of tuinbouw"),
        ("de steun -", "ook financieel", "de steun - ook financieel"),  # a spaced dash
        ("gewone regel", "volgende regel", "gewone regel volgende regel"),
    ],
)
def test_hyphens_at_line_ends_are_removed_only_when_safe(left: str, right: str, joined: str) -> None:
    assert join_lines(left, right) == joined


@pytest.mark.parametrize("line", ["| 7 |", "Pagina 1 van 2", "pagina 3/12", "Page 2 of 9", "- 4 -", "12", " 3 "])
def test_page_furniture_is_recognised(line: str) -> None:
    assert is_furniture(line)


@pytest.mark.parametrize("line", ["Nr. 238", "29 237 Afrikabeleid", "1 Kamerstuk 29 237, nr. 247", "Pagina's 3 en 4"])
def test_text_lines_are_not_furniture(line: str) -> None:
    assert not is_furniture(line)


@pytest.mark.parametrize(
    ("raw", "parts", "display"),
    [
        ("29237", ("29237", None), "29 237"),
        ("29 237", ("29237", None), "29 237"),
        ("35900-XVII", ("35900", "XVII"), "35 900 XVII"),
        ("35 900 XVII", ("35900", "XVII"), "35 900 XVII"),
        ("21 501-02", ("21501", "02"), "21 501-02"),
    ],
)
def test_dossier_numbers_are_split_and_shown_as_in_official_headers(
    raw: str, parts: tuple[str, str | None], display: str
) -> None:
    assert split_dossier(raw) == parts
    assert dossier_display(*parts) == display


def test_metadata_builds_the_kamerstuk_identifier_and_ignores_impossible_dates() -> None:
    metadata = OfficialMetadata()
    metadata.meta([("OVERHEIDop.dossiernummer", "21501-02"), ("OVERHEIDop.ondernummer", "3281")])
    metadata.date("2025-02-30")
    assert metadata.result() == {"dossiernummer": "21 501-02", "stuknummer": "3281", "identifier": "kst-21501-02-3281"}


def test_an_office_and_a_name_in_separate_paragraphs_become_one_signature_block() -> None:
    blocks = [
        Block("Den Haag, 9 december 2025"),
        Block("De minister van Buitenlandse Zaken,"),
        Block("D.M. van Weel"),
        Block("De staatssecretaris van Buitenlandse Zaken,"),
        Block("A. de Vries"),
    ]
    assert compose(blocks) == (
        "Den Haag, 9 december 2025\n\n"
        "De minister van Buitenlandse Zaken,\nD.M. van Weel\n\n"
        "De staatssecretaris van Buitenlandse Zaken,\nA. de Vries\n"
    )


def test_a_sentence_after_a_comma_paragraph_is_not_taken_for_a_name() -> None:
    text = compose([Block("Geachte voorzitter,"), Block("Hierbij ontvangt u de brief.")])
    assert text == "Geachte voorzitter,\n\nHierbij ontvangt u de brief.\n"


@pytest.mark.parametrize(
    "line",
    [
        "Tweede Kamer, vergaderjaar 2025–2026, 29 237, nr. 238 2",
        "Eerste Kamer, vergaderjaar 2024-2025, 36 410 V, A 3",
        "kst-29237-238 ISSN 0921 - 7371 's-Gravenhage 2025",
    ],
)
def test_the_running_head_and_foot_of_official_publications_are_furniture(line: str) -> None:
    assert is_furniture(line)
