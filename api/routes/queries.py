"""/queries: the named queries (queries/*.rq) with their summaries and parameters, and running one by name."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request
from pydantic import BaseModel, Field
from rdflib import Literal
from rdflib.term import Identifier

import queries
from api.deps import StoreDep
from api.errors import INVALID, NOT_FOUND, BadRequest, NotFound
from queries import PARAM_KINDS
from store.base import SelectResult

router = APIRouter(tags=["queries"])

JsonValue = str | int | float | bool


class QueryParameter(BaseModel):
    name: str
    kind: str = Field(description=f"How the text value is read: one of {', '.join(PARAM_KINDS)}.")
    description: str


class NamedQueryInfo(BaseModel):
    name: str = Field(description="The query's name: its file name in queries/ and its operation id.")
    summary: str
    params: list[QueryParameter]


class NamedQueryResult(BaseModel):
    """The rows of a SELECT query (values as JSON numbers, booleans or strings), or the answer of an ASK query."""

    name: str
    variables: list[str] = Field(default_factory=list)
    rows: list[dict[str, JsonValue]] = Field(default_factory=list, description="Unbound variables are left out.")
    boolean: bool | None = None


def _info(query: queries.NamedQuery) -> NamedQueryInfo:
    return NamedQueryInfo(
        name=query.name,
        summary=query.summary,
        params=[QueryParameter(name=p.name, kind=p.kind, description=p.description) for p in query.params],
    )


def json_value(term: Identifier) -> JsonValue:
    """A term as JSON: numbers and booleans as such, everything else (IRIs, strings, dates) as text."""
    if isinstance(term, Literal):
        value = term.toPython()
        if isinstance(value, bool | int | float):
            return value
        if term.datatype is not None and str(term.datatype).endswith("#decimal"):
            return float(str(term))
    return str(term)


@router.get(
    "/queries",
    operation_id="queries",
    summary="List the named queries",
    description="Every query in queries/*.rq, with its summary and its parameters (name, kind, description).",
)
def list_queries() -> list[NamedQueryInfo]:
    return [_info(q) for q in queries.load_all().values()]


@router.get(
    "/queries/{name}",
    operation_id="run_query",
    summary="Run a named query",
    description=(
        "Runs queries/{name}.rq with the URL's query parameters as its parameters (e.g. "
        "/queries/motions?country=SD). Values are read as the parameter's kind says (an ISO code, a Kamerstuk "
        "id, a person id, ...) and bound as RDF terms, never pasted into the query. Parameters left out are "
        "unbound (no filter). A parameter the query does not have, or a malformed value, gets 422."
    ),
    responses={**NOT_FOUND, **INVALID},
)
def run_query(
    request: Request,
    store: StoreDep,
    name: Annotated[str, Path(description="The query's name, as listed by /queries.")],
) -> NamedQueryResult:
    known = queries.load_all()
    if name not in known:
        raise NotFound(f"no named query {name!r}; see /queries for the {len(known)} queries")
    query = known[name]
    values: dict[str, str | None] = {}
    for key, value in request.query_params.multi_items():
        if key in values:
            raise queries.ParameterError(f"parameter {key!r} is given more than once")
        values[key] = value
    result = store.query(query.sparql, query.bind(values))
    if isinstance(result, bool):
        return NamedQueryResult(name=name, boolean=result)
    if not isinstance(result, SelectResult):
        raise BadRequest(f"query {name!r} builds a graph; run its text through /sparql instead", code="not_a_select")
    rows = [{k: json_value(v) for k, v in row.items()} for row in result.rows]
    return NamedQueryResult(name=name, variables=result.variables, rows=rows)
