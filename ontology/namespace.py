"""Every IRI the code uses, defined once; a misspelt term fails loudly (a test checks it against kamergraph.ttl)."""

from rdflib import Namespace
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD, DefinedNamespace
from rdflib.term import URIRef

__all__ = [
    "DCTERMS",
    "FOAF",
    "ID",
    "KG",
    "ONTOLOGY_IRI",
    "ORG",
    "OWL",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "SDO",
    "SKOS",
    "XSD",
]

ONTOLOGY_IRI = URIRef("https://w3id.org/kamergraph/def")


class KG(DefinedNamespace):
    """The kamergraph vocabulary (ontology/kamergraph.ttl)."""

    _NS = Namespace("https://w3id.org/kamergraph/def#")
    _fail = True

    # classes
    Amendment: URIRef
    ArmedGroup: URIRef
    Commitment: URIRef
    Country: URIRef
    Debate: URIRef
    Document: URIRef
    Evidence: URIRef
    FactProperty: URIRef
    Fund: URIRef
    Funding: URIRef
    GovernmentAgency: URIRef
    Instrument: URIRef
    InternationalOrganisation: URIRef
    Kamerstuk: URIRef
    KamervragenAnswer: URIRef
    Letter: URIRef
    Ministry: URIRef
    Motion: URIRef
    NonGovernmentalOrganisation: URIRef
    Office: URIRef
    Organisation: URIRef
    ParliamentaryParty: URIRef
    Partnership: URIRef
    Person: URIRef
    Programme: URIRef
    QuestionAnswer: URIRef
    Region: URIRef
    Report: URIRef
    Sanction: URIRef
    Signature: URIRef

    # properties
    amount: URIRef
    amountText: URIRef
    answerText: URIRef
    answeredBy: URIRef
    askedBy: URIRef
    commitmentText: URIRef
    concernsCountry: URIRef
    considerationClause: URIRef
    contentHash: URIRef
    currency: URIRef
    debateType: URIRef
    documentNumber: URIRef
    dossierNumber: URIRef
    dossierSuffix: URIRef
    endOffset: URIRef
    endYear: URIRef
    extractionRule: URIRef
    fullText: URIRef
    funder: URIRef
    fundingCountry: URIRef
    garbledReference: URIRef
    hasQuestion: URIRef
    hasSignature: URIRef
    implementedBy: URIRef
    inCountry: URIRef
    iso3166Alpha2: URIRef
    madeBy: URIRef
    madeDuring: URIRef
    madeTo: URIRef
    mentions: URIRef
    mentionsDebate: URIRef
    office: URIRef
    operativeClause: URIRef
    period: URIRef
    questionNumber: URIRef
    questionText: URIRef
    quote: URIRef
    receivedOn: URIRef
    recipient: URIRef
    reportsFunding: URIRef
    reportsOn: URIRef
    signatory: URIRef
    signedName: URIRef
    signedOffice: URIRef
    sourceFileName: URIRef
    startOffset: URIRef
    startYear: URIRef
    submittedOn: URIRef
    submitter: URIRef
    writtenName: URIRef


#: Base of every data IRI (documents, persons, countries, ...); minted only in ontology/identifiers.py.
ID = Namespace("https://w3id.org/kamergraph/id/")

#: Prefixes bound in every serialisation and prepended to every named query.
PREFIXES: dict[str, str] = {
    "kg": str(KG._NS),
    "id": str(ID),
    "dcterms": str(DCTERMS),
    "foaf": str(FOAF),
    "org": str(ORG),
    "owl": str(OWL),
    "prov": str(PROV),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "schema": str(SDO),
    "skos": str(SKOS),
    "xsd": str(XSD),
}
