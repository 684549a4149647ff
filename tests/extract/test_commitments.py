"""Toezeggingen: register numbers (also in a footnote), written-out promises, referred promises."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from loaders.document import Document
from loaders.extract import extract_all
from loaders.mentions import CommitmentMention, Mention

M = TypeVar("M", bound=Mention)


def mentions_of(doc: Document, kind: type[M]) -> list[M]:
    """The mentions of one type the whole extractor chain finds (later extractors read earlier ones' results)."""
    return [m for m in extract_all(doc) if isinstance(m, kind)]



def commitments(text: str) -> list[tuple[str | None, str, str | None]]:
    return [(m.register_id, m.text, m.made_to)
            for m in mentions_of(Document("inline.txt", text), CommitmentMention)]


def test_register_number_in_a_footnote_joins_the_promise_it_marks() -> None:
    text = (
        "Nederland pleit voor een actieve rol van de EU, zoals toegezegd aan het lid Bamenga tijdens het plenair "
        "debat op 15 januari 2026.[footnoteRef:4] [4:  Toezegging TZ202601-046]\n"
    )
    [(register_id, promise, made_to)] = commitments(text)
    assert register_id == "TZ202601-046"
    assert made_to == "het lid Bamenga"
    assert promise.startswith("Nederland pleit voor een actieve rol van de EU, zoals toegezegd")


def test_register_number_on_its_own() -> None:
    assert commitments("Overzicht: TZ202511-102 is afgedaan.\n") == [
        ("TZ202511-102", "Overzicht: TZ202511-102 is afgedaan.", None)]


def test_written_promise_with_addressee() -> None:
    text = (
        "Tijdens het commissiedebat Humanitaire Hulp van 25 september jl. heb ik uw Kamer\n"
        "toegezegd te bezien wat Nederland aanvullend kan doen. In deze brief doe ik deze toezegging gestand.\n"
    )
    assert commitments(text) == [(None, "te bezien wat Nederland aanvullend kan doen", "uw Kamer")]


def test_promise_with_addressee_after_the_verb() -> None:
    assert commitments("Ik heb toegezegd uw Kamer voor de zomer te informeren over de evaluatie.\n") == [
        (None, "voor de zomer te informeren over de evaluatie", "uw Kamer")]


def test_government_promise_without_addressee() -> None:
    text = "Naar aanleiding van het rapport heeft het kabinet toegezegd te werken aan een do-no-harm raamwerk.\n"
    assert commitments(text) == [(None, "te werken aan een do-no-harm raamwerk", None)]


def test_promise_referred_to_with_a_jl_date() -> None:
    text = "Met deze brief geven wij inzicht in de agenda, conform de toezegging van 15 mei jl. aan\nuw Kamer.\n"
    assert commitments(text) == [
        (None, "Met deze brief geven wij inzicht in de agenda, conform de toezegging van 15 mei jl. aan uw Kamer.",
         "uw Kamer")]


def test_promise_made_to_members() -> None:
    [(_, _, made_to)] = commitments("Zoals toegezegd aan de leden Dobbe en Ceder stuur ik u het overzicht.\n")
    assert made_to == "de leden Dobbe en Ceder"


def test_general_words_about_promises_are_not_commitments() -> None:
    text = "Met deze brief informeren wij u over de uitvoering van meerdere toezeggingen en moties.\n"
    assert commitments(text) == []


def test_referred_promise_in_an_official_letter(fixture_doc: Callable[[str], Document]) -> None:
    [mention] = mentions_of(fixture_doc("official_letter.txt"), CommitmentMention)
    assert mention.made_to == "het lid Postma"
    assert mention.register_id is None
