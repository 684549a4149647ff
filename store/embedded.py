"""The default store: pyoxigraph's embedded, persistent RocksDB store (no server to install), or in memory."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
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
#: In a store folder while put_graphs bulk-loads: the names of the new graphs being written, one IRI a line. A store
#: opened for writing with this file present was cut off by a crash mid-load: the graphs it lists are dropped (they
#: were new, so nothing stored before is lost) and the file removed.
PENDING_FILE = "kamergraph-pending-graphs.txt"
#: Fewer new graphs than this in a put_graphs call are written one transaction each: the bulk loader's files cost
#: more than they save for a few graphs.
BULK_FROM = 4


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


def as_nquads(ntriples: str, graph: str) -> str:
    """N-Triples text as N-Quads in `graph` (an IRI), line by line: a text that is not one triple a line ending in
    " ." (comments, several triples on a line) comes out malformed, and the bulk load that reads it fails whole."""
    tail = f" <{graph}> .\n"
    return "".join(line.rstrip()[:-1] + tail for line in ntriples.splitlines() if line.strip())


def _sync_folder(folder: Path) -> None:
    """fsync a folder, so a file created, renamed or removed in it stays so after a power cut."""
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


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
    converted: dict[ox.NamedNode | ox.BlankNode | ox.Literal, Identifier] = {}

    def term(value: ox.NamedNode | ox.BlankNode | ox.Literal) -> Identifier:
        """from_ox, once per distinct term of the result (rows repeat terms: a third fewer conversions, typically)."""
        found = converted.get(value)
        if found is None:
            found = converted[value] = from_ox(value)
        return found

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
                    row[name] = term(value)
            rows.append(row)
        return SelectResult(variables, rows)
    graph = Graph()
    for triple in result:
        if check is not None:
            check(len(graph))
        graph.add((term(triple.subject), term(triple.predicate), term(triple.object)))
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
        if path is not None and not read_only:
            self._drop_pending()

    @property
    def native(self) -> ox.Store:
        """The pyoxigraph Store underneath, to read with its own API (exports read quads by pattern and serialise
        natively). Writes go through this class, which keeps the write generation and the pending bulk loads."""
        return self._store

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

    def put_graphs(self, graphs: Sequence[tuple[URIRef, str]]) -> list[GraphChange]:
        """As Store.put_graphs. Graphs the store does not hold yet are written together by pyoxigraph's bulk loader
        (RocksDB files built aside and added whole): ~40% less CPU per letter than a transaction each, and a store
        a third the size. The bulk loader is not transactional, so their names are first written to PENDING_FILE,
        which is removed once they are in; a crash in between leaves the file, and the next writable open drops
        the graphs it lists. Graphs the store holds already, and a second graph of the same name, go through
        put_graph (compared, replaced in one transaction). For batch ingests that hold the store alone (the CLI):
        a reader in the same process could see a bulk-loaded graph before it is whole."""
        changes: list[GraphChange | None] = [None] * len(graphs)
        fresh: dict[str, int] = {}
        for index, (name, _) in enumerate(graphs):
            term_text(name)  # refuses a name with characters not allowed in IRIs
            key = str(name)
            if key not in fresh and not self._store.contains_named_graph(ox.NamedNode(key)):
                fresh[key] = index
        if len(fresh) >= BULK_FROM:
            self._bulk_load({key: graphs[index][1] for key, index in fresh.items()})
            for index in fresh.values():
                changes[index] = GraphChange.LOADED
        return [
            change if change is not None else self.put_graph(name, ntriples)
            for change, (name, ntriples) in zip(changes, graphs, strict=True)
        ]

    def _bulk_load(self, graphs: dict[str, str]) -> None:
        """Write new graphs (IRI -> N-Triples) with the bulk loader, whole or (after a crash, see put_graphs) not at
        all; malformed text loads nothing and raises QueryError."""
        data = "".join(as_nquads(ntriples, name) for name, ntriples in graphs.items())
        self._write_pending(graphs)
        try:
            self._store.bulk_load(data, format=ox.RdfFormat.N_QUADS)
        except (SyntaxError, OSError) as exc:
            self._remove_graphs(graphs)
            self._clear_pending()
            if isinstance(exc, SyntaxError):
                raise QueryError(f"malformed N-Triples in a batch of {len(graphs)} graphs: {exc}") from exc
            raise StoreError(f"bulk loading {len(graphs)} graphs failed: {exc}") from exc
        finally:
            self.generation += 1
        self._clear_pending()

    def _pending_file(self) -> Path | None:
        return None if self.path is None else self.path / PENDING_FILE

    def _write_pending(self, names: Iterable[str]) -> None:
        pending = self._pending_file()
        if pending is None:
            return
        draft = pending.with_suffix(".draft")
        with draft.open("w", encoding="utf-8") as out:
            out.writelines(f"{name}\n" for name in names)
            out.flush()
            os.fsync(out.fileno())
        draft.replace(pending)
        _sync_folder(pending.parent)

    def _clear_pending(self) -> None:
        pending = self._pending_file()
        if pending is not None and pending.exists():
            pending.unlink()
            _sync_folder(pending.parent)

    def _drop_pending(self) -> None:
        """Drop the graphs of a bulk load a crash cut off (see put_graphs)."""
        pending = self._pending_file()
        if pending is None or not pending.exists():
            return
        self._remove_graphs(line for line in pending.read_text(encoding="utf-8").splitlines() if line)
        self._store.flush()
        self._clear_pending()

    def _remove_graphs(self, names: Iterable[str]) -> None:
        for name in names:
            self._store.remove_graph(ox.NamedNode(name))

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
