"""/sparql: the SPARQL 1.1 Protocol (GET, POST form, POST body), result formats by Accept, read-only refusals."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient
from rdflib import Graph, URIRef

from api.results import GRAPH_FORMATS, RESULT_FORMATS, negotiate
from api.routes.sparql import is_update

FILES = "SELECT ?file WHERE { ?doc kg:sourceFileName ?file } ORDER BY ?file"
FIRST_FILE = "000_8da887535b8e2326.txt"
RESULTS_NS = "{http://www.w3.org/2005/sparql-results#}"


def _files_from_json(body: dict[str, object]) -> list[str]:
    assert body["head"] == {"vars": ["file"]}
    bindings = body["results"]["bindings"]  # type: ignore[index]
    return [b["file"]["value"] for b in bindings]


def test_get_answers_sparql_results_json_by_default(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": FILES})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/sparql-results+json")
    files = _files_from_json(response.json())
    assert len(files) == 5 and files[0] == FIRST_FILE


def test_post_form_and_post_body_answer_like_get(client: TestClient) -> None:
    by_get = client.get("/sparql", params={"query": FILES}).json()
    by_form = client.post("/sparql", data={"query": FILES})
    by_body = client.post("/sparql", content=FILES, headers={"Content-Type": "application/sparql-query"})
    assert by_form.status_code == by_body.status_code == 200
    assert by_form.json() == by_body.json() == by_get


def test_accept_xml_answers_sparql_results_xml(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": FILES}, headers={"Accept": "application/sparql-results+xml"})
    assert response.headers["content-type"].startswith("application/sparql-results+xml")
    root = ET.fromstring(response.content)
    literals = [e.text for e in root.iter(f"{RESULTS_NS}literal")]
    assert literals[0] == FIRST_FILE and len(literals) == 5


def test_accept_csv_answers_a_header_and_one_line_per_row(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": FILES}, headers={"Accept": "text/csv"})
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.text)))
    assert rows[0] == ["file"] and rows[1] == [FIRST_FILE] and len(rows) == 6


def test_ask_answers_a_boolean(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": "ASK { ?doc kg:sourceFileName ?file }"})
    assert response.json() == {"head": {}, "boolean": True}


def test_construct_answers_turtle_that_rdflib_reads(client: TestClient) -> None:
    query = "CONSTRUCT { ?doc kg:sourceFileName ?file } WHERE { ?doc kg:sourceFileName ?file }"
    response = client.get("/sparql", params={"query": query})
    assert response.headers["content-type"].startswith("text/turtle")
    graph = Graph().parse(data=response.text, format="turtle")
    assert len(graph) == 5
    nt = client.get("/sparql", params={"query": query}, headers={"Accept": "application/n-triples"})
    assert len(Graph().parse(data=nt.text, format="nt")) == 5


def test_describe_answers_a_graph_about_the_resource(client: TestClient) -> None:
    sudan = URIRef("https://w3id.org/kamergraph/id/country/SD")
    response = client.get("/sparql", params={"query": f"DESCRIBE <{sudan}>"})
    graph = Graph().parse(data=response.text, format="turtle")
    assert (sudan, None, None) in graph


@pytest.mark.parametrize(
    ("method", "kwargs"),
    [
        ("get", {"params": {"query": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}}),
        ("get", {"params": {"query": "PREFIX ex: <urn:x#> # comment\nDELETE WHERE { ?s ?p ?o }"}}),
        ("post", {"data": {"query": "DROP ALL"}}),
        ("post", {"data": {"update": "CLEAR DEFAULT"}}),
        ("post", {"content": "DROP ALL", "headers": {"Content-Type": "application/sparql-update"}}),
        ("post", {"content": "LOAD <http://example.org/>", "headers": {"Content-Type": "application/sparql-query"}}),
    ],
)
def test_updates_are_refused_with_400_and_change_nothing(
    client: TestClient, error: Callable[..., None], method: str, kwargs: dict[str, object]
) -> None:
    before = client.get("/health").json()["triples"]
    error(getattr(client, method)("/sparql", **kwargs), 400, "update_refused", "read-only")
    assert client.get("/health").json()["triples"] == before


def test_protocol_errors(client: TestClient, error: Callable[..., None]) -> None:
    error(client.get("/sparql"), 400, "bad_request", "no query")
    error(client.get("/sparql", params={"query": "SELECT WHERE"}), 400, "malformed_query", "malformed")
    error(
        client.get("/sparql", params={"query": FILES}, headers={"Accept": "image/png"}),
        406,
        "not_acceptable",
        "image/png",
    )
    error(client.get("/sparql", params={"query": "ASK {}"}, headers={"Accept": "text/csv"}), 406, "not_acceptable")
    error(
        client.post("/sparql", content=FILES, headers={"Content-Type": "text/plain"}),
        415,
        "unsupported_media_type",
        "text/plain",
    )
    error(
        client.get("/sparql", params={"query": FILES, "default-graph-uri": "urn:g"}),
        400,
        "dataset_not_supported",
    )


def test_negotiation_follows_quality_values_and_wildcards() -> None:
    assert negotiate(None, RESULT_FORMATS).media_type == "application/sparql-results+json"  # type: ignore[union-attr]
    chosen = negotiate("text/csv;q=0.5, application/sparql-results+xml", RESULT_FORMATS)
    assert chosen is not None and chosen.media_type == "application/sparql-results+xml"
    chosen = negotiate("application/*;q=0.2, text/*", GRAPH_FORMATS)
    assert chosen is not None and chosen.media_type == "text/turtle"
    assert negotiate("text/csv;q=0", RESULT_FORMATS) is None


def test_update_detection_reads_past_the_prologue_only() -> None:
    assert is_update("BASE <http://x/> PREFIX a: <http://a/>\n# note\ninsert data { <a:s> <a:p> <a:o> }")
    assert not is_update("SELECT ?insert WHERE { ?insert ?p ?o }")
    assert not is_update("# DELETE in a comment\nASK {}")
