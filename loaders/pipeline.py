"""read -> extract -> resolve -> to_rdf -> validate -> store, one document at a time, each stored atomically."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from rdflib import Graph, URIRef

import shapes
from loaders.document import Document
from loaders.errors import InvalidDocument, LoadError
from loaders.extract import extract_all
from loaders.read import read_path
from loaders.resolve import Resolution, resolve
from loaders.to_rdf import build_graph
from ontology import ONTOLOGY_FILE
from ontology.namespace import ONTOLOGY_IRI
from store.base import SelectResult, Store


class Outcome(StrEnum):
    LOADED = "loaded"
    REPLACED = "replaced"
    UNCHANGED = "unchanged"
    REJECTED = "rejected"


@dataclass
class LoadResult:
    source: str
    outcome: Outcome
    iri: URIRef | None = None
    triples: int = 0
    error: str | None = None


@dataclass
class Built:
    """A document's validated graph, ready to store."""

    document: Document
    resolution: Resolution
    graph: Graph


def build(doc: Document) -> Built:
    """Extract, resolve and build the document's graph; raise InvalidDocument when it fails the shapes."""
    resolution = resolve(doc, extract_all(doc))
    graph = build_graph(resolution)
    report = shapes.validate(graph)
    if not report.conforms:
        raise InvalidDocument(doc.name, report.text())
    return Built(doc, resolution, graph)


def build_path(path: Path) -> Built:
    return build(read_path(path))


def ensure_ontology(store: Store) -> None:
    """Keep the ontology in its own named graph, so queries can use the class hierarchy and fact properties."""
    graph = Graph().parse(ONTOLOGY_FILE)
    if not _same_graph(store, ONTOLOGY_IRI, graph):
        store.replace_graph(ONTOLOGY_IRI, graph)


def _stored_lines(store: Store, name: URIRef) -> list[str]:
    result = store.query("SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": name})
    assert isinstance(result, SelectResult)
    return sorted(f"{r['s'].n3()} {r['p'].n3()} {r['o'].n3()}" for r in result.rows)


def _same_graph(store: Store, name: URIRef, graph: Graph) -> bool:
    new = sorted(f"{s.n3()} {p.n3()} {o.n3()}" for s, p, o in graph)
    return _stored_lines(store, name) == new


def store_built(store: Store, built: Built) -> LoadResult:
    """Store the graph as the document's named graph, replacing an earlier version; unchanged graphs are skipped."""
    name = built.resolution.iri
    existed = name in set(store.graph_names())
    if existed and _same_graph(store, name, built.graph):
        return LoadResult(built.document.name, Outcome.UNCHANGED, name, len(built.graph))
    store.replace_graph(name, built.graph)
    return LoadResult(built.document.name, Outcome.REPLACED if existed else Outcome.LOADED, name, len(built.graph))


def ingest_path(store: Store, path: Path) -> LoadResult:
    """Load one file; a bad file is rejected with a message naming it, and nothing already stored changes."""
    try:
        built = build_path(path)
    except LoadError as exc:
        return LoadResult(str(path), Outcome.REJECTED, error=exc.problem)
    return store_built(store, built)
