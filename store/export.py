"""Exports of the store or of a sub-graph: RDF (Turtle, N-Triples, N-Quads with one named graph per document,
JSON-LD with the published context) and the graph-tool formats of store/graphs.py (GraphML, GEXF, Cytoscape.js, CSV)."""

from __future__ import annotations

import json
from typing import Any

from rdflib import Dataset, Graph, Literal
from rdflib.term import Identifier

from ontology.namespace import PREFIXES, RDF
from store import graphs
from store.base import SelectResult, Store
from store.graphs import GRAPH_FORMATS, Subgraph

#: RDF format name -> (rdflib serialiser, media type, file extension)
RDF_FORMATS: dict[str, tuple[str, str, str]] = {
    "ttl": ("turtle", "text/turtle", ".ttl"),
    "nt": ("nt", "application/n-triples", ".nt"),
    "nq": ("nquads", "application/n-quads", ".nq"),
    "jsonld": ("json-ld", "application/ld+json", ".jsonld"),
}
#: every export format -> (media type, file extension)
FORMATS: dict[str, tuple[str, str]] = {
    **{name: (media, ext) for name, (_, media, ext) in RDF_FORMATS.items()},
    **{name: (media, ext) for name, (_, media, ext) in GRAPH_FORMATS.items()},
}


def jsonld_context() -> dict[str, Any]:
    """The JSON-LD context of every JSON-LD export (served at /context.jsonld): the kamergraph prefixes."""
    return {"@context": dict(PREFIXES)}


def _keep(subgraph: Subgraph | None, store: Store) -> set[str] | None:
    """The entities whose description a filtered RDF export keeps; None for the whole store."""
    if subgraph is None or subgraph.is_whole:
        return None
    return set(graphs.build(store, subgraph).nodes)


Quad = tuple[Identifier, Identifier, Identifier, Identifier]


def _quads(store: Store, keep: set[str] | None) -> list[Quad]:
    result = store.query("SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert isinstance(result, SelectResult)
    quads = [(row["g"], row["s"], row["p"], row["o"]) for row in result.rows]
    if keep is None:
        return quads
    # An evidence node is kept with the fact it supports when that fact's subject and (IRI) object are kept.
    evidence: dict[str, dict[Identifier, Identifier]] = {}
    for _, s, p, o in quads:
        if p in (RDF.subject, RDF.object):
            evidence.setdefault(str(s), {})[p] = o
    kept_evidence = {
        e
        for e, parts in evidence.items()
        if str(parts.get(RDF.subject)) in keep
        and (isinstance(parts.get(RDF.object), Literal) or str(parts.get(RDF.object)) in keep)
    }
    return [q for q in quads if str(q[1]) in keep or str(q[1]) in kept_evidence]


def export_rdf(store: Store, fmt: str, subgraph: Subgraph | None = None) -> bytes:
    """Serialise the store (or the description of a sub-graph's entities and their evidence) as RDF; 'nq' keeps
    each document's named graph, the others merge them."""
    serializer = RDF_FORMATS[fmt][0]
    quads = _quads(store, _keep(subgraph, store))
    if fmt == "nq":
        dataset = Dataset()
        for g, s, p, o in quads:
            dataset.graph(g).add((s, p, o))
        return dataset.serialize(format=serializer, encoding="utf-8")
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    for _, s, p, o in quads:
        graph.add((s, p, o))
    if fmt == "jsonld":
        return graph.serialize(format=serializer, context=jsonld_context()["@context"], encoding="utf-8")
    return graph.serialize(format=serializer, encoding="utf-8")


def export(store: Store, fmt: str, subgraph: Subgraph | None = None) -> bytes:
    """The store or a sub-graph in one of FORMATS (ValueError naming the format when it is unknown)."""
    if fmt in RDF_FORMATS:
        return export_rdf(store, fmt, subgraph)
    if fmt in GRAPH_FORMATS:
        return GRAPH_FORMATS[fmt][0](graphs.build(store, subgraph))
    raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")


def context_bytes() -> bytes:
    return json.dumps(jsonld_context(), indent=1).encode("utf-8")

