"""The per-document pipeline: idempotent re-ingest, rejection of bad files without touching the store, provenance."""

from pathlib import Path

import pytest

from loaders.pipeline import Outcome, ensure_ontology, ingest_path
from queries import get
from store.base import SelectResult
from store.embedded import EmbeddedStore

LETTER = """Aan de Voorzitter van de Tweede Kamer der Staten-Generaal
Den Haag, 3 maart 2025

Nederland steunt het werk van UNHCR in Soedan met EUR 2 miljoen. Hiermee geef ik uitvoering aan de motie
Jansen c.s. (Kamerstuk 29 237, nr. 250).

De minister van Buitenlandse Zaken,
J.K. de Boer
"""


@pytest.fixture
def store() -> EmbeddedStore:
    store = EmbeddedStore()
    ensure_ontology(store)
    return store


def _write(tmp_path: Path, name: str, content: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def test_ingesting_the_same_document_twice_changes_nothing(store: EmbeddedStore, tmp_path: Path) -> None:
    path = _write(tmp_path, "brief.txt", LETTER)
    first = ingest_path(store, path)
    count = store.triple_count()
    second = ingest_path(store, path)
    assert first.outcome is Outcome.LOADED
    assert second.outcome is Outcome.UNCHANGED
    assert second.iri == first.iri
    assert store.triple_count() == count


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "empty"),
        (b"   \n\t\n", "empty"),
        (bytes(range(256)) * 40, "unknown or binary format"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "unknown or binary format"),
    ],
)
def test_a_bad_file_is_rejected_with_its_name_and_the_store_is_unchanged(
    store: EmbeddedStore, tmp_path: Path, content: bytes, problem: str
) -> None:
    ingest_path(store, _write(tmp_path, "good.txt", LETTER))
    before = store.triple_count()
    result = ingest_path(store, _write(tmp_path, "bad.txt", content))
    assert result.outcome is Outcome.REJECTED
    assert result.source.endswith("bad.txt")
    assert result.error is not None and problem in result.error
    assert store.triple_count() == before


def test_latin1_text_is_decoded(store: EmbeddedStore, tmp_path: Path) -> None:
    result = ingest_path(
        store, _write(tmp_path, "latin1.txt", LETTER.replace("Soedan", "Soedan café").encode("latin-1"))
    )
    assert result.outcome is Outcome.LOADED
    text = store.query("SELECT ?t WHERE { ?d kg:fullText ?t }")
    assert isinstance(text, SelectResult)
    assert "café" in str(text.rows[0]["t"])


def test_every_fact_of_the_sample_letters_has_provenance(store: EmbeddedStore) -> None:
    letters = sorted(Path(__file__).resolve().parents[2].joinpath("data", "letters").glob("*.txt"))
    assert len(letters) == 5
    for letter in letters:
        assert ingest_path(store, letter).outcome is Outcome.LOADED
    result = store.query(get("facts-without-provenance").sparql)
    assert isinstance(result, SelectResult)
    assert result.rows == []


def test_extract_then_load_stores_what_ingest_stores_and_rejects_a_malformed_file(tmp_path: Path) -> None:
    """The bulk path (`kamergraph extract` N-Quads, `kamergraph load`) ends with the same graphs as `ingest`; a
    second load changes nothing; a malformed .nq file is rejected by name while the others load."""
    from cli import main
    from loaders.pipeline import load_nquads_files

    letters = tmp_path / "letters"
    letters.mkdir()
    _write(letters, "brief.txt", LETTER)
    _write(letters, "other.txt", LETTER.replace("2 miljoen", "3 miljoen").replace("250", "251"))
    ingested = EmbeddedStore()
    ingest_results = [ingest_path(ingested, path) for path in sorted(letters.iterdir())]
    out = tmp_path / "nq"
    assert main(["extract", str(letters), "--out", str(out), "--jobs", "1"]) == 0
    broken = _write(out, "broken.nq", "<https://example.org/s> <https://example.org/p> .\n")

    loaded = EmbeddedStore()
    results = load_nquads_files(loaded, sorted(out.glob("*.nq")))
    by_outcome = sorted((r.outcome.value, Path(r.source).name) for r in results)
    assert [o for o, _ in by_outcome] == ["loaded", "loaded", "rejected"]
    rejected = next(r for r in results if r.outcome is Outcome.REJECTED)
    assert rejected.source == str(broken) and rejected.error and "malformed N-Quads" in rejected.error
    assert sorted(r.triples for r in results if r.iri) == sorted(r.triples for r in ingest_results)
    assert list(loaded.graph_names()) == list(ingested.graph_names())
    for name in ingested.graph_names():
        query = "SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"
        got, expected = loaded.query(query, {"g": name}), ingested.query(query, {"g": name})
        assert isinstance(got, SelectResult) and isinstance(expected, SelectResult)
        assert sorted(map(str, got.rows)) == sorted(map(str, expected.rows))
    again = load_nquads_files(loaded, sorted(out.glob("*.nq")))
    assert sorted(r.outcome.value for r in again) == ["rejected", "unchanged", "unchanged"]
