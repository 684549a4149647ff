"""The namespace module and the ontology agree term for term, and every ontology term is documented."""

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from ontology import ONTOLOGY_FILE
from ontology.namespace import KG


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_FILE)


def _declared(ontology: Graph) -> set[str]:
    base = str(KG._NS)
    return {str(s)[len(base) :] for s in ontology.subjects(RDF.type, None) if str(s).startswith(base)}


def test_every_namespace_term_is_declared_in_the_ontology(ontology: Graph) -> None:
    in_module = set(KG.__annotations__)
    assert in_module - _declared(ontology) == set()


def test_every_ontology_term_is_in_the_namespace_module(ontology: Graph) -> None:
    assert _declared(ontology) - set(KG.__annotations__) == set()


def test_a_misspelt_term_fails_loudly() -> None:
    with pytest.raises(AttributeError):
        KG.Motoin  # noqa: B018


def test_every_term_has_dutch_and_english_labels_and_a_comment(ontology: Graph) -> None:
    undocumented = []
    for name in _declared(ontology):
        term = URIRef(str(KG._NS) + name)
        languages = {label.language for label in ontology.objects(term, RDFS.label) if isinstance(label, Literal)}
        if not {"nl", "en"} <= languages or ontology.value(term, RDFS.comment) is None:
            undocumented.append(name)
    assert undocumented == []


def test_every_term_is_a_class_or_a_property(ontology: Graph) -> None:
    kinds = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty}
    for name in _declared(ontology):
        term = URIRef(str(KG._NS) + name)
        assert set(ontology.objects(term, RDF.type)) & kinds, name
