"""/motions and /motions/{id}: the Sudan motions, filters by submitter and programme, the exact list shape, errors."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient

SUDAN_LETTER = "001_41702c09d02643cc.txt"
MIGRATION_REPORT = "003_07d57d8566d409a3.txt"
ALL_GOLD = [
    "000_8da887535b8e2326.txt",
    SUDAN_LETTER,
    "002_24fa777e414e8df9.txt",
    MIGRATION_REPORT,
    "004_a839b2a079380475.txt",
]


def _ids(response: Any) -> set[str]:
    assert response.status_code == 200, response.text
    return {item["id"] for item in response.json()["items"]}


def test_all_motions_on_sudan_are_the_sudan_letters_and_not_the_migration_reports(
    client: TestClient, gold: Callable[[str], dict[str, Any]]
) -> None:
    """GET /motions?country=SD lists all 16 motions the Sudan letter cites (gold), and neither motion of the
    migration report (which names Sudan, but not in the passages citing its motions)."""
    sudan = set(gold(SUDAN_LETTER)["motions"])
    migration = set(gold(MIGRATION_REPORT)["motions"])
    assert len(sudan) == 16 and len(migration) == 2
    listed = _ids(client.get("/motions", params={"country": "SD", "limit": 200}))
    assert sudan <= listed, f"missing: {sorted(sudan - listed)}"
    assert not migration & listed, f"wrongly listed: {sorted(migration & listed)}"


def test_motions_answer_exactly_items_and_total_with_id_submitters_and_cited_in(
    client: TestClient, doc_ids: dict[str, str]
) -> None:
    body = client.get("/motions", params={"country": "sd", "limit": 200}).json()
    assert set(body) == {"items", "total"}
    assert body["total"] == len(body["items"])
    for item in body["items"]:
        assert set(item) == {"id", "submitters", "cited_in"}
    by_id = {item["id"]: item for item in body["items"]}
    assert by_id["kst-22054-470"]["submitters"] == ["Dobbe", "Van Baarle"]  # "motie Van Baarle en Dobbe"
    assert by_id["kst-22054-470"]["cited_in"] == [doc_ids[SUDAN_LETTER]]


def test_motions_by_submitter_match_the_surname_in_any_case_and_the_person_id(
    client: TestClient, gold: Callable[[str], dict[str, Any]]
) -> None:
    """Every motion the gold annotations give Kröger as submitter, whichever way the surname is written."""
    expected = {
        kst
        for letter in ALL_GOLD
        for kst, submitters in gold(letter)["motions"].items()
        if any("Kröger" in forms for forms in submitters)
    }
    assert len(expected) == 5
    assert _ids(client.get("/motions", params={"submitter": "Kröger"})) == expected
    assert _ids(client.get("/motions", params={"submitter": "KRÖGER"})) == expected
    persons = client.get("/persons", params={"limit": 1000}).json()["items"]
    kroger = next(p["id"] for p in persons if p["family_name"] == "Kröger")
    assert _ids(client.get("/motions", params={"submitter": kroger})) == expected
    assert _ids(client.get("/motions", params={"submitter": "Nobody"})) == set()


def test_motions_by_programme_are_those_cited_by_documents_naming_it(
    client: TestClient, gold: Callable[[str], dict[str, Any]]
) -> None:
    """PROSPECTS is named in the migration report (which cites two motions), not in the Sudan letter."""
    listed = _ids(client.get("/motions", params={"programme": "PROSPECTS"}))
    assert set(gold(MIGRATION_REPORT)["motions"]) <= listed
    assert not set(gold(SUDAN_LETTER)["motions"]) & listed


def test_motions_filters_combine(client: TestClient) -> None:
    both = _ids(client.get("/motions", params={"country": "SD", "submitter": "Ceder"}))
    assert both == {"kst-29237-252", "kst-29237-253", "kst-29237-254"}


def test_motions_page_slices_the_full_list(client: TestClient) -> None:
    everything = client.get("/motions", params={"limit": 1000}).json()
    page = client.get("/motions", params={"limit": 3, "offset": 4}).json()
    assert page["total"] == everything["total"]
    assert page["items"] == everything["items"][4:7]


def test_motions_refuses_a_country_that_is_not_an_iso_code(client: TestClient, error: Callable[..., None]) -> None:
    error(
        client.get("/motions", params={"country": "XX"}),
        422,
        "invalid_parameter",
        "country 'XX' is not an ISO 3166-1 alpha-2 code",
    )
    error(client.get("/motions", params={"country": "Sudan"}), 422, "invalid_parameter", "'Sudan'")
    error(client.get("/motions", params={"limit": 5000}), 422, "invalid_parameter", "limit", "5000")


def test_motion_has_submitters_countries_and_its_follow_up_chain_with_quotes(
    client: TestClient, doc_ids: dict[str, str], passage: Callable[..., str]
) -> None:
    """kst-22054-470 ("motie Van Baarle en Dobbe") concerns Sudan and is followed up by the Sudan letter."""
    response = client.get("/motions/kst-22054-470")
    assert response.status_code == 200
    motion = response.json()
    assert (motion["id"], motion["dossier"], motion["number"], motion["suffix"]) == (
        "kst-22054-470",
        "22054",
        "470",
        None,
    )
    assert sorted(s["family_name"] for s in motion["submitters"]) == ["Dobbe", "Van Baarle"]
    assert "SD" in {c["iso2"] for c in motion["countries"]}
    sudan = doc_ids[SUDAN_LETTER]
    chain = {d["id"]: d for d in motion["cited_in"]}
    assert sudan in chain
    quotes = chain[sudan]["quotes"]
    assert quotes
    for q in quotes:
        assert passage(sudan, q["start"], q["end"]) == q["quote"]


def test_motion_with_a_suffix_keeps_it(client: TestClient) -> None:
    motion = client.get("/motions/kst-21501-02-3281").json()
    assert (motion["dossier"], motion["suffix"], motion["number"]) == ("21501", "02", "3281")


def test_motion_unknown_is_404_and_malformed_is_422(client: TestClient, error: Callable[..., None]) -> None:
    error(client.get("/motions/kst-1-2"), 404, "not_found", "no motion kst-1-2 in the store")
    error(client.get("/motions/36410-V-49"), 422, "invalid_parameter", "'36410-V-49'", "kst-<dossier>")
    error(client.get("/motions/kst-36800-V-45"), 404, "not_found", "kst-36800-V-45")  # an amendment
