"""/programmes and /programmes/{id}: a fund known by name and acronym, its documents and funding; 404, 422."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient

GCFF = "Global Concessional Financing Facility"


def _programme(client: TestClient, label: str) -> dict[str, Any]:
    items = client.get("/programmes", params={"limit": 1000}).json()["items"]
    matches = [p for p in items if label == p["name"] or label in p["aliases"]]
    assert len(matches) == 1, f"{label}: {matches}"
    found: dict[str, Any] = matches[0]
    return found


def test_programmes_lists_a_fund_with_its_acronym(client: TestClient) -> None:
    gcff = _programme(client, "GCFF")
    assert gcff["name"] == GCFF
    assert gcff["documents"] >= 1
    assert gcff["fundings"] >= 1


def test_programme_has_labels_documents_with_quotes_and_its_funding(
    client: TestClient, passage: Callable[..., str], gold: Callable[[str], dict[str, Any]]
) -> None:
    """The migration report names the GCFF and reports amounts for it (gold: EUR 10 mln twice, USD 5 mln,
    EUR 1 bn); every passage is the document's text at its offsets."""
    programme = _programme(client, "GCFF")["id"]
    response = client.get(f"/programmes/{programme}")
    assert response.status_code == 200
    detail = response.json()
    assert detail["name"] == GCFF and "GCFF" in detail["aliases"]
    assert "003_07d57d8566d409a3.txt" in {d["file"] for d in detail["documents"]}
    for document in detail["documents"]:
        for q in document["quotes"]:
            assert passage(document["id"], q["start"], q["end"]) == q["quote"]
    expected = sorted(
        (f["amount"], f["currency"]) for f in gold("003_07d57d8566d409a3.txt")["funding"] if "GCFF" in f["to"]
    )
    assert sorted((f["amount"], f["currency"]) for f in detail["funding"]) == expected
    assert all(f["recipient"]["id"] == programme for f in detail["funding"])


def test_programme_unknown_is_404_and_malformed_is_422(client: TestClient, error: Callable[..., None]) -> None:
    error(client.get("/programmes/no-such-programme"), 404, "not_found", "no programme no-such-programme")
    error(client.get("/programmes/GCFF!"), 422, "invalid_parameter", "'GCFF!'")
