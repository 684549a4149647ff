"""/persons and /persons/{id}: a state secretary signing two letters in two offices, a member's motions, errors."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient

from api.cache import AnswerCache
from api.main import create_app
from store.embedded import EmbeddedStore


def _person(client: TestClient, family_name: str) -> dict[str, Any]:
    persons = client.get("/persons", params={"limit": 1000}).json()["items"]
    matches = [p for p in persons if p["family_name"] == family_name]
    assert len(matches) == 1, matches
    found: dict[str, Any] = matches[0]
    return found


def test_persons_lists_a_signatory_under_every_written_form_of_her_name(client: TestClient) -> None:
    """'A. de Vries' (000) and 'Aukje de Vries' (002) are one person who signed two letters."""
    de_vries = _person(client, "de Vries")
    assert set(de_vries["names"]) == {"A. de Vries", "Aukje de Vries"}
    assert de_vries["name"] == "Aukje de Vries"
    assert de_vries["signatures"] == 2
    body = client.get("/persons", params={"limit": 1000}).json()
    assert body["total"] == len(body["items"])


def test_person_has_each_signature_with_its_office_document_and_quote(
    client: TestClient, passage: Callable[..., str]
) -> None:
    person = _person(client, "de Vries")["id"]
    response = client.get(f"/persons/{person}")
    assert response.status_code == 200
    detail = response.json()
    signed = {(s["document"]["file"], s["office"]) for s in detail["signatures"]}
    assert signed == {
        ("000_8da887535b8e2326.txt", "staatssecretaris van Buitenlandse Zaken"),
        ("002_24fa777e414e8df9.txt", "staatssecretaris Buitenlandse Handel en Ontwikkelingshulp"),
    }
    for signature in detail["signatures"]:
        evidence = signature["evidence"]
        assert evidence["quote"] and evidence["rule"].startswith("signatures")
        assert passage(signature["document"]["id"], evidence["start"], evidence["end"]) == evidence["quote"]
    assert detail["motions"] == []


def test_person_lists_the_motions_and_amendment_a_member_submitted(
    client: TestClient, gold: Callable[[str], dict[str, Any]]
) -> None:
    """Dobbe: five Sudan motions and an amendment (001), and a motion cited in 002 (gold annotations)."""
    expected: dict[str, str] = {}
    for letter in ("001_41702c09d02643cc.txt", "002_24fa777e414e8df9.txt"):
        annotation = gold(letter)
        for kind, key in (("motion", "motions"), ("amendment", "amendments")):
            for kst, submitters in annotation[key].items():
                if any("Dobbe" in forms for forms in submitters):
                    expected[kst] = kind
    person = _person(client, "Dobbe")
    detail = client.get(f"/persons/{person['id']}").json()
    assert {m["id"]: m["kind"] for m in detail["motions"]} == expected
    assert detail["signatures"] == []


def test_person_unknown_is_404_and_malformed_is_422(client: TestClient, error: Callable[..., None]) -> None:
    error(client.get("/persons/nobody-x"), 404, "not_found", "no person nobody-x")
    error(client.get("/persons/De Vries"), 422, "invalid_parameter", "'De Vries'")


def test_the_pages_of_persons_share_one_computed_list(sample_letters: EmbeddedStore) -> None:
    """/persons?limit=2 and ?limit=2&offset=2 are two URLs but one computation of the list, and they join up."""
    with TestClient(create_app(store=sample_letters)) as client:
        whole = [p["id"] for p in client.get("/persons", params={"limit": 1000}).json()["items"]]
        cache = client.app.state.answer_cache  # type: ignore[attr-defined]
        assert isinstance(cache, AnswerCache) and cache.hits == 0  # made by the first request, a miss
        pages = [
            p["id"]
            for offset in (0, 2)
            for p in client.get("/persons", params={"limit": 2, "offset": offset}).json()["items"]
        ]
        assert len(whole) >= 4 and pages == whole[:4]
        assert cache.hits == 2, "the two pages reuse the list computed for the first request"
