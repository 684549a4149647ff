"""Property-graph views of the store for visualisation tools: sub-graph filters, GraphML, GEXF, Cytoscape.js, CSV."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, fields
from functools import cache
from typing import Any

import networkx as nx
from rdflib import Graph, Literal, URIRef
from rdflib.term import Identifier

import queries
from ontology import ONTOLOGY_FILE
from ontology.namespace import DCTERMS, FOAF, ID, KG, RDF, RDFS, SKOS
from store.base import SelectResult, Store, values_rows

#: The deepest neighbourhood a request may ask for (depth 3 around a country already spans most of a corpus).
MAX_DEPTH = 4


@dataclass(frozen=True)
class Subgraph:
    """Which part of the store to draw. Every field is optional; the document filters are combined (AND).

    doc, country, programme, person, since, until select documents (see queries/subgraph-edges.rq): the
    sub-graph holds the relations those documents state. around + depth then keep the entities at most `depth`
    relations away from `around` (either direction) and the relations among them.
    """

    doc: str | None = None
    country: str | None = None
    programme: str | None = None
    person: str | None = None
    since: str | None = None
    until: str | None = None
    around: str | None = None
    depth: int = 1

    def bindings(self) -> dict[str, Identifier]:
        """The document filters as RDF terms (queries.ParameterError naming the parameter when one is malformed)."""
        values = {f.name: getattr(self, f.name) for f in fields(self) if f.name not in ("around", "depth")}
        return queries.get("subgraph-edges").bind(values)

    def centre(self) -> URIRef | None:
        """The `around` entity as an IRI: a full IRI, or a path under /id/ such as 'country/SD'."""
        if not self.around:
            return None
        value = self.around.strip()
        term = queries.PARAM_KINDS["iri"](value) if ":" in value else ID[value.strip("/")]
        if not isinstance(term, URIRef):
            raise queries.ParameterError(f"parameter 'around'={value!r} is not an IRI")
        return term

    def validate(self) -> None:
        """Raise ParameterError naming the parameter when a value is malformed."""
        self.bindings()
        try:
            self.centre()
        except ValueError as exc:
            raise queries.ParameterError(f"parameter 'around'={self.around!r} is not a valid IRI: {exc}") from exc
        if not 1 <= self.depth <= MAX_DEPTH:
            raise queries.ParameterError(f"parameter 'depth' must be between 1 and {MAX_DEPTH}, not {self.depth}")

    def query_string(self) -> dict[str, str]:
        """The filters as URL query parameters (only those set), for links to the same sub-graph."""
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        out = {k: str(v) for k, v in values.items() if v not in (None, "") and k != "depth"}
        if self.around:
            out["depth"] = str(self.depth)
        return out

    @property
    def is_whole(self) -> bool:
        return not any(v for k, v in self.query_string().items())


def local_name(iri: str) -> str:
    """The last segment of an IRI: 'https://w3id.org/kamergraph/def#submitter' -> 'submitter'."""
    for sep in ("#", "/"):
        if sep in iri:
            iri = iri.rsplit(sep, 1)[1]
    return iri


@cache
def _superclasses() -> dict[URIRef, frozenset[URIRef]]:
    """Each ontology class with all its superclasses (from the shipped ontology file, read once)."""
    ontology = Graph().parse(ONTOLOGY_FILE)
    supers: dict[URIRef, frozenset[URIRef]] = {}
    for cls in set(ontology.subjects(RDF.type, None)):
        if isinstance(cls, URIRef):
            found = {s for s in ontology.transitive_objects(cls, RDFS.subClassOf) if isinstance(s, URIRef)}
            supers[cls] = frozenset(found - {cls})
    return supers


def most_specific(types: set[URIRef]) -> URIRef | None:
    """The type that is no superclass of another of the types (kg:Motion rather than kg:Kamerstuk)."""
    supers = _superclasses()
    candidates = [t for t in types if not any(t in supers.get(other, frozenset()) for other in types)]
    kg_first = sorted(candidates, key=lambda t: (not str(t).startswith(str(KG._NS)), str(t)))
    return kg_first[0] if kg_first else None


_LABEL_ORDER = (SKOS.prefLabel, FOAF.name, RDFS.label, DCTERMS.title, DCTERMS.identifier, KG.signedName,
                KG.amountText, KG.sourceFileName, KG.commitmentText)
#: node attribute name -> (property, conversion)
_ATTRIBUTES: dict[str, tuple[URIRef, Callable[[Literal], Any]]] = {
    "country_code": (KG.iso3166Alpha2, str),
    "amount": (KG.amount, lambda v: float(v.toPython())),
    "currency": (KG.currency, str),
    "amount_text": (KG.amountText, str),
    "date": (DCTERMS.date, str),
    "start_year": (KG.startYear, lambda v: int(v.toPython())),
    "end_year": (KG.endYear, lambda v: int(v.toPython())),
    "period": (KG.period, str),
    "identifier": (DCTERMS.identifier, str),
    "file": (KG.sourceFileName, str),
    "debate_type": (KG.debateType, str),
}
#: the columns of the nodes CSV (Gephi reads Id and Label; the rest become node attributes)
NODE_COLUMNS = ("iri", "type", "label", *_ATTRIBUTES)


def _label(values: Mapping[URIRef, list[Literal]], iri: str) -> str:
    for prop in _LABEL_ORDER:
        options = values.get(prop, [])
        if options:
            preferred = [v for v in options if v.language in (None, "nl")] or options
            text = " ".join(str(sorted(preferred, key=str)[0]).split())
            return text if len(text) <= 80 else text[:77] + "..."
    return local_name(iri)


#: the properties node attributes are read from (rdf:type, the labels and the _ATTRIBUTES)
ATTRIBUTE_PROPERTIES: tuple[URIRef, ...] = (
    RDF.type, *_LABEL_ORDER, *(prop for prop, _ in _ATTRIBUTES.values() if prop not in _LABEL_ORDER)
)


def attributes_from_rows(rows: Iterable[tuple[str, Identifier, Identifier]]) -> dict[str, dict[str, Any]]:
    """Type, label and key attributes by IRI from (node, property, value) rows: rdf:type values pick the most
    specific type, literals of the label and attribute properties the rest."""
    collected: dict[str, dict[URIRef, list[Literal]]] = {}
    types: dict[str, set[URIRef]] = {}
    for node, prop, value in rows:
        if prop == RDF.type:
            if isinstance(value, URIRef):
                types.setdefault(node, set()).add(value)
        elif isinstance(value, Literal) and isinstance(prop, URIRef):
            collected.setdefault(node, {}).setdefault(prop, []).append(value)
    attributes: dict[str, dict[str, Any]] = {}
    for node in set(collected) | set(types):
        values = collected.get(node, {})
        kind = most_specific(types.get(node, set()))
        attrs: dict[str, Any] = {"iri": node, "type": local_name(str(kind)) if kind else "Thing"}
        attrs["label"] = _label(values, node)
        for name, (prop, convert) in _ATTRIBUTES.items():
            found = sorted(values.get(prop, []), key=str)
            if found:
                attrs[name] = convert(found[0])
        attributes[node] = attrs
    return attributes


#: nodes per query when attributes are read for a set of nodes (the VALUES rows of one query)
NODES_PER_QUERY = 2000


def node_attributes(store: Store, nodes: Iterable[str] | None = None) -> dict[str, dict[str, Any]]:
    """Type, label and key attributes of every entity in the store (or of `nodes` only), by IRI
    (queries/graph-node-attributes.rq)."""
    if nodes is None:
        texts = [queries.get("graph-node-attributes").sparql]
    else:
        sparql = queries.get("subgraph-node-attributes").sparql
        chunks = _chunks(sorted(set(nodes)), NODES_PER_QUERY)
        texts = [values_rows(sparql, "node", [URIRef(n) for n in chunk]) for chunk in chunks]
    rows: list[tuple[str, Identifier, Identifier]] = []
    for text in texts:
        result = store.query(text)
        assert isinstance(result, SelectResult)
        rows += [(str(row["node"]), row["prop"], row["value"]) for row in result.rows]
    return attributes_from_rows(rows)


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for at in range(0, len(items), size):
        yield items[at : at + size]


#: Documents per query when an export reads the relations of the documents its filters selected.
DOCUMENTS_PER_QUERY = 200


def _edges(store: Store, subgraph: Subgraph) -> list[tuple[str, str, str]]:
    """The sub-graph's relations (s, p, o), in IRI order: subgraph-edges for the whole store; with a filter, the
    documents it selects first (subgraph-documents, index lookups) and then only those documents' statements
    (subgraph-document-edges with the documents as VALUES rows), about half the time of testing every document's
    every statement (a country of a 340-letter store: 1.6 s -> 0.8 s). Both give the rows of subgraph-edges."""
    if subgraph.is_whole:
        whole = store.query(queries.get("subgraph-edges").sparql, subgraph.bindings())
        assert isinstance(whole, SelectResult)
        return [(str(row["s"]), str(row["p"]), str(row["o"])) for row in whole.rows]
    selected = store.query(queries.get("subgraph-documents").sparql, subgraph.bindings())
    assert isinstance(selected, SelectResult)
    documents = [row["doc"] for row in selected.rows]
    edges: set[tuple[str, str, str]] = set()
    sparql = queries.get("subgraph-document-edges").sparql
    for at in range(0, len(documents), DOCUMENTS_PER_QUERY):
        chunk = values_rows(sparql, "doc", documents[at : at + DOCUMENTS_PER_QUERY])
        result = store.query(chunk)
        assert isinstance(result, SelectResult)
        edges.update((str(row["s"]), str(row["p"]), str(row["o"])) for row in result.rows)
    return sorted(edges)


def build(store: Store, subgraph: Subgraph | None = None, *, attributes_wanted: bool = True) -> nx.MultiDiGraph:
    """The sub-graph as a networkx multigraph: nodes keyed by IRI with their attributes, one edge per relation
    (key and `relation` = the property's local name, `predicate` = its IRI); without `attributes_wanted` the nodes
    carry only their IRI, type Thing and a local name (enough to know which nodes the sub-graph has)."""
    subgraph = subgraph or Subgraph()
    subgraph.validate()
    graph = nx.MultiDiGraph()
    for s, p, o in _edges(store, subgraph):
        graph.add_edge(s, o, key=p, relation=local_name(p), predicate=p)
    centre = subgraph.centre()
    if centre is not None:
        if str(centre) in graph:
            graph = nx.ego_graph(graph, str(centre), radius=subgraph.depth, undirected=True).copy()
        else:
            graph = nx.MultiDiGraph()
    nodes = None if subgraph.is_whole and centre is None else graph.nodes
    attributes = node_attributes(store, nodes) if attributes_wanted else {}
    for node in graph.nodes:
        graph.nodes[node].update(attributes.get(node, {"iri": node, "type": "Thing", "label": local_name(node)}))
    return graph


def to_graphml(graph: nx.MultiDiGraph) -> bytes:
    out = io.BytesIO()
    nx.write_graphml(graph, out, encoding="utf-8")
    return out.getvalue()


def to_gexf(graph: nx.MultiDiGraph) -> bytes:
    out = io.BytesIO()
    nx.write_gexf(graph, out, encoding="utf-8")
    return out.getvalue()


def edge_id(source: str, predicate: str, target: str) -> str:
    return f"{source} {predicate} {target}"


def to_cytoscape(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """Cytoscape.js elements JSON: {"elements": {"nodes": [{"data": {...}}], "edges": [{"data": {...}}]}}."""
    nodes = [{"data": {"id": node, **data}} for node, data in sorted(graph.nodes(data=True))]
    edges = [
        {"data": {"id": edge_id(s, key, o), "source": s, "target": o, **data}}
        for s, o, key, data in sorted(graph.edges(keys=True, data=True))
    ]
    return {"elements": {"nodes": nodes, "edges": edges}}


def to_csv_nodes(graph: nx.MultiDiGraph) -> bytes:
    """Nodes as CSV that Gephi's spreadsheet import reads: Id, Label, then the attributes."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["Id", "Label", *(c for c in NODE_COLUMNS if c != "label")])
    for node, data in sorted(graph.nodes(data=True)):
        writer.writerow([node, data.get("label", ""), *(data.get(c, "") for c in NODE_COLUMNS if c != "label")])
    return out.getvalue().encode("utf-8")


def to_csv_edges(graph: nx.MultiDiGraph) -> bytes:
    """Edges as CSV that Gephi's spreadsheet import reads: Source, Target, Type (Directed), Id, Label (relation)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["Source", "Target", "Type", "Id", "Label", "predicate"])
    for s, o, key, data in sorted(graph.edges(keys=True, data=True)):
        writer.writerow([s, o, "Directed", edge_id(s, key, o), data["relation"], data["predicate"]])
    return out.getvalue().encode("utf-8")


def _cytoscape_bytes(graph: nx.MultiDiGraph) -> bytes:
    return json.dumps(to_cytoscape(graph), ensure_ascii=False).encode("utf-8")


#: format name -> (writer, media type, file extension)
GRAPH_FORMATS: dict[str, tuple[Callable[[nx.MultiDiGraph], bytes], str, str]] = {
    "graphml": (to_graphml, "application/graphml+xml", ".graphml"),
    "gexf": (to_gexf, "application/gexf+xml", ".gexf"),
    "cyjs": (_cytoscape_bytes, "application/json", ".cyjs"),
    "csv-nodes": (to_csv_nodes, "text/csv", ".nodes.csv"),
    "csv-edges": (to_csv_edges, "text/csv", ".edges.csv"),
}
