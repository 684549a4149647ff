"""The Store contract, run on the embedded store and on a real Oxigraph server: both must give the same answers."""

from decimal import Decimal

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.term import Identifier

from ontology.namespace import KG
from store.base import GraphChange, QueryError, SelectResult, Store, store_generation

EX = "https://example.org/"
G1, G2 = URIRef(f"{EX}g1"), URIRef(f"{EX}g2")
P = URIRef(f"{EX}p")


def _graph(*objects: Identifier, subject: str = "s") -> Graph:
    graph = Graph()
    for i, o in enumerate(objects):
        graph.add((URIRef(f"{EX}{subject}{i}"), P, o))
    return graph


def _select(store: Store, sparql: str, bindings: dict[str, Identifier] | None = None) -> SelectResult:
    result = store.query(sparql, bindings)
    assert isinstance(result, SelectResult)
    return result


def _values(store: Store) -> list[str]:
    return [str(r["o"]) for r in _select(store, "SELECT ?o WHERE { ?s ?p ?o } ORDER BY ?o")]


def test_replacing_a_graph_leaves_the_other_graphs_alone(any_store: Store) -> None:
    any_store.replace_graph(G1, _graph(Literal("a"), Literal("b")))
    any_store.replace_graph(G2, _graph(Literal("c")))
    any_store.replace_graph(G1, _graph(Literal("d")))
    assert _values(any_store) == ["c", "d"]
    assert list(any_store.graph_names()) == [G1, G2]
    assert any_store.triple_count() == 2


def test_dropping_a_graph_removes_only_it_and_says_whether_it_existed(any_store: Store) -> None:
    any_store.replace_graph(G1, _graph(Literal("a")))
    any_store.replace_graph(G2, _graph(Literal("b")))
    assert any_store.drop_graph(G1) is True
    assert any_store.drop_graph(G1) is False
    assert _values(any_store) == ["b"]
    assert list(any_store.graph_names()) == [G2]


def test_replacing_a_graph_with_nothing_removes_it(any_store: Store) -> None:
    any_store.replace_graph(G1, _graph(Literal("a")))
    any_store.replace_graph(G1, Graph())
    assert list(any_store.graph_names()) == []
    assert any_store.triple_count() == 0


def test_queries_see_the_union_of_the_named_graphs_as_default_graph(any_store: Store) -> None:
    any_store.replace_graph(G1, _graph(Literal("a"), subject="x"))
    any_store.replace_graph(G2, _graph(Literal("b"), subject="y"))
    assert _values(any_store) == ["a", "b"]
    rows = _select(any_store, "SELECT ?g ?o WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g").rows
    assert [(r["g"], str(r["o"])) for r in rows] == [(G1, "a"), (G2, "b")]
    # a join across two documents' graphs, with no GRAPH clause
    any_store.replace_graph(G2, _graph(URIRef(f"{EX}x0"), subject="z"))
    joined = _select(any_store, "SELECT ?v WHERE { ?z ?p ?x . ?x ?p ?v }").rows
    assert [str(r["v"]) for r in joined] == ["a"]


def test_terms_come_back_exactly_as_stored(any_store: Store) -> None:
    terms: list[Identifier] = [
        Literal('he said "}" ; DROP ALL #\n<x> \\ end'),
        Literal("Soedan", lang="nl"),
        Literal("2025-03-03", datatype=XSD.date),
        Literal(42),
        Literal(Decimal("2.5")),  # in canonical form: Oxigraph stores decimals canonically ("2.50" -> "2.5")
        Literal("€ 2 miljoen – Côte d’Ivoire 中"),
        URIRef("https://example.org/caf%C3%A9/é?q=1#frag"),
    ]
    any_store.replace_graph(G1, _graph(*terms))
    rows = _select(any_store, "SELECT ?s ?o WHERE { ?s ?p ?o } ORDER BY ?s").rows
    assert [r["o"] for r in rows] == terms
    assert all(type(r["o"]) is type(t) for r, t in zip(rows, terms, strict=True))


def test_blank_nodes_come_back_as_blank_nodes_that_keep_their_identity(any_store: Store) -> None:
    node = BNode()
    graph = Graph()
    graph.add((URIRef(f"{EX}s"), P, node))
    graph.add((node, P, Literal("inner")))
    any_store.replace_graph(G1, graph)
    rows = _select(any_store, f"SELECT ?b ?v WHERE {{ <{EX}s> ?p ?b . ?b ?p ?v }}").rows
    assert len(rows) == 1 and isinstance(rows[0]["b"], BNode) and rows[0]["v"] == Literal("inner")
    constructed = any_store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    assert isinstance(constructed, Graph) and constructed.isomorphic(graph)


@pytest.mark.parametrize(
    "injected",
    [
        Literal('a" } UNION { ?s ?p ?o } #'),
        Literal("a'''\n\"\"\" ) (UNDEF) } #"),
        Literal("a", datatype=URIRef(EX + "t> ) (UNDEF) } VALUES (?z) { (<" + EX)),
        URIRef(EX + "x> ) (UNDEF) } #"),
    ],
    ids=["quote-brace", "long-string", "datatype-iri", "iri"],
)
def test_a_bound_parameter_cannot_change_the_query(any_store: Store, injected: Identifier) -> None:
    any_store.replace_graph(G1, _graph(Literal("a"), Literal("b")))
    try:
        rows = _select(any_store, "SELECT ?s WHERE { ?s ?p ?o }", {"o": injected}).rows
    except QueryError as exc:
        assert "not allowed" in str(exc)  # refused before anything reached the store
    else:
        assert rows == []  # the whole text was matched as one term, which no triple has
    assert _values(any_store) == ["a", "b"]


def test_a_bound_parameter_selects_like_a_constant(any_store: Store) -> None:
    any_store.replace_graph(G1, _graph(Literal("a"), Literal("b")))
    rows = _select(any_store, "SELECT ?s WHERE { ?s ?p ?o }", {"o": Literal("a")}).rows
    assert [str(r["s"]) for r in rows] == [f"{EX}s0"]
    graph_rows = _select(any_store, "SELECT ?o WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?o", {"g": G1}).rows
    assert [str(r["o"]) for r in graph_rows] == ["a", "b"]


def test_a_graph_name_that_is_not_an_iri_changes_nothing(any_store: Store) -> None:
    any_store.replace_graph(G1, _graph(Literal("a")))
    evil = URIRef(f"{EX}x> ; DROP ALL ; DROP SILENT GRAPH <{EX}y")
    with pytest.raises(QueryError):
        any_store.replace_graph(evil, _graph(Literal("b")))
    assert _values(any_store) == ["a"]


def test_a_malformed_query_raises_query_error(any_store: Store) -> None:
    with pytest.raises(QueryError):
        any_store.query("SELECT WHERE {")


def test_an_update_passed_as_a_query_is_refused_and_changes_nothing(any_store: Store) -> None:
    any_store.replace_graph(G1, _graph(Literal("a")))
    with pytest.raises(QueryError):
        any_store.query("DROP ALL")
    assert _values(any_store) == ["a"]


def test_a_malformed_update_raises_query_error(any_store: Store) -> None:
    with pytest.raises(QueryError):
        any_store.update("INSERT DATA { GRAPH <x:g> { <x:s> <x:p> } }")


def test_updates_and_queries_know_the_ontology_prefixes(any_store: Store) -> None:
    any_store.update(f'INSERT DATA {{ GRAPH <{G1}> {{ <{EX}m> a kg:Motion ; rdfs:label "m" }} }}')
    rows = _select(any_store, "SELECT ?m ?label WHERE { ?m a kg:Motion ; rdfs:label ?label }").rows
    assert rows == [{"m": URIRef(f"{EX}m"), "label": Literal("m")}]
    assert list(any_store.graph_names()) == [G1]


def test_an_update_that_names_its_graphs_copies_and_deletes_the_same_on_both(any_store: Store) -> None:
    any_store.replace_graph(G1, _graph(Literal("a"), Literal("b")))
    any_store.update(f"INSERT {{ GRAPH <{G2}> {{ ?s ?p 'a' }} }} WHERE {{ GRAPH <{G1}> {{ ?s ?p 'a' }} }}")
    any_store.update(f"DELETE WHERE {{ GRAPH <{G1}> {{ ?s ?p 'a' }} }}")
    rows = _select(any_store, "SELECT ?g ?o WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g ?o").rows
    assert [(r["g"], str(r["o"])) for r in rows] == [(G1, "b"), (G2, "a")]


def test_ask_and_construct_results(any_store: Store) -> None:
    any_store.replace_graph(G1, _graph(Literal("a"), Literal("b")))
    assert any_store.query("ASK { ?s ?p 'a' }") is True
    assert any_store.query("ASK { ?s ?p 'z' }") is False
    constructed = any_store.query("CONSTRUCT { ?s a kg:Motion } WHERE { ?s ?p 'a' }")
    assert isinstance(constructed, Graph)
    assert set(constructed) == {(URIRef(f"{EX}s0"), RDF.type, KG.Motion)}
    described = any_store.query("DESCRIBE ?s WHERE { ?s ?p 'b' }")
    assert isinstance(described, Graph)
    assert set(described) == {(URIRef(f"{EX}s1"), P, Literal("b"))}


def test_select_reports_unbound_variables_as_absent(any_store: Store) -> None:
    any_store.replace_graph(G1, _graph(Literal("a")))
    result = _select(any_store, "SELECT ?s ?missing WHERE { ?s ?p ?o OPTIONAL { ?s <x:none> ?missing } }")
    assert result.variables == ["s", "missing"]
    assert result.rows == [{"s": URIRef(f"{EX}s0")}]


def _nt(graph: Graph) -> str:
    return graph.serialize(format="nt")


def test_put_graph_says_loaded_unchanged_or_replaced_and_stores_exactly_the_text(any_store: Store) -> None:
    """put_graph takes N-Triples text: a new graph is loaded, the same triples again write nothing, other triples
    replace the graph (the old ones are gone), and the other graphs are left alone."""
    first, second = _graph(Literal("a"), Literal("b")), _graph(Literal("c"))
    any_store.put_graph(G2, _nt(_graph(Literal("other"), subject="o")))
    assert any_store.put_graph(G1, _nt(first)) is GraphChange.LOADED
    generation = store_generation(any_store)
    assert any_store.put_graph(G1, _nt(first).encode()) is GraphChange.UNCHANGED  # bytes work as text does
    assert store_generation(any_store) == generation  # nothing was written
    assert any_store.put_graph(G1, _nt(second)) is GraphChange.REPLACED
    assert _values(any_store) == ["c", "other"]
    assert any_store.put_graph(G1, "") is GraphChange.REPLACED
    assert list(any_store.graph_names()) == [G2]


def test_put_graph_refuses_malformed_ntriples_and_changes_nothing(any_store: Store) -> None:
    """Text that is not N-Triples (here: an attempt to close an INSERT DATA block) is refused whether the graph is
    new or replaces one; the store keeps what it had."""
    any_store.put_graph(G1, _nt(_graph(Literal("a"))))
    hostile = f'<{EX}s> <{EX}p> "x" . }} }} ; DROP ALL ; INSERT DATA {{ GRAPH <{EX}g3> {{ <{EX}s> <{EX}p> "y" .\n'
    for name in (G1, G2):
        with pytest.raises(QueryError, match="N-Triples"):
            any_store.put_graph(name, hostile)
    assert _values(any_store) == ["a"]
    assert list(any_store.graph_names()) == [G1]


def _stored(store: Store) -> set[tuple[Identifier, ...]]:
    rows = _select(store, "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }").rows
    return {(r["g"], r["s"], r["p"], r["o"]) for r in rows}


def test_put_graphs_stores_what_put_graph_one_by_one_stores(any_store: Store) -> None:
    """A batch (the embedded store bulk-loads its new graphs together) ends in the same store as put_graph called for
    each pair in order, with the same changes: new graphs loaded, an existing one replaced or left unchanged, and a
    name given twice holding its last text."""
    any_store.put_graph(G1, _nt(_graph(Literal("kept"))))
    any_store.put_graph(G2, _nt(_graph(Literal("old"))))
    new = [(URIRef(f"{EX}n{i}"), _nt(_graph(Literal(f"new {i}"), BNode(), subject=f"n{i}-"))) for i in range(6)]
    batch = [
        (G1, _nt(_graph(Literal("kept")))),
        *new[:3],
        (G2, _nt(_graph(Literal("changed")))),
        *new[3:],
        (new[0][0], _nt(_graph(Literal("second text"), subject="n0-"))),
    ]
    changes = any_store.put_graphs(batch)
    loaded, replaced = GraphChange.LOADED, GraphChange.REPLACED
    assert changes == [GraphChange.UNCHANGED, loaded, loaded, loaded, replaced, loaded, loaded, loaded, replaced]
    stored = _stored(any_store)
    assert {o for g, _, _, o in stored if g == new[0][0]} == {Literal("second text")}
    for name, _ in new[1:]:
        objects = {o for g, _, _, o in stored if g == name}
        assert Literal(f"new {name[-1]}") in objects and any(isinstance(o, BNode) for o in objects)
    assert {o for g, _, _, o in stored if g == G2} == {Literal("changed")}
    assert set(any_store.graph_names()) == {G1, G2, *(name for name, _ in new)}
    assert any_store.put_graphs(batch[-1:]) == [GraphChange.UNCHANGED]
