"""/sparql: a read-only SPARQL 1.1 Protocol endpoint (query by GET, POST form or POST body; updates refused)."""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from starlette.concurrency import run_in_threadpool

from api.deps import StoreDep
from api.errors import BadRequest, ErrorBody, NotAcceptable, UnsupportedMediaType
from api.results import negotiate, offers_for, serialize
from store.base import QueryError, Store

router = APIRouter(tags=["sparql"])

#: Comments, white space, PREFIX and BASE declarations before a query's or update's first keyword.
_PROLOGUE = re.compile(r"(?:\s+|#[^\n]*|PREFIX\s+[^\s:]*:\s*<[^>]*>|BASE\s*<[^>]*>)*", re.IGNORECASE)
#: The keywords an update operation starts with (SPARQL 1.1 Update, section 3).
_UPDATE = re.compile(r"(?:INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.IGNORECASE)

READ_ONLY = "this endpoint is read-only: SPARQL Update is refused (use `kamergraph ingest` to change the store)"
FORM = "application/x-www-form-urlencoded"
QUERY_BODY = "application/sparql-query"
UPDATE_BODY = "application/sparql-update"

_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The answer, in the media type chosen from the Accept header.",
        "content": {
            "application/sparql-results+json": {},
            "application/sparql-results+xml": {},
            "text/csv": {},
            "text/turtle": {},
            "application/n-triples": {},
            "application/ld+json": {},
        },
    },
    400: {"model": ErrorBody, "description": "No query, a malformed query, or an update (refused)."},
    406: {"model": ErrorBody, "description": "The Accept header allows no format this kind of query has."},
    415: {"model": ErrorBody, "description": "POST body of another content type than form or sparql-query."},
}

_DESCRIPTION = (
    "SPARQL 1.1 Protocol query operation over the whole store: the default graph is the union of all "
    "documents' named graphs (the ontology included), `GRAPH ?doc {}` reaches one document. The kamergraph "
    "prefixes (kg:, id:, dcterms:, prov:, ...) are predeclared. SELECT and ASK answer in "
    "application/sparql-results+json (default), application/sparql-results+xml or text/csv (SELECT only); "
    "CONSTRUCT and DESCRIBE in text/turtle (default), application/n-triples, application/ld+json or "
    "application/rdf+xml, as the Accept header asks. The endpoint is read-only: updates get 400. "
    "The dataset parameters default-graph-uri and named-graph-uri are not supported (400)."
)


def is_update(text: str) -> bool:
    """True when the text is a SPARQL Update request rather than a query (judged by its first keyword)."""
    prologue = _PROLOGUE.match(text)
    rest = text[prologue.end() :] if prologue else text
    return bool(_UPDATE.match(rest))


def _answer(store: Store, query: str | None, accept: str | None) -> Response:
    if query is None or not query.strip():
        raise BadRequest("no query: give the SPARQL query as ?query=, as form field query=, or as the POST body")
    if is_update(query):
        raise BadRequest(READ_ONLY, code="update_refused")
    try:
        result = store.query(query)
    except QueryError as exc:
        raise BadRequest(str(exc), code="malformed_query") from exc
    offers = offers_for(result)
    chosen = negotiate(accept, offers)
    if chosen is None:
        kinds = ", ".join(o.media_type for o in offers)
        raise NotAcceptable(f"cannot answer this query in {accept!r}; it can be answered in: {kinds}")
    return Response(serialize(result, chosen), media_type=chosen.media_type, headers={"Vary": "Accept"})


def _refuse_dataset(default_graphs: list[str], named_graphs: list[str]) -> None:
    if default_graphs or named_graphs:
        raise BadRequest(
            "default-graph-uri and named-graph-uri are not supported: the default graph is the union of all "
            "documents; use GRAPH <document IRI> { ... } in the query instead",
            code="dataset_not_supported",
        )


@router.get(
    "/sparql",
    operation_id="sparql_query_get",
    summary="SPARQL query (GET)",
    description=_DESCRIPTION,
    response_class=Response,
    responses=_RESPONSES,
)
async def sparql_get(
    request: Request,
    store: StoreDep,
    query: Annotated[str | None, Query(description="The SPARQL query.", examples=["ASK { ?s ?p ?o }"])] = None,
    default_graph_uri: Annotated[list[str], Query(alias="default-graph-uri")] = [],  # noqa: B006
    named_graph_uri: Annotated[list[str], Query(alias="named-graph-uri")] = [],  # noqa: B006
) -> Response:
    if "update" in request.query_params:
        raise BadRequest(READ_ONLY, code="update_refused")
    _refuse_dataset(default_graph_uri, named_graph_uri)
    return await run_in_threadpool(_answer, store, query, request.headers.get("accept"))


@router.post(
    "/sparql",
    operation_id="sparql_query_post",
    summary="SPARQL query (POST form or POST body)",
    description=_DESCRIPTION
    + " Send the query as form field `query` (application/x-www-form-urlencoded) or as the body "
    "(application/sparql-query).",
    response_class=Response,
    responses=_RESPONSES,
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                FORM: {
                    "schema": {
                        "type": "object",
                        "properties": {"query": {"type": "string"}},
                        "required": ["query"],
                    }
                },
                QUERY_BODY: {"schema": {"type": "string"}},
            },
        }
    },
)
async def sparql_post(request: Request, store: StoreDep) -> Response:
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == UPDATE_BODY:
        raise BadRequest(READ_ONLY, code="update_refused")
    if content_type == FORM:
        form = await request.form()
        if "update" in form:
            raise BadRequest(READ_ONLY, code="update_refused")
        _refuse_dataset(
            [str(v) for v in form.getlist("default-graph-uri")], [str(v) for v in form.getlist("named-graph-uri")]
        )
        value = form.get("query")
        query = value if isinstance(value, str) else None
    elif content_type == QUERY_BODY:
        _refuse_dataset(
            request.query_params.getlist("default-graph-uri"), request.query_params.getlist("named-graph-uri")
        )
        body = await request.body()
        try:
            query = body.decode("utf-8")
        except UnicodeDecodeError:
            raise BadRequest("the query body is not UTF-8 text", code="malformed_query") from None
    else:
        raise UnsupportedMediaType(
            f"cannot read a POST body of type {content_type or 'none'!r}: send {FORM} (field query=) or {QUERY_BODY}"
        )
    return await run_in_threadpool(_answer, store, query, request.headers.get("accept"))
