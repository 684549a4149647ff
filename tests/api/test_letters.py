"""/letters and /letters/{id}: the sample documents, one document's facts with quotes that are its text, 404, 422."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient

SAMPLES = {
    "000_8da887535b8e2326.txt",
    "001_41702c09d02643cc.txt",
    "002_24fa777e414e8df9.txt",
    "003_07d57d8566d409a3.txt",
    "004_a839b2a079380475.txt",
}


def test_letters_lists_every_sample_document_once(client: TestClient) -> None:
    body = client.get("/letters").json()
    assert body["total"] == 5
    assert {item["file"] for item in body["items"]} == SAMPLES
    assert all(item["id"].startswith("sha256-") for item in body["items"])


def test_a_dated_letter_has_its_date_and_signatories_in_signing_order(
    client: TestClient, gold: Callable[[str], dict[str, Any]]
) -> None:
    """000 is dated 9 December 2025 and signed by Van Weel (twice, two offices) and De Vries: names listed once."""
    expected = gold("000_8da887535b8e2326.txt")
    items = {item["file"]: item for item in client.get("/letters").json()["items"]}
    letter = items["000_8da887535b8e2326.txt"]
    assert letter["date"] == expected["date"] == "2025-12-09"
    assert letter["kind"] == "letter"
    assert letter["signatories"] == ["D.M. van Weel", "A. de Vries"]


def test_letters_filtered_by_kind_keeps_only_the_migration_report(client: TestClient) -> None:
    body = client.get("/letters", params={"kind": "report"}).json()
    assert [item["file"] for item in body["items"]] == ["003_07d57d8566d409a3.txt"]
    assert body["total"] == 1


def test_letters_pages_with_limit_and_offset(client: TestClient) -> None:
    everything = client.get("/letters").json()["items"]
    page = client.get("/letters", params={"limit": 2, "offset": 2}).json()
    assert page["total"] == 5
    assert page["items"] == everything[2:4]


def test_letters_refuses_an_unknown_kind_and_bad_paging(client: TestClient, error: Callable[..., None]) -> None:
    error(client.get("/letters", params={"kind": "memo"}), 422, "invalid_parameter", "kind", "'memo'")
    error(client.get("/letters", params={"limit": 0}), 422, "invalid_parameter", "limit", "1000")
    error(client.get("/letters", params={"limit": 1001}), 422, "invalid_parameter", "limit", "1001")
    error(client.get("/letters", params={"offset": -1}), 422, "invalid_parameter", "offset", "-1")


def test_letter_has_signatories_citations_and_facts_whose_quotes_are_its_text(
    client: TestClient, doc_ids: dict[str, str], passage: Callable[..., str], gold: Callable[[str], dict[str, Any]]
) -> None:
    """The Sudan letter: its two signatories with offices, the 16 motions it cites, and every fact's quote is
    the document's text between the fact's offsets."""
    expected = gold("001_41702c09d02643cc.txt")
    doc = doc_ids["001_41702c09d02643cc.txt"]
    response = client.get(f"/letters/{doc}")
    assert response.status_code == 200
    letter = response.json()
    assert letter["id"] == doc and letter["file"] == "001_41702c09d02643cc.txt"
    assert [(s["name"], s["office"]) for s in letter["signatories"]] == [
        (s["name"], s["office"]) for s in expected["signatories"]
    ]
    cited_motions = {c["id"] for c in letter["cites"] if c["kind"] == "motion"}
    assert set(expected["motions"]) <= cited_motions
    assert letter["facts"], "the letter has facts"
    for fact in letter["facts"]:
        evidence = fact["evidence"]
        assert passage(doc, evidence["start"], evidence["end"]) == evidence["quote"], fact
        assert evidence["rule"]
    references = {f["object_label"] for f in letter["facts"] if f["predicate"] == "dcterms:references"}
    assert "kst-29237-247" in references


def test_letter_unknown_id_is_404_and_malformed_id_is_422(client: TestClient, error: Callable[..., None]) -> None:
    error(client.get("/letters/sha256-00000000000000000000"), 404, "not_found", "sha256-00000000000000000000")
    error(client.get("/letters/kst-1-2"), 404, "not_found", "no document kst-1-2")
    error(client.get("/letters/letter-one"), 422, "invalid_parameter", "'letter-one'")
    error(client.get("/letters/kst-abc"), 422, "invalid_parameter", "'kst-abc'", "kst-<dossier>")
