"""/persons: the people in the store (signatories, submitters), and one person's signatures and motions."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path
from pydantic import BaseModel, Field

from api import params, rows
from api.cache import CacheDep
from api.deps import PagingDep, StoreDep
from api.errors import INVALID, NOT_FOUND, NotFound
from api.models import DocumentRef, KamerstukKind, Page, Quote, document_ref, kamerstuk_kind, quote
from store.base import Store

router = APIRouter(tags=["persons"])


class PersonSummary(BaseModel):
    id: str = Field(description="The person's id: surname and first initial, e.g. de-vries-a (see /persons/{id}).")
    name: str = Field(description="The fullest name written for the person.")
    names: list[str] = Field(description="Every form of the name written in the documents.")
    family_name: str
    offices: list[str] = Field(description="Offices the person signed in, as written.")
    signatures: int = Field(description="Number of documents the person signed.")
    submitted: int = Field(description="Number of motions and amendments the person submitted.")


class Signature(BaseModel):
    """The person signing one document in one office."""

    document: DocumentRef
    office: str = Field(description="The office as signed, e.g. 'minister van Buitenlandse Zaken'.")
    office_iri: str
    signed_name: str = Field(description="The name exactly as signed.")
    evidence: Quote | None = Field(description="The signature block as quoted from the document.")


class SubmittedKamerstuk(BaseModel):
    id: str = Field(description="Kamerstuk id (motions: see /motions/{id}).")
    kind: KamerstukKind | None
    cited_in: list[str] = Field(description="Ids of the documents citing it.")


class PersonDetail(BaseModel):
    id: str
    name: str
    names: list[str]
    family_names: list[str]
    offices: list[str]
    signatures: list[Signature] = Field(description="Every signature, oldest document first.")
    motions: list[SubmittedKamerstuk] = Field(description="Motions and amendments the person submitted.")


def _fullest(names: list[str]) -> str:
    """The longest written form ('Aukje de Vries' over 'A. de Vries'), ties broken alphabetically."""
    return max(sorted(names), key=len) if names else ""


PersonId = Annotated[str, Path(description="The person's id, e.g. de-vries-a (see /persons).")]


@router.get(
    "/persons",
    operation_id="persons",
    summary="List the people in the store",
    description=(
        "Everyone the documents name as signatory or as submitter of a motion or amendment, by surname, with the "
        "offices they signed in and how many documents they signed and Kamerstukken they submitted."
    ),
    responses=INVALID,
)
def list_persons(store: StoreDep, paging: PagingDep, cache: CacheDep) -> Page[PersonSummary]:
    people = cache.get(store, ("persons",), lambda: person_summaries(store))
    return Page[PersonSummary](items=paging.slice(people), total=len(people))


def person_summaries(store: Store) -> list[PersonSummary]:
    """Every person in the store, by surname (the pages of /persons share this one list)."""
    people = []
    for row in rows.select(store, "persons"):
        names = rows.items(row, "names")
        people.append(
            PersonSummary(
                id=rows.key(rows.required(row, "person")),
                name=_fullest(names),
                names=names,
                family_name=rows.required(row, "familyName"),
                offices=rows.items(row, "offices"),
                signatures=rows.integer(row, "signatures") or 0,
                submitted=rows.integer(row, "submitted") or 0,
            )
        )
    return people


@router.get(
    "/persons/{id}",
    operation_id="person",
    summary="One person: signatures with offices and documents, motions submitted",
    description=(
        "Every document the person signed, in which office, with the signature block quoted; and every motion "
        "or amendment they submitted, with the documents citing it."
    ),
    responses={**NOT_FOUND, **INVALID},
)
def get_person(store: StoreDep, id: PersonId) -> PersonDetail:
    person = params.slug_id(id, "person")
    head = rows.select(store, "person", person=person)
    if not head:
        raise NotFound(f"no person {person} in the store; see /persons for the ids")
    names = sorted({name for r in head if (name := rows.text(r, "name")) is not None})
    signatures = [
        Signature(
            document=document_ref(r),
            office=rows.required(r, "signedOffice"),
            office_iri=rows.required(r, "office"),
            signed_name=rows.required(r, "signedName"),
            evidence=quote(r),
        )
        # the rows of person-signatures, from two quick queries joined here (as its OPTIONAL, pyoxigraph reads every
        # signature block in the store)
        for r in rows.left_join(
            rows.select(store, "person-signed-documents", person=person),
            rows.select(store, "person-signature-passages", person=person),
            ("doc", "signature"),
        )
    ]
    signatures.sort(key=lambda s: (s.document.date is None, str(s.document.date), s.document.file))
    motions = sorted(
        (
            SubmittedKamerstuk(
                id=rows.required(r, "id"),
                kind=kamerstuk_kind(rows.text(r, "kind")),
                cited_in=[rows.key(iri) for iri in rows.items(r, "citedIn")],
            )
            for r in rows.select(store, "person-motions", person=person)
        ),
        key=lambda m: rows.kamerstuk_order(m.id),
    )
    return PersonDetail(
        id=person,
        name=_fullest(names),
        names=names,
        family_names=sorted({family for r in head if (family := rows.text(r, "familyName")) is not None}),
        offices=sorted({s.office for s in signatures}),
        signatures=signatures,
        motions=motions,
    )
