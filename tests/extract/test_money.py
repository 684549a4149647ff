"""Money amounts in every written form, what is not money, and what the sentence says about an amount: recipient,
funder, country and period. Fixtures are invented sentences."""

from __future__ import annotations

from decimal import Decimal

import pytest

from loaders.document import Document
from loaders.extract import countries, entities, money
from loaders.mentions import Mention, MoneyMention


def amounts(text: str) -> list[MoneyMention]:
    """Money as the extractor chain reads it: entities and countries first, so money can name recipients."""
    doc = Document("inline.txt", text)
    found: list[Mention] = []
    for extractor in (entities.extract, countries.extract, money.extract):
        found.extend(extractor(doc, tuple(found)))
    return [m for m in found if isinstance(m, MoneyMention)]


@pytest.mark.parametrize(
    ("text", "value", "code"),
    [
        ("De bijdrage is verhoogd naar EUR 800 mln. voor vier jaar.", "800000000", "EUR"),
        ("Er kwam EUR 15 miljoen beschikbaar.", "15000000", "EUR"),
        ("Het kabinet stelt 39,9 miljoen euro beschikbaar.", "39900000", "EUR"),
        ("Het project kreeg EUR 750.000 steun.", "750000", "EUR"),
        ("De partner doneerde USD 5 miljoen.", "5000000", "USD"),
        ("Dit ging om bijna EUR 1 miljard aan leningen.", "1000000000", "EUR"),
        ("Een pakket van EUR 7,4 miljard.", "7400000000", "EUR"),
        ("Daarvoor is € 2 mln gereserveerd.", "2000000", "EUR"),
        ("Daarvoor is €2,5 miljoen gereserveerd.", "2500000", "EUR"),
        ("Nederland gaf 2 miljoen euro.", "2000000", "EUR"),
        ("Het fonds ontving 250.000 euro.", "250000", "EUR"),
        ("De VS gaven USD 3.5 million.", "3500000", "USD"),
        ("Het VK gaf GBP 12 mln.", "12000000", "GBP"),
    ],
)
def test_amount_forms(text: str, value: str, code: str) -> None:
    (found,) = amounts(text)
    assert (found.amount, found.currency) == (Decimal(value), code)
    assert "E" not in str(found.amount)  # stored as a plain xsd:decimal


@pytest.mark.parametrize(
    "text",
    [
        "Elke ingelegde dollar kan 3–8 dollar in lening opleveren.",  # a ratio
        "0 mln\n\n20 mln\n\n40 mln",  # a chart axis without a currency
        "Er waren 6,9 miljoen asielzoekers en 5,8 mln anderen.",  # counts of people
        "Het aandeel steeg met 25 procent tot 70%.",  # percentages
        "Een bedrag van EUR 3-5 miljoen is genoemd.",  # a range is no single amount
        "TOP 5 LANDEN",  # a heading, not Tongan money
    ],
)
def test_not_money(text: str) -> None:
    assert amounts(text) == []


def test_amendment_amounts_in_thousands_of_euros() -> None:
    (found,) = amounts("In artikel 4 wordt het verplichtingenbedrag verhoogd met 5.000 (x € 1.000).")
    assert (found.amount, found.currency, found.evidence.rule) == (Decimal("5000000"), "EUR", "money.in-thousands")
    assert amounts("Tabel 2 (bedragen x € 1.000)\nArtikel 1 Humanitaire hulp") == []


def test_evidence_spans_an_amount_broken_over_two_lines() -> None:
    doc = Document("inline.txt", "In 2023 bedroeg het budget EUR 60\nmiljoen voor samenwerking.")
    found = [m for m in money.extract(doc, ()) if isinstance(m, MoneyMention)]
    assert [(doc.text[m.evidence.start : m.evidence.end], m.amount, m.evidence.rule) for m in found] == [
        ("EUR 60\nmiljoen", Decimal("60000000"), "money.currency-first")
    ]


@pytest.mark.parametrize(
    ("text", "recipient"),
    [
        (
            "De EUR 12 miljoen die eind 2025 vrijkwam, is aan het Kivu Humanitarian Fund toegekend.",
            "Kivu Humanitarian Fund",
        ),
        ("Zo is Radio Tamazuj in 2025 met EUR 400.000 ondersteund.", "Radio Tamazuj"),
        (
            "Het kabinet besloot de bijdrage aan het Sahel Resilience Fund te verhogen naar EUR 90 mln.",
            "Sahel Resilience Fund",
        ),
        ("In 2022 kwam EUR 30 miljoen beschikbaar voor de regio via UNHCR en UNICEF.", "UNHCR"),
        (
            "Bijvoorbeeld via het Skills Fund for Young Farmers (EUR 45 mln.), dat banen schept.",
            "Skills Fund for Young Farmers",
        ),
        ("De minister kondigde EUR 249.000 (2024–2026) aan voor Fondation Atlas-Sahel.", "Fondation Atlas-Sahel"),
        ("Ook steunt Nederland het kantoor van OCHA in Jemen met 3 miljoen euro.", "OCHA"),
        ("Nederland heeft in 2023 5,5 miljoen euro bijgedragen aan het Tribunal Trust Fund.", "Tribunal Trust Fund"),
        ("In 2023 bedroeg het budget EUR 200 miljoen voor opvang in de regio.", None),
        ("Nederland steunt het Amani Women Fund en gaf EUR 5 miljoen aan vrouwenorganisaties.", None),
        ("Sinds 2016 heeft het Amani Women Fund vijf landen gesteund voor bijna EUR 1 miljard.", "Amani Women Fund"),
    ],
)
def test_recipient_when_the_sentence_names_it(text: str, recipient: str | None) -> None:
    (found,) = amounts(text)
    assert found.recipient == recipient


def test_a_recipient_belongs_to_the_nearest_amount() -> None:
    text = "Nederland gaf EUR 80 miljoen, waarvan EUR 20 miljoen via het Wereldvoedselprogramma."
    total, part = amounts(text)
    assert (total.recipient, part.recipient) == (None, "WFP")


def test_recipient_of_a_sentence_that_follows_one_about_a_single_programme() -> None:
    text = "Het programma ORBIT werkt in zes landen. In 2023 is een tweede fase aangekondigd, voor EUR 100 mln."
    (found,) = amounts(text)
    assert found.recipient == "ORBIT"


def test_a_recipient_is_named_as_the_entity_is() -> None:
    text = (
        "Nederland draagt bij aan de Northern Resilience Financing Facility (NRFF). "
        "Nederland maakte EUR 10 mln. over aan de NRFF."
    )
    (found,) = amounts(text)
    assert found.recipient == "Northern Resilience Financing Facility"


def test_funder_and_country() -> None:
    text = (
        "Nederland heeft de lening aan Armenië met EUR 10 miljoen ondersteund "
        "(samen met de VS die USD 5 miljoen doneerde)."
    )
    first, second = amounts(text)
    assert (first.funder, first.country) == ("Nederland", "AM")
    assert (second.funder, second.currency) == ("VS", "USD")


@pytest.mark.parametrize(
    ("text", "period", "start", "end"),
    [
        ("Een projectcommittering van EUR 249.000 (2024–2026) voor het fonds.", "2024–2026", 2024, 2026),
        ("Voor geweldsbestrijding (115 miljoen euro voor de periode 2026-2030).", "2026–2030", 2026, 2030),
        ("Het budget loopt op tot 118 miljoen euro per jaar in 2029.", "per jaar", 2029, 2029),
        ("De bijdrage is EUR 800 mln. voor vier jaar voor acht landen.", "vier jaar", None, None),
        ("In 2023 en 2024 heeft Nederland 5,5 miljoen euro bijgedragen.", "2023–2024", 2023, 2024),
    ],
)
def test_period_and_years(text: str, period: str, start: int | None, end: int | None) -> None:
    (found,) = amounts(text)
    assert (found.period, found.start_year, found.end_year) == (period, start, end)
