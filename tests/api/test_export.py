"""/export: the whole store round-trips through Turtle, N-Triples and JSON-LD; N-Quads keeps the named graphs."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient
from rdflib import Dataset, Graph

from store.base import SelectResult, Store


def _distinct_triples(store: Store) -> int:
    result = store.query("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }")
    assert isinstance(result, SelectResult)
    return int(result.rows[0]["n"])


@pytest.mark.parametrize(
    ("fmt", "parser", "media_type"),
    [
        ("ttl", "turtle", "text/turtle"),
        ("nt", "nt", "application/n-triples"),
        ("jsonld", "json-ld", "application/ld+json"),
    ],
)
def test_export_round_trips_every_triple(
    client: TestClient, store: Store, fmt: str, parser: str, media_type: str
) -> None:
    response = client.get("/export", params={"format": fmt})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media_type)
    assert f'filename="kamergraph.{fmt}"' in response.headers["content-disposition"]
    graph = Graph().parse(data=response.content, format=parser)
    assert len(graph) == _distinct_triples(store)


def test_export_turtle_is_the_default(client: TestClient) -> None:
    assert client.get("/export").headers["content-type"].startswith("text/turtle")


def test_export_nquads_keeps_each_documents_named_graph(client: TestClient, store: Store) -> None:
    response = client.get("/export", params={"format": "nq"})
    dataset = Dataset()
    dataset.parse(data=response.content, format="nquads")
    names = {g.identifier for g in dataset.graphs() if len(g)}
    assert names == set(store.graph_names())
    assert len(names) == 6  # five documents and the ontology


def test_export_refuses_an_unknown_format(client: TestClient, error: Callable[..., None]) -> None:
    error(client.get("/export", params={"format": "rdfxml"}), 422, "invalid_parameter", "format", "'rdfxml'")
