"""Answers to Kamervragen: askers and parties, dates sent in and received, numbered questions with their answers."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from rdflib import Literal
from rdflib.namespace import XSD

from loaders.document import Document
from loaders.extract import extract_all
from loaders.extract.questions import numbers
from loaders.mentions import AskerMention, DocumentEventMention, QuestionAnswerMention
from ontology import identifiers
from ontology.namespace import KG, ORG
from tests.extract.graphs import graph_of_fixture


def test_numbers_of_a_part_heading() -> None:
    assert numbers("2 en 3") == [2, 3]
    assert numbers("4 t/m 6") == [4, 5, 6]
    assert numbers("1, 2") == [1, 2]


def test_askers_with_their_parties_and_both_dates(fixture_doc: Callable[[str], Document]) -> None:
    found = extract_all(fixture_doc("answer_numbered.txt"))
    assert [(m.name, m.party) for m in found if isinstance(m, AskerMention)] == [
        ("Van Dam", "ABC"), ("Osterhout", "XYZ")]
    assert [(m.event, m.value) for m in found if isinstance(m, DocumentEventMention)] == [
        ("submitted", date(2026, 3, 3)), ("received", date(2026, 3, 24))]


def test_numbered_parts_and_one_answer_to_two_questions(fixture_doc: Callable[[str], Document]) -> None:
    parts = [m for m in extract_all(fixture_doc("answer_numbered.txt")) if isinstance(m, QuestionAnswerMention)]
    shared = ("Volgens de VN hebben ruim vier miljoen mensen onvoldoende te eten. Nederland steunt het werk van het "
              "Wereldvoedselprogramma.")
    assert [(p.number, p.question, p.answer) for p in parts] == [
        (1, "Kent u het rapport over de voedselcrisis in de Sahel?", "Ja."),
        (2, "Hoeveel mensen hebben onvoldoende te eten?", shared),  # the page furniture after it is not the answer
        (3, "Welke hulp biedt Nederland?", shared),
    ]


def test_a_question_without_its_answer_is_kept_unanswered() -> None:
    text = ("Vragen van het lid Jansen (ABC) aan de minister van Defensie (ingezonden 1 mei 2026).\n\n"
            "Vraag 1\nKlopt het bericht?\n\nAntwoord 1\nNee.\n\nVraag 2\nWaarom niet?\n")
    parts = [m for m in extract_all(Document("a.txt", text)) if isinstance(m, QuestionAnswerMention)]
    assert [(p.number, p.answer) for p in parts] == [(1, "Nee."), (2, None)]


def test_answer_graph_links_askers_party_answerer_dates_and_parts() -> None:
    graph = graph_of_fixture("answer_numbered.txt")
    doc = next(graph.subjects(KG.askedBy, None))
    assert set(graph.objects(doc, KG.askedBy)) == {identifiers.person("Van Dam"), identifiers.person("Osterhout")}
    assert graph.value(identifiers.person("Osterhout"), ORG.memberOf) == identifiers.organisation("XYZ")
    assert graph.value(doc, KG.answeredBy) == identifiers.person("Verbeek")
    assert graph.value(doc, KG.submittedOn) == Literal(date(2026, 3, 3), datatype=XSD.date)
    assert graph.value(doc, KG.receivedOn) == Literal(date(2026, 3, 24), datatype=XSD.date)
    parts = {int(str(graph.value(p, KG.questionNumber))): p for p in graph.objects(doc, KG.hasQuestion)}
    assert sorted(parts) == [1, 2, 3]
    assert str(graph.value(parts[1], KG.answerText)) == "Ja."
    assert str(graph.value(parts[3], KG.questionText)) == "Welke hulp biedt Nederland?"
