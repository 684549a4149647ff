"""/export: the whole store or a sub-graph, as RDF (Turtle, N-Triples, N-Quads, JSON-LD) or for graph tools
(GraphML, GEXF, Cytoscape.js JSON, Gephi CSV nodes and edges)."""

from __future__ import annotations

from functools import partial
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request, Response

from api.deps import SettingsDep, StoreDep
from api.errors import INVALID, ErrorBody, ResultTooLarge
from api.heavy import run_heavy
from store.export import FORMATS, ExportTooLarge, export
from store.graphs import MAX_DEPTH, Subgraph

router = APIRouter(tags=["export"])

ExportFormat = Literal["ttl", "nt", "nq", "jsonld", "graphml", "gexf", "cyjs", "csv-nodes", "csv-edges"]


def get_subgraph(
    doc: Annotated[str | None, Query(description="Only this document's statements (its id, e.g. sha256-...).")] = None,
    country: Annotated[str | None, Query(description="Only documents stating something about this country.")] = None,
    programme: Annotated[str | None, Query(description="Only documents stating something on this programme.")] = None,
    person: Annotated[str | None, Query(description="Only documents stating something about this person.")] = None,
    since: Annotated[str | None, Query(description="Only documents dated on or after this day (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, Query(description="Only documents dated on or before this day (YYYY-MM-DD).")] = None,
    around: Annotated[
        str | None, Query(description="Keep only the neighbourhood of this entity (IRI, or path under /id/).")
    ] = None,
    depth: Annotated[int, Query(description=f"Relations away from `around` to keep (1 to {MAX_DEPTH}).")] = 1,
) -> Subgraph:
    """The sub-graph filters of a request; malformed values answer 422 naming the parameter."""
    subgraph = Subgraph(doc, country, programme, person, since, until, around, depth)
    subgraph.validate()
    return subgraph


SubgraphDep = Annotated[Subgraph, Depends(get_subgraph)]


@router.get(
    "/export",
    operation_id="export",
    summary="Download the store or a sub-graph",
    description=(
        "RDF: `ttl`, `nt` and `jsonld` (with the context published at /context.jsonld) merge the documents' named "
        "graphs into one graph; `nq` (N-Quads) keeps each triple in its document's named graph. Graph tools: "
        "`graphml` and `gexf` (Gephi, networkx, Cytoscape desktop), `cyjs` (Cytoscape.js elements JSON), "
        "`csv-nodes` and `csv-edges` (Gephi's spreadsheet import). Nodes carry type, label and key attributes "
        "(country code, amounts, dates), edges the relation. Filters select documents (doc, country, programme, "
        "person, since, until: the sub-graph is what those documents state) and a neighbourhood (around, depth). "
        "A filtered RDF export holds the description of the sub-graph's entities and the evidence of its facts."
    ),
    response_class=Response,
    responses={
        200: {"description": "The file.", "content": {media: {} for media, _ in FORMATS.values()}},
        400: {"model": ErrorBody, "description": "The export is larger than KAMERGRAPH_API_MAX_EXPORT statements."},
        **INVALID,
    },
)
async def export_store(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    subgraph: SubgraphDep,
    format: Annotated[ExportFormat, Query(description=", ".join(FORMATS) + ".")] = "ttl",
) -> Response:
    try:
        # one export at a time, in a lower-priority thread (api/heavy.py): several at once took the CPU from lookups
        data = await run_heavy(request.app, partial(export, store, format, subgraph, limit=settings.max_export))
    except ExportTooLarge as exc:
        raise ResultTooLarge(str(exc)) from exc
    media_type, extension = FORMATS[format]
    return Response(
        data,
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="kamergraph{extension}"'},
    )
