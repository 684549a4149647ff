"""Extraction: one module per kind of fact, run in order; later extractors may use what earlier ones found."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from loaders.document import Document
from loaders.extract import (
    clauses,
    commitments,
    countries,
    dates,
    debates,
    entities,
    header,
    money,
    questions,
    references,
    signatures,
)
from loaders.mentions import Mention

Extractor = Callable[[Document, Sequence[Mention]], Iterable[Mention]]

#: (name, extractor) in the order they run; money runs after entities and countries so it can name recipients.
EXTRACTORS: list[tuple[str, Extractor]] = [
    ("header", header.extract),
    ("dates", dates.extract),
    ("signatures", signatures.extract),
    ("references", references.extract),
    ("clauses", clauses.extract),
    ("questions", questions.extract),
    ("commitments", commitments.extract),
    ("debates", debates.extract),
    ("entities", entities.extract),
    ("countries", countries.extract),
    ("money", money.extract),
]


def extract_all(doc: Document) -> list[Mention]:
    """Run every extractor over the document and return all mentions in order of discovery."""
    found: list[Mention] = []
    for _name, extractor in EXTRACTORS:
        found.extend(extractor(doc, tuple(found)))
    return found
