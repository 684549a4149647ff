"""The document's own date in each layout, and no date when the document states none."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TypeVar

from loaders.document import Document
from loaders.extract import extract_all
from loaders.mentions import DateMention, Mention

M = TypeVar("M", bound=Mention)


def mentions_of(doc: Document, kind: type[M]) -> list[M]:
    """The mentions of one type the whole extractor chain finds (later extractors read earlier ones' results)."""
    return [m for m in extract_all(doc) if isinstance(m, kind)]


def quoted(doc: Document, mention: Mention) -> str:
    """The exact text a mention's evidence span points at."""
    return doc.text[mention.evidence.start:mention.evidence.end]



def own_dates(text: str) -> list[date]:
    return [m.value for m in mentions_of(Document("inline.txt", text), DateMention)]


def test_den_haag_line_of_a_kamerbrief(fixture_doc: Callable[[str], Document]) -> None:
    doc = fixture_doc("official_letter.txt")
    [mention] = mentions_of(doc, DateMention)
    assert mention.value == date(2026, 1, 12)
    assert quoted(doc, mention) == "Den Haag, 12 januari 2026"
    assert mention.evidence.rule == "dates.den-haag"


def test_datum_inside_a_flattened_letterhead_line(fixture_doc: Callable[[str], Document]) -> None:
    doc = fixture_doc("letterhead_letter.txt")
    [mention] = mentions_of(doc, DateMention)
    assert mention.value == date(2021, 6, 2)
    assert quoted(doc, mention) == "Datum 2 juni 2021"


def test_datum_label_and_value_on_two_lines() -> None:
    assert own_dates("Datum\n2 juni 2021\nBetreft Reactie\n\nGeachte voorzitter,\n") == [date(2021, 6, 2)]


def test_motion_date_is_the_date_proposed(fixture_doc: Callable[[str], Document]) -> None:
    doc = fixture_doc("motion.txt")
    [mention] = mentions_of(doc, DateMention)
    assert mention.value == date(2025, 12, 3)
    assert mention.evidence.rule == "dates.proposed"


def test_amendment_date_is_the_date_received(fixture_doc: Callable[[str], Document]) -> None:
    assert [m.value for m in mentions_of(fixture_doc("amendment.txt"), DateMention)] == [
        date(2026, 1, 28)]


def test_answer_date_is_received_not_submitted(fixture_doc: Callable[[str], Document]) -> None:
    """'(ingezonden 2 mei 2022)' dates the questions; the answers' own date is '(ontvangen 30 mei 2022)'."""
    assert [m.value for m in mentions_of(fixture_doc("answer.txt"), DateMention)] == [
        date(2022, 5, 30)]


def test_no_own_date_means_no_date_even_with_other_dates() -> None:
    """Dates of events, debates and cited letters are never taken as the document's own date."""
    text = (
        "Met deze brief informeer ik uw Kamer. Tijdens het commissiedebat van 25 september jl. en in de brief\n"
        "van 24 november 2025 is dit besproken. Op 16 december 2025 is de motie aangenomen.\n"
    )
    assert own_dates(text) == []


def test_impossible_calendar_day_is_skipped() -> None:
    assert own_dates("Den Haag, 31 februari 2025\n\nDen Haag, 3 maart 2025\n") == [date(2025, 3, 3)]


def test_metadata_date_when_the_text_has_none() -> None:
    """XML/HTML readers put the publication's own date in doc.metadata['datum']."""
    doc = Document("inline.txt", "Geachte voorzitter,\n\nMet deze brief van 9 december 2025 informeer ik u.\n")
    doc.metadata["datum"] = "2025-12-09"
    [mention] = mentions_of(doc, DateMention)
    assert mention.value == date(2025, 12, 9)
    assert quoted(doc, mention) == "9 december 2025"
