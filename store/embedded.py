"""The default store: pyoxigraph's embedded, persistent RocksDB store (no server to install), or in memory."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Identifier

from ontology.namespace import PREFIXES
from store.base import (
    Bindings,
    GraphChange,
    QueryError,
    QueryResult,
    SelectResult,
    StoreError,
    term_text,
    with_values,
)

NTRIPLES = ox.RdfFormat.N_TRIPLES


def to_ox(term: Identifier) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """An rdflib term as a pyoxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"cannot convert {term!r} to an RDF term")


def from_ox(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> Identifier:
    """A pyoxigraph term as an rdflib term."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == "http://www.w3.org/2001/XMLSchema#string":
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    raise TypeError(f"unexpected term {term!r}")


def parse_ntriples(data: str | bytes) -> set[ox.Triple]:
    """The triples of an N-Triples text (pyoxigraph's parser); QueryError saying where when it is malformed."""
    try:
        return {quad.triple for quad in ox.parse(data, format=NTRIPLES)}
    except SyntaxError as exc:
        raise QueryError(f"malformed N-Triples: {exc}") from exc


def ntriples_text(triples: set[ox.Triple]) -> str:
    """Triples as N-Triples written by pyoxigraph: text that can go into an INSERT DATA block as it is."""
    data = ox.serialize(triples, format=NTRIPLES)
    assert data is not None  # no output given: the text is returned
    return data.decode("utf-8")


def open_problem(path: Path | None, exc: OSError) -> str:
    """Why the store folder cannot be opened, in one line: in use by another process (RocksDB's LOCK file) or else."""
    detail = str(exc)
    if "LOCK" in detail or "lock file" in detail.lower():
        return (
            f"cannot open the store at {path}: another process is using it (a running `kamergraph serve`, `ingest` "
            f"or `load` holds its lock file {path}/LOCK); wait for that process to end or stop it, then run this again"
        )
    return f"cannot open the store at {path}: {detail}"


#: Called as each row (or triple) arrives, with the number kept so far; raises to stop the query.
RowCheck = Callable[[int], None]


def _collect(result: ox.QuerySolutions | ox.QueryTriples, check: RowCheck | None) -> SelectResult | Graph:
    if isinstance(result, ox.QuerySolutions):
        variables = [v.value for v in result.variables]
        rows: list[dict[str, Identifier]] = []
        for solution in result:
            if check is not None:
                check(len(rows))
            row: dict[str, Identifier] = {}
            for name in variables:
                value = solution[name]
                if value is not None:
                    row[name] = from_ox(value)
            rows.append(row)
        return SelectResult(variables, rows)
    graph = Graph()
    for triple in result:
        if check is not None:
            check(len(graph))
        graph.add((from_ox(triple.subject), from_ox(triple.predicate), from_ox(triple.object)))
    return graph


class EmbeddedStore:
    """pyoxigraph Store; `path=None` keeps everything in memory (tests, digests).

    `generation` counts the writes made through this object (store.base.store_generation); a writable store on disk
    holds RocksDB's lock, so no other process writes to it unseen.
    """

    generation: int = 0

    def __init__(self, path: Path | None = None, *, read_only: bool = False) -> None:
        self.path = path
        self.read_only = read_only
        try:
            if path is None:
                self._store = ox.Store()
            elif read_only:
                self._store = ox.Store.read_only(str(path))
            else:
                path.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(path))
        except OSError as exc:
            raise StoreError(open_problem(path, exc)) from exc

    def query(self, sparql: str, bindings: Bindings | None = None, *, check: RowCheck | None = None) -> QueryResult:
        """As Store.query; `check`, when given, is called as each row or triple arrives and may raise to stop
        the query (pyoxigraph evaluates lazily, so a query stopped this way stops working)."""
        try:
            result = self._store.query(
                with_values(sparql, bindings), prefixes=PREFIXES, use_default_graph_as_union=True
            )
            if isinstance(result, ox.QueryBoolean):
                return bool(result)
            return _collect(result, check)
        except SyntaxError as exc:
            raise QueryError(f"malformed SPARQL query: {exc}") from exc
        except (OSError, RuntimeError, ValueError) as exc:  # evaluation errors surface while rows are read
            raise QueryError(f"query failed: {exc}") from exc

    def update(self, sparql: str) -> None:
        try:
            self._update(sparql)
        finally:
            self.generation += 1  # after the write (and after a failed one, to be safe)

    def _update(self, sparql: str) -> None:
        try:
            self._store.update(sparql, prefixes=PREFIXES)
        except SyntaxError as exc:
            raise QueryError(f"malformed SPARQL update: {exc}") from exc
        except OSError as exc:
            raise StoreError(f"update failed: {exc}") from exc

    def _triples(self, node: ox.NamedNode) -> set[ox.Triple]:
        """The named graph's triples; empty when there is no such graph."""
        if not self._store.contains_named_graph(node):
            return set()
        return {quad.triple for quad in self._store.quads_for_pattern(None, None, None, node)}

    def put_graph(self, name: URIRef, ntriples: str | bytes) -> GraphChange:
        """As Store.put_graph. A new graph is loaded by pyoxigraph's parser in one transaction (nothing goes through
        SPARQL); an existing one is compared first and replaced by one SPARQL Update (DROP + INSERT DATA of the
        triples as pyoxigraph writes them), the only way pyoxigraph drops and inserts in one transaction."""
        target = term_text(name)  # refuses a name with characters not allowed in IRIs
        node = ox.NamedNode(str(name))
        stored = self._triples(node)
        if not stored:
            try:
                self._store.load(ntriples, format=NTRIPLES, to_graph=node)
            except SyntaxError as exc:
                raise QueryError(f"malformed N-Triples for graph {name}: {exc}") from exc
            except OSError as exc:
                raise StoreError(f"loading graph {name} failed: {exc}") from exc
            finally:
                self.generation += 1
            return GraphChange.LOADED
        triples = parse_ntriples(ntriples)
        if triples == stored:
            return GraphChange.UNCHANGED
        data = ntriples_text(triples)
        self.update(f"DROP SILENT GRAPH {target} ;\nINSERT DATA {{ GRAPH {target} {{\n{data}\n}} }}")
        return GraphChange.REPLACED

    def replace_graph(self, name: URIRef, graph: Graph) -> None:
        self.put_graph(name, graph.serialize(format="nt"))

    def drop_graph(self, name: URIRef) -> bool:
        node = ox.NamedNode(str(name))
        if not self._store.contains_named_graph(node):
            return False
        try:
            self._store.remove_graph(node)
        finally:
            self.generation += 1
        return True

    def graph_names(self) -> Sequence[URIRef]:
        return sorted(URIRef(g.value) for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def triple_count(self) -> int:
        return len(self._store)

    def close(self) -> None:
        if not self.read_only:
            self._store.flush()
        del self._store
