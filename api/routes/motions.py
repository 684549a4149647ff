"""/motions: motions filtered by country, submitter or programme, and one motion with its follow-up chain."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel, Field

from api import params, rows
from api.cache import CacheDep
from api.deps import PagingDep, StoreDep
from api.errors import INVALID, NOT_FOUND, NotFound
from api.models import (
    CountryRef,
    DocumentQuotes,
    DocumentRef,
    Page,
    SourcedQuote,
    country_ref,
    document_ref,
    documents_with_quotes,
    sourced_quote,
)
from store.base import Store

router = APIRouter(tags=["motions"])


class MotionSummary(BaseModel):
    """A motion in a list: its id, its submitters' surnames and the documents citing it."""

    id: str = Field(description="Kamerstuk id of the motion.", examples=["kst-29237-247"])
    submitters: list[str] = Field(description="Surnames of the submitters as written.", examples=[["Kröger"]])
    cited_in: list[str] = Field(description="Ids of the documents citing the motion (see /letters/{id}).")


class Submitter(BaseModel):
    id: str = Field(description="The person's id (see /persons/{id}).")
    name: str = Field(description="The name as written where the motion is cited.")
    family_name: str
    quotes: list[SourcedQuote] = Field(description="Passages naming the person as submitter.")


class CountryTie(CountryRef):
    quotes: list[SourcedQuote] = Field(description="Passages that tie the motion to the country.")


class MotionDetail(BaseModel):
    """A motion, who submitted it, which countries it concerns, and every document that follows it up."""

    id: str = Field(examples=["kst-29237-247"])
    dossier: str = Field(description="Dossier number, e.g. 29237.")
    suffix: str | None = Field(default=None, description="Chapter or sub-dossier suffix, e.g. V or 02.")
    number: str = Field(description="Number within the dossier.")
    document: DocumentRef | None = Field(
        default=None, description="The motion's own text, when it was ingested as a document."
    )
    submitters: list[Submitter]
    countries: list[CountryTie]
    cited_in: list[DocumentQuotes] = Field(
        description="The follow-up chain: every document citing the motion, oldest first, with the passages."
    )


def motion_summaries(
    store: Store, *, country: str | None = None, submitter: str | None = None, programme: str | None = None
) -> list[MotionSummary]:
    """Every motion matching the filters, in Kamerstuk order (dossier, suffix, number).

    With a country, motions-by-country.rq starts from the country's ties (an index lookup) instead of testing every
    motion in the store; both queries give the same rows for the same filters.
    """
    name, countries = ("motions-by-country", {"country": country}) if country else ("motions", {})
    found = [
        MotionSummary(
            id=rows.required(row, "id"),
            submitters=rows.items(row, "submitters"),
            cited_in=[rows.key(iri) for iri in rows.items(row, "citedIn")],
        )
        for row in rows.select(store, name, submitter=submitter, programme=programme, **countries)
    ]
    return sorted(found, key=lambda m: rows.kamerstuk_order(m.id))


MotionId = Annotated[str, Path(description="Kamerstuk id of the motion, e.g. kst-29237-247.")]


@router.get(
    "/motions",
    operation_id="motions",
    summary="List motions, by country, submitter or programme",
    description=(
        "Motions cited in the store, in Kamerstuk order, each with its submitters' surnames and the ids of the "
        "documents citing it. `country` keeps the motions tied to the country at load time (the passage citing "
        "the motion is about that country); `submitter` matches a surname in any case (Kröger, kröger) or a "
        "person id (kroger); `programme` keeps motions cited by a document that names the programme (its id or "
        "any of its labels). Filters combine; an unknown submitter or programme gives an empty list."
    ),
    responses=INVALID,
)
def list_motions(
    store: StoreDep,
    paging: PagingDep,
    cache: CacheDep,
    country: Annotated[str | None, Query(description="ISO 3166-1 alpha-2 code, e.g. SD.", examples=["SD"])] = None,
    submitter: Annotated[str | None, Query(description="Surname or person id.", examples=["Dobbe"])] = None,
    programme: Annotated[str | None, Query(description="Programme id or label.", examples=["PROSPECTS"])] = None,
) -> Page[MotionSummary]:
    filters = {
        "country": params.country_code(country) if country is not None else None,
        "submitter": params.search_text(submitter, "submitter"),
        "programme": params.search_text(programme, "programme"),
    }
    found = cache.get(store, ("motions", *filters.values()), lambda: motion_summaries(store, **filters))
    return Page[MotionSummary](items=paging.slice(found), total=len(found))


@router.get(
    "/motions/{id}",
    operation_id="motion",
    summary="One motion and its follow-up chain",
    description=(
        "The motion's submitters (with the passages naming them), the countries it concerns (with the passages "
        "tying it to them), and every document citing it, oldest first, with the passages that cite it: what "
        "was said about the motion, and when."
    ),
    responses={**NOT_FOUND, **INVALID},
)
def get_motion(store: StoreDep, id: MotionId) -> MotionDetail:
    kst = params.kamerstuk_id(id)
    head = rows.select(store, "motion", motion=kst)
    if not head:
        raise NotFound(f"no motion {kst} in the store; see /motions for the motions")
    row = head[0]
    own = document_ref(row, doc="motion") if "file" in row else None
    return MotionDetail(
        id=kst,
        dossier=rows.required(row, "dossier"),
        suffix=rows.text(row, "suffix"),
        number=rows.required(row, "number"),
        document=own,
        submitters=_submitters(store, kst),
        countries=_countries(store, kst),
        cited_in=documents_with_quotes(
            _joined(store, "motion-citing-documents", "motion-citation-passages", kst, ("doc",))
        ),
    )


def _joined(store: Store, heads: str, passages: str, kst: str, on: tuple[str, ...]) -> list[rows.Row]:
    """The rows of the single query (motion-citations, -submitters, -countries): its heads, and the passages found by
    their own required pattern, joined here (as one query's OPTIONAL, pyoxigraph reads every passage in the store)."""
    return rows.left_join(rows.select(store, heads, motion=kst), rows.select(store, passages, motion=kst), on)


def _submitters(store: Store, kst: str) -> list[Submitter]:
    by_person: dict[str, Submitter] = {}
    for row in _joined(store, "motion-submitter-names", "motion-submitter-passages", kst, ("doc", "person")):
        person = rows.key(rows.required(row, "person"))
        entry = by_person.setdefault(
            person,
            Submitter(
                id=person,
                name=rows.required(row, "name"),
                family_name=rows.required(row, "familyName"),
                quotes=[],
            ),
        )
        passage = sourced_quote(row)
        if passage is not None and passage not in entry.quotes:
            entry.quotes.append(passage)
    return sorted(by_person.values(), key=lambda s: (s.family_name.casefold(), s.id))


def _countries(store: Store, kst: str) -> list[CountryTie]:
    by_country: dict[str, CountryTie] = {}
    for row in _joined(store, "motion-country-ties", "motion-country-passages", kst, ("doc", "country")):
        iso2 = rows.required(row, "iso")
        entry = by_country.setdefault(iso2, CountryTie(**country_ref(iso2).model_dump(), quotes=[]))
        passage = sourced_quote(row)
        if passage is not None and passage not in entry.quotes:
            entry.quotes.append(passage)
    return sorted(by_country.values(), key=lambda c: c.iso2)
