"""The named queries behind the person, letter and motion routes give the same rows on an Oxigraph server as in the
embedded store (standard SPARQL 1.1: sub-selects, UNIONs, OPTIONALs with a condition, the split route queries)."""

from rdflib import Graph

from api import rows
from store.base import SelectResult, Store
from store.embedded import EmbeddedStore
from store.sparql import SparqlStore

#: (query, parameter, the ids to ask for: what the samples hold, plus one the store does not know)
CASES: list[tuple[str, str | None, list[str | None]]] = [
    ("persons", None, [None]),
    ("person", "person", ["de-vries-a", "dobbe", "kroger", "nobody-x"]),
    ("person-signatures", "person", ["de-vries-a", "sjoerdsma-s", "nobody-x"]),
    ("person-motions", "person", ["dobbe", "kroger", "nobody-x"]),
    ("letters", "kind", [None, "letter", "motion"]),
    ("motion-citations", "motion", ["kst-29237-247", "kst-22054-470", "kst-1-1"]),
    ("motion-submitters", "motion", ["kst-29237-247", "kst-22054-470", "kst-1-1"]),
    ("motion-countries", "motion", ["kst-29237-247", "kst-29237-244", "kst-1-1"]),
    ("motion-citing-documents", "motion", ["kst-29237-247", "kst-22054-470", "kst-29237-244", "kst-1-1"]),
    ("motion-citation-passages", "motion", ["kst-29237-247", "kst-22054-470", "kst-29237-244", "kst-1-1"]),
    ("motion-submitter-names", "motion", ["kst-29237-247", "kst-22054-470", "kst-29237-244", "kst-1-1"]),
    ("motion-submitter-passages", "motion", ["kst-29237-247", "kst-22054-470", "kst-29237-244", "kst-1-1"]),
    ("motion-country-ties", "motion", ["kst-29237-247", "kst-22054-470", "kst-29237-244", "kst-1-1"]),
    ("motion-country-passages", "motion", ["kst-29237-247", "kst-22054-470", "kst-29237-244", "kst-1-1"]),
    ("person-signed-documents", "person", ["de-vries-a", "sjoerdsma-s", "nobody-x"]),
    ("person-signature-passages", "person", ["de-vries-a", "sjoerdsma-s", "nobody-x"]),
]
DOCUMENT_QUERIES = ["letter", "letter-citations", "letter-facts", "letter-signatories"]


def _copy(source: EmbeddedStore, target: Store) -> None:
    """Every named graph of `source` into `target` (the server holds the same quads)."""
    for name in source.graph_names():
        graph = source.query("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": name})
        assert isinstance(graph, Graph) and len(graph) > 0, name
        target.replace_graph(name, graph)


def _rows(store: Store, name: str, params: dict[str, str | None]) -> list[str]:
    found = rows.select(store, name, **params)
    return sorted(repr(sorted((k, _normal(str(v))) for k, v in row.items())) for row in found)


def _normal(value: str) -> str:
    """A GROUP_CONCAT list in a fixed order (SPARQL leaves the order of its items open)."""
    return "\n".join(sorted(value.split("\n")))


def test_route_queries_give_the_same_rows_on_the_server_as_embedded(
    sample_letters: EmbeddedStore, sparql_store: SparqlStore
) -> None:
    _copy(sample_letters, sparql_store)
    documents = [rows.key(name) for name in sample_letters.graph_names() if "/document/" in str(name)]
    assert len(documents) == 5
    missing: list[str | None] = ["sha256-0000000000000000000"]
    cases = CASES + [(name, "doc", [*documents, *missing]) for name in DOCUMENT_QUERIES]
    answered = 0
    for name, param, ids in cases:
        for value in ids:
            params: dict[str, str | None] = {} if param is None else {param: value}
            embedded = _rows(sample_letters, name, params)
            assert _rows(sparql_store, name, params) == embedded, (name, value)
            answered += bool(embedded)
    # most questions have an answer in the samples (not a comparison of empty lists)
    assert answered >= 20
    result = sparql_store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert isinstance(result, SelectResult) and int(str(result.rows[0]["n"])) > 0
