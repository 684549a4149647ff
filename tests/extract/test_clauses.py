"""Motions and amendments as text: considerations and operative clauses, stored as facts with evidence."""

from __future__ import annotations

from collections.abc import Callable

from loaders.document import Document
from loaders.extract import extract_all
from loaders.mentions import ClauseMention
from ontology import identifiers
from ontology.namespace import KG
from tests.extract.graphs import graph_of_fixture


def clauses(doc: Document) -> list[tuple[str, str]]:
    return [(m.kind, m.text) for m in extract_all(doc) if isinstance(m, ClauseMention)]


def test_motion_considerations_and_requests_over_wrapped_lines(fixture_doc: Callable[[str], Document]) -> None:
    assert clauses(fixture_doc("motion_clauses.txt")) == [
        ("consideration", "constaterende dat het aantal ontheemden in de Sahel dit jaar verder is gestegen"),
        ("consideration", "overwegende dat lokale organisaties de hulp het snelst bereiken"),
        ("consideration", "van mening zijnde dat de financiering flexibeler moet"),
        ("operative", "verzoekt de regering, een groter deel van de humanitaire middelen via lokale organisaties "
                      "te besteden"),
        ("operative", "spreekt uit dat Nederland zich inzet voor toegang tot alle regio's"),
    ]


def test_motion_flattened_to_one_line_is_split_at_semicolons() -> None:
    text = ("MOTIE VAN HET LID JANSEN De Kamer, gehoord de beraadslaging, constaterende dat de hulp stokt; "
            "overwegende dat wegen zijn afgesloten, verzoekt de regering te pleiten voor open grenzen, en gaat over "
            "tot de orde van de dag.\n\nJansen\n")
    assert clauses(Document("flat.txt", text)) == [
        ("consideration", "constaterende dat de hulp stokt"),
        ("consideration", "overwegende dat wegen zijn afgesloten"),
        ("operative", "verzoekt de regering te pleiten voor open grenzen"),
    ]


def test_motion_cut_off_before_its_closing_formula_keeps_what_it_has() -> None:
    text = "MOTIE VAN HET LID JANSEN\n\nDe Kamer,\n\ngehoord de beraadslaging,\n\nverzoekt de regering de hulp te ver"
    assert clauses(Document("cut.txt", text)) == [("operative", "verzoekt de regering de hulp te ver")]


def test_amendment_proposal_and_explanation(fixture_doc: Callable[[str], Document]) -> None:
    assert clauses(fixture_doc("amendment_explained.txt")) == [
        ("operative", "In artikel 2 Duurzame ontwikkeling wordt het verplichtingenbedrag verhoogd met € 2.000 "
                      "(x € 1.000)."),
        ("consideration", "Met dit amendement wordt extra geld vrijgemaakt voor drinkwaterprojecten."),
    ]


def test_a_letter_has_no_clauses() -> None:
    text = "Geachte voorzitter,\n\nconstaterende dat de hulp stokt, verzoek ik u dit door te geleiden.\n"
    assert clauses(Document("letter.txt", text)) == []


def test_clauses_are_facts_of_the_motion_document_with_quotes() -> None:
    graph = graph_of_fixture("motion_clauses.txt")
    motion = identifiers.kamerstuk("kst-36900-XVII-14")
    considerations = {str(o) for o in graph.objects(motion, KG.considerationClause)}
    requests = {str(o) for o in graph.objects(motion, KG.operativeClause)}
    assert len(considerations) == 3 and len(requests) == 2
    quoted = {str(graph.value(e, KG.quote)) for e in graph.subjects(KG.extractionRule, None)
              if str(graph.value(e, KG.extractionRule)).startswith("clauses.")}
    assert "overwegende dat lokale organisaties de hulp het snelst bereiken;" in quoted
