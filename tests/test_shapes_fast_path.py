"""shapes.validate (pyshacl-turbo with shapes compiled once, superclass types added in place) answers exactly what
pyshacl answers with the ontology mixed in, and leaves the caller's graph as it was."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pyshacl import validate as shacl_validate
from rdflib import Graph, Literal, URIRef

import shapes
from loaders.extract import extract_all
from loaders.read import read_bytes
from loaders.resolve import resolve
from loaders.to_rdf import build_graph
from ontology import identifiers
from ontology.namespace import DCTERMS, KG, RDF

LETTERS = Path(__file__).resolve().parents[1] / "data" / "letters"


def _reference(graph: Graph) -> shapes.Report:
    """pyshacl as documented: a plain copy of the shapes graph, the ontology mixed in as ont_graph."""
    frozen = shapes.shapes_graph()
    plain = Graph()
    for triple in frozen:
        plain.add(triple)
    for prefix, namespace in frozen.namespaces():
        plain.bind(prefix, namespace)
    data = Graph()  # pyshacl mixes the ontology in through a context-aware store; to_rdf's SimpleMemory is not one
    for triple in graph:
        data.add(triple)
    conforms, results, _ = shacl_validate(
        data, shacl_graph=plain, ont_graph=shapes.ontology_graph(), inference="none", allow_warnings=True
    )
    assert isinstance(results, Graph)
    return shapes.report_from_results(bool(conforms), results)


def _sample_graph() -> Graph:
    path = sorted(LETTERS.glob("*.txt"))[0]
    doc = read_bytes(str(path), path.read_bytes())
    doc.name = path.name
    return build_graph(resolve(doc, extract_all(doc)))


def _first(graph: Graph, cls: URIRef) -> URIRef:
    found = sorted(s for s in graph.subjects(RDF.type, cls) if isinstance(s, URIRef))
    assert found, f"the sample letter has no {cls}"
    return found[0]


def _bad_country_code(g: Graph) -> None:
    g.set((_first(g, KG.Country), KG.iso3166Alpha2, Literal("XX")))


def _submitter_not_a_person(g: Graph) -> None:
    g.add((_first(g, KG.Kamerstuk), KG.submitter, URIRef("https://example.org/not-a-person")))


def _document_typed_only_as_a_subclass(g: Graph) -> None:
    """The document keeps only its subclass type; the shapes must still see it as a kg:Document."""
    doc = _first(g, KG.Letter)
    g.remove((doc, RDF.type, KG.Document))


def _quote_missing(g: Graph) -> None:
    g.remove((_first(g, KG.Evidence), KG.quote, None))


def _motion_as_a_person(g: Graph) -> None:
    """A motion typed only kg:Motion (a kg:Kamerstuk by subclass: its shape still applies) with a malformed id,
    used as a signatory: sh:targetClass and sh:class must both follow the hierarchy."""
    motion = _first(g, KG.Kamerstuk)
    g.remove((motion, RDF.type, KG.Kamerstuk))
    g.add((motion, RDF.type, KG.Motion))
    g.set((motion, DCTERMS.identifier, Literal("motie-1")))
    signature = identifiers.document_part(_first(g, KG.Letter), "signature", 1)
    g.set((signature, KG.signatory, motion))


def _evidence_out_of_range_and_malformed(g: Graph) -> None:
    """sh:minInclusive, sh:datatype, sh:pattern and sh:nodeKind on one evidence node."""
    evidence = _first(g, KG.Evidence)
    g.set((evidence, KG.startOffset, Literal(-1)))
    g.set((evidence, KG.endOffset, Literal("12")))
    g.set((evidence, KG.extractionRule, Literal("No Rule")))
    g.set((evidence, RDF.predicate, Literal("not an IRI")))


def _unchanged(g: Graph) -> None:
    return None


CASES: list[Callable[[Graph], None]] = [
    _unchanged,
    _bad_country_code,
    _submitter_not_a_person,
    _document_typed_only_as_a_subclass,
    _quote_missing,
    _motion_as_a_person,
    _evidence_out_of_range_and_malformed,
]


@pytest.mark.parametrize("change", CASES, ids=[c.__name__.strip("_") for c in CASES])
def test_the_fast_path_reports_what_pyshacl_with_the_ontology_reports(change: Callable[[Graph], None]) -> None:
    graph = _sample_graph()
    change(graph)
    expected = _reference(graph)
    before = set(graph)
    got = shapes.validate(graph)
    assert set(graph) == before, "validate() must leave the caller's graph as it was"
    assert got == expected
    assert got.conforms is (change in (_unchanged, _document_typed_only_as_a_subclass))


def _without_messages(report: shapes.Report) -> set[tuple[str, str, str, str | None]]:
    return {(v.shape, v.focus, v.path, v.value) for v in report.violations}


@pytest.mark.parametrize("change", CASES, ids=[c.__name__.strip("_") for c in CASES])
def test_pyshacl_turbo_finds_the_violations_pyshacl_finds(change: Callable[[Graph], None]) -> None:
    """pyshacl-turbo decides what enters the store: it must accept and reject exactly what pyshacl does, finding
    the same violations (its messages are generic, so they are not compared)."""
    graph = _sample_graph()
    change(graph)
    fast, expected = shapes.fast_report(graph), _reference(graph)
    assert fast.conforms is expected.conforms
    assert _without_messages(fast) == _without_messages(expected)
    assert len(fast.violations) == len(expected.violations)


def test_the_shapes_are_compiled_once_and_reused_for_every_document() -> None:
    """Compiling costs ~0.1 s: a second document must reuse the compiled shapes, not compile them again."""
    shapes.validate(_sample_graph())
    compiled = shapes.compiled_shapes()
    assert shapes.validate(_sample_graph()).conforms
    assert shapes.compiled_shapes() is compiled


def test_the_frozen_shapes_graph_refuses_writes() -> None:
    with pytest.raises(TypeError, match="frozen"):
        shapes.shapes_graph().add((KG.Letter, RDF.type, KG.Document))
