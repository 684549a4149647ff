"""The app factory: settings from the environment, the store opened once per app, dependency overrides, errors, docs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.deps import get_store
from api.main import create_app
from api.settings import Settings, SettingsError
from store.base import StoreError
from store.embedded import EmbeddedStore


def test_settings_come_from_the_environment(tmp_path: Path) -> None:
    settings = Settings.from_environment(
        {"KAMERGRAPH_STORE": str(tmp_path), "KAMERGRAPH_API_DEFAULT_LIMIT": "20", "KAMERGRAPH_API_MAX_LIMIT": "200"}
    )
    assert (settings.store_path, settings.default_limit, settings.max_limit) == (tmp_path, 20, 200)
    defaults = Settings.from_environment({"KAMERGRAPH_STORE": str(tmp_path)})
    assert (defaults.default_limit, defaults.max_limit) == (50, 1000)


def test_settings_name_the_variable_that_is_wrong(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="KAMERGRAPH_API_MAX_LIMIT"):
        Settings.from_environment({"KAMERGRAPH_STORE": str(tmp_path), "KAMERGRAPH_API_MAX_LIMIT": "many"})
    with pytest.raises(SettingsError, match="above the maximum"):
        Settings(store_path=tmp_path, default_limit=500, max_limit=100)


def test_the_app_opens_the_store_of_its_settings_once_and_closes_it(tmp_path: Path) -> None:
    """Without a store argument the app opens settings.store_path at start-up; a second opener is locked out
    until the app stops (so it is one store per app, not per request)."""
    app = create_app(Settings(store_path=tmp_path / "store"))
    with TestClient(app) as client:
        assert client.get("/health").json()["documents"] == 0
        assert client.get("/letters").json() == {"items": [], "total": 0}
        with pytest.raises(StoreError, match="cannot open the store"):
            EmbeddedStore(tmp_path / "store")
    EmbeddedStore(tmp_path / "store").close()


def test_the_search_index_is_built_at_start_only_when_the_settings_say_so(tmp_path: Path) -> None:
    """KAMERGRAPH_API_SEARCH_AT_START defaults to on (a background build at start); off, nothing is built until
    the first search, which then builds the index itself and answers."""
    assert Settings.from_environment({"KAMERGRAPH_STORE": str(tmp_path)}).search_at_start is True
    settings = Settings.from_environment(
        {"KAMERGRAPH_STORE": str(tmp_path / "store"), "KAMERGRAPH_API_SEARCH_AT_START": "0"}
    )
    assert settings.search_at_start is False
    with pytest.raises(SettingsError, match="KAMERGRAPH_API_SEARCH_AT_START"):
        Settings.from_environment({"KAMERGRAPH_STORE": str(tmp_path), "KAMERGRAPH_API_SEARCH_AT_START": "later"})
    app = create_app(settings)
    with TestClient(app) as client:
        assert getattr(app.state, "search_warming", None) is None
        assert client.get("/search", params={"q": "Sudan"}).status_code == 200
    warming = create_app(Settings(store_path=tmp_path / "store"))
    with TestClient(warming):
        assert getattr(warming.state, "search_warming", None) is not None


def test_limits_follow_the_settings(store: EmbeddedStore, error: Callable[..., None], tmp_path: Path) -> None:
    app = create_app(Settings(store_path=tmp_path, default_limit=2, max_limit=3), store=store)
    with TestClient(app) as client:
        assert len(client.get("/letters").json()["items"]) == 2
        error(client.get("/letters", params={"limit": 4}), 422, "invalid_parameter", "between 1 and 3")


def test_the_store_dependency_can_be_overridden(store: EmbeddedStore, tmp_path: Path) -> None:
    app = create_app(Settings(store_path=tmp_path))
    app.dependency_overrides[get_store] = lambda: store
    client = TestClient(app)  # no start-up: the override answers instead of the settings' store
    assert client.get("/letters").json()["total"] == 5


def test_unknown_routes_and_methods_answer_json_errors(client: TestClient, error: Callable[..., None]) -> None:
    error(client.get("/nowhere"), 404, "not_found", "/nowhere")
    error(client.delete("/letters"), 405, "method_not_allowed", "DELETE")


def test_openapi_documents_every_route_with_its_operation_id_and_error_bodies(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    operations = {op["operationId"]: (path, op) for path, methods in spec["paths"].items() for op in methods.values()}
    expected = {
        "letters", "letter", "motions", "motion", "persons", "person", "programmes", "programme",
        "country", "funding", "sparql_query_get", "sparql_query_post", "export", "queries", "run_query", "health",
    }  # fmt: skip
    assert expected <= set(operations)
    for path, op in operations.values():
        assert op.get("summary") and op.get("description"), path
    assert "404" in operations["motion"][1]["responses"] and "422" in operations["motion"][1]["responses"]
    motions = spec["components"]["schemas"]["Page_MotionSummary_"]
    assert set(motions["properties"]) == {"items", "total"}
    assert set(spec["components"]["schemas"]["MotionSummary"]["properties"]) == {"id", "submitters", "cited_in"}
    assert client.get("/docs").status_code == 200
    home = client.get("/", follow_redirects=False)
    assert home.status_code == 200 and home.headers["content-type"].startswith("text/html")  # the web explorer
