"""Debates referred to, with kind, subject and date ('jl.' resolved against the document's own date)."""

from __future__ import annotations

from datetime import date
from typing import TypeVar

import pytest

from loaders.document import Document
from loaders.extract import extract_all
from loaders.mentions import DebateMention, Mention

M = TypeVar("M", bound=Mention)


def mentions_of(doc: Document, kind: type[M]) -> list[M]:
    """The mentions of one type the whole extractor chain finds (later extractors read earlier ones' results)."""
    return [m for m in extract_all(doc) if isinstance(m, kind)]



def debates(text: str) -> list[tuple[str, str | None, date | None]]:
    return [(m.kind, m.subject, m.day) for m in mentions_of(Document("inline.txt", text), DebateMention)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tijdens het commissiedebat Raad Buitenlandse Zaken van 13 januari 2026 besproken",
         ("commissiedebat", "Raad Buitenlandse Zaken", date(2026, 1, 13))),
        ("naar aanleiding van het plenaire debat over Soedan van 10 december 2025 aangenomen",
         ("plenair debat", "Soedan", date(2025, 12, 10))),
        ("tijdens het plenair debat Begroting Buitenlandse Handel en Ontwikkelingshulp op 15 januari 2026.",
         ("plenair debat", "Begroting Buitenlandse Handel en Ontwikkelingshulp", date(2026, 1, 15))),
        ("het tweeminutendebat Wapenexportbeleid van 14 januari jl. en",
         ("tweeminutendebat", "Wapenexportbeleid", None)),
        ("naar aanleiding van het plenaire debat over de situatie in Soedan de motie aangenomen",
         ("plenair debat", "de situatie in Soedan", None)),
        ("naar aanleiding van het tweeminutendebat over het wapenexportbeleid, de motie",
         ("tweeminutendebat", "het wapenexportbeleid", None)),
        ("Tijdens het notaoverleg abortus is een mensenrecht van 8 september 2025 hebben de leden",
         ("notaoverleg", "abortus is een mensenrecht", date(2025, 9, 8))),
        ("in het Algemeen Overleg Vreemdelingen- en asielbeleid van 3 juli 2019 is",
         ("algemeen overleg", "Vreemdelingen- en asielbeleid", date(2019, 7, 3))),
        ("tijdens de begrotingsbehandeling is dit besproken", ("begrotingsbehandeling", None, None)),
    ],
)
def test_debate_forms(text: str, expected: tuple[str, str | None, date | None]) -> None:
    assert debates(text) == [expected]


def test_jl_date_resolved_against_the_document_date() -> None:
    text = (
        "Den Haag, 3 februari 2026\n\n"
        "Tijdens de begrotingsbehandeling Buitenlandse Zaken van 28 januari jl. is dit besproken.\n"
    )
    assert debates(text) == [("begrotingsbehandeling", "Buitenlandse Zaken", date(2026, 1, 28))]


def test_jl_date_in_the_previous_year() -> None:
    text = "Den Haag, 9 januari 2026\n\nIn het commissiedebat Humanitaire Hulp van 25 september jl. bleek dat.\n"
    assert debates(text) == [("commissiedebat", "Humanitaire Hulp", date(2025, 9, 25))]


def test_an_undated_generic_debate_is_not_a_parliamentary_debate() -> None:
    assert debates("De informele notitie heeft het migratiedebat en het debat over Europa mede vormgegeven.") == []
