"""REST parameters never reach query text: hostile values in every parameter of every route (read from the
OpenAPI document, plus every parameter of every named query behind /queries/{name}) get a 4xx or the same answer
as a harmless unknown value, never a 5xx, an injected result, an echoed script, a stack trace or a file path."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from store.embedded import EmbeddedStore

ROOT = Path(__file__).resolve().parents[2]

#: A value no id, code or name in the store has: what a hostile value must behave like.
HARMLESS = "zz-no-such-thing"
HOSTILE = [
    '"',
    "'",
    '"}',
    "'} UNION { ?s ?p ?o } #",
    '" . ?s ?p ?o } #',
    "SD\" } UNION { ?x ?y ?z } #",
    "<http://example.org/x>",
    "> } ; DROP ALL ; <",
    "a\nb\r\nc } {",
    "SELECT * WHERE { ?s ?p ?o }",
    "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    "\\u0022 } #",
    "<script>alert(1)</script>",
    "kst-29237-247' OR '1'='1",
    "../../etc/passwd",
    "x\x00y",
    "W" * 5000,
]
#: Parameters that take SPARQL text itself: a hostile value there is a query, answered as such (its own tests are
#: in test_sparql_readonly.py); here it must only never cause a 5xx or a change to the store.
SPARQL_TEXT = {("/sparql", "query"), ("/editor", "query"), ("/editor/download", "query")}
#: Operations that need the write token (answered 401/403 here) are probed too; methods other than GET go here.
METHODS = ("get", "delete")


@dataclass(frozen=True)
class Target:
    """One parameter of one operation: where the value goes."""

    method: str
    path: str  # the OpenAPI path template, or /queries/{name} with the named query filled in
    name: str
    where: str  # "path" or "query"

    def request(self, client: TestClient, value: str) -> httpx.Response:
        if self.where == "path":
            url = self.path.replace("{" + self.name + "}", quote(value, safe=""))
            response: httpx.Response = client.request(self.method, url)
        else:
            response = client.request(self.method, self.path, params={self.name: value})
        return response

    def __str__(self) -> str:
        return f"{self.method.upper()} {self.path} {self.where}:{self.name}"


def _openapi_targets() -> list[Target]:
    document = create_app(store=EmbeddedStore(None)).openapi()
    targets = []
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method not in METHODS:
                continue
            for parameter in operation.get("parameters", []):
                targets.append(Target(method, path, parameter["name"], parameter["in"]))
    return targets


def _named_query_targets() -> list[Target]:
    import queries

    return [
        Target("get", f"/queries/{query.name}", parameter.name, "query")
        for query in queries.load_all().values()
        for parameter in query.params
    ]


TARGETS = _openapi_targets() + _named_query_targets()


@pytest.fixture(scope="module")
def quads_before(sample_store: EmbeddedStore) -> Iterator[int]:
    before = sample_store.triple_count()
    yield before
    assert sample_store.triple_count() == before, "a request changed the store"


def _leaks(text: str) -> list[str]:
    """Signs of internals in a response: a traceback, a source file, this checkout's path."""
    signs = ("Traceback (most recent call last)", 'File "', "site-packages", str(ROOT))
    return [sign for sign in signs if sign in text]


def _without(value: Any, hostile: str) -> Any:
    """A JSON value with the hostile string (echoed back as given) replaced by the harmless one."""
    if isinstance(value, str):
        return value.replace(hostile, HARMLESS)
    if isinstance(value, list):
        return [_without(v, hostile) for v in value]
    if isinstance(value, dict):
        return {k: _without(v, hostile) for k, v in value.items()}
    return value


def _media_type(response: httpx.Response) -> str:
    media: str = response.headers.get("content-type", "").split(";")[0].strip()
    return media


@pytest.mark.parametrize("target", TARGETS, ids=str)
def test_hostile_values_get_a_4xx_or_the_answer_to_a_harmless_unknown_value(
    api: TestClient, quads_before: int, target: Target
) -> None:
    baseline = target.request(api, HARMLESS)
    assert baseline.status_code < 500, (str(target), baseline.text)
    for hostile in HOSTILE:
        response = target.request(api, hostile)
        shown = f"{target} = {hostile[:40]!r}"
        assert response.status_code < 500, (shown, response.text[:300])
        assert not _leaks(response.text), (shown, _leaks(response.text))
        media = _media_type(response)
        if response.status_code >= 400:
            if media == "application/json":
                assert set(response.json()) == {"code", "message"}, (shown, response.text[:300])
            continue
        if (target.path, target.name) in SPARQL_TEXT:
            continue
        if media == "text/html":  # a page may show the value, but only escaped
            assert "<script>alert(1)</script>" not in response.text, shown
            continue
        assert baseline.status_code < 400, (shown, "a hostile value answered where a harmless one did not")
        if media.endswith("json"):
            assert _without(response.json(), hostile) == baseline.json(), shown
        else:
            assert response.content == baseline.content, shown


def test_every_route_with_parameters_is_probed() -> None:
    """The probe list covers every operation with parameters in the OpenAPI document and every named query."""
    probed = {(t.method, t.path) for t in TARGETS}
    document = create_app(store=EmbeddedStore(None)).openapi()
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method in METHODS and operation.get("parameters"):
                assert (method, path) in probed, (method, path)
    assert len(TARGETS) >= 60, len(TARGETS)
    assert json.dumps(HOSTILE)  # the hostile values are plain text a client can send
