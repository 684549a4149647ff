"""Property-based fuzzing of the whole OpenAPI document with schemathesis: no 5xx, answers match their schema.

Each operation of the app's own OpenAPI document is one test; hypothesis draws requests that follow the schema
(positive) and requests that break it (negative). Bounded: EXAMPLES draws per operation and mode (CI may lower it
with KAMERGRAPH_FUZZ_EXAMPLES).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings

from api.main import create_app
from store.embedded import EmbeddedStore

EXAMPLES = int(os.environ.get("KAMERGRAPH_FUZZ_EXAMPLES", "20"))
#: Operations whose answers are expensive and whose inputs are few (the whole store serialised in one of 4 formats).
FEWER = {"GET /export": 5}
CHECKS = [
    schemathesis.checks.not_a_server_error,
    schemathesis.checks.response_schema_conformance,
    schemathesis.checks.status_code_conformance,
    schemathesis.checks.content_type_conformance,
]


def _cases() -> list[tuple[str, schemathesis.GenerationMode]]:
    """(operation, mode) for every operation of the OpenAPI document of an app over an empty store (no I/O):
    positive for all; negative where the schema constrains something a request can break (query parameters or a
    body: a path parameter is any string, so it has no invalid values)."""
    document = create_app(store=EmbeddedStore(None)).openapi()
    cases = []
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            label = f"{method.upper()} {path}"
            cases.append((label, schemathesis.GenerationMode.POSITIVE))
            constrained = "requestBody" in operation or any(
                parameter.get("in") == "query" for parameter in operation.get("parameters", [])
            )
            if constrained:
                cases.append((label, schemathesis.GenerationMode.NEGATIVE))
    return cases


@pytest.fixture(scope="module")
def fuzzed_app(sample_store: EmbeddedStore) -> Iterator[FastAPI]:
    yield create_app(store=sample_store)


@pytest.fixture(scope="module")
def api_schema(fuzzed_app: FastAPI) -> schemathesis.BaseSchema:
    return schemathesis.openapi.from_asgi("/openapi.json", fuzzed_app)


@pytest.mark.parametrize(("label", "mode"), _cases())
def test_operation_answers_without_server_error_and_as_declared(
    api_schema: schemathesis.BaseSchema, label: str, mode: schemathesis.GenerationMode
) -> None:
    """Generated requests to the operation: never a 5xx, and every answer's status, media type and body are the
    ones the OpenAPI document declares for it."""
    operation = api_schema.find_operation_by_label(label)
    assert operation is not None, f"schemathesis does not see {label}"

    examples = min(EXAMPLES, FEWER.get(label, EXAMPLES))

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=examples, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def run(case: schemathesis.Case[Any]) -> None:
        case.call_and_validate(checks=CHECKS)

    run()
