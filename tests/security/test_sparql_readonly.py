"""/sparql is read-only and local: updates, LOAD and SERVICE are refused in every protocol form, and no refused
query reaches the network or changes the store, even when crafted to look different to different parsers."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

import httpx
import pytest
from fastapi.testclient import TestClient

from api.routes.sparql import check_query, is_update
from store.base import QueryError
from store.embedded import EmbeddedStore

FORM = "application/x-www-form-urlencoded"


@dataclass
class Listener:
    """A loopback TCP port that counts the connections made to it (a SERVICE or LOAD target)."""

    port: int
    connections: list[bytes] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/sparql"


@pytest.fixture(scope="module")
def listener() -> Iterator[Listener]:
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    found = Listener(server.getsockname()[1])

    def accept() -> None:
        while True:
            try:
                connection, _ = server.accept()
            except OSError:
                return
            with connection:
                connection.settimeout(0.5)
                try:
                    found.connections.append(connection.recv(200))
                except OSError:
                    found.connections.append(b"")

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield found
    server.close()


def _send(client: TestClient, how: str, text: str) -> httpx.Response:
    """The query text sent as the SPARQL protocol allows: GET ?query=, POST form, POST body."""
    response: httpx.Response
    if how == "get":
        response = client.get("/sparql", params={"query": text})
    elif how == "form":
        response = client.post("/sparql", data={"query": text})
    else:
        response = client.post("/sparql", content=text, headers={"Content-Type": "application/sparql-query"})
    return response


HOW = ["get", "form", "body"]


def _quads(store: EmbeddedStore) -> int:
    return store.triple_count()


@pytest.mark.parametrize("how", HOW)
@pytest.mark.parametrize(
    ("text", "code", "fragment"),
    [
        ("INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> <urn:c> } }", "update_refused", "read-only"),
        ("PREFIX ex: <urn:x#>\n# a comment\nDELETE WHERE { ?s ?p ?o }", "update_refused", "read-only"),
        ("DROP ALL", "update_refused", "read-only"),
        ("CLEAR DEFAULT ; INSERT DATA { <urn:a> <urn:b> <urn:c> }", "update_refused", "read-only"),
        ("WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "update_refused", "read-only"),
        ("LOAD <URL>", "update_refused", "LOAD is refused"),
        ("LOAD SILENT <URL> INTO GRAPH <urn:g>", "update_refused", "LOAD is refused"),
        ("SELECT * WHERE { SERVICE <URL> { ?s ?p ?o } }", "service_refused", "SERVICE"),
        ("select * where { ?s ?p ?o OPTIONAL { sErViCe silent <URL> { ?s ?q ?z } } }", "service_refused", ""),
        ("ASK { { SELECT ?s WHERE { SERVICE <URL> { ?s ?p ?o } } } }", "service_refused", "SERVICE"),
        ("CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <URL> { ?s ?p ?o } }", "service_refused", "SERVICE"),
        ("SELECT * WHERE { BIND(<URL> AS ?u) SERVICE ?u { ?s ?p ?o } }", "service_refused", "SERVICE"),
    ],
)
def test_updates_load_and_service_are_refused_in_every_form(
    api: TestClient,
    sample_store: EmbeddedStore,
    listener: Listener,
    how: str,
    text: str,
    code: str,
    fragment: str,
) -> None:
    """Each is answered 400 {code, message} saying what is refused; the store keeps every quad; nothing connects
    to the loopback endpoint the query names."""
    before, calls = _quads(sample_store), len(listener.connections)
    response = _send(api, how, text.replace("URL", listener.url))
    assert response.status_code == 400, response.text
    body = response.json()
    assert set(body) == {"code", "message"} and body["code"] == code
    assert fragment in body["message"]
    assert _quads(sample_store) == before
    assert len(listener.connections) == calls


@pytest.mark.parametrize(
    "kwargs",
    [
        {"data": {"update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}},
        {"content": "LOAD <http://127.0.0.1:9/x>", "headers": {"Content-Type": "application/sparql-update"}},
    ],
)
def test_the_update_operation_of_the_protocol_is_refused(api: TestClient, kwargs: dict[str, object]) -> None:
    """The protocol's update forms (form field update=, an application/sparql-update body) get 400 too."""
    response = api.post("/sparql", **kwargs)
    assert response.status_code == 400 and response.json()["code"] == "update_refused"


def test_get_with_an_update_parameter_is_refused(api: TestClient) -> None:
    response = api.get("/sparql", params={"update": "DROP ALL"})
    assert response.status_code == 400 and response.json()["code"] == "update_refused"


def _crafted(url: str) -> list[str]:
    """Queries that hide a SERVICE call from one reader or another: escapes, comment ends, long strings."""
    service = f"SERVICE <{url}> {{ ?s ?p ?o }}"
    return [
        # rdflib expands \u005C to a backslash that escapes the closing quote, so the SERVICE looks like string
        # content to it; pyoxigraph, which only reads \u inside strings, would run the SERVICE.
        f'SELECT * WHERE {{\nBIND("\\u005C" AS ?a) {service} # " AS ?a)\n}}',
        f"SELECT * WHERE {{ \\u0053ERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ # comment\r {service} }}",
        f"SELECT * WHERE {{ # comment\u2028 {service} }}",
        f"SELECT * WHERE {{ BIND('''a''' AS ?x) {service} }}",
        f"SELECT * WHERE {{ # \x00\n {service} }}",
        f'SELECT * WHERE {{ BIND("\\" # " AS ?x) {service} }}',
        f"SELECT * WHERE {{ ?s ?p ?o FILTER(?o != <{url}>) {service} }}",
    ]


@pytest.mark.parametrize("index", range(8))
def test_crafted_service_calls_never_reach_the_network(
    api: TestClient, listener: Listener, sample_store: EmbeddedStore, index: int
) -> None:
    """Whatever the parsers make of them, the answer is a 4xx or a plain answer (the escape read as string content
    by both), never a 5xx, and the loopback endpoint sees no connection."""
    query = _crafted(listener.url)[index]
    calls = len(listener.connections)
    for how in HOW:
        response = _send(api, how, query)
        assert response.status_code < 500, response.text
    assert len(listener.connections) == calls


def test_plain_queries_still_answer(api: TestClient) -> None:
    """The checks refuse nothing legitimate: SELECT, ASK, CONSTRUCT, DESCRIBE, names that contain keywords."""
    for query in (
        "SELECT ?insert WHERE { ?insert a kg:Document } LIMIT 1",
        "PREFIX service: <urn:service#> ASK { ?s ?p ?o FILTER(?p != service:load) }",
        "CONSTRUCT { ?d a kg:Document } WHERE { ?d a kg:Document } LIMIT 3",
        'SELECT ?s WHERE { ?s ?p "SERVICE <http://example.org/> { }" }',
        "# LOAD <http://example.org/> in a comment\nSELECT * WHERE { ?s a kg:Document } LIMIT 1",
    ):
        response = api.get("/sparql", params={"query": query})
        assert response.status_code == 200, (query, response.text)


def test_update_detection_is_the_parsers() -> None:
    """is_update / check_query read the text with a SPARQL parser, not by keywords."""
    assert is_update("BASE <http://x/> PREFIX a: <http://a/>\n# note\ninsert data { <a:s> <a:p> <a:o> }")
    assert not is_update("SELECT ?insert WHERE { ?insert ?p ?o }")
    assert not is_update("# DELETE in a comment\nASK {}")
    assert check_query("SELECT * WHERE { SERVICE <urn:x> { ?s ?p ?o } }").code == "service_refused"
    assert check_query("SELECT WHERE").code == "malformed_query"
    assert check_query("ASK { ?s ?p ?o }").code is None


def test_the_listener_sees_a_service_call_made_without_the_endpoint(listener: Listener) -> None:
    """Control: pyoxigraph itself does call a SERVICE endpoint over HTTP, and the listener sees it; so the tests
    above would see a SERVICE call that got past the endpoint's check."""
    store = EmbeddedStore(None)
    calls = len(listener.connections)
    with pytest.raises(QueryError):  # the listener answers no HTTP, so the federated part fails after connecting
        store.query(f"SELECT * WHERE {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}")
    deadline = time.monotonic() + 5
    while len(listener.connections) == calls and time.monotonic() < deadline:
        time.sleep(0.01)
    assert len(listener.connections) == calls + 1
    assert listener.connections[-1].startswith(b"POST ") or listener.connections[-1].startswith(b"GET ")
    store.close()
