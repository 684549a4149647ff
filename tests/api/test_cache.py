"""The API's answer cache: answers are served from it until the store changes, and a write through the store is
visible to the very next read of the same URL (embedded store, and a SPARQL server the API is sole writer of);
a SPARQL server other clients may write to is never cached."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import URIRef

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message=".*httpx2")
    from fastapi.testclient import TestClient

from api.cache import AnswerCache
from api.main import create_app
from loaders.pipeline import ensure_ontology, ingest_path
from store.base import Store, store_generation
from store.embedded import EmbeddedStore
from store.sparql import SparqlStore
from tests.conftest import OxigraphServer

LETTERS = sorted((Path(__file__).resolve().parents[2] / "data" / "letters").glob("*.txt"))


def _ids(client: TestClient, url: str) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()["items"]]


def _cache(client: TestClient) -> AnswerCache:
    cache = client.app.state.answer_cache  # type: ignore[attr-defined]
    assert isinstance(cache, AnswerCache)
    return cache


@pytest.fixture(params=["embedded", "sparql-sole-writer"])
def writable(request: pytest.FixtureRequest) -> Iterator[Store]:
    """An empty store of each kind whose every write goes through this object (so its answers may be cached)."""
    if request.param == "embedded":
        embedded = EmbeddedStore()
        yield embedded
        embedded.close()
        return
    server: OxigraphServer = request.getfixturevalue("oxigraph_server")
    sparql = SparqlStore(server.query_url, server.update_url, server.gsp_url, timeout=30, sole_writer=True)
    sparql.update("DROP ALL")
    yield sparql
    sparql.update("DROP ALL")


def test_a_write_through_the_store_is_visible_to_the_next_read_of_the_same_url(writable: Store) -> None:
    ensure_ontology(writable)
    first = ingest_path(writable, LETTERS[0])
    assert first.iri is not None
    with TestClient(create_app(store=writable)) as client:
        before = _ids(client, "/letters")
        assert _ids(client, "/letters") == before and len(before) == 1
        assert _cache(client).hits >= 1, "the second read must come from the cache"

        second = ingest_path(writable, LETTERS[1])  # a write through the store, not through the API
        assert second.iri is not None
        after = _ids(client, "/letters")
        assert len(after) == 2 and set(before) < set(after)

        assert writable.drop_graph(second.iri)
        assert _ids(client, "/letters") == before


def test_every_write_moves_the_generation(any_store: Store) -> None:
    """replace_graph, update and drop_graph each change the number the cache keys on (a SPARQL store only counts
    when it is the sole writer: by default it has no generation, so nothing is cached)."""
    if isinstance(any_store, SparqlStore):
        assert store_generation(any_store) is None
        any_store.sole_writer = True
    seen = [store_generation(any_store)]
    ensure_ontology(any_store)
    seen.append(store_generation(any_store))
    any_store.update("INSERT DATA { GRAPH <https://example.org/g> { <https://example.org/s> a kg:Letter } }")
    seen.append(store_generation(any_store))
    assert any_store.drop_graph(URIRef("https://example.org/g"))
    seen.append(store_generation(any_store))
    assert None not in seen and len(set(seen)) == len(seen), seen


def test_a_sparql_server_other_clients_write_to_is_never_cached(oxigraph_server: OxigraphServer) -> None:
    served = oxigraph_server.store()  # not the sole writer
    other = oxigraph_server.store()  # another client of the same server
    served.update("DROP ALL")
    ensure_ontology(other)
    assert ingest_path(other, LETTERS[0]).iri is not None
    with TestClient(create_app(store=served)) as client:
        assert len(_ids(client, "/letters")) == 1
        assert ingest_path(other, LETTERS[1]).iri is not None
        assert len(_ids(client, "/letters")) == 2
        assert _cache(client).hits == 0 and len(_cache(client)) == 0
    served.update("DROP ALL")


def test_a_cached_list_is_paged_and_filtered_like_a_fresh_one(client: TestClient) -> None:
    """Paging slices the cached list: pages of a cached answer join up to the whole list."""
    whole = _ids(client, "/motions?limit=1000")
    pages = _ids(client, "/motions?limit=2") + _ids(client, "/motions?limit=2&offset=2")
    assert pages == whole[:4]
    assert _ids(client, "/motions?limit=1000") == whole
