"""Shared fixtures of the API tests: the sample letters loaded once by the real pipeline into each kind of store
(the in-memory embedded store, and a SparqlStore on an Oxigraph server of their own), and a client on each.

Every test that uses `store` or `client` runs once per store kind and must give the same answers on both."""

from __future__ import annotations

import json
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

with warnings.catch_warnings():  # starlette's TestClient warns that it will move from httpx to httpx2
    warnings.filterwarnings("ignore", message=".*httpx2")
    from fastapi.testclient import TestClient

from api.main import create_app
from loaders.pipeline import ensure_ontology, ingest_path
from store.base import SelectResult, Store
from store.embedded import EmbeddedStore
from store.sparql import SparqlStore
from tests.conftest import OxigraphServer, oxigraph_binary, unavailable
from tests.conftest import _start as start_server
from tests.conftest import _stop as stop_server

ROOT = Path(__file__).resolve().parents[2]
LETTERS = ROOT / "data" / "letters"
GOLD = ROOT.parent / "shared" / "eval" / "gold"

ErrorCheck = Callable[..., None]


def _read_gold(letter: str) -> dict[str, Any]:
    path = GOLD / (Path(letter).stem + ".json")
    if not path.exists():
        pytest.skip(f"the gold annotations are not at {path}")
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="session")
def gold() -> Callable[[str], dict[str, Any]]:
    """The hand-made annotation of a sample letter (../shared/eval/gold/<letter>.json); skips when missing."""
    return _read_gold


def load_samples(loaded: Store) -> None:
    """The ontology and the five sample letters, through the real pipeline."""
    ensure_ontology(loaded)
    for path in sorted(LETTERS.glob("*.txt")):
        result = ingest_path(loaded, path)
        assert result.iri is not None, f"{path.name} was rejected: {result.error}"


@pytest.fixture(scope="session")
def api_oxigraph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphServer]:
    """An Oxigraph server for the API tests alone (the store tests empty the shared one between tests)."""
    binary = oxigraph_binary()
    if binary is None:
        unavailable("the Oxigraph server is not installed: `pip install -e '.[dev]'` installs the oxigraph package")
    folder = tmp_path_factory.mktemp("api-oxigraph")
    started = start_server(binary, folder / "data", folder / "server.log")
    if isinstance(started, str):
        unavailable(f"the Oxigraph server did not start: {started}")
    process, base_url = started
    try:
        yield OxigraphServer(base_url, folder / "data")
    finally:
        stop_server(process)


@pytest.fixture(scope="session", params=["embedded", "sparql"])
def store(request: pytest.FixtureRequest) -> Iterator[Store]:
    """A store with the ontology and the five sample letters, loaded once per store kind and test session."""
    loaded: Store
    if request.param == "embedded":
        loaded = EmbeddedStore(None)
    else:
        server: OxigraphServer = request.getfixturevalue("api_oxigraph")
        loaded = SparqlStore(server.query_url, server.update_url, server.gsp_url, timeout=30)
    load_samples(loaded)
    yield loaded
    loaded.close()


@pytest.fixture(scope="session")
def client(store: Store) -> Iterator[TestClient]:
    """A client of an app created over the loaded store (the app leaves the store open: the fixture owns it)."""
    with TestClient(create_app(store=store)) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def doc_ids(client: TestClient) -> dict[str, str]:
    """Document id by source file name, as /letters lists them."""
    response = client.get("/letters", params={"limit": 1000})
    assert response.status_code == 200
    return {item["file"]: item["id"] for item in response.json()["items"]}


@pytest.fixture(scope="session")
def passage(store: Store) -> Callable[[str, int, int], str]:
    """passage(doc_id, start, end): the document's text between the offsets, line breaks and runs of white space
    collapsed (how a quote is cut from the text), read from the document's kg:fullText in the store."""
    result = store.query("SELECT ?doc ?text WHERE { GRAPH ?doc { ?doc kg:fullText ?text } }")
    assert isinstance(result, SelectResult)
    texts = {str(row["doc"]).rsplit("/", 1)[-1]: str(row["text"]) for row in result}

    def cut(doc: str, start: int, end: int) -> str:
        return " ".join(texts[doc][start:end].split())

    return cut


def _check_error(response: Any, status: int, code: str, *fragments: str) -> None:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"code", "message"}, body
    assert body["code"] == code
    for fragment in fragments:
        assert fragment in body["message"], body["message"]


@pytest.fixture(scope="session")
def error() -> ErrorCheck:
    """error(response, status, code, *fragments): the response is an error of this status with a JSON body
    {code, message} whose message contains each fragment (what was wrong, and the value given)."""
    return _check_error
