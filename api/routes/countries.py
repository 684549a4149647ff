"""/countries/{iso2}: one country's motions, the programmes and organisations named with it, and its funding."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path
from pydantic import BaseModel, Field
from rdflib import Literal

from api import params, rows
from api.cache import CacheDep
from api.deps import StoreDep
from api.errors import INVALID, NOT_FOUND, NotFound
from api.models import DocumentQuotes, country_ref, documents_with_quotes
from api.routes.funding import FundingItem, funding_items
from api.routes.motions import MotionSummary, motion_summaries
from store.base import Store

router = APIRouter(tags=["countries"])


class NamedWith(BaseModel):
    """A programme or organisation named in documents that also name the country."""

    id: str
    name: str
    documents: int = Field(description="Number of documents naming both.")


class CountryDetail(BaseModel):
    iso2: str = Field(examples=["SD"])
    name: str = Field(description="English short name.", examples=["Sudan"])
    name_nl: str | None = Field(default=None, description="Dutch name.", examples=["Soedan"])
    regions: list[str] = Field(description="Regions in the country the documents name (Darfoer, Kordofan, ...).")
    motions: list[MotionSummary] = Field(description="Motions tied to the country, as /motions?country= lists them.")
    documents: list[DocumentQuotes] = Field(description="Documents naming the country, with passages.")
    programmes: list[NamedWith] = Field(description="Programmes named in those documents, most documents first.")
    organisations: list[NamedWith] = Field(description="Organisations named in those documents, likewise.")
    funding: list[FundingItem] = Field(description="Amounts whose sentence says they are spent in the country.")


CountryCode = Annotated[str, Path(description="ISO 3166-1 alpha-2 code, e.g. SD.")]


def _label(found: list[rows.Row], language: str) -> str | None:
    for row in found:
        label = row.get("label")
        if isinstance(label, Literal) and label.language == language:
            return str(label)
    return None


@router.get(
    "/countries/{iso2}",
    operation_id="country",
    summary="One country: its motions, programmes and organisations named with it, funding",
    description=(
        "The motions tied to the country, the documents naming it (with passages), the programmes and "
        "organisations named in those documents (ranked by how many documents name both), and the amounts "
        "spent in it. 404 when no document in the store names the country."
    ),
    responses={**NOT_FOUND, **INVALID},
)
def get_country(store: StoreDep, cache: CacheDep, iso2: CountryCode) -> CountryDetail:
    code = params.country_code(iso2)
    return cache.get(store, ("country", code), lambda: country_detail(store, code))


def country_detail(store: Store, code: str) -> CountryDetail:
    """What the store says about the country `code` (a checked ISO code); NotFound when no document names it."""
    found = rows.select(store, "country", country=code)
    head = [r for r in found if "iso" in r]
    if not head:
        raise NotFound(f"no country {code} in the store: no document names it")
    iri = rows.required(head[0], "country")
    named: dict[str, list[NamedWith]] = {"programme": [], "organisation": []}
    for row in rows.select(store, "country-entities", country=code):
        named[rows.required(row, "category")].append(
            NamedWith(
                id=rows.key(rows.required(row, "entity")),
                name=rows.required(row, "name"),
                documents=rows.integer(row, "documents") or 0,
            )
        )
    return CountryDetail(
        iso2=code,
        name=_label(found, "en") or country_ref(code).name,
        name_nl=_label(found, "nl"),
        regions=sorted({rows.required(r, "regionName") for r in found if "regionName" in r}),
        motions=motion_summaries(store, country=code),
        documents=documents_with_quotes(rows.mentioning_documents(store, iri)),
        programmes=named["programme"],
        organisations=named["organisation"],
        funding=funding_items(store, country=code),
    )
