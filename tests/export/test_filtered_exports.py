"""Filtered RDF exports hold exactly the statements about the sub-graph's entities (from every document graph) and
the evidence of facts whose subject and (IRI) object are kept: compared with the same selection made in plain
Python over every quad of the store, in each RDF format."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from api.main import create_app
from api.settings import Settings
from ontology.namespace import PREFIXES, RDF
from store.base import SelectResult, Store
from store.export import export
from store.graphs import Subgraph, build

Triple = tuple[Node, Node, Node]


def expected_quads(store: Store, keep: set[str]) -> set[tuple[Node, Node, Node, Node]]:
    """The selection the export promises, made over a scan of every quad (the slow way the export used to take)."""
    result = store.query("SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert isinstance(result, SelectResult)
    quads = {(r["g"], r["s"], r["p"], r["o"]) for r in result.rows}
    parts: dict[Node, dict[Node, Node]] = {}
    for _, s, p, o in quads:
        if p in (RDF.subject, RDF.object):
            parts.setdefault(s, {})[p] = o
    evidence = {
        e
        for e, part in parts.items()
        if str(part.get(RDF.subject)) in keep
        and (isinstance(part.get(RDF.object), Literal) or str(part.get(RDF.object)) in keep)
    }
    return {q for q in quads if str(q[1]) in keep or q[1] in evidence}


@pytest.mark.parametrize(
    "subgraph", [Subgraph(country="SD"), Subgraph(around="country/SD", depth=2), Subgraph(person="van-weel-d")]
)
def test_filtered_exports_hold_exactly_the_selected_statements(sample_letters: Store, subgraph: Subgraph) -> None:
    keep = set(build(sample_letters, subgraph).nodes)
    assert keep, "the filter selects something in the sample letters"
    quads = expected_quads(sample_letters, keep)
    triples: set[Triple] = {(s, p, o) for _, s, p, o in quads}
    assert any(p == RDF.subject for _, p, _ in triples), "evidence is part of the selection"
    for fmt, parser in (("ttl", "turtle"), ("nt", "nt")):
        graph = Graph().parse(data=export(sample_letters, fmt, subgraph), format=parser)
        assert set(graph) == triples, fmt
    document = json.loads(export(sample_letters, "jsonld", subgraph))
    assert document["@context"] == PREFIXES
    assert set(Graph().parse(data=json.dumps(document), format="json-ld")) == triples
    dataset = Dataset()
    dataset.parse(data=export(sample_letters, "nq", subgraph), format="nquads")
    found = {(g, s, p, o) for s, p, o, g in dataset.quads() if isinstance(g, URIRef)}
    assert found == quads


def test_the_whole_store_nquads_export_keeps_every_quad(sample_letters: Store) -> None:
    result = sample_letters.query("SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert isinstance(result, SelectResult)
    dataset = Dataset()
    dataset.parse(data=export(sample_letters, "nq"), format="nquads")
    found = {(g, s, p, o) for s, p, o, g in dataset.quads() if isinstance(g, URIRef)}
    assert found == {(r["g"], r["s"], r["p"], r["o"]) for r in result.rows}


@pytest.mark.parametrize("fmt", ["ttl", "graphml"])
def test_an_export_over_the_limit_answers_400_naming_the_size_and_the_limit(sample_letters: Store, fmt: str) -> None:
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*httpx2")
        from fastapi.testclient import TestClient
    settings = Settings(store_path=Path("unused"), max_export=10)
    with TestClient(create_app(settings, store=sample_letters)) as client:
        refused = client.get("/export", params={"format": fmt, "country": "SD"})
        assert refused.status_code == 400
        body = refused.json()
        assert body["code"] == "result_too_large"
        assert "more than the limit of 10" in body["message"] and "filter" in body["message"]
    with TestClient(create_app(Settings(store_path=Path("unused")), store=sample_letters)) as client:
        assert client.get("/export", params={"format": fmt, "country": "SD"}).status_code == 200
