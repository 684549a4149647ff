"""RDF exports: Turtle and JSON-LD read back by rdflib are isomorphic to the store's graph; JSON-LD uses the context
published at /context.jsonld; a filtered RDF export describes only the sub-graph's entities and their evidence."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from fastapi.testclient import TestClient
from rdflib import Graph, Literal
from rdflib.compare import isomorphic

from ontology.namespace import KG, PREFIXES, RDF, XSD
from store.base import SelectResult, Store
from store.export import export
from store.graphs import Subgraph, build


def _canonical_decimals(graph: Graph) -> Graph:
    """The graph with every xsd:decimal in one lexical form: rdflib's Turtle writer writes the store's canonical
    '249000' as the shorthand 249000.0, the same value; everything else must match term for term."""
    out = Graph()
    for s, p, o in graph:
        if isinstance(o, Literal) and o.datatype == XSD.decimal:
            o = Literal(Decimal(str(o)).normalize().to_eng_string(), datatype=XSD.decimal)
        out.add((s, p, o))
    return out


def _store_graph(store: Store) -> Graph:
    result = store.query("SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert isinstance(result, SelectResult)
    graph = Graph()
    for row in result.rows:
        graph.add((row["s"], row["p"], row["o"]))
    return graph


@pytest.mark.parametrize(("fmt", "parser"), [("ttl", "turtle"), ("jsonld", "json-ld")])
def test_rdf_export_is_isomorphic_to_the_store(sample_letters: Store, fmt: str, parser: str) -> None:
    read_back = Graph().parse(data=export(sample_letters, fmt), format=parser)
    expected = _store_graph(sample_letters)
    assert len(read_back) == len(expected) > 5000
    assert isomorphic(_canonical_decimals(read_back), _canonical_decimals(expected))


def test_jsonld_uses_the_published_context(sample_letters_client: TestClient) -> None:
    published = sample_letters_client.get("/context.jsonld")
    assert published.status_code == 200 and published.headers["content-type"].startswith("application/ld+json")
    context = published.json()["@context"]
    assert context == PREFIXES
    document = json.loads(sample_letters_client.get("/export", params={"format": "jsonld"}).content)
    assert document["@context"] == context


def test_filtered_turtle_describes_the_subgraph_and_its_evidence(sample_letters: Store) -> None:
    subgraph = Subgraph(around="country/SD")
    nodes = set(build(sample_letters, subgraph).nodes)
    graph = Graph().parse(data=export(sample_letters, "ttl", subgraph), format="turtle")
    evidence = set(graph.subjects(RDF.type, KG.Evidence))
    assert evidence, "the facts about the sub-graph's entities keep their evidence"
    assert {str(s) for s in graph.subjects()} <= nodes | {str(e) for e in evidence}
    for item in evidence:
        assert str(graph.value(item, RDF.subject)) in nodes
