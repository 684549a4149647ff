"""The web explorer: home and search (/, /search), document texts with a passage highlighted (/text/...), the graph
view (/graph), the SPARQL page (/editor) and the shipped scripts and styles (/static/...); no CDN, no inline scripts."""

from __future__ import annotations

import csv
import io
from functools import partial
from importlib.resources import files
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Path, Query, Request, Response
from rdflib import Literal, URIRef
from starlette.concurrency import run_in_threadpool

import queries
from api.deps import StoreDep
from api.errors import NOT_FOUND, ApiError, BadRequest, ErrorBody, NotFound
from api.heavy import run_heavy
from api.query_guard import QueryGuard
from api.routes import facts
from api.routes.export import SubgraphDep
from api.routes.render import page
from api.routes.search_index import search_index
from api.routes.sparql import checked_sparql, query_guard
from ontology.namespace import ID
from store.base import QueryError, SelectResult, Store
from store.graphs import GRAPH_FORMATS
from store.search import grouped

router = APIRouter(tags=["explorer"])

STATIC = files("api") / "static"
#: the static files and their media types (only these are served)
STATIC_TYPES = {".js": "text/javascript", ".css": "text/css", ".LICENSE": "text/plain"}
#: rows the SPARQL page shows (the download has them all)
SHOWN_ROWS = 500
HTML_ONLY: dict[int | str, dict[str, object]] = {200: {"content": {"text/html": {}}}}


@router.get(
    "/",
    operation_id="explorer_home",
    description="The web explorer: a search box over labels, aliases and quotes, and starting points.",
    summary="The explorer's home page",
    response_class=Response,
    responses=HTML_ONLY,
)
def home() -> Response:
    return page("home.html", title="kamergraph", query="")


def _search(request: Request, store: Store, q: str) -> Response:
    hits = search_index(request.app).search(store, q, limit=200)
    groups = grouped(hits)
    links = {
        h.iri: facts.text_url(h.doc, h.start, h.end)
        for h in hits
        if h.doc and h.start is not None and h.end is not None
    }
    return page("search.html", title=f"{q} – kamergraph", query=q, groups=groups, links=links, total=len(hits))


@router.get(
    "/search",
    operation_id="explorer_search",
    description=(
        "Entities whose labels, aliases or quotes contain every word (as prefixes), grouped by type; the SQLite "
        "FTS5 index follows the store."
    ),
    summary="Search labels, aliases and quotes",
    response_class=Response,
    responses=HTML_ONLY,
)
async def search(
    request: Request, store: StoreDep, q: Annotated[str, Query(description="Words to find (prefixes match).")] = ""
) -> Response:
    if len(q) > 500:
        raise BadRequest("the search text is longer than 500 characters", code="invalid_parameter")
    # one search at a time, in a lower-priority thread (api/heavy.py), beside the lookups
    return await run_heavy(request.app, partial(_search, request, store, q), "search")


def _text(store: Store, key: str, start: int | None, end: int | None) -> Response:
    query = queries.get("document-text")
    result = store.query(query.sparql, query.bind({"doc": key}))
    assert isinstance(result, SelectResult)
    if not result.rows:
        raise NotFound(f"no document {key!r} in the store")
    text = str(result.rows[0]["text"])
    file = str(result.rows[0].get("file", key))
    if start is None or end is None or not 0 <= start <= end <= len(text):
        start = end = 0
    return page(
        "text.html",
        title=file,
        file=file,
        doc_url=facts.page_url(str(query.bind({"doc": key})["doc"])),
        before=text[:start],
        passage=text[start:end],
        after=text[end:],
    )


@router.get(
    "/text/{key}",
    operation_id="explorer_text",
    description=(
        "The document's full text with the passage [start, end) marked (id=quote), as the evidence offsets give "
        "it."
    ),
    summary="A document's text, one passage highlighted",
    response_class=Response,
    responses={**HTML_ONLY, **NOT_FOUND},
)
async def document_text(
    store: StoreDep,
    key: Annotated[str, Path(description="The document id (kst-... or sha256-...).")],
    start: Annotated[int | None, Query(description="First character of the passage to highlight.")] = None,
    end: Annotated[int | None, Query(description="Character after the passage.")] = None,
) -> Response:
    return await run_in_threadpool(_text, store, key, start, end)


@router.get(
    "/graph",
    operation_id="explorer_graph",
    description=(
        "An entity's neighbourhood (or any sub-graph of /export's filters) drawn with Cytoscape.js, with type "
        "filters and export links."
    ),
    summary="The graph view of a sub-graph (Cytoscape.js)",
    response_class=Response,
    responses=HTML_ONLY,
)
def graph_view(subgraph: SubgraphDep) -> Response:
    if subgraph.is_whole:
        subgraph = type(subgraph)(around=str(ID["country/SD"]), depth=1)
    params = subgraph.query_string()
    exports = [(name, "/export?" + urlencode({**params, "format": name})) for name in (*GRAPH_FORMATS, "ttl")]
    centre = subgraph.centre()
    return page(
        "graph.html",
        title="graph – kamergraph",
        data_url="/export?" + urlencode({**params, "format": "cyjs"}),
        exports=exports,
        centre=str(centre) if centre else "",
        centre_url=facts.page_url(str(centre)) if centre else None,
        depth=subgraph.depth,
        params=params,
        id_base=str(ID),
    )


def _cell(term: object) -> tuple[str, str | None]:
    if isinstance(term, URIRef):
        return str(term), facts.page_url(str(term))
    if isinstance(term, Literal):
        return str(term), None
    return ("" if term is None else str(term)), None


def _run(store: Store, text: str, guard: QueryGuard) -> SelectResult | bool:
    """The answer under /sparql's checks (updates, LOAD and SERVICE refused) and limits (time, size, concurrency)."""
    try:
        result = guard.run_sync(store, checked_sparql(text))
    except QueryError as exc:
        raise BadRequest(str(exc), code="malformed_query") from exc
    if not isinstance(result, SelectResult | bool):
        raise BadRequest(
            "the SPARQL page shows SELECT and ASK answers; run CONSTRUCT through /sparql", code="not_a_select"
        )
    return result


def _editor(store: Store, query: str, example: str, guard: QueryGuard) -> Response:
    examples = queries.load_all()
    if example:
        if example not in examples:
            raise NotFound(f"no example query {example!r}")
        query = examples[example].sparql
    answer: SelectResult | bool | None = None
    error = ""
    if query.strip() and not example:
        try:
            answer = _run(store, query, guard)
        except ApiError as exc:
            error = exc.message
    rows = []
    if isinstance(answer, SelectResult):
        rows = [[_cell(row.get(v)) for v in answer.variables] for row in answer.rows[:SHOWN_ROWS]]
    return page(
        "editor.html",
        title="SPARQL – kamergraph",
        query=query,
        example=example,
        examples=[(name, q.summary) for name, q in examples.items()],
        variables=answer.variables if isinstance(answer, SelectResult) else [],
        rows=rows,
        total=len(answer) if isinstance(answer, SelectResult) else 0,
        boolean=answer if isinstance(answer, bool) else None,
        error=error,
        download="/editor/download?" + urlencode({"query": query}) if query.strip() else "",
    )


@router.get(
    "/editor",
    operation_id="explorer_sparql",
    description="The SPARQL page: the named queries of queries/ as examples, the answer as a table and a CSV download.",
    summary="The SPARQL page: example queries, results table",
    response_class=Response,
    responses={**HTML_ONLY, **NOT_FOUND},
)
async def editor(
    request: Request,
    store: StoreDep,
    query: Annotated[str, Query(description="The SPARQL query to run (SELECT or ASK).")] = "",
    example: Annotated[str, Query(description="Load this named query (queries/<name>.rq) into the editor.")] = "",
) -> Response:
    return await run_in_threadpool(_editor, store, query, example, query_guard(request))


def _download(store: Store, query: str, guard: QueryGuard) -> bytes:
    answer = _run(store, query, guard)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    if isinstance(answer, bool):
        writer.writerow(["boolean"])
        writer.writerow([str(answer).lower()])
    else:
        writer.writerow(answer.variables)
        for row in answer.rows:
            writer.writerow([_cell(row.get(v))[0] for v in answer.variables])
    return out.getvalue().encode("utf-8")


@router.get(
    "/editor/download",
    operation_id="explorer_sparql_download",
    description="The answer of a SELECT or ASK query as CSV (the SPARQL page's download link).",
    summary="A SPARQL answer as CSV",
    response_class=Response,
    responses={
        200: {"content": {"text/csv": {}}},
        400: {"model": ErrorBody, "description": "Not a query, an update, LOAD, SERVICE, or too large."},
        503: {"model": ErrorBody, "description": "The query ran out of time, or too many are running."},
    },
)
async def editor_download(
    request: Request, store: StoreDep, query: Annotated[str, Query(description="The SPARQL query (SELECT or ASK).")]
) -> Response:
    data = await run_in_threadpool(_download, store, query, query_guard(request))
    return Response(
        data, media_type="text/csv", headers={"Content-Disposition": 'attachment; filename="kamergraph-query.csv"'}
    )


@router.get(
    "/static/{name}",
    operation_id="explorer_static",
    summary="A shipped script or style",
    response_class=Response,
    responses=NOT_FOUND,
    include_in_schema=False,
)
def static(name: str) -> Response:
    resource = STATIC / name
    suffix = next((s for s in STATIC_TYPES if name.endswith(s)), None)
    if "/" in name or "\\" in name or name.startswith(".") or suffix is None or not resource.is_file():
        raise NotFound(f"no static file {name!r}")
    return Response(
        resource.read_bytes(), media_type=STATIC_TYPES[suffix], headers={"Cache-Control": "public, max-age=3600"}
    )
