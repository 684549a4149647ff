"""/sparql: a read-only SPARQL 1.1 Protocol endpoint (query by GET, POST form or POST body; updates refused).

Every query is parsed with rdflib's SPARQL 1.1 parser before it runs: text that is not a query (an update, LOAD)
is refused, and so is a query calling another endpoint (SERVICE), which pyoxigraph would otherwise fetch over HTTP.
The parser and pyoxigraph read the very same text: codepoint escapes (\\uXXXX) are expanded first, as the SPARQL
grammar says, because pyoxigraph reads them only inside strings and a crafted escape could otherwise hide a SERVICE
call from the parser. Queries then run under the limits of api/query_guard.py.
"""

from __future__ import annotations

import sys
import threading
import time
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass
from types import FrameType
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from pyparsing import ParseBaseException, ParseResults
from rdflib.plugins.sparql.parser import expandUnicodeEscapes, parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue
from starlette.concurrency import run_in_threadpool

from api.deps import StoreDep
from api.errors import BadRequest, ErrorBody, NotAcceptable, UnsupportedMediaType
from api.query_guard import QueryGuard
from api.results import negotiate, offers_for, serialize
from store.base import QueryError

router = APIRouter(tags=["sparql"])

READ_ONLY = "this endpoint is read-only: SPARQL Update is refused (use `kamergraph ingest` to change the store)"
NO_LOAD = "this endpoint is read-only: LOAD is refused (the store is filled with `kamergraph ingest`, not from URLs)"
NO_SERVICE = (
    "federated queries are refused: SERVICE would make this server call another endpoint; query only this store"
)
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
    400: {
        "model": ErrorBody,
        "description": "No query, a malformed query, an update, LOAD or SERVICE (refused), or an answer over the "
        "result limit.",
    },
    406: {"model": ErrorBody, "description": "The Accept header allows no format this kind of query has."},
    413: {"model": ErrorBody, "description": "The request body is over the size limit."},
    415: {"model": ErrorBody, "description": "POST body of another content type than form or sparql-query."},
    503: {"model": ErrorBody, "description": "The query ran out of time, or too many queries are running."},
}

_DESCRIPTION = (
    "SPARQL 1.1 Protocol query operation over the whole store: the default graph is the union of all "
    "documents' named graphs (the ontology included), `GRAPH ?doc {}` reaches one document. The kamergraph "
    "prefixes (kg:, id:, dcterms:, prov:, ...) are predeclared. SELECT and ASK answer in "
    "application/sparql-results+json (default), application/sparql-results+xml or text/csv (SELECT only); "
    "CONSTRUCT and DESCRIBE in text/turtle (default), application/n-triples, application/ld+json or "
    "application/rdf+xml, as the Accept header asks. The endpoint is read-only: updates get 400. "
    "The dataset parameters default-graph-uri and named-graph-uri are not supported (400), nor are LOAD and "
    "federated SERVICE calls (400). Limits (configurable): a query may run 10 s (then 503) and answer 10 000 rows "
    "or triples (more: 400); 4 queries run at once (more: 503)."
)


_GUARD = threading.Lock()
#: Seconds the parser may spend on one text when the caller gives no limit. rdflib's parser is pure Python and slow
#: on long expressions (a FILTER of 400 alternatives takes seconds), so it runs under a deadline.
PARSE_SECONDS = 10.0
#: Checked texts kept, and the longest text kept (repeated queries skip the parser; long ones cannot fill memory).
CACHED = 1024
CACHED_CHARS = 8192
_CACHE: OrderedDict[str, Checked] = OrderedDict()
_CACHE_LOCK = threading.Lock()


@dataclass(frozen=True)
class Checked:
    """What the parser made of a request's text: the text to run, or why it is refused (an error code and message)."""

    sparql: str
    code: str | None = None
    message: str = ""


class _OutOfTime(Exception):
    """Raised inside the parser when its deadline has passed."""


def _names(tree: object) -> Iterator[str]:
    """The names of every node of rdflib's parse tree (SelectQuery, ServiceGraphPattern, Load, ...)."""
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, CompValue):
            yield node.name
            stack.extend(node.values())
        elif isinstance(node, list | tuple | ParseResults):
            stack.extend(node)


def _parse(parse: Any, text: str, deadline: float) -> tuple[object | None, str]:
    """(parse tree, "") or (None, the parser's one-line complaint); _OutOfTime once `deadline` has passed.

    The deadline is kept by a trace function on this thread, called at every Python call the parser makes."""

    def watch(frame: FrameType, event: str, arg: object) -> None:
        if time.monotonic() > deadline:
            raise _OutOfTime

    previous = sys.gettrace()
    sys.settrace(watch)
    try:
        tree: object = parse(text)
    except ParseBaseException as exc:
        return None, str(exc)
    finally:
        sys.settrace(previous)
    return tree, ""


def _check(text: str, deadline: float) -> Checked:
    try:
        expanded = expandUnicodeEscapes(text)
    except ValueError as exc:
        return Checked(text, "malformed_query", f"malformed SPARQL query: {exc}")
    try:
        query, problem = _parse(parseQuery, expanded, deadline)
        if query is None:
            update, _ = _parse(parseUpdate, expanded, deadline)
            if update is not None:
                return Checked(expanded, "update_refused", NO_LOAD if "Load" in set(_names(update)) else READ_ONLY)
            return Checked(expanded, "malformed_query", f"malformed SPARQL query: {problem[:300]}")
    except (RecursionError, _OutOfTime):
        return Checked(
            expanded,
            "query_too_complex",
            "the query is too long, too deeply nested or too complex for this endpoint's SPARQL parser: split it "
            "into smaller queries",
        )
    if "ServiceGraphPattern" in set(_names(query)):
        return Checked(expanded, "service_refused", NO_SERVICE)
    return Checked(expanded)


def check_query(text: str, seconds: float = PARSE_SECONDS) -> Checked:
    """Parse a request's text as a SPARQL 1.1 query; refuse updates, LOAD, SERVICE, text that does not parse, and
    text the parser cannot read within `seconds`."""
    with _CACHE_LOCK:
        if text in _CACHE:
            _CACHE.move_to_end(text)
            return _CACHE[text]
    checked = _check(text, time.monotonic() + seconds)
    if len(text) <= CACHED_CHARS and checked.code != "query_too_complex":
        with _CACHE_LOCK:
            _CACHE[text] = checked
            while len(_CACHE) > CACHED:
                _CACHE.popitem(last=False)
    return checked


def is_update(text: str) -> bool:
    """True when the text is a SPARQL Update request (it parses as one) rather than a query."""
    return check_query(text).code == "update_refused"


def checked_sparql(text: str, seconds: float = PARSE_SECONDS) -> str:
    """The text to run for a client's query, or BadRequest (not a query, an update, LOAD, SERVICE, malformed, or
    too complex to check within `seconds`)."""
    checked = check_query(text, seconds)
    if checked.code is not None:
        raise BadRequest(checked.message, code=checked.code)
    return checked.sparql


def query_guard(request: Request) -> QueryGuard:
    """The app's query limits (made from its settings on first use); every route running a client's SPARQL uses it."""
    state = request.app.state
    with _GUARD:
        if getattr(state, "query_guard", None) is None:
            state.query_guard = QueryGuard.from_settings(state.settings)
    guard: QueryGuard = state.query_guard
    return guard


async def _answer(request: Request, store: StoreDep, query: str | None) -> Response:
    if query is None or not query.strip():
        raise BadRequest("no query: give the SPARQL query as ?query=, as form field query=, or as the POST body")
    guard = query_guard(request)
    sparql = await run_in_threadpool(checked_sparql, query, guard.timeout)
    try:
        result = await guard.run(store, sparql)
    except QueryError as exc:
        code = "malformed_query" if str(exc).startswith("malformed") else "query_failed"
        raise BadRequest(str(exc)[:500], code=code) from exc
    accept = request.headers.get("accept")
    offers = offers_for(result)
    chosen = negotiate(accept, offers)
    if chosen is None:
        kinds = ", ".join(o.media_type for o in offers)
        raise NotAcceptable(f"cannot answer this query in {accept!r}; it can be answered in: {kinds}")
    body = await run_in_threadpool(serialize, result, chosen)
    return Response(body, media_type=chosen.media_type, headers={"Vary": "Accept"})


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
    return await _answer(request, store, query)


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
    return await _answer(request, store, query)
