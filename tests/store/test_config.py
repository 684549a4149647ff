"""store_from_environment picks the SPARQL server when KAMERGRAPH_SPARQL_URL is set, else the embedded store."""

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from store.base import StoreError
from store.config import store_from_environment
from store.embedded import EmbeddedStore
from store.sparql import SparqlStore

EX = "https://example.org/"


def test_without_a_sparql_url_the_embedded_store_at_the_path_is_opened(tmp_path: Path) -> None:
    store = store_from_environment(tmp_path / "store", environ={"KAMERGRAPH_SPARQL_URL": ""})
    assert isinstance(store, EmbeddedStore)
    assert store.path == tmp_path / "store"
    store.close()


def test_a_sparql_url_selects_the_server_and_the_update_url_defaults_to_it() -> None:
    store = store_from_environment(None, environ={"KAMERGRAPH_SPARQL_URL": "http://localhost:3030/ds"})
    assert isinstance(store, SparqlStore)
    assert (store.query_url, store.update_url, store.gsp_url, store.auth) == (
        "http://localhost:3030/ds",
        "http://localhost:3030/ds",
        None,
        None,
    )
    assert store.timeout == 60


def test_every_setting_is_read() -> None:
    store = store_from_environment(
        None,
        environ={
            "KAMERGRAPH_SPARQL_URL": "http://h:7878/query",
            "KAMERGRAPH_SPARQL_UPDATE_URL": "http://h:7878/update",
            "KAMERGRAPH_GSP_URL": "http://h:7878/store",
            "KAMERGRAPH_SPARQL_USER": "kg",
            "KAMERGRAPH_SPARQL_PASSWORD": "pw",
            "KAMERGRAPH_SPARQL_TIMEOUT": "2.5",
        },
    )
    assert isinstance(store, SparqlStore)
    assert (store.update_url, store.gsp_url, store.auth, store.timeout) == (
        "http://h:7878/update",
        "http://h:7878/store",
        ("kg", "pw"),
        2.5,
    )


def test_read_only_keeps_no_write_url() -> None:
    environ = {"KAMERGRAPH_SPARQL_URL": "http://h/q", "KAMERGRAPH_GSP_URL": "http://h/store"}
    store = store_from_environment(None, read_only=True, environ=environ)
    assert isinstance(store, SparqlStore)
    assert (store.update_url, store.gsp_url) == (None, None)


@pytest.mark.parametrize(
    ("extra", "problem"),
    [
        ({"KAMERGRAPH_SPARQL_USER": "kg"}, "set both KAMERGRAPH_SPARQL_USER and KAMERGRAPH_SPARQL_PASSWORD"),
        ({"KAMERGRAPH_SPARQL_TIMEOUT": "soon"}, "KAMERGRAPH_SPARQL_TIMEOUT must be a number of seconds"),
        ({"KAMERGRAPH_SPARQL_TIMEOUT": "0"}, "KAMERGRAPH_SPARQL_TIMEOUT must be a positive number"),
        ({"KAMERGRAPH_GSP_URL": "/store"}, "the graph store URL must be an http"),
    ],
)
def test_bad_settings_are_refused_with_the_setting_named(extra: dict[str, str], problem: str) -> None:
    with pytest.raises(StoreError, match=problem):
        store_from_environment(None, environ={"KAMERGRAPH_SPARQL_URL": "http://h/q", **extra})


def test_the_environment_reaches_a_real_server(sparql_store: SparqlStore) -> None:
    graph = Graph()
    graph.add((URIRef(f"{EX}s"), URIRef(f"{EX}p"), Literal("x")))
    environ = {
        "KAMERGRAPH_SPARQL_URL": sparql_store.query_url,
        "KAMERGRAPH_SPARQL_UPDATE_URL": sparql_store.update_url or "",
        "KAMERGRAPH_GSP_URL": sparql_store.gsp_url or "",
    }
    store = store_from_environment(None, environ=environ)
    store.replace_graph(URIRef(f"{EX}g"), graph)
    assert sparql_store.triple_count() == 1
