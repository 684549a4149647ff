"""/queries: the named queries with their parameters, and running one by name with safely bound parameters."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient


def test_queries_lists_every_named_query_with_summary_and_params(client: TestClient) -> None:
    listed = {q["name"]: q for q in client.get("/queries").json()}
    assert {"letters", "letter", "letter-facts", "motions", "motion", "motion-citations", "funding"} <= set(listed)
    assert all(q["summary"] for q in listed.values())
    assert [(p["name"], p["kind"]) for p in listed["motions"]["params"]] == [
        ("country", "country"),
        ("submitter", "string"),
        ("programme", "string"),
    ]


def test_running_a_named_query_gives_the_rows_the_route_is_built_from(client: TestClient) -> None:
    rows = client.get("/queries/motions", params={"country": "SD"}).json()
    assert rows["name"] == "motions" and rows["variables"][:2] == ["motion", "id"]
    route = client.get("/motions", params={"country": "SD", "limit": 1000}).json()
    assert {r["id"] for r in rows["rows"]} == {m["id"] for m in route["items"]}


def test_numbers_come_back_as_json_numbers(client: TestClient) -> None:
    rows = client.get("/queries/persons").json()["rows"]
    assert rows and all(isinstance(r["signatures"], int) for r in rows)


def test_a_value_that_would_break_out_of_the_query_is_only_a_value(client: TestClient) -> None:
    """The parameter is bound as a literal, so quote characters and braces just fail to match."""
    evil = 'x" } } ; DROP ALL ; SELECT * WHERE { "'
    response = client.get("/queries/motions", params={"submitter": evil})
    assert response.status_code == 200 and response.json()["rows"] == []
    assert client.get("/health").json()["documents"] == 5


def test_named_query_errors(client: TestClient, error: Callable[..., None]) -> None:
    error(client.get("/queries/no-such-query"), 404, "not_found", "'no-such-query'")
    error(client.get("/queries/motions", params={"colour": "red"}), 422, "invalid_parameter", "colour")
    error(client.get("/queries/letter", params={"doc": "kst-x"}), 422, "invalid_parameter", "'kst-x'")
