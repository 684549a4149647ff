"""/funding: amounts by programme (name or acronym) and by country, each with its sentence; 422."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient


def test_funding_by_programme_acronym_and_name_gives_the_same_amounts(
    client: TestClient, gold: Callable[[str], dict[str, Any]], passage: Callable[..., str]
) -> None:
    expected = sorted(
        (f["amount"], f["currency"]) for f in gold("003_07d57d8566d409a3.txt")["funding"] if "GCFF" in f["to"]
    )
    by_acronym = client.get("/funding", params={"programme": "GCFF"}).json()
    by_name = client.get("/funding", params={"programme": "global concessional financing facility"}).json()
    assert sorted((f["amount"], f["currency"]) for f in by_acronym["items"]) == expected
    assert by_name == by_acronym
    for item in by_acronym["items"]:
        evidence = item["evidence"]
        assert passage(item["document"], evidence["start"], evidence["end"]) == evidence["quote"]
        assert item["amount_text"] in evidence["quote"]


def test_funding_by_country_keeps_only_money_spent_there(client: TestClient) -> None:
    """The Sudan letter's EUR 15 mln 'extra beschikbaar ... voor Soedan' for the Sudan Humanitarian Fund."""
    body = client.get("/funding", params={"country": "SD"}).json()
    assert body["items"], "some money is spent in Sudan"
    assert all(item["country"]["iso2"] == "SD" for item in body["items"])
    assert (15000000, "EUR") in {(item["amount"], item["currency"]) for item in body["items"]}


def test_funding_lists_everything_in_pages(client: TestClient) -> None:
    everything = client.get("/funding", params={"limit": 1000}).json()
    assert everything["total"] == len(everything["items"]) > 0
    page = client.get("/funding", params={"limit": 2, "offset": 1}).json()
    assert page["items"] == everything["items"][1:3]


def test_funding_refuses_a_bad_country(client: TestClient, error: Callable[..., None]) -> None:
    error(client.get("/funding", params={"country": "ZZ"}), 422, "invalid_parameter", "country 'ZZ'")
