"""The embedded store keeps one named graph per document, replaces graphs atomically and binds parameters as terms."""

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from store.base import QueryError, SelectResult
from store.embedded import EmbeddedStore

EX = "https://example.org/"


def _graph(*objects: str) -> Graph:
    g = Graph()
    for i, o in enumerate(objects):
        g.add((URIRef(f"{EX}s{i}"), URIRef(f"{EX}p"), Literal(o)))
    return g


def _values(store: EmbeddedStore) -> list[str]:
    result = store.query("SELECT ?o WHERE { ?s ?p ?o } ORDER BY ?o")
    assert isinstance(result, SelectResult)
    return [str(r["o"]) for r in result]


def test_replacing_a_graph_leaves_the_other_graphs_alone() -> None:
    store = EmbeddedStore()
    store.replace_graph(URIRef(f"{EX}g1"), _graph("a", "b"))
    store.replace_graph(URIRef(f"{EX}g2"), _graph("c"))
    store.replace_graph(URIRef(f"{EX}g1"), _graph("d"))
    assert _values(store) == ["c", "d"]
    assert store.graph_names() == [URIRef(f"{EX}g1"), URIRef(f"{EX}g2")]


def test_dropping_a_graph_removes_only_it() -> None:
    store = EmbeddedStore()
    store.replace_graph(URIRef(f"{EX}g1"), _graph("a"))
    store.replace_graph(URIRef(f"{EX}g2"), _graph("b"))
    assert store.drop_graph(URIRef(f"{EX}g1")) is True
    assert store.drop_graph(URIRef(f"{EX}g1")) is False
    assert _values(store) == ["b"]


def test_the_store_persists_on_disk(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "store")
    store.replace_graph(URIRef(f"{EX}g1"), _graph("kept"))
    store.close()
    reopened = EmbeddedStore(tmp_path / "store", read_only=True)
    assert _values(reopened) == ["kept"]


def test_literals_with_quotes_braces_and_newlines_round_trip() -> None:
    store = EmbeddedStore()
    tricky = 'he said "}" ; DROP ALL #\n<x> \\ end'
    store.replace_graph(URIRef(f"{EX}g"), _graph(tricky))
    assert _values(store) == [tricky]


def test_a_bound_parameter_cannot_change_the_query() -> None:
    store = EmbeddedStore()
    store.replace_graph(URIRef(f"{EX}g"), _graph("a", "b"))
    injected = Literal('a" } UNION { ?s ?p ?o } #')
    result = store.query("SELECT ?s WHERE { ?s ?p ?o }", {"o": injected})
    assert isinstance(result, SelectResult)
    assert result.rows == []
    result = store.query("SELECT ?s WHERE { ?s ?p ?o }", {"o": Literal("a")})
    assert isinstance(result, SelectResult)
    assert [str(r["s"]) for r in result] == [f"{EX}s0"]


def test_an_iri_parameter_with_angle_brackets_is_refused() -> None:
    store = EmbeddedStore()
    with pytest.raises(QueryError, match="not allowed in IRIs"):
        store.query("SELECT ?o WHERE { ?s ?p ?o }", {"s": URIRef(EX + "x> } ; DROP ALL ; <y")})


def test_a_malformed_query_raises_query_error() -> None:
    with pytest.raises(QueryError):
        EmbeddedStore().query("SELECT WHERE {")


def test_ask_and_construct_results() -> None:
    store = EmbeddedStore()
    store.replace_graph(URIRef(f"{EX}g"), _graph("a"))
    assert store.query("ASK { ?s ?p 'a' }") is True
    constructed = store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    assert isinstance(constructed, Graph) and len(constructed) == 1
