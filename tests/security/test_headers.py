"""Errors have one shape and reveal nothing internal; HTML pages carry security headers; CORS is closed by default
and opens reads (and writes, only when asked) to configured origins."""

from __future__ import annotations

import base64
import hashlib
import re
import socket

import httpx
import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from api.settings import Settings
from store.embedded import EmbeddedStore
from store.sparql import SparqlStore


def _error(response: httpx.Response, status: int) -> dict[str, str]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body: dict[str, str] = response.json()
    assert set(body) == {"code", "message"} and body["code"] and body["message"]
    return body


def test_client_errors_all_answer_code_and_message(api: TestClient) -> None:
    _error(api.get("/no/such/route"), 404)
    _error(api.put("/health"), 405)
    _error(api.get("/letters", params={"limit": "many"}), 422)
    _error(api.get("/countries/XX"), 422)
    _error(api.get("/sparql", params={"query": "SELECT WHERE"}), 400)
    _error(api.get("/sparql", params={"query": "ASK {}"}, headers={"Accept": "image/png"}), 406)
    _error(api.post("/sparql", content=b"ASK {}", headers={"Content-Type": "text/plain"}), 415)


def test_a_long_value_is_not_echoed_whole(api: TestClient) -> None:
    body = _error(api.get("/letters", params={"limit": "9" * 5000}), 422)
    assert len(body["message"]) < 400 and "5002 characters" in body["message"]


def test_an_internal_error_names_no_file_and_shows_no_trace() -> None:
    """A store that fails mid-request (closed under the app) gives 500 {code, message} naming the error type only."""
    store = EmbeddedStore(None)
    store.close()
    with TestClient(create_app(store=store), raise_server_exceptions=False) as client:
        body = _error(client.get("/letters"), 500)
    assert body["code"] == "internal_error"
    assert "Traceback" not in body["message"] and ".py" not in body["message"] and "/" not in body["message"]


def test_an_unreachable_store_answers_503_without_its_address() -> None:
    """A SPARQL server that does not answer: 503 store_unavailable, and the message does not reveal its URL."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # closed again at once: nothing listens there
    store = SparqlStore(f"http://127.0.0.1:{port}/query", timeout=2)
    with TestClient(create_app(store=store), raise_server_exceptions=False) as client:
        response = client.get("/letters")
    body = _error(response, 503)
    assert body["code"] == "store_unavailable"
    assert str(port) not in body["message"] and "127.0.0.1" not in body["message"]
    assert response.headers["retry-after"]


def test_html_pages_carry_a_strict_content_security_policy(api: TestClient) -> None:
    response = api.get("/")
    assert response.headers["content-type"].startswith("text/html")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self';" in policy and "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
    assert "unsafe-inline" not in policy
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"
    assert response.headers["x-frame-options"] == "DENY"


def test_the_generated_docs_page_allows_its_inline_script_by_hash_only(api: TestClient) -> None:
    response = api.get("/docs")
    policy = response.headers["content-security-policy"]
    scripts = re.findall(r"<script>(.*?)</script>", response.text, flags=re.DOTALL)
    assert scripts
    for script in scripts:
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy
    script_src = policy.split("script-src", 1)[1].split(";", 1)[0]
    assert "unsafe-inline" not in script_src and "frame-ancestors 'none'" in policy


def test_other_answers_are_not_renderable_or_sniffable(api: TestClient) -> None:
    response = api.get("/health")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["content-security-policy"].startswith("default-src 'none'")


def test_cors_is_closed_by_default(api: TestClient) -> None:
    origin = {"Origin": "https://elsewhere.example"}
    assert "access-control-allow-origin" not in api.get("/health", headers=origin).headers
    preflight = api.options("/sparql", headers={**origin, "Access-Control-Request-Method": "POST"})
    assert _error(preflight, 403)["code"] == "cors_refused"


@pytest.mark.parametrize("writes", [False, True])
def test_configured_origins_may_read_and_write_only_when_writes_are_enabled(
    sample_store: EmbeddedStore, writes: bool
) -> None:
    settings = Settings(cors_origins=("https://reader.example",), cors_writes=writes)
    with TestClient(create_app(settings, store=sample_store)) as client:
        origin = {"Origin": "https://reader.example"}
        read = client.get("/health", headers=origin)
        assert read.headers["access-control-allow-origin"] == "https://reader.example"
        assert "Origin" in read.headers["vary"]
        query = client.options("/sparql", headers={**origin, "Access-Control-Request-Method": "POST"})
        assert query.status_code == 204 and query.headers["access-control-allow-origin"] == "https://reader.example"
        delete = client.options("/documents/kst-1-2", headers={**origin, "Access-Control-Request-Method": "DELETE"})
        upload = client.options("/documents", headers={**origin, "Access-Control-Request-Method": "POST"})
        if writes:
            assert delete.status_code == upload.status_code == 204
            assert "Authorization" in upload.headers["access-control-allow-headers"]
        else:
            assert delete.status_code == upload.status_code == 403
        other = client.get("/health", headers={"Origin": "https://other.example"})
        assert "access-control-allow-origin" not in other.headers
