"""Commitments with who made them (the 'ik' who signs, a named office, the signatories' offices), to whom and in
which debate; the letter that reports on them."""

from __future__ import annotations

from ontology import identifiers
from ontology.namespace import KG
from tests.extract.graphs import graph_of_fixture, graph_of_text


def test_unnumbered_commitment_made_by_the_signer_to_a_member_during_a_debate() -> None:
    graph = graph_of_fixture("letter_commitment.txt")
    commitment = next(graph.subjects(KG.commitmentText, None))
    letter = next(graph.subjects(KG.reportsOn, commitment))
    assert letter == next(graph.subjects(KG.sourceFileName, None))
    assert graph.value(commitment, KG.madeBy) == identifiers.person("A. de Vries")
    assert graph.value(commitment, KG.madeTo) == identifiers.person("Bamenga")
    assert graph.value(commitment, KG.madeDuring) == identifiers.debate(
        "commissiedebat", "2026-01-13", "Raad Buitenlandse Zaken")


def test_cabinet_commitment_to_the_kamer_is_made_by_the_signatories_offices() -> None:
    text = (
        "Geachte voorzitter,\n\nHet kabinet heeft uw Kamer toegezegd jaarlijks te rapporteren over de steun.\n\n"
        "De minister van Buitenlandse Zaken,\n\nB. Verbeek\n\n"
        "De minister voor BHO,\n\nC. Jansen\n"
    )
    graph = graph_of_text("cabinet.txt", text)
    commitment = next(graph.subjects(KG.commitmentText, None))
    assert set(graph.objects(commitment, KG.madeBy)) == {
        identifiers.office("minister van Buitenlandse Zaken"),
        identifiers.office("minister voor Buitenlandse Handel en Ontwikkelingshulp"),
    }
    assert graph.value(commitment, KG.madeTo) == identifiers.organisation("Tweede Kamer")


def test_commitment_of_a_named_office() -> None:
    text = ("Geachte voorzitter,\n\nDe staatssecretaris voor BHO heeft de Kamer toegezegd de evaluatie te sturen.\n\n"
            "De minister van Buitenlandse Zaken,\n\nB. Verbeek\n")
    graph = graph_of_text("named.txt", text)
    commitment = next(graph.subjects(KG.commitmentText, None))
    assert graph.value(commitment, KG.madeBy) == identifiers.office(
        "staatssecretaris Buitenlandse Handel en Ontwikkelingshulp")
