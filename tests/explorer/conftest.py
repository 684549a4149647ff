"""Fixtures of the explorer tests: the sample letters loaded once by the real pipeline, and an app client on them."""

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

LETTERS = Path(__file__).resolve().parents[2] / "data" / "letters"


@pytest.fixture(scope="package")
def samples() -> Iterator[EmbeddedStore]:
    """An in-memory store with the ontology and the five sample letters."""
    loaded = EmbeddedStore(None)
    ensure_ontology(loaded)
    for path in sorted(LETTERS.glob("*.txt")):
        assert ingest_path(loaded, path).iri is not None, path.name
    yield loaded
    loaded.close()


@pytest.fixture(scope="package")
def app_client(samples: EmbeddedStore) -> Iterator[TestClient]:
    with TestClient(create_app(store=samples)) as client:
        yield client
