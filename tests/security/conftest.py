"""Fixtures of the security tests: the five sample letters in an in-memory store, and the real app over it."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

with warnings.catch_warnings():  # starlette's TestClient warns that it will move from httpx to httpx2
    warnings.filterwarnings("ignore", message=".*httpx2")
    from fastapi.testclient import TestClient

from api.main import create_app
from loaders.pipeline import ensure_ontology, ingest_path
from store.embedded import EmbeddedStore

ROOT = Path(__file__).resolve().parents[2]
LETTERS = ROOT / "data" / "letters"


@pytest.fixture(scope="session")
def sample_store() -> Iterator[EmbeddedStore]:
    """An in-memory store with the ontology and the five sample letters, loaded by the real pipeline."""
    store = EmbeddedStore(None)
    ensure_ontology(store)
    for path in sorted(LETTERS.glob("*.txt")):
        result = ingest_path(store, path)
        assert result.iri is not None, f"{path.name} was rejected: {result.error}"
    yield store
    store.close()


@pytest.fixture(scope="session")
def api(sample_store: EmbeddedStore) -> Iterator[TestClient]:
    """A client of the real app over the sample store, with the default settings (limits included).

    raise_server_exceptions=False: a 5xx must reach the test as the response a client would get."""
    with TestClient(create_app(store=sample_store), raise_server_exceptions=False) as client:
        yield client
