"""/programmes: programmes, funds, partnerships and sanctions, and one of them with its documents and funding."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path
from pydantic import BaseModel, Field

from api import params, rows
from api.deps import PagingDep, StoreDep
from api.errors import INVALID, NOT_FOUND, NotFound
from api.models import DocumentQuotes, Page, documents_with_quotes
from api.routes.funding import FundingItem, funding_items

router = APIRouter(tags=["programmes"])

InstrumentType = Literal["programme", "fund", "partnership", "sanction", "instrument"]


def _types(values: list[str]) -> list[InstrumentType]:
    """The specific kinds; 'instrument' only when nothing more specific is known."""
    known: list[InstrumentType] = [t for t in ("programme", "fund", "partnership", "sanction") if t in values]
    return known or ["instrument"]


class ProgrammeSummary(BaseModel):
    id: str = Field(description="The programme's id (see /programmes/{id}).", examples=["prospects"])
    name: str = Field(examples=["PROSPECTS"])
    types: list[InstrumentType] = Field(description="What kind of instrument the documents call it.")
    aliases: list[str] = Field(description="Other names and acronyms used for it.")
    documents: int = Field(description="Number of documents naming it.")
    fundings: int = Field(description="Number of amounts reported for it.")


class Implementer(BaseModel):
    id: str
    name: str


class ProgrammeDetail(BaseModel):
    id: str
    name: str
    labels: list[str] = Field(description="Every preferred label written for it (documents may differ).")
    aliases: list[str]
    types: list[InstrumentType]
    implemented_by: list[Implementer] = Field(description="Organisations the documents say carry it out.")
    documents: list[DocumentQuotes] = Field(description="Documents naming it, with the passages, oldest first.")
    funding: list[FundingItem] = Field(description="Amounts the documents report for it.")


ProgrammeId = Annotated[str, Path(description="The programme's id, e.g. prospects (see /programmes).")]


@router.get(
    "/programmes",
    operation_id="programmes",
    summary="List programmes, funds, partnerships and sanctions",
    description=(
        "Every instrument the documents name (programmes, funds, partnerships, sanctions), by name, with its "
        "aliases, how many documents name it and how many amounts are reported for it."
    ),
    responses=INVALID,
)
def list_programmes(store: StoreDep, paging: PagingDep) -> Page[ProgrammeSummary]:
    found = [
        ProgrammeSummary(
            id=rows.key(rows.required(row, "programme")),
            name=rows.required(row, "name"),
            types=_types(rows.items(row, "types")),
            aliases=rows.items(row, "aliases"),
            documents=rows.integer(row, "documents") or 0,
            fundings=rows.integer(row, "fundings") or 0,
        )
        for row in rows.select(store, "programmes")
    ]
    return Page[ProgrammeSummary](items=paging.slice(found), total=len(found))


@router.get(
    "/programmes/{id}",
    operation_id="programme",
    summary="One programme: labels, aliases, documents and funding",
    description=(
        "The programme's labels and aliases, the organisations implementing it, every document naming it with "
        "the passages, and every amount reported for it with the sentence."
    ),
    responses={**NOT_FOUND, **INVALID},
)
def get_programme(store: StoreDep, id: ProgrammeId) -> ProgrammeDetail:
    key = params.slug_id(id, "programme")
    found = rows.select(store, "programme", programme=key)
    head = [r for r in found if "label" in r]
    if not head:
        raise NotFound(f"no programme {key} in the store; see /programmes for the ids")
    labels = sorted({rows.required(r, "label") for r in head})
    implementers = {
        rows.key(rows.required(r, "implementer")): rows.required(r, "implementerName")
        for r in found
        if "implementer" in r and "implementerName" in r
    }
    iri = rows.required(head[0], "programme")
    return ProgrammeDetail(
        id=key,
        name=labels[0],
        labels=labels,
        aliases=sorted({rows.required(r, "alias") for r in found if "alias" in r} - set(labels)),
        types=_types([rows.required(r, "type") for r in head]),
        implemented_by=[Implementer(id=k, name=n) for k, n in sorted(implementers.items(), key=lambda kv: kv[1])],
        documents=documents_with_quotes(rows.mentioning_documents(store, iri)),
        funding=funding_items(store, recipient=iri),
    )
