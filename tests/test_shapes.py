"""The SHACL shapes accept a well-formed document graph and reject broken ones with readable messages."""

from decimal import Decimal

from rdflib import Graph, Literal, URIRef

import shapes
from ontology import identifiers
from ontology.namespace import DCTERMS, FOAF, KG, PROV, RDF, RDFS, XSD

DOC = identifiers.document("sha256-" + "0" * 20)


def _valid_graph() -> Graph:
    g = Graph()
    g.add((DOC, RDF.type, KG.Letter))
    g.add((DOC, KG.sourceFileName, Literal("brief.txt")))
    g.add((DOC, KG.contentHash, Literal("a" * 64)))
    g.add((DOC, KG.fullText, Literal("De minister geeft EUR 5 miljoen.")))
    g.add((DOC, DCTERMS.date, Literal("2025-12-09", datatype=XSD.date)))
    kst = identifiers.kamerstuk("kst-29237-247")
    g.add((DOC, DCTERMS.references, kst))
    g.add((kst, RDF.type, KG.Motion))
    g.add((kst, DCTERMS.identifier, Literal("kst-29237-247")))
    g.add((kst, KG.dossierNumber, Literal("29237")))
    g.add((kst, KG.documentNumber, Literal("247")))
    person = identifiers.person("Dobbe")
    g.add((kst, KG.submitter, person))
    g.add((person, RDF.type, KG.Person))
    g.add((person, FOAF.name, Literal("Dobbe")))
    g.add((person, FOAF.familyName, Literal("Dobbe")))
    funding = identifiers.document_part(DOC, "funding", 1)
    g.add((DOC, KG.reportsFunding, funding))
    g.add((funding, RDF.type, KG.Funding))
    g.add((funding, KG.amount, Literal(Decimal("5000000"), datatype=XSD.decimal)))
    g.add((funding, KG.currency, Literal("EUR")))
    g.add((funding, KG.amountText, Literal("EUR 5 miljoen")))
    evidence = identifiers.document_part(DOC, "evidence", 1)
    for p, o in [
        (RDF.type, KG.Evidence),
        (RDF.subject, DOC),
        (RDF.predicate, KG.reportsFunding),
        (RDF.object, funding),
        (KG.quote, Literal("De minister geeft EUR 5 miljoen.")),
        (KG.startOffset, Literal(0, datatype=XSD.integer)),
        (KG.endOffset, Literal(32, datatype=XSD.integer)),
        (KG.extractionRule, Literal("money.eur-miljoen")),
        (PROV.wasQuotedFrom, DOC),
    ]:
        g.add((evidence, p, o))
    country = identifiers.country("SD")
    g.add((country, RDF.type, KG.Country))
    g.add((country, KG.iso3166Alpha2, Literal("SD")))
    g.add((country, RDFS.label, Literal("Soedan", lang="nl")))
    return g


def test_a_well_formed_document_graph_conforms() -> None:
    report = shapes.validate(_valid_graph())
    assert report.conforms, report.text()


def test_an_unknown_currency_code_is_rejected_naming_shape_focus_and_value() -> None:
    g = _valid_graph()
    funding = identifiers.document_part(DOC, "funding", 1)
    g.set((funding, KG.currency, Literal("EUX")))
    report = shapes.validate(g)
    assert not report.conforms
    text = report.text()
    assert "FundingShape" in text and "funding/1" in text and "EUX" in text


def test_an_unknown_country_code_is_rejected() -> None:
    g = _valid_graph()
    g.set((identifiers.country("SD"), KG.iso3166Alpha2, Literal("XX")))
    assert not shapes.validate(g).conforms


def test_evidence_without_a_quote_is_rejected() -> None:
    g = _valid_graph()
    g.remove((identifiers.document_part(DOC, "evidence", 1), KG.quote, None))
    report = shapes.validate(g)
    assert not report.conforms
    assert any(v.path == "kg:quote" for v in report.violations)


def test_a_malformed_kamerstuk_identifier_is_rejected() -> None:
    g = _valid_graph()
    g.set((identifiers.kamerstuk("kst-29237-247"), DCTERMS.identifier, Literal("kst-2150102-EW")))
    report = shapes.validate(g)
    assert not report.conforms
    assert "kst-<dossier>" in report.text()


def test_a_submitter_that_is_not_a_person_is_rejected() -> None:
    g = _valid_graph()
    g.add((identifiers.kamerstuk("kst-29237-247"), KG.submitter, URIRef("https://example.org/not-a-person")))
    assert not shapes.validate(g).conforms


def test_a_document_with_two_dates_is_rejected() -> None:
    g = _valid_graph()
    g.add((DOC, DCTERMS.date, Literal("2025-12-10", datatype=XSD.date)))
    assert not shapes.validate(g).conforms
