"""Resolution: canonical offices (office as signed kept), one person for 'A. de Vries' and 'Aukje de Vries', the
Kamerstuk id outranking a misspelt surname, one entity with SKOS aliases for Dutch and English names."""

from __future__ import annotations

import pytest
from rdflib import Literal
from rdflib.namespace import SKOS

from loaders.extract.offices import canonical_office
from loaders.pipeline import prepare, store_prepared
from ontology import identifiers
from ontology.namespace import KG, RDF
from queries.digest import digest
from store.base import SelectResult
from store.embedded import EmbeddedStore
from tests.extract.graphs import graph_of_text

BHO = "minister voor Buitenlandse Handel en Ontwikkelingshulp"


@pytest.mark.parametrize("written", [
    "minister voor BHO", "Minister voor Buitenlandse Handel en Ontwikkelingshulp",
    "De minister voor Buitenlandse Handel en Ontwikkelingshulp,",
    "MINISTER VOOR BUITENLANDSE HANDEL EN ONTWIKKELINGSHULP",
])
def test_forms_of_one_office_have_one_canonical_name(written: str) -> None:
    assert canonical_office(written) == BHO


def test_state_secretary_and_ministry_offices() -> None:
    assert canonical_office("staatssecretaris Buitenlandse Handel en Ontwikkelingshulp") == canonical_office(
        "staatssecretaris voor BHO") == "staatssecretaris Buitenlandse Handel en Ontwikkelingshulp"
    assert canonical_office("minister van BZ") == "minister van Buitenlandse Zaken"
    assert canonical_office("lid van de Tweede Kamer") == "lid van de Tweede Kamer"  # not a government office


def _letter(office: str, name: str, day: int) -> str:
    return f"Geachte voorzitter,\n\nHierbij informeer ik u.\n\nDen Haag, {day} maart 2026\n\n{office},\n\n{name}\n"


def test_one_office_iri_and_one_person_across_letters_while_the_office_is_kept_as_signed() -> None:
    store = EmbeddedStore(None)
    docs = []
    signed_as = [("De minister voor BHO", "A. de Vries"), (f"De M{BHO[1:]}", "Aukje de Vries")]
    for i, (office, name) in enumerate(signed_as):
        prepared = prepare(f"l{i}.txt", _letter(office, name, i + 1).encode())
        store_prepared(store, prepared)
        docs.append(prepared.iri)
    person = identifiers.person("A. de Vries")
    assert person == identifiers.person("Aukje de Vries")
    result = store.query("SELECT DISTINCT ?o WHERE { ?p org:holds ?o }", {"p": person})
    assert isinstance(result, SelectResult)
    assert [r["o"] for r in result.rows] == [identifiers.office(BHO)]
    signed = [digest(store, doc)["signatories"] for doc in docs]
    assert signed == [[{"name": "A. de Vries", "office": "minister voor BHO"}],
                      [{"name": "Aukje de Vries", "office": BHO}]]


def test_kamerstuk_id_outranks_a_misspelt_surname() -> None:
    text = (
        "Geachte voorzitter,\n\nDe motie Van den Burg c.s. (Kamerstuk 29 237, nr. 247) vraagt om meer steun. "
        "Over de uitvoering van de motie Van der Burg (Kamerstuk 29 237, nr. 247) informeer ik u later.\n"
    )
    graph = graph_of_text("misspelt.txt", text)
    motion = identifiers.kamerstuk("kst-29237-247")
    assert set(graph.subjects(None, KG.Motion)) == {motion}
    submitters = list(graph.objects(motion, KG.submitter))
    assert submitters == [identifiers.person("Van den Burg")]
    assert set(graph.objects(submitters[0], KG.writtenName)) == {Literal("Van der Burg")}
    evidence = next(e for e in graph.subjects(KG.extractionRule, None)
                    if graph.value(e, KG.quote) is not None and graph.value(e, RDF.object) == Literal("Van der Burg"))
    assert "de motie Van der Burg (Kamerstuk 29 237, nr. 247)" in str(graph.value(evidence, KG.quote))


def test_dutch_and_english_names_and_acronym_are_one_entity_with_aliases() -> None:
    text = ("Geachte voorzitter,\n\nNederland steunt het Sudan Humanitarian Fund. Het Soedan Humanitaire Fonds van de "
            "VN (SHF) verdeelt de middelen over lokale partners.\n")
    graph = graph_of_text("fund.txt", text)
    fund = identifiers.instrument("Sudan Humanitarian Fund")
    assert set(graph.objects(fund, SKOS.altLabel)) >= {Literal("Soedan Humanitaire Fonds van de VN")}
    assert not list(graph.subjects(SKOS.prefLabel, Literal("Soedan Humanitaire Fonds van de VN")))
