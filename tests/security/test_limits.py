"""The configurable limits: query time (503), queries at once (503), result size (400), request body (413), page
size (422); and the settings that set them refuse unusable values with a message naming the variable."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pyoxigraph as ox
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from api.main import create_app
from api.settings import Settings, SettingsError
from store.base import QueryError
from store.embedded import EmbeddedStore

#: A join of every triple with every triple: rows stream for practically ever.
ENDLESS = "SELECT ?a WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
#: An aggregate over a join of SIDE x SIDE rows: no row comes out before the whole join is counted.
SIDE = 3000
COUNT_ALL = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }"


def _wait_until_idle(app: FastAPI, seconds: float = 120.0) -> int:
    """Wait (bounded) for the app's query threads to end; the number still running."""
    end = time.monotonic() + seconds
    while app.state.query_guard.running and time.monotonic() < end:
        time.sleep(0.05)
    running: int = app.state.query_guard.running
    return running


@pytest.fixture
def square_store() -> Iterator[EmbeddedStore]:
    """SIDE triples in one named graph: COUNT_ALL counts SIDE² rows (seconds of work, but it ends)."""
    store = EmbeddedStore(None)
    graph = ox.NamedNode("urn:kamergraph:test:square")
    predicate = ox.NamedNode("urn:kamergraph:test:p")
    store._store.extend(
        ox.Quad(ox.NamedNode(f"urn:kamergraph:test:s{i}"), predicate, ox.Literal(i), graph) for i in range(SIDE)
    )
    yield store
    store.close()


def test_a_streaming_query_past_its_time_gets_503_and_is_really_stopped(sample_store: EmbeddedStore) -> None:
    """ENDLESS would run for days: the client gets 503 query_timeout with a message, and the query's thread ends
    (the row check stops pyoxigraph's evaluation) instead of running on."""
    app = create_app(Settings(query_timeout=0.3, max_results=10**9), store=sample_store)
    with TestClient(app) as client:
        response = client.get("/sparql", params={"query": ENDLESS})
        assert response.status_code == 503
        assert response.json()["code"] == "query_timeout"
        assert "0.3 s" in response.json()["message"]
        assert response.headers["retry-after"]
        assert _wait_until_idle(app) == 0
        assert client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).json()["boolean"] is True


def test_a_query_working_before_its_first_row_gets_503_and_keeps_its_slot_until_it_ends(
    square_store: EmbeddedStore,
) -> None:
    """An aggregate cannot be interrupted: the client still gets 503 on time; while the evaluation goes on it holds
    its slot, so with one slot the next query gets 503 too_many_queries at once; when it ends, queries run again."""
    app = create_app(Settings(query_timeout=0.1, max_queries=1), store=square_store)
    with TestClient(app) as client:
        first = client.get("/sparql", params={"query": COUNT_ALL})
        assert first.status_code == 503 and first.json()["code"] == "query_timeout"
        if app.state.query_guard.running:  # on a machine fast enough to finish SIDE² rows at once, nothing to see
            busy = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
            assert busy.status_code == 503 and busy.json()["code"] == "too_many_queries"
        assert _wait_until_idle(app) == 0
        assert client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).status_code == 200


def test_a_query_the_parser_cannot_check_in_time_gets_400(sample_store: EmbeddedStore) -> None:
    """rdflib's parser takes seconds for a FILTER of thousands of alternatives: it is stopped at the query time
    limit and the client is told the query is too complex, instead of the server parsing for minutes."""
    alternatives = " || ".join(f'?o = "{i}"' for i in range(3000))
    app = create_app(Settings(query_timeout=0.3), store=sample_store)
    with TestClient(app) as client:
        query = f"SELECT ?s WHERE {{ ?s ?p ?o FILTER({alternatives}) }}"
        response = client.post("/sparql", content=query, headers={"Content-Type": "application/sparql-query"})
        assert response.status_code == 400 and response.json()["code"] == "query_too_complex"
        assert client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).status_code == 200


@pytest.mark.parametrize(
    ("query", "smaller"),
    [
        ("SELECT ?s WHERE { ?s ?p ?o }", "SELECT ?s WHERE { ?s ?p ?o } LIMIT 20"),
        ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 20"),
        ("DESCRIBE ?d WHERE { ?d kg:sourceFileName ?file }", "DESCRIBE <urn:kamergraph:test:nothing>"),
    ],
)
def test_an_answer_over_the_result_limit_gets_400_and_a_smaller_one_answers(
    sample_store: EmbeddedStore, query: str, smaller: str
) -> None:
    app = create_app(Settings(max_results=20), store=sample_store)
    with TestClient(app) as client:
        response = client.get("/sparql", params={"query": query})
        assert response.status_code == 400
        assert response.json()["code"] == "result_too_large"
        assert "20" in response.json()["message"] and "LIMIT" in response.json()["message"]
        limited = client.get("/sparql", params={"query": smaller})
        assert limited.status_code == 200, limited.text


def _chunks(total: int) -> Iterator[bytes]:
    for _ in range(total // 100):
        yield b"#" * 100


@pytest.mark.parametrize(
    ("content_type", "declared"),
    [
        ("application/sparql-query", True),
        ("application/sparql-query", False),
        ("application/x-www-form-urlencoded", False),
    ],
)
def test_a_body_over_the_limit_gets_413_declared_or_streamed(
    sample_store: EmbeddedStore, content_type: str, declared: bool
) -> None:
    """Content-Length over the limit is refused before reading; a chunked body (no length) as soon as it passes it."""
    app = create_app(Settings(max_body=1000), store=sample_store)
    with TestClient(app) as client:
        body: bytes | Iterator[bytes] = b"#" * 5000 if declared else _chunks(5000)
        response = client.post("/sparql", content=body, headers={"Content-Type": content_type})
        assert response.status_code == 413
        assert response.json()["code"] == "body_too_large"
        assert "1000 bytes" in response.json()["message"] and "KAMERGRAPH_API_MAX_BODY" in response.json()["message"]
        small = client.post("/sparql", content=b"ASK {}", headers={"Content-Type": "application/sparql-query"})
        assert small.status_code == 200


def test_uploads_have_their_own_limit(sample_store: EmbeddedStore) -> None:
    """POST /documents may carry up to max_upload bytes (more than max_body); past that 413 names the upload limit."""
    app = create_app(Settings(max_body=1000, max_upload=4000), store=sample_store)
    with TestClient(app) as client:
        over_body = client.post("/documents", files={"files": ("a.txt", b"x" * 2000, "text/plain")})
        assert over_body.status_code != 413  # within the upload limit: the route answers (no token: 403)
        over_upload = client.post("/documents", files={"files": ("a.txt", b"x" * 5000, "text/plain")})
        assert over_upload.status_code == 413
        assert "KAMERGRAPH_API_MAX_UPLOAD" in over_upload.json()["message"]


def test_items_per_page_are_limited(api: TestClient) -> None:
    assert api.get("/letters", params={"limit": 1000}).status_code == 200
    response = api.get("/letters", params={"limit": 1001})
    assert response.status_code == 422 and "limit" in response.json()["message"]


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("KAMERGRAPH_API_QUERY_TIMEOUT", "soon"),
        ("KAMERGRAPH_API_QUERY_TIMEOUT", "0"),
        ("KAMERGRAPH_API_QUERY_TIMEOUT", "inf"),
        ("KAMERGRAPH_API_MAX_RESULTS", "-5"),
        ("KAMERGRAPH_API_MAX_QUERIES", "many"),
        ("KAMERGRAPH_API_MAX_BODY", "1e6"),
        ("KAMERGRAPH_API_MAX_UPLOAD", "0"),
        ("KAMERGRAPH_API_CORS_ORIGINS", "example.org"),
        ("KAMERGRAPH_API_CORS_WRITES", "maybe"),
    ],
)
def test_unusable_limit_settings_are_refused_naming_the_variable(variable: str, value: str) -> None:
    with pytest.raises(SettingsError, match=variable):
        Settings.from_environment({variable: value})


def test_the_limits_have_safe_defaults() -> None:
    settings = Settings.from_environment({})
    assert settings.query_timeout == 10.0 and settings.max_results == 10_000 and settings.max_queries == 4
    assert settings.max_body == 1_048_576 and settings.max_upload == 20 * 1_048_576
    assert settings.cors_origins == () and settings.cors_writes is False


def test_the_row_check_stops_an_embedded_query() -> None:
    """EmbeddedStore.query's check hook is what stops a streaming query: whatever it raises ends the evaluation."""
    store = EmbeddedStore(None)
    store.update("INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> 1, 2, 3, 4, 5 } }")
    seen: list[int] = []

    class Enough(Exception):
        pass

    def check(count: int) -> None:
        seen.append(count)
        if count >= 2:
            raise Enough

    with pytest.raises(Enough):
        store.query("SELECT ?o WHERE { ?s ?p ?o }", check=check)
    assert seen == [0, 1, 2]
    with pytest.raises(QueryError, match="query failed"):  # an evaluation error while reading rows is a QueryError
        store.query("SELECT * WHERE { BIND(<urn:x> AS ?u) SERVICE ?u { ?s ?p ?o } }")
    store.close()
