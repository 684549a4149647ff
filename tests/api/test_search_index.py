"""The search index stays in step with the store by re-indexing only what changed: documents added, removed or
re-hashed since the last sync, and documents the API's write path marks (a re-extraction keeps the text's hash);
entity types and labels match graphs.node_attributes computed over the whole store; an upload through the API is
found by the next search."""

from __future__ import annotations

import random
import threading
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

with warnings.catch_warnings():  # starlette's TestClient warns that it will move from httpx to httpx2
    warnings.filterwarnings("ignore", message=".*httpx2")
    from fastapi.testclient import TestClient

from api.main import create_app
from api.routes.search_index import search_index
from api.settings import Settings
from bench.generate import dutch_country_names, letter
from loaders.pipeline import ensure_ontology, ingest_path
from ontology.namespace import ID, SKOS
from store import graphs
from store.base import Bindings, QueryResult, SelectResult
from store.embedded import EmbeddedStore
from store.search import SearchIndex

LETTERS = sorted((Path(__file__).resolve().parents[2] / "data" / "letters").glob("*.txt"))
TOKEN = "test-token-0123456789abcdef"


class CountingStore(EmbeddedStore):
    """The real in-memory store, counting the queries it answers."""

    queries = 0

    def query(self, sparql: str, bindings: Bindings | None = None, **kwargs: object) -> QueryResult:
        self.queries += 1
        return super().query(sparql, bindings)


@pytest.fixture
def store() -> Iterator[CountingStore]:
    loaded = CountingStore(None)
    ensure_ontology(loaded)
    for path in LETTERS[:3]:
        assert ingest_path(loaded, path).iri is not None
    yield loaded
    loaded.close()


def documents(store: EmbeddedStore) -> list[str]:
    result = store.query("SELECT ?doc WHERE { GRAPH ?doc { ?doc kg:contentHash ?h } } ORDER BY ?doc")
    assert isinstance(result, SelectResult)
    return [str(row["doc"]) for row in result.rows]


def test_a_sync_after_one_added_or_removed_document_reindexes_only_that_document(store: CountingStore) -> None:
    index = SearchIndex()
    assert index.sync(store) == 3
    added = ingest_path(store, LETTERS[3]).iri
    assert added is not None
    assert index.sync(store) == 1
    assert any(hit.doc == str(added) for hit in index.search(store, "Soedan", limit=500))
    store.drop_graph(added)
    assert index.sync(store) == 1
    assert all(hit.doc != str(added) for hit in index.search(store, "Soedan", limit=500))


def test_entity_types_and_labels_match_the_whole_store_computation(store: CountingStore) -> None:
    """Kept per document and merged per entity, they equal graphs.node_attributes over the whole store, also after
    a document mentioning the same entities is removed."""
    index = SearchIndex()
    index.sync(store)
    ingest_path(store, LETTERS[3])
    index.sync(store)
    store.drop_graph(URIRef(documents(store)[0]))
    index.sync(store)
    attributes = graphs.node_attributes(store)
    found = index.lookup(store, attributes)
    assert len(found) == len(attributes) > 50
    assert found == {iri: (a["type"], a["label"]) for iri, a in attributes.items()}


def test_a_document_marked_changed_is_reindexed_even_with_the_same_content_hash(store: CountingStore) -> None:
    index = SearchIndex()
    index.sync(store)
    doc = documents(store)[0]
    result = store.query("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": URIRef(doc)})
    assert isinstance(result, Graph)
    result.add((URIRef(doc), SKOS.altLabel, Literal("Zwaluwstaartvlinder")))
    store.replace_graph(URIRef(doc), result)  # a re-extraction: same text, same hash, another graph
    assert index.sync(store) == 0, "the hash alone does not show the change"
    index.changed(doc)
    assert index.sync(store) == 1
    assert [hit.iri for hit in index.search(store, "zwaluwstaart")] == [doc]


def test_no_store_query_while_the_store_has_not_been_written(store: CountingStore) -> None:
    index = SearchIndex()
    index.sync(store)
    before = store.queries
    for _ in range(5):
        assert index.search(store, "Soedan")
    assert store.queries == before


def test_a_stopped_sync_keeps_what_it_indexed_and_the_next_one_completes(store: CountingStore) -> None:
    index = SearchIndex()
    halt = threading.Event()
    halt.set()
    assert index.sync(store, stop=halt) == 0
    assert index.sync(store) == 3


def test_an_upload_through_the_api_is_indexed_by_the_next_search(store: CountingStore) -> None:
    """The upload is prepared in the app's worker process and stored in the server's; the next search sees it."""
    text = letter(random.Random(5), dutch_country_names(), 777)
    app = create_app(Settings(store_path=Path("unused"), write_token=TOKEN), store=store)
    with TestClient(app) as client:
        assert client.get("/search", params={"q": "Soedan"}).status_code == 200
        index = search_index(app)
        before = {hit.doc for hit in index.search(store, "minister", limit=10_000)}
        answer = client.post(
            "/documents",
            files=[("files", ("new.txt", text.encode("utf-8"), "text/plain"))],
            headers={"Authorization": f"Bearer {TOKEN}"},
        ).json()
        assert answer["loaded"] == 1, answer
        new = str(ID["document/" + answer["results"][0]["id"]])
        assert new not in before
        assert new in index.lookup(store, [new])
        assert client.get("/search", params={"q": "Soedan"}).status_code == 200
        assert index.sync(store) == 0, "the search already synced the upload"


def _reindexed_in_reverse(store: CountingStore) -> SearchIndex:
    """An index of the same store whose FTS rows were inserted in the opposite order (as another process, with
    other string hashes, may insert them)."""
    index = SearchIndex()
    index.sync(store)
    db = index._db  # white-box: the row order is what the tie-break must not depend on
    rows = db.execute("SELECT text, entity, field, doc, start, stop FROM texts ORDER BY rowid DESC").fetchall()
    with db:
        db.execute("DELETE FROM texts")
        db.executemany("INSERT INTO texts (text, entity, field, doc, start, stop) VALUES (?,?,?,?,?,?)", rows)
    return index


@pytest.mark.parametrize("words", ["de", "Soedan", "minister", "motie"])
def test_hits_do_not_depend_on_the_order_the_rows_were_indexed(store: CountingStore, words: str) -> None:
    """Equal scores are broken by entity, document, offset and text, so the same store gives the same hits."""
    first, second = SearchIndex(), _reindexed_in_reverse(store)
    found = first.search(store, words, limit=200)
    assert found, f"'{words}' is in the sample letters"
    assert found == second.search(store, words, limit=200)


def test_a_smaller_limit_gives_the_first_hits_of_a_larger_one(store: CountingStore) -> None:
    """The rows are read only up to the limit-th entity: the best-first order is the one the full read gives."""
    index = SearchIndex()
    everything = index.search(store, "de", limit=10_000)
    assert len(everything) > 20
    assert len({hit.iri for hit in everything}) == len(everything), "one hit per entity"
    for limit in (1, 5, 20):
        assert index.search(store, "de", limit=limit) == everything[:limit]
    scores = [(hit.field == "quote", hit.score) for hit in everything]
    assert scores == sorted(scores), "labels and aliases first, then by score"
