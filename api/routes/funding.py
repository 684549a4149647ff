"""/funding: the amounts of money documents report, by country and by programme, each with its sentence."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field
from rdflib import URIRef

from api import params, rows
from api.cache import CacheDep
from api.deps import PagingDep, StoreDep
from api.errors import INVALID
from api.models import CountryRef, Page, Quote, country_ref, quote
from queries import get
from store.base import SelectResult, Store, values_rows

router = APIRouter(tags=["funding"])


class Party(BaseModel):
    """Who gives or receives the money: an organisation, instrument or country."""

    id: str = Field(description="Id of the programme, organisation or country.")
    iri: str
    name: str | None = None


class FundingItem(BaseModel):
    """One amount a document reports, as the sentence states it."""

    document: str = Field(description="Id of the document reporting it (see /letters/{id}).")
    file: str
    amount: int | float = Field(description="The amount in currency units (EUR 800 mln. is 800000000).")
    currency: str = Field(description="ISO 4217 currency code.", examples=["EUR"])
    amount_text: str = Field(description="The amount exactly as written.", examples=["EUR 15 miljoen"])
    period: str | None = Field(default=None, description="The period as written ('2024–2026', 'per jaar').")
    start_year: int | None = None
    end_year: int | None = None
    recipient: Party | None = Field(default=None, description="The programme or organisation receiving it.")
    funder: Party | None = Field(default=None, description="Who provides it, when the sentence says so.")
    country: CountryRef | None = Field(default=None, description="Where it is spent, when the sentence says so.")
    evidence: Quote | None = Field(description="The sentence reporting the amount.")


def _party(row: rows.Row, node: str, name: str) -> Party | None:
    value = rows.text(row, node)
    if value is None:
        return None
    return Party(id=rows.key(value), iri=value, name=rows.text(row, name))


#: amounts per funding-names or funding-passages query (the VALUES rows of one query)
AMOUNTS_PER_QUERY = 1000


def _amounts(store: Store, *, country: str | None, programme: str | None, recipient: str | None) -> list[rows.Row]:
    """The rows of queries/funding.rq without the sentence, from the query that starts at the most selective
    parameter given (as funding.rq's FILTER EXISTS, each is tested on every amount in the store)."""
    if country is not None:
        found = rows.select(store, "funding-by-country", country=country)
        return _keep(found, programme=programme, recipient=recipient, store=store)
    if recipient is not None:
        found = rows.select(store, "funding-by-recipient", recipient=recipient)
        return _keep(found, programme=programme, recipient=None, store=store)
    return rows.select(store, "funding-amounts", programme=programme)


def _keep(found: list[rows.Row], *, programme: str | None, recipient: str | None, store: Store) -> list[rows.Row]:
    """`found` narrowed by the other filters, when several are given (no route does; the CLI's named query may)."""
    if recipient is not None:
        funded = {rows.required(r, "funding") for r in rows.select(store, "funding-by-recipient", recipient=recipient)}
        found = [r for r in found if rows.required(r, "funding") in funded]
    if programme is not None:
        funded = {rows.required(r, "funding") for r in rows.select(store, "funding-amounts", programme=programme)}
        found = [r for r in found if rows.required(r, "funding") in funded]
    return found


def _bound_to(store: Store, name: str, nodes: list[str]) -> list[rows.Row]:
    """The rows of the named query `name` for the amounts `nodes` (its ?funding bound to each, as VALUES rows)."""
    sparql = get(name).sparql
    found: list[rows.Row] = []
    for at in range(0, len(nodes), AMOUNTS_PER_QUERY):
        chunk = [URIRef(node) for node in nodes[at : at + AMOUNTS_PER_QUERY]]
        result = store.query(values_rows(sparql, "funding", chunk))
        if not isinstance(result, SelectResult):
            raise TypeError(f"queries/{name}.rq must be a SELECT query")
        found += result.rows
    return found


def _with_details(store: Store, amounts: list[rows.Row]) -> list[rows.Row]:
    """Each amount joined with its recipient's and funder's names, its country's code and the sentence reporting it
    (queries/funding-names.rq and funding-passages.rq, bound to the amounts found: as OPTIONALs of one query,
    pyoxigraph reads every label and every evidence node in the store). The same rows as funding.rq's."""
    nodes = sorted({rows.required(r, "funding") for r in amounts})
    if not nodes:
        return []
    names = _bound_to(store, "funding-names", nodes)
    found = rows.left_join(amounts, [r for r in names if "recipientName" in r], on=("funding", "recipientNode"))
    found = rows.left_join(found, [r for r in names if "funderName" in r], on=("funding", "funder"))
    found = rows.left_join(found, [r for r in names if "iso" in r], on=("funding",))
    return rows.left_join(found, _bound_to(store, "funding-passages", nodes), on=("funding",))


def funding_items(
    store: Store, *, country: str | None = None, programme: str | None = None, recipient: str | None = None
) -> list[FundingItem]:
    """Every reported amount matching the filters, by document and position in it."""
    if country is None and programme is None and recipient is None:  # all of them: one query reading everything
        found = rows.select(store, "funding")
    else:
        found = _with_details(store, _amounts(store, country=country, programme=programme, recipient=recipient))
    found.sort(key=lambda r: (rows.text(r, "file") or "", rows.node_order(rows.required(r, "funding"))))
    items = []
    for row in found:
        amount = rows.number(row, "amount")
        if amount is None:
            continue
        iso2 = rows.text(row, "iso")
        items.append(
            FundingItem(
                document=rows.key(rows.required(row, "doc")),
                file=rows.required(row, "file"),
                amount=amount,
                currency=rows.required(row, "currency"),
                amount_text=rows.required(row, "amountText"),
                period=rows.text(row, "period"),
                start_year=rows.integer(row, "startYear"),
                end_year=rows.integer(row, "endYear"),
                recipient=_party(row, "recipientNode", "recipientName"),
                funder=_party(row, "funder", "funderName"),
                country=country_ref(iso2) if iso2 else None,
                evidence=quote(row),
            )
        )
    return items


@router.get(
    "/funding",
    operation_id="funding",
    summary="List reported funding, by country or programme",
    description=(
        "Every amount of money the documents report, with currency, period, funder, recipient, the country "
        "where it is spent and the sentence it was read from. `country` keeps amounts whose sentence says they "
        "are spent in that country; `programme` keeps amounts for a recipient with that id or label (programme "
        "or organisation). An unknown programme gives an empty list."
    ),
    responses=INVALID,
)
def list_funding(
    store: StoreDep,
    paging: PagingDep,
    cache: CacheDep,
    country: Annotated[str | None, Query(description="ISO 3166-1 alpha-2 code, e.g. SD.", examples=["SD"])] = None,
    programme: Annotated[str | None, Query(description="Recipient id or label.", examples=["GCFF"])] = None,
) -> Page[FundingItem]:
    code = params.country_code(country) if country is not None else None
    text = params.search_text(programme, "programme")
    items = cache.get(store, ("funding", code, text), lambda: funding_items(store, country=code, programme=text))
    return Page[FundingItem](items=paging.slice(items), total=len(items))
