"""/health: whether the store answers and how much it holds (for load balancers)."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from api.deps import StoreDep
from ontology.namespace import ONTOLOGY_IRI

router = APIRouter(tags=["service"])


class Health(BaseModel):
    status: str = Field(examples=["ok"])
    documents: int = Field(description="Number of documents (named graphs other than the ontology's).")
    triples: int = Field(description="Number of quads in the store.")


@router.get(
    "/health",
    operation_id="health",
    summary="Service health",
    description="Answers 200 with the number of documents and triples when the store can be read, 503 when not.",
)
async def health(store: StoreDep) -> Health:
    names = await run_in_threadpool(store.graph_names)
    triples = await run_in_threadpool(store.triple_count)
    return Health(status="ok", documents=sum(1 for n in names if n != ONTOLOGY_IRI), triples=triples)
