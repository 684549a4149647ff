"""/export: the whole store as one RDF file (Turtle, N-Triples, JSON-LD, or N-Quads keeping the named graphs)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response
from starlette.concurrency import run_in_threadpool

from api.deps import StoreDep
from api.errors import INVALID
from store.export import FORMATS, export

router = APIRouter(tags=["export"])

ExportFormat = Literal["ttl", "nt", "nq", "jsonld"]


@router.get(
    "/export",
    operation_id="export",
    summary="Download the whole store",
    description=(
        "Every triple in the store in one file. `ttl`, `nt` and `jsonld` merge the documents' named graphs into "
        "one graph; `nq` (N-Quads) keeps each triple in its document's named graph (and the ontology in "
        "<https://w3id.org/kamergraph/def>), so it can be loaded into another quad store as is."
    ),
    response_class=Response,
    responses={
        200: {"description": "The RDF file.", "content": {media: {} for _, media, _ in FORMATS.values()}},
        **INVALID,
    },
)
async def export_store(
    store: StoreDep,
    format: Annotated[ExportFormat, Query(description="ttl, nt, nq or jsonld.")] = "ttl",
) -> Response:
    data = await run_in_threadpool(export, store, format)
    _, media_type, extension = FORMATS[format]
    return Response(
        data,
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="kamergraph{extension}"'},
    )
