"""/letters: the documents in the store, and one document with every fact read from it and the quote it came from."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel, Field

from api import params, rows
from api.cache import CacheDep
from api.deps import PagingDep, StoreDep
from api.errors import INVALID, NOT_FOUND, NotFound
from api.models import DocumentKind, DocumentRef, KamerstukKind, Page, Quote, document_ref, kamerstuk_kind, quote
from store.base import Store

router = APIRouter(tags=["letters"])


class LetterSummary(DocumentRef):
    """A document in the list: what it is and who signed it."""

    signatories: list[str] = Field(description="Names of the signatories as written under the document.")


class Signatory(BaseModel):
    name: str = Field(description="The name as signed, e.g. 'D.M. van Weel'.")
    office: str = Field(description="The office as signed, e.g. 'minister van Buitenlandse Zaken'.")
    person: str = Field(description="The person's id (see /persons/{id}).")


class Citation(BaseModel):
    id: str = Field(description="Kamerstuk id, e.g. kst-29237-247 (motions: see /motions/{id}).")
    kind: KamerstukKind | None = Field(description="Motion, amendment, or another Kamerstuk (null).")


class Fact(BaseModel):
    """One fact read from the document (a reified triple) and the passage it was read from."""

    subject: str = Field(description="IRI of the fact's subject.")
    subject_label: str | None = None
    predicate: str = Field(description="The property, as prefix:name where the namespace is known.")
    object: str = Field(description="IRI of the object, or the literal value.")
    object_label: str | None = None
    evidence: Quote


class LetterDetail(DocumentRef):
    """One document, with its signatories, the Kamerstukken it cites and every fact read from it."""

    content_hash: str = Field(description="SHA-256 of the document's text (the text the offsets point into).")
    signatories: list[Signatory]
    cites: list[Citation]
    facts: list[Fact] = Field(description="Every fact, in the order of the passages in the text.")


LetterId = Annotated[str, Path(description="The document's id: kst-… or sha256-… (see /letters).")]


@router.get(
    "/letters",
    operation_id="letters",
    summary="List the documents in the store",
    description=(
        "Every document ingested (letters, motions, amendments, answers to Kamervragen, reports), newest first, "
        "with its source file, kind, date, title and signatories. Optionally only one kind."
    ),
    responses=INVALID,
)
def list_letters(
    store: StoreDep,
    paging: PagingDep,
    cache: CacheDep,
    kind: Annotated[DocumentKind | None, Query(description="Only documents of this kind.")] = None,
) -> Page[LetterSummary]:
    letters = cache.get(store, ("letters", kind), lambda: letter_summaries(store, kind))
    return Page[LetterSummary](items=paging.slice(letters), total=len(letters))


def letter_summaries(store: Store, kind: DocumentKind | None) -> list[LetterSummary]:
    """Every document (of `kind`, when given), newest first, with its signatories."""
    signed: dict[str, list[str]] = {}
    for row in rows.select(store, "letter-signatories"):
        names = signed.setdefault(rows.required(row, "doc"), [])
        if rows.required(row, "name") not in names:
            names.append(rows.required(row, "name"))
    return [
        LetterSummary(**document_ref(row).model_dump(), signatories=signed.get(rows.required(row, "doc"), []))
        for row in rows.select(store, "letters", kind=kind)
    ]


@router.get(
    "/letters/{id}",
    operation_id="letter",
    summary="One document with its facts and their quotes",
    description=(
        "The document's description, signatories and cited Kamerstukken, and every fact read from it "
        "(a reified triple) with the sentence it was read from, the character offsets and the extraction rule."
    ),
    responses={**NOT_FOUND, **INVALID},
)
def get_letter(store: StoreDep, id: LetterId) -> LetterDetail:
    key = params.document_key(id)
    head = rows.select(store, "letter", doc=key)
    if not head:
        raise NotFound(f"no document {key} in the store; see /letters for the documents")
    row = head[0]
    signatories = [
        Signatory(
            name=rows.required(r, "name"),
            office=rows.required(r, "officeLabel"),
            person=rows.key(rows.required(r, "person")),
        )
        for r in rows.select(store, "letter-signatories", doc=key)
    ]
    cites = sorted(
        (
            Citation(id=rows.required(r, "id"), kind=kamerstuk_kind(rows.text(r, "kind")))
            for r in rows.select(store, "letter-citations", doc=key)
        ),
        key=lambda c: rows.kamerstuk_order(c.id),
    )
    facts = []
    for r in rows.select(store, "letter-facts", doc=key):
        evidence = quote(r)
        if evidence is None:
            continue
        facts.append(
            Fact(
                subject=rows.required(r, "subject"),
                subject_label=rows.text(r, "subjectLabel"),
                predicate=rows.compact(rows.required(r, "predicate")),
                object=rows.required(r, "object"),
                object_label=rows.text(r, "objectLabel"),
                evidence=evidence,
            )
        )
    return LetterDetail(
        **document_ref(row).model_dump(),
        content_hash=rows.required(row, "hash"),
        signatories=signatories,
        cites=cites,
        facts=facts,
    )
