"""What only the SPARQL store does: HTTP errors named by endpoint and status, credentials, read-only and Update-only
configurations, and graph-store replacement that readers never see half done."""

from __future__ import annotations

import base64
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from rdflib import Graph, Literal, URIRef

from store.base import QueryError, SelectResult, StoreError
from store.sparql import SparqlStore, redact
from tests.conftest import free_port

EX = "https://example.org/"
G1, G2 = URIRef(f"{EX}g1"), URIRef(f"{EX}g2")


def _graph(size: int, tag: str = "v") -> Graph:
    graph = Graph()
    for i in range(size):
        graph.add((URIRef(f"{EX}s{i}"), URIRef(f"{EX}p"), Literal(f"{tag}{i}")))
    return graph


class _Recorded:
    """What the stub server saw: request lines and Authorization headers."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        self.authorizations: list[str | None] = []


@pytest.fixture
def stub() -> Iterator[Callable[[int, bytes, float], tuple[str, _Recorded]]]:
    """Start loopback HTTP servers that answer every request with a fixed status and body after a delay."""
    servers: list[ThreadingHTTPServer] = []

    def start(status: int, body: bytes, delay: float = 0.0) -> tuple[str, _Recorded]:
        recorded = _Recorded()

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                recorded.requests.append(f"{self.command} {self.path}")
                recorded.authorizations.append(self.headers.get("Authorization"))
                length = int(self.headers.get("Content-Length") or 0)
                self.rfile.read(length)
                time.sleep(delay)
                self.send_response(status)
                self.send_header("Content-Type", "text/plain")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = do_PUT = do_DELETE = _answer

            def log_message(self, format: str, *args: object) -> None:  # keep the test output clean
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}", recorded

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def test_an_unreachable_server_is_a_store_error_naming_the_endpoint() -> None:
    url = f"http://127.0.0.1:{free_port()}/query"
    store = SparqlStore(url, url)
    with pytest.raises(StoreError, match=rf"cannot reach the SPARQL query endpoint {url}: .*refused"):
        store.query("ASK {}")
    with pytest.raises(StoreError, match=rf"cannot reach the SPARQL update endpoint {url}: .*refused"):
        store.update("CLEAR ALL")


def test_a_wrong_endpoint_path_names_the_endpoint_and_the_404(sparql_store: SparqlStore) -> None:
    wrong = sparql_store.query_url.replace("/query", "/nothing-here")
    with pytest.raises(StoreError, match=rf"the SPARQL query endpoint {wrong} answered HTTP 404"):
        SparqlStore(wrong).query("ASK {}")


def test_a_malformed_query_reports_the_servers_message(sparql_store: SparqlStore) -> None:
    with pytest.raises(QueryError) as raised:
        sparql_store.query("SELECT WHERE {")
    message = str(raised.value)
    assert message.startswith(f"the SPARQL query endpoint {sparql_store.query_url} answered HTTP 400")
    assert "error at 1:" in message  # Oxigraph's position; the prefixes share the query's first line
    assert "Traceback" not in message


def test_a_server_error_on_update_names_the_status_and_the_servers_words(
    stub: Callable[[int, bytes, float], tuple[str, _Recorded]],
) -> None:
    base, _ = stub(500, b"disk\nfull", 0.0)
    with pytest.raises(StoreError, match=r"update endpoint .* answered HTTP 500 Internal Server Error: disk full$"):
        SparqlStore(f"{base}/query", f"{base}/update").update("CLEAR ALL")


def test_credentials_are_sent_as_basic_auth_and_never_shown(
    stub: Callable[[int, bytes, float], tuple[str, _Recorded]],
) -> None:
    base, recorded = stub(401, b"who are you", 0.0)
    store = SparqlStore(f"{base}/query", f"{base}/update", f"{base}/store", auth=("reader", "s3cret"))
    expected = "Basic " + base64.b64encode(b"reader:s3cret").decode()
    with pytest.raises(StoreError, match=r"answered HTTP 401 .*KAMERGRAPH_SPARQL_USER") as on_query:
        store.query("ASK {}")
    with pytest.raises(StoreError, match="answered HTTP 401") as on_update:
        store.update("CLEAR ALL")
    with pytest.raises(StoreError, match=r"graph store endpoint .* answered HTTP 401") as on_put:
        store.replace_graph(G1, _graph(1))
    assert recorded.authorizations == [expected] * 3
    assert [r.split(" ", 1)[0] for r in recorded.requests] == ["POST", "POST", "PUT"]
    for raised in (on_query, on_update, on_put):
        assert "s3cret" not in str(raised.value)


def test_credentials_in_a_url_are_refused_without_showing_them() -> None:
    assert redact("https://me:pw@sparql.example.org:8443/q?x=1") == "https://sparql.example.org:8443/q?x=1"
    with pytest.raises(StoreError, match="holds credentials") as raised:
        SparqlStore("http://me:pw@127.0.0.1:7878/query")
    assert "pw" not in str(raised.value)


def test_a_slow_server_is_a_timeout_naming_the_endpoint(
    stub: Callable[[int, bytes, float], tuple[str, _Recorded]],
) -> None:
    base, _ = stub(200, b"", 1.0)
    store = SparqlStore(f"{base}/query", f"{base}/update", timeout=0.2)
    with pytest.raises(StoreError, match=rf"the SPARQL update endpoint {base}/update did not answer within 0.2 s"):
        store.update("CLEAR ALL")
    with pytest.raises(StoreError, match=rf"the SPARQL query endpoint {base}/query did not answer within 0.2 s"):
        store.query("ASK {}")


def test_an_unexpected_answer_type_is_a_store_error(
    stub: Callable[[int, bytes, float], tuple[str, _Recorded]],
) -> None:
    base, _ = stub(200, b"<html>login page</html>", 0.0)
    with pytest.raises(StoreError, match="answered with unexpected 'text/plain'"):
        SparqlStore(f"{base}/query").query("ASK {}")


def test_urls_that_are_not_http_are_refused() -> None:
    with pytest.raises(StoreError, match="must be an http"):
        SparqlStore("localhost:7878/query")
    with pytest.raises(StoreError, match="must be an http"):
        SparqlStore("http://localhost:7878/query", "ftp://localhost/update")


def test_a_store_without_update_url_is_read_only(sparql_store: SparqlStore) -> None:
    sparql_store.replace_graph(G1, _graph(2))
    reader = SparqlStore(sparql_store.query_url)
    assert reader.triple_count() == 2
    for write in (
        lambda: reader.update("CLEAR ALL"),
        lambda: reader.replace_graph(G2, _graph(1)),
        lambda: reader.drop_graph(G1),
    ):
        with pytest.raises(StoreError, match="read-only"):
            write()
    assert sparql_store.graph_names() == [G1]


def test_without_a_graph_store_url_graphs_are_replaced_and_dropped_by_update(sparql_store: SparqlStore) -> None:
    store = SparqlStore(sparql_store.query_url, sparql_store.update_url)
    store.replace_graph(G1, _graph(3, "a"))
    store.replace_graph(G2, _graph(1, "b"))
    store.replace_graph(G1, _graph(2, "c"))
    result = store.query("SELECT ?o WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?o", {"g": G1})
    assert isinstance(result, SelectResult)
    assert [str(r["o"]) for r in result] == ["c0", "c1"]
    assert store.drop_graph(G1) is True
    assert store.drop_graph(G1) is False
    assert store.graph_names() == [G2]


def test_a_wrong_graph_store_url_fails_loudly(sparql_store: SparqlStore) -> None:
    assert sparql_store.gsp_url is not None
    wrong = sparql_store.gsp_url.replace("/store", "/nothing-here")
    store = SparqlStore(sparql_store.query_url, sparql_store.update_url, wrong)
    with pytest.raises(StoreError, match=rf"graph store endpoint {wrong}\?graph=.* answered HTTP 404"):
        store.replace_graph(G1, _graph(1))
    sparql_store.replace_graph(G1, _graph(1))
    with pytest.raises(StoreError, match="is the graph store URL right"):
        store.drop_graph(G1)


def test_readers_see_the_old_or_the_new_graph_never_a_half_replaced_one(sparql_store: SparqlStore) -> None:
    old, new = _graph(2000, "old"), _graph(3000, "new")
    sparql_store.replace_graph(G1, old)
    seen: set[int] = set()
    done = threading.Event()

    def read() -> None:
        while not done.is_set():
            seen.add(sparql_store.triple_count())

    reader = threading.Thread(target=read)
    reader.start()
    try:
        for _ in range(3):
            sparql_store.replace_graph(G1, new)
            sparql_store.replace_graph(G1, old)
    finally:
        done.set()
        reader.join(timeout=30)
    assert seen <= {2000, 3000}
    assert len(seen) >= 1
