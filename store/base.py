"""The Store protocol every backend implements (query, update, replace and drop a named graph) and its result types."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from rdflib import Graph
from rdflib.term import Identifier, Literal, URIRef

#: A query's parameters: variable name (without '?') -> RDF term, bound by the store, never pasted as text.
Bindings = Mapping[str, Identifier]


class StoreError(Exception):
    """The store cannot be opened, queried or written; the message says which store and why."""


class QueryError(StoreError):
    """A query or update is malformed or refused."""


@dataclass
class SelectResult:
    """Rows of a SELECT query: variables in query order, each row maps a variable to a term (absent when unbound)."""

    variables: list[str]
    rows: list[dict[str, Identifier]]

    def __iter__(self) -> Iterator[dict[str, Identifier]]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)


QueryResult = SelectResult | bool | Graph


class GraphChange(StrEnum):
    """What Store.put_graph did to the named graph."""

    LOADED = "loaded"  # it did not exist (or was empty) and now holds the triples
    REPLACED = "replaced"  # it held other triples, replaced in one transaction
    UNCHANGED = "unchanged"  # it held exactly these triples: nothing was written

_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
_VARIABLE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_SAFE_IRI = re.compile(r"^[a-z][a-z0-9+.-]*:[^\s<>\"{}|\\^`]*$", re.IGNORECASE)


def term_text(term: Identifier) -> str:
    """A term as SPARQL text, refusing anything that could break out of its token."""
    if isinstance(term, URIRef):
        if not _SAFE_IRI.match(term):
            raise QueryError(f"refusing to bind an IRI with characters not allowed in IRIs: {term!r}")
        return f"<{term}>"
    if isinstance(term, Literal):
        if term.datatype is not None and not _SAFE_IRI.match(term.datatype):
            raise QueryError(f"refusing to bind a literal whose datatype IRI has characters not allowed: {term!r}")
        return term.n3()  # rdflib escapes quotes, backslashes and line breaks
    raise QueryError(f"cannot bind {type(term).__name__} terms in a query")


def with_values(sparql: str, bindings: Bindings | None) -> str:
    """Bind parameters with a VALUES block at the start of the query's outermost WHERE group.

    The values are RDF terms serialised by term_text, so user input can never change the query's structure.
    """
    if not bindings:
        return sparql
    names = list(bindings)
    for name in names:
        if not _VARIABLE.match(name):
            raise QueryError(f"not a variable name: {name!r}")
    match = _WHERE.search(sparql)
    if match is None:
        raise QueryError("a parametrised query needs a 'WHERE {' clause to bind its parameters in")
    head = " ".join(f"?{n}" for n in names)
    row = " ".join(term_text(bindings[n]) for n in names)
    return f"{sparql[: match.end()]}\n  VALUES ({head}) {{ ({row}) }}\n{sparql[match.end() :]}"


def values_rows(sparql: str, variable: str, terms: Iterable[Identifier]) -> str:
    """The query with `VALUES ?variable { ... }` (one row per term) at the start of its outermost WHERE group.

    For sets of terms the store itself returned (with_values binds one row of request parameters);
    every term goes through term_text, which refuses anything that could leave its token."""
    match = _WHERE.search(sparql)
    if match is None or not _VARIABLE.match(variable):
        raise QueryError("values_rows needs a query with a 'WHERE {' clause and a plain variable name")
    block = " ".join(term_text(term) for term in terms)
    return f"{sparql[: match.end()]}\n  VALUES ?{variable} {{ {block} }}\n{sparql[match.end() :]}"


def store_generation(store: object) -> int | None:
    """A number that changes after every write made through `store` (replace_graph, drop_graph, update), for caches
    of answers; None when the store has none or cannot vouch for seeing every write (other clients of a server).

    Stores bump it *after* a write is applied, so an answer computed under the number read before it is never newer
    than the store at that number.
    """
    generation = getattr(store, "generation", None)
    return generation if isinstance(generation, int) else None


class Store(Protocol):
    """A quad store holding one named graph per document; queries see the union of all graphs as default graph."""

    def query(self, sparql: str, bindings: Bindings | None = None) -> QueryResult:
        """Run a SPARQL 1.1 query (SELECT -> SelectResult, ASK -> bool, CONSTRUCT/DESCRIBE -> Graph)."""
        ...

    def update(self, sparql: str) -> None:
        """Run a SPARQL 1.1 Update in one transaction."""
        ...

    def put_graph(self, name: URIRef, ntriples: str | bytes) -> GraphChange:
        """Make the named graph `name` hold exactly the triples of the N-Triples text `ntriples`, atomically (whole or
        not at all; a reader sees the old or the new graph), writing nothing when it holds them already.
        Malformed N-Triples raise QueryError and change nothing."""
        ...

    def put_graphs(self, graphs: Sequence[tuple[URIRef, str]]) -> list[GraphChange]:
        """put_graph for each (name, N-Triples) pair, in order, for batch ingests: a store may write them together,
        but each graph is still stored whole or not at all, and all are stored (durably) when this returns."""
        ...

    def replace_graph(self, name: URIRef, graph: Graph) -> None:
        """put_graph with an rdflib graph (serialised to N-Triples)."""
        ...

    def drop_graph(self, name: URIRef) -> bool:
        """Remove a named graph; True when it existed."""
        ...

    def graph_names(self) -> Sequence[URIRef]: ...

    def triple_count(self) -> int: ...

    def close(self) -> None: ...
