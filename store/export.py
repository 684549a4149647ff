"""Whole-store exports in RDF formats (Turtle, N-Triples, N-Quads with one named graph per document, JSON-LD)."""

from __future__ import annotations

from rdflib import Dataset, Graph

from ontology.namespace import PREFIXES
from store.base import SelectResult, Store

#: format name -> (rdflib serialiser, media type, file extension)
FORMATS: dict[str, tuple[str, str, str]] = {
    "ttl": ("turtle", "text/turtle", ".ttl"),
    "nt": ("nt", "application/n-triples", ".nt"),
    "nq": ("nquads", "application/n-quads", ".nq"),
    "jsonld": ("json-ld", "application/ld+json", ".jsonld"),
}


def export(store: Store, fmt: str) -> bytes:
    """Serialise everything in the store; 'nq' keeps each document's named graph, the others merge them."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    result = store.query("SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert isinstance(result, SelectResult)
    serializer = FORMATS[fmt][0]
    if fmt == "nq":
        dataset = Dataset()
        for row in result.rows:
            dataset.graph(row["g"]).add((row["s"], row["p"], row["o"]))
        return dataset.serialize(format=serializer, encoding="utf-8")
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    for row in result.rows:
        graph.add((row["s"], row["p"], row["o"]))
    if fmt == "jsonld":
        context = {prefix: namespace for prefix, namespace in PREFIXES.items()}
        return graph.serialize(format=serializer, context=context, encoding="utf-8")
    return graph.serialize(format=serializer, encoding="utf-8")
