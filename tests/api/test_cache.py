"""The API's caches: whole responses of the read routes (api/response_cache.py) and computed lists (api/cache.py) are
served until the store changes; a write through the store or through the API is visible to the very next read of
the same URL (embedded store, and a SPARQL server the API is sole writer of); a SPARQL server other clients may
write to is never cached; a hit is byte for byte what the whole app answered (security and CORS headers included);
errors, credentials, streamed and large answers, and writes are never cached."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import URIRef

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message=".*httpx2")
    from fastapi.testclient import TestClient

import api.response_cache
from api.cache import AnswerCache
from api.main import create_app
from api.response_cache import ResponseCache
from api.settings import Settings, SettingsError
from loaders.pipeline import ensure_ontology, ingest_path
from store.base import Store, store_generation
from store.embedded import EmbeddedStore
from store.sparql import SparqlStore
from tests.conftest import OxigraphServer

LETTERS = sorted((Path(__file__).resolve().parents[2] / "data" / "letters").glob("*.txt"))
TOKEN = "test-token-0123456789abcdef"
#: Headers the test client or server may set per response; everything else must be the same on a hit.
PER_RESPONSE = {"date", "server"}


def _ids(client: TestClient, url: str) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()["items"]]


def _answers(client: TestClient) -> AnswerCache:
    cache = client.app.state.answer_cache  # type: ignore[attr-defined]
    assert isinstance(cache, AnswerCache)
    return cache


def _responses(client: TestClient) -> ResponseCache:
    cache = client.app.state.response_cache  # type: ignore[attr-defined]
    assert isinstance(cache, ResponseCache)
    return cache


def _headers(response: object) -> list[tuple[str, str]]:
    raw = response.headers.multi_items()  # type: ignore[attr-defined]
    return sorted((k.lower(), v) for k, v in raw if k.lower() not in PER_RESPONSE)


@pytest.fixture(scope="module")
def samples() -> Iterator[EmbeddedStore]:
    """The ontology and the five sample letters in an in-memory embedded store (it has a generation)."""
    loaded = EmbeddedStore()
    ensure_ontology(loaded)
    for path in LETTERS:
        assert ingest_path(loaded, path).iri is not None
    yield loaded
    loaded.close()


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
        assert _responses(client).hits == 1, "the second read must come from the response cache"

        second = ingest_path(writable, LETTERS[1])  # a write through the store, not through the API
        assert second.iri is not None
        after = _ids(client, "/letters")
        assert len(after) == 2 and set(before) < set(after)
        assert _ids(client, "/letters") == after and _responses(client).hits == 2

        assert writable.drop_graph(second.iri)
        assert _ids(client, "/letters") == before


def test_a_write_through_the_api_is_visible_to_the_next_read(samples: EmbeddedStore) -> None:
    """Uploading and deleting a document over HTTP changes the very next answer of a URL that was cached."""
    store = EmbeddedStore()
    ensure_ontology(store)
    auth = {"Authorization": f"Bearer {TOKEN}"}
    with TestClient(create_app(Settings(store_path=Path("unused"), write_token=TOKEN), store=store)) as client:
        assert _ids(client, "/letters") == [] and _ids(client, "/letters") == []
        assert _responses(client).hits == 1
        upload = client.post(
            "/documents", files=[("files", (LETTERS[0].name, LETTERS[0].read_bytes(), "text/plain"))], headers=auth
        )
        assert upload.status_code in (200, 201), upload.text
        added = _ids(client, "/letters")
        assert len(added) == 1
        assert client.delete(f"/documents/{added[0]}", headers=auth).status_code in (200, 204)
        assert _ids(client, "/letters") == []
    store.close()


def test_every_write_moves_the_generation(any_store: Store) -> None:
    """replace_graph, update and drop_graph each change the number the caches key on (a SPARQL store only counts
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
        assert _answers(client).hits == 0 and len(_answers(client)) == 0
        assert _responses(client).hits == 0 and len(_responses(client)) == 0
    served.update("DROP ALL")


def test_a_cached_list_is_paged_and_filtered_like_a_fresh_one(samples: EmbeddedStore) -> None:
    """Pages of one list are different URLs (each its own response) sharing one computed list: they join up."""
    with TestClient(create_app(store=samples)) as client:
        whole = _ids(client, "/motions?limit=1000")
        pages = _ids(client, "/motions?limit=2") + _ids(client, "/motions?limit=2&offset=2")
        assert len(whole) >= 4 and pages == whole[:4]
        assert _answers(client).hits == 2, "the two pages reuse the list computed for the first request"
        assert _ids(client, "/motions?limit=1000") == whole and _responses(client).hits == 1


def test_a_hit_is_byte_for_byte_the_answer_of_the_whole_app(samples: EmbeddedStore) -> None:
    """Status, body and every header (security headers, CORS for an allowed origin, content type and length) are
    the same on a hit as on the miss before it, and the same as an app without any cache answers."""
    settings = Settings(store_path=Path("unused"), cors_origins=("https://reader.example",))
    uncached = Settings(store_path=Path("unused"), cors_origins=("https://reader.example",), cache_entries=0)
    origin = {"Origin": "https://reader.example"}
    with TestClient(create_app(settings, store=samples)) as client, TestClient(
        create_app(uncached, store=samples)
    ) as plain:
        for url, headers in (("/motions?country=SD", origin), ("/letters", {}), ("/", {}), ("/ontology", {})):
            miss, hit, fresh = client.get(url, headers=headers), client.get(url, headers=headers), plain.get(
                url, headers=headers
            )
            assert miss.status_code == hit.status_code == fresh.status_code == 200, url
            assert miss.content == hit.content == fresh.content, url
            assert _headers(miss) == _headers(hit) == _headers(fresh), url
            assert hit.headers["x-frame-options"] == "DENY" and "content-security-policy" in hit.headers
        assert _responses(client).hits == 4 and len(_responses(plain)) == 0
        assert hit.headers["content-type"].startswith("text/html")
        cors = client.get("/motions?country=SD", headers=origin)
        assert cors.headers["access-control-allow-origin"] == "https://reader.example"


def test_the_request_headers_that_change_an_answer_are_part_of_the_key(samples: EmbeddedStore) -> None:
    """Another Origin (CORS) or Accept (content negotiation) is another entry: a cached answer for one is never
    served to the other."""
    settings = Settings(store_path=Path("unused"), cors_origins=("https://reader.example",))
    with TestClient(create_app(settings, store=samples)) as client:
        allowed = client.get("/letters", headers={"Origin": "https://reader.example"})
        other = client.get("/letters", headers={"Origin": "https://elsewhere.example"})
        assert allowed.headers["access-control-allow-origin"] == "https://reader.example"
        assert "access-control-allow-origin" not in other.headers

        turtle = client.get("/id/country/SD", headers={"Accept": "text/turtle"})
        jsonld = client.get("/id/country/SD", headers={"Accept": "application/ld+json"})
        assert turtle.status_code == jsonld.status_code == 200
        assert turtle.headers["content-type"].startswith("text/turtle")
        assert jsonld.headers["content-type"].startswith("application/ld+json")
        again = client.get("/id/country/SD", headers={"Accept": "text/turtle"})
        assert again.content == turtle.content and _responses(client).hits == 1


def test_errors_credentials_writes_streams_and_unlisted_routes_are_never_cached(samples: EmbeddedStore) -> None:
    with TestClient(create_app(store=samples)) as client:
        cache = _responses(client)
        for _ in range(2):
            assert client.get("/motions/kst-1-1").status_code == 404
            assert client.get("/countries/XX").status_code == 422
            assert client.head("/letters").status_code == 405  # the read routes answer GET only
            assert client.get("/letters", headers={"Authorization": "Bearer someone"}).status_code == 200
            assert client.get("/letters", headers={"Cookie": "session=1"}).status_code == 200
            assert client.get("/health").status_code == 200
            assert client.get("/export", params={"format": "nt"}).status_code == 200
            assert client.post("/sparql", content=b"ASK {}", headers={"Content-Type": "application/sparql-query"})
        assert len(cache) == 0 and cache.hits == 0


def test_a_body_over_the_bound_is_not_kept(samples: EmbeddedStore, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(api.response_cache, "MAX_RESPONSE_BYTES", 100)
    with TestClient(create_app(store=samples)) as client:
        first, second = client.get("/letters"), client.get("/letters")
        assert len(first.content) > 100 and first.content == second.content
        assert len(_responses(client)) == 0 and _responses(client).hits == 0


def test_the_cache_is_bounded_in_entries_and_bytes() -> None:
    """At most max_entries entries and max_bytes bytes (body + path + query string), least recently used out first;
    an answer computed under an older generation is not kept, and a new generation empties the cache."""
    cache = ResponseCache(max_entries=2, max_bytes=14)
    make = api.response_cache.CachedResponse
    keys = [("GET", f"/{n}", b"", None, None) for n in range(3)]  # each entry: 2 bytes of path + its body
    assert cache.get(keys[0], 1) is None  # takes generation 1
    cache.put(keys[0], 1, make(200, (), b"aaaa"))
    cache.put(keys[1], 1, make(200, (), b"bbbb"))
    assert cache.size_bytes == 12 and len(cache) == 2
    cache.put(keys[2], 1, make(200, (), b"cccc"))
    assert len(cache) == 2 and cache.get(keys[0], 1) is None, "the least recently used goes first"
    cache.put(keys[0], 1, make(200, (), b"dddddddd"))  # 10 bytes: both others must go to stay within 14
    assert cache.size_bytes == 10 and len(cache) == 1
    cache.put(keys[1], 0, make(200, (), b"old"))
    assert cache.get(keys[1], 1) is None, "an answer of an older generation is not kept"
    assert cache.get(keys[0], 2) is None and len(cache) == 0, "a new generation empties the cache"


def test_zero_entries_turns_both_caches_off(samples: EmbeddedStore, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KAMERGRAPH_API_CACHE_ENTRIES", "0")
    with TestClient(create_app(store=samples)) as client:
        assert _ids(client, "/motions") == _ids(client, "/motions")
        assert len(_responses(client)) == 0 and len(_answers(client)) == 0
        assert _answers(client).hits == 0


def test_a_malformed_cache_size_is_refused_naming_the_variable() -> None:
    with pytest.raises(SettingsError, match="KAMERGRAPH_API_CACHE_ENTRIES"):
        Settings.from_environment({"KAMERGRAPH_API_CACHE_ENTRIES": "lots"})
    assert Settings.from_environment({"KAMERGRAPH_API_CACHE_ENTRIES": "0"}).cache_entries == 0
