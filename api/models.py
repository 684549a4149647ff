"""Response models several routers share: a page of items, a document reference, a quoted passage."""

from __future__ import annotations

import datetime as dt
from typing import Generic, Literal, TypeVar, cast, get_args

import pycountry
from pydantic import BaseModel, Field

from api import rows
from api.rows import Row

T = TypeVar("T")

DocumentKind = Literal["letter", "motion", "amendment", "answer", "report", "document"]
DOCUMENT_KINDS: tuple[str, ...] = get_args(DocumentKind)
KamerstukKind = Literal["motion", "amendment"]


def kamerstuk_kind(value: str | None) -> KamerstukKind | None:
    """'motion' or 'amendment' as the query gave it; None for any other Kamerstuk."""
    return cast(KamerstukKind, value) if value in get_args(KamerstukKind) else None


class Page(BaseModel, Generic[T]):
    """One page of a list: the items from ?offset=, at most ?limit= of them, and how many there are in all."""

    items: list[T]
    total: int = Field(description="Number of items matching the request, on all pages.")


class Quote(BaseModel):
    """A passage of a document a fact was read from: the sentence, its character offsets and the rule that read it."""

    quote: str = Field(
        description="The sentence (or line) between start and end, line breaks and runs of spaces collapsed."
    )
    start: int = Field(description="Offset of the passage's first character in the document's text.")
    end: int = Field(description="Offset just past the passage's last character.")
    rule: str = Field(description="Id of the extraction rule that read the fact, e.g. references.footnote.")


class SourcedQuote(Quote):
    """A quoted passage and the document it is in."""

    document: str = Field(description="Id of the document the passage is in (see /letters/{id}).")


class DocumentRef(BaseModel):
    """A document in the store, as other resources point to it."""

    id: str = Field(description="The document's id: its Kamerstuk id (kst-…) or content key (sha256-…).")
    file: str = Field(description="Name of the file the document was ingested from.")
    kind: DocumentKind | None = None
    date: dt.date | None = Field(default=None, description="The document's own date, when it states one.")
    title: str | None = None


class CountryRef(BaseModel):
    """A country, by ISO code and English short name."""

    iso2: str = Field(description="ISO 3166-1 alpha-2 code (see /countries/{iso2}).", examples=["SD"])
    name: str = Field(examples=["Sudan"])


def country_ref(iso2: str) -> CountryRef:
    record = pycountry.countries.get(alpha_2=iso2)
    name = getattr(record, "common_name", None) or getattr(record, "name", None) or iso2
    return CountryRef(iso2=iso2, name=name)


def quote(row: Row) -> Quote | None:
    """The passage of a row with ?quote ?start ?end ?rule, or None when the row has no evidence."""
    text = rows.text(row, "quote")
    start, end = rows.integer(row, "start"), rows.integer(row, "end")
    if text is None or start is None or end is None:
        return None
    return Quote(quote=text, start=start, end=end, rule=rows.text(row, "rule") or "")


def sourced_quote(row: Row) -> SourcedQuote | None:
    """The passage of a row with ?doc ?quote ?start ?end ?rule, with the document's id."""
    passage = quote(row)
    if passage is None or row.get("doc") is None:
        return None
    return SourcedQuote(**passage.model_dump(), document=rows.key(rows.required(row, "doc")))


def document_ref(row: Row, doc: str = "doc") -> DocumentRef:
    """The document of a row with ?doc ?file and optionally ?kind ?date ?title."""
    kind = rows.text(row, "kind")
    return DocumentRef(
        id=rows.key(rows.required(row, doc)),
        file=rows.required(row, "file"),
        kind=cast(DocumentKind, kind) if kind in DOCUMENT_KINDS else None,
        date=rows.day(row, "date"),
        title=rows.text(row, "title"),
    )


class DocumentQuotes(DocumentRef):
    """A document and the passages in it that say something about the resource."""

    quotes: list[Quote] = Field(default_factory=list)


def documents_with_quotes(result: list[Row]) -> list[DocumentQuotes]:
    """Group rows of (document, passage) into one entry per document, oldest first (undated last), each with its
    passages in text order."""
    by_doc: dict[str, DocumentQuotes] = {}
    for row in result:
        ref = document_ref(row)
        entry = by_doc.setdefault(ref.id, DocumentQuotes(**ref.model_dump()))
        passage = quote(row)
        if passage is not None and passage not in entry.quotes:
            entry.quotes.append(passage)
    for entry in by_doc.values():
        entry.quotes.sort(key=lambda q: (q.start, q.end, q.rule))
    return sorted(by_doc.values(), key=lambda d: (d.date is None, d.date or dt.date.min, d.file))
