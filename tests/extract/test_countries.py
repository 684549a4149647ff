"""Countries (ISO 3166-1 alpha-2) and regions in Dutch letters: names, adjectives, short forms, longest match,
line-break hyphenation, cities and regions that are not countries; each fixture is an invented sentence."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from loaders.document import Document
from loaders.extract import countries
from loaders.mentions import CountryMention, EntityMention, Evidence, Mention, RegionMention


def found_in(text: str, found: Sequence[Mention] = ()) -> list[Mention]:
    return countries.extract(Document("inline.txt", text), found)


def codes(text: str) -> set[str]:
    return {m.iso2 for m in found_in(text) if isinstance(m, CountryMention)}


def regions(text: str) -> dict[str, tuple[str, ...]]:
    return {m.name: m.countries for m in found_in(text) if isinstance(m, RegionMention)}


def test_dutch_names_adjectives_and_demonyms_give_iso_codes() -> None:
    text = "Vluchtelingen uit Soedan trekken naar Tsjaad. Soedanese kinderen en Afghaanse vrouwen, en ook Syriërs."
    assert codes(text) == {"SD", "TD", "AF", "SY"}


def test_each_mention_quotes_exactly_what_it_read() -> None:
    doc = Document("inline.txt", "Steun aan Oekraïense\nvluchtelingen in Moldavië en Irakezen.")
    mentions = [m for m in countries.extract(doc, ()) if isinstance(m, CountryMention)]
    assert [(doc.text[m.evidence.start : m.evidence.end], m.iso2, m.evidence.rule) for m in mentions] == [
        ("Oekraïense", "UA", "countries.adjective"),
        ("Moldavië", "MD", "countries.name-nl"),
        ("Irakezen", "IQ", "countries.demonym"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("De grens met Zuid-Soedan is open.", {"SS"}),  # not SD
        ("Nigeria en Niger werken samen.", {"NG", "NE"}),
        ("Hulp aan Guinee-Bissau.", {"GW"}),  # not GN
        ("Hulp aan Papoea-Nieuw-Guinea.", {"PG"}),
        ("De Verenigde Arabische Emiraten en Saoedi Arabië.", {"AE", "SA"}),  # no hyphen in Saoedi Arabië
        ("Steun voor Zuid-Afrika.", {"ZA"}),  # a country, while Noord-Afrika is a region
    ],
)
def test_the_longest_name_wins(text: str, expected: set[str]) -> None:
    assert codes(text) == expected


def test_short_forms_only_in_capitals() -> None:
    assert codes("Overleg met de VS en het VK over de VAE.") == {"US", "GB", "AE"}
    assert codes("Zie de vs-versie en het vk-overzicht.") == set()


def test_the_netherlands_by_name_and_adjective_but_europe_is_no_country() -> None:
    assert codes("Nederland zet in op Nederlandse en Europese belangen.") == {"NL"}


def test_a_name_split_by_a_line_break_hyphen_is_one_name() -> None:
    assert codes("In de Democra-\ntische Republiek Congo nam het geweld toe.") == {"CD"}
    assert codes("In de Democra-tische Republiek Congo nam het geweld toe.") == {"CD"}
    assert regions("Zowel in het Midden-\nOosten als in Noord-Afrika.") == {"Midden-Oosten": (), "Noord-Afrika": ()}


def test_regions_are_regions_with_their_countries_where_unambiguous() -> None:
    text = "Hongersnood in Darfoer en Zuid-Kordofan; partners in de Hoorn van Afrika, de Sahel en de MENA-regio."
    assert codes(text) == set()
    assert regions(text) == {
        "Darfoer": ("SD",),
        "Zuid-Kordofan": ("SD",),
        "Hoorn van Afrika": ("DJ", "ER", "ET", "SO"),
        "Sahel": (),
        "MENA": (),
    }


def test_gaza_is_a_palestinian_region_and_gazanen_are_palestinians() -> None:
    assert regions("Hulp aan Gaza.") == {"Gaza": ("PS",)}
    assert codes("Veel Gazanen zijn ontheemd.") == {"PS"}


def test_a_region_glued_to_regio_is_found() -> None:
    assert "Westelijke Balkan" in regions("Samenwerking met de Westelijke Balkanregio.")


def test_cities_are_not_countries() -> None:
    assert codes("Ambassades in Abuja, N'Djamena en Caïro; de grensovergang bij Adré; Koeweit-Stad.") == set()


def test_footnote_numbers_and_compounds_do_not_hide_a_country() -> None:
    assert codes("De val van El Fasher1 in Soedan2 en de Soedan-resolutie van de VS-gezant.") == {"SD", "US"}


def test_english_names_count_too() -> None:
    assert codes("Support through the Facility for Refugees in Turkey and the Netherlands.") == {"TR", "NL"}


def test_web_addresses_are_skipped() -> None:
    assert codes("Zie https://www.example.org/Sudan/Kenya-report en www.ethiopia.example.") == set()


def test_an_adjective_inside_an_organisation_name_is_part_of_that_name() -> None:
    text = "Het Nederlandse Rode Kruis helpt in Libanon."
    body = EntityMention(Evidence(4, 26, "entities.gazetteer"), "Nederlandse Rode Kruis", "organisation")
    assert {m.iso2 for m in found_in(text, [body]) if isinstance(m, CountryMention)} == {"LB"}
