"""Exports of the store or of a sub-graph: RDF (Turtle, N-Triples, N-Quads with one named graph per document,
JSON-LD with the published context) and the graph-tool formats of store/graphs.py (GraphML, GEXF, Cytoscape.js, CSV)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, Protocol

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.term import Identifier

import queries
from ontology.namespace import PREFIXES, RDF
from store import graphs
from store.base import SelectResult, Store, values_rows
from store.embedded import EmbeddedStore, to_ox
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
    return set(graphs.build(store, subgraph, attributes_wanted=False).nodes)


def _select(store: Store, sparql: str) -> list[dict[str, Identifier]]:
    result = store.query(sparql)
    assert isinstance(result, SelectResult)
    return result.rows


class Row(Protocol):
    """A row of the export queries in pyoxigraph terms (a QuerySolution or a dict): variable -> term."""

    def __getitem__(self, name: str) -> ox.NamedNode | ox.BlankNode | ox.Literal | None: ...


def _rows(store: Store, sparql: str) -> Iterator[Row]:
    """The SELECT's rows as pyoxigraph terms: straight from pyoxigraph for the embedded store (no rdflib terms,
    which cost ~15 us each and made a country's export take seconds), converted for any other store."""
    if isinstance(store, EmbeddedStore):
        native = store.native
        solutions = native.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=True)
        assert isinstance(solutions, ox.QuerySolutions)
        yield from solutions  # a QuerySolution is read by variable name like a dict
        return
    for row in _select(store, sparql):
        yield {name: to_ox(term) for name, term in row.items()}


def _quads(store: Store, keep: set[str] | None) -> Iterator[ox.Quad]:
    """The whole store's quads, or the statements about the kept entities and the evidence nodes of facts whose
    subject and (IRI) object are kept; read with one query per NODES_PER_QUERY entities, not a scan of the store."""
    if keep is None:
        for row in _rows(store, "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"):
            yield _quad(row)
        return
    if isinstance(store, EmbeddedStore):
        yield from _native_quads(store.native, keep)
        return
    descriptions = queries.get("subgraph-descriptions").sparql
    evidence = queries.get("subgraph-evidence").sparql
    ordered = sorted(keep)
    for at in range(0, len(ordered), graphs.NODES_PER_QUERY):
        chunk = [URIRef(node) for node in ordered[at : at + graphs.NODES_PER_QUERY]]
        for row in _rows(store, values_rows(descriptions, "s", chunk)):
            yield _quad(row)
        for row in _rows(store, values_rows(evidence, "node", chunk)):
            target = row["object"]
            if isinstance(target, ox.Literal) or (isinstance(target, ox.NamedNode) and target.value in keep):
                yield _quad(row)


_SUBJECT, _OBJECT = ox.NamedNode(str(RDF.subject)), ox.NamedNode(str(RDF.object))


def _native_quads(native: ox.Store, keep: set[str]) -> Iterator[ox.Quad]:
    """What _quads reads with subgraph-descriptions.rq and subgraph-evidence.rq (the same quads), read from
    pyoxigraph's indexes by pattern: its Quad objects come ready-made, where a query's rows cost a Python lookup per
    variable and a new Quad each (a country's export spent ~40% less time here; exports run beside lookups)."""
    for node in sorted(keep):
        entity = ox.NamedNode(node)
        for quad in native.quads_for_pattern(entity, None, None, None):
            if not isinstance(quad.graph_name, ox.DefaultGraph):  # the queries read named graphs (GRAPH ?g) only
                yield quad
        for link in native.quads_for_pattern(None, _SUBJECT, entity, None):
            evidence, graph = link.subject, link.graph_name
            if isinstance(graph, ox.DefaultGraph):
                continue
            for found in native.quads_for_pattern(evidence, _OBJECT, None, graph):
                target = found.object
                if isinstance(target, ox.Literal) or (isinstance(target, ox.NamedNode) and target.value in keep):
                    yield from native.quads_for_pattern(evidence, None, None, graph)
                    break


def _quad(row: Row) -> ox.Quad:
    subject, predicate, value, graph = row["s"], row["p"], row["o"], row["g"]
    assert isinstance(subject, ox.NamedNode | ox.BlankNode) and isinstance(predicate, ox.NamedNode)
    assert isinstance(graph, ox.NamedNode) and value is not None
    return ox.Quad(subject, predicate, value, graph)


class ExportTooLarge(ValueError):
    """An export would hold more statements (or relations) than its limit; the message says how many and why."""

    def __init__(self, count: int, limit: int, what: str) -> None:
        super().__init__(
            f"this export holds {count} {what}, more than the limit of {limit}: narrow it with a filter (doc, "
            "country, programme, person, since, until, around), or export on the server with `kamergraph export`"
        )


def export_rdf(store: Store, fmt: str, subgraph: Subgraph | None = None, *, limit: int | None = None) -> bytes:
    """Serialise the store (or the description of a sub-graph's entities and their evidence) as RDF; 'nq' keeps
    each document's named graph, the others merge them. pyoxigraph serialises (rdflib took seconds per MB).
    ExportTooLarge when it would hold more than `limit` statements."""
    quads = set(_quads(store, _keep(subgraph, store)))
    if limit is not None and len(quads) > limit:
        raise ExportTooLarge(len(quads), limit, "statements")
    if fmt == "nq":
        return ox.serialize(sorted(quads, key=str), format=ox.RdfFormat.N_QUADS) or b""
    triples = sorted({q.triple for q in quads}, key=str)
    if fmt == "nt":
        return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
    if fmt == "ttl":
        return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=dict(PREFIXES)) or b""
    if fmt == "jsonld":
        nodes = json.loads(ox.serialize(triples, format=ox.RdfFormat.JSON_LD) or b"[]")
        document = {**jsonld_context(), "@graph": nodes}
        return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    raise ValueError(f"unknown RDF format {fmt!r}; choose one of {', '.join(RDF_FORMATS)}")


def export(store: Store, fmt: str, subgraph: Subgraph | None = None, *, limit: int | None = None) -> bytes:
    """The store or a sub-graph in one of FORMATS (ValueError naming the format when it is unknown); ExportTooLarge
    when it would hold more than `limit` statements (RDF) or relations (graph formats)."""
    if fmt in RDF_FORMATS:
        return export_rdf(store, fmt, subgraph, limit=limit)
    if fmt in GRAPH_FORMATS:
        graph = graphs.build(store, subgraph)
        if limit is not None and graph.number_of_edges() > limit:
            raise ExportTooLarge(graph.number_of_edges(), limit, "relations")
        return GRAPH_FORMATS[fmt][0](graph)
    raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")


def context_bytes() -> bytes:
    return json.dumps(jsonld_context(), indent=1).encode("utf-8")

