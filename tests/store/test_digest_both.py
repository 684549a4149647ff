"""The five sample letters, stored through the pipeline in the embedded store and in an Oxigraph server, give the same
triples and the same digests; storing them again in the server changes nothing (its terms round-trip exactly)."""

from pathlib import Path

from loaders.pipeline import LoadResult, Outcome, Prepared, ensure_ontology, prepare, store_prepared
from loaders.sources import iter_sources
from queries.digest import digest
from store.base import Store
from store.embedded import EmbeddedStore
from store.sparql import SparqlStore

LETTERS = Path(__file__).resolve().parents[2] / "data" / "letters"


def _store_all(store: Store, prepared: list[Prepared]) -> list[LoadResult]:
    """What pipeline.ingest_sources does after building: the ontology graph, then one graph per document."""
    ensure_ontology(store)
    return [store_prepared(store, p) for p in prepared]


def test_the_sample_letters_give_the_same_digests_on_both_stores(sparql_store: SparqlStore) -> None:
    # each letter is read, extracted and validated once (the slow, store-independent part), then stored in both
    prepared = [prepare(source.name, source.load()) for source in iter_sources([LETTERS])]
    assert len(prepared) == 5
    embedded, server = EmbeddedStore(), sparql_store
    into_embedded, into_server = _store_all(embedded, prepared), _store_all(server, prepared)
    assert [r.outcome for r in into_embedded] == [Outcome.LOADED] * 5
    assert [(r.source, r.outcome, r.iri, r.triples) for r in into_server] == [
        (r.source, r.outcome, r.iri, r.triples) for r in into_embedded
    ]
    assert list(server.graph_names()) == list(embedded.graph_names())
    assert server.triple_count() == embedded.triple_count() > 0
    for result in into_embedded:
        assert result.iri is not None
        assert digest(server, result.iri) == digest(embedded, result.iri), result.source
    assert [r.outcome for r in _store_all(server, prepared)] == [Outcome.UNCHANGED] * 5
