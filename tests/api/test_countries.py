"""/countries/{iso2}: Sudan's motions, documents, programmes named with it and funding; 404 and 422."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient


def test_country_has_its_motions_documents_and_programmes_named_with_it(
    client: TestClient, doc_ids: dict[str, str], gold: Callable[[str], dict[str, Any]]
) -> None:
    response = client.get("/countries/SD")
    assert response.status_code == 200
    sudan = response.json()
    assert (sudan["iso2"], sudan["name"], sudan["name_nl"]) == ("SD", "Sudan", "Soedan")
    assert set(gold("001_41702c09d02643cc.txt")["motions"]) <= {m["id"] for m in sudan["motions"]}
    assert sudan["motions"] == client.get("/motions", params={"country": "SD", "limit": 1000}).json()["items"]
    assert doc_ids["001_41702c09d02643cc.txt"] in {d["id"] for d in sudan["documents"]}
    assert "Sudan Humanitarian Fund" in {p["name"] for p in sudan["programmes"]}
    assert all(f["country"]["iso2"] == "SD" for f in sudan["funding"])
    assert "Darfoer" in sudan["regions"]


def test_country_code_is_read_in_any_case(client: TestClient) -> None:
    assert client.get("/countries/td").json()["iso2"] == "TD"


def test_country_not_an_iso_code_is_422_and_never_named_is_404(client: TestClient, error: Callable[..., None]) -> None:
    error(client.get("/countries/XX"), 422, "invalid_parameter", "country 'XX' is not an ISO 3166-1 alpha-2 code")
    error(client.get("/countries/SDN"), 422, "invalid_parameter", "'SDN'")
    error(client.get("/countries/AQ"), 404, "not_found", "AQ")  # Antarctica: no sample letter names it
