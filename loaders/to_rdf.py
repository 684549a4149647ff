"""Resolved facts -> one document's RDF graph, built from the namespace module; every fact reified with its evidence."""

from __future__ import annotations

import gettext
from functools import cache, lru_cache

import pycountry
from rdflib import Graph, Literal, URIRef
from rdflib.term import Identifier

from loaders.mentions import DebateMention, Evidence
from loaders.resolve import Agent, Entity, Person, Resolution, find_entity
from ontology import identifiers
from ontology.identifiers import slug
from ontology.namespace import DCTERMS, FOAF, KG, ORG, PREFIXES, PROV, RDF, RDFS, SKOS, XSD

DOCUMENT_CLASS: dict[str, URIRef] = {
    "letter": KG.Letter,
    "motion": KG.Motion,
    "amendment": KG.Amendment,
    "answer": KG.KamervragenAnswer,
    "report": KG.Report,
    "document": KG.Document,
}

ENTITY_CLASS: dict[str | None, URIRef] = {
    "fund": KG.Fund,
    "partnership": KG.Partnership,
    "programme": KG.Programme,
    "initiative": KG.Programme,
    "sanction": KG.Sanction,
    "international": KG.InternationalOrganisation,
    "ngo": KG.NonGovernmentalOrganisation,
    "ministry": KG.Ministry,
    "agency": KG.GovernmentAgency,
    "armed": KG.ArmedGroup,
    "party": KG.ParliamentaryParty,
}


# Terms every fact and entity uses, looked up once: each attribute read on a DefinedNamespace runs its __getattr__.
_TYPE = RDF.type
_LABEL = RDFS.label
_PREF_LABEL = SKOS.prefLabel
_ALT_LABEL = SKOS.altLabel
_INTEGER = XSD.integer
_EVIDENCE = KG.Evidence
_SUBJECT = RDF.subject
_PREDICATE = RDF.predicate
_OBJECT = RDF.object
_QUOTE = KG.quote
_START = KG.startOffset
_END = KG.endOffset
_RULE = KG.extractionRule
_QUOTED_FROM = PROV.wasQuotedFrom

Triple = tuple[Identifier, URIRef, Identifier]


@lru_cache(maxsize=1 << 14)
def _integer(value: int) -> Literal:
    """xsd:integer literal of an offset or a number (literals are immutable: one object serves every document)."""
    return Literal(value, datatype=_INTEGER)


@lru_cache(maxsize=1 << 12)
def _text(value: str) -> Literal:
    """A plain literal of a short text that recurs across documents (rule names, labels, names)."""
    return Literal(value)


class DocumentGraph:
    """Builds one document's graph; `fact` adds a triple together with a kg:Evidence node that reifies it.

    Triples are collected in an insertion-ordered dict (repeats cost one lookup) and put in the rdflib graph once,
    by `finish`.
    """

    def __init__(self, res: Resolution) -> None:
        self.res = res
        self.triples: dict[Triple, None] = {}
        self._evidence_count = 0
        self._seen_evidence: set[tuple[Identifier, Identifier, Identifier, int, int]] = set()
        self._quotes: dict[tuple[int, int], Literal] = {}

    def add(self, s: Identifier, p: URIRef, o: Identifier) -> None:
        self.triples[(s, p, o)] = None

    def fact(self, s: Identifier, p: URIRef, o: Identifier, evidence: Evidence) -> None:
        triples = self.triples
        triples[(s, p, o)] = None
        span = self.res.doc.passage(evidence.start, evidence.end)
        key = (s, p, o, span.start, span.end)
        if key in self._seen_evidence:
            return
        self._seen_evidence.add(key)
        self._evidence_count += 1
        node = identifiers.document_part(self.res.iri, "evidence", self._evidence_count)
        quote = self._quotes.get((span.start, span.end))
        if quote is None:
            quote = self._quotes[(span.start, span.end)] = Literal(self.res.doc.quote(span))
        triples[(node, _TYPE, _EVIDENCE)] = None
        triples[(node, _SUBJECT, s)] = None
        triples[(node, _PREDICATE, p)] = None
        triples[(node, _OBJECT, o)] = None
        triples[(node, _QUOTE, quote)] = None
        triples[(node, _START, _integer(span.start))] = None
        triples[(node, _END, _integer(span.end))] = None
        triples[(node, _RULE, _text(evidence.rule))] = None
        triples[(node, _QUOTED_FROM, self.res.iri)] = None

    def finish(self) -> Graph:
        """The rdflib graph of the triples collected, with the project's prefixes bound."""
        # rdflib's SimpleMemory: three indexes instead of Memory's context bookkeeping, ~35% less time per letter;
        # a document's graph is one graph, so nothing needs contexts (same triples: tests/test_snapshot*).
        # Only the core prefixes (rdf, rdfs, xsd, owl, xml) and the project's are bound, not rdflib's thirty.
        graph = Graph(store="SimpleMemory", bind_namespaces="core")
        for prefix, ns in PREFIXES.items():
            graph.bind(prefix, ns)
        store = graph.store  # the store's own add: every term here is an rdflib term (Graph.add would assert it)
        for triple in self.triples:
            store.add(triple, graph)
        return graph


@lru_cache(maxsize=1 << 12)
def _kamerstuk_triples(kst: str, kind: str | None) -> tuple[URIRef, tuple[Triple, ...]]:
    """A Kamerstuk's node and its description (types, identifier, dossier and document numbers)."""
    node = identifiers.kamerstuk(kst)
    dossier, suffix, number = identifiers.parse_kamerstuk_id(kst)
    triples: list[Triple] = [(node, _TYPE, KG.Kamerstuk)]
    if kind == "motion":
        triples.append((node, _TYPE, KG.Motion))
    elif kind == "amendment":
        triples.append((node, _TYPE, KG.Amendment))
    triples.append((node, DCTERMS.identifier, Literal(kst)))
    triples.append((node, KG.dossierNumber, Literal(dossier)))
    triples.append((node, KG.documentNumber, Literal(number)))
    if suffix:
        triples.append((node, KG.dossierSuffix, Literal(suffix)))
    return node, tuple(triples)


def _kamerstuk(g: DocumentGraph, kst: str, kind: str | None) -> URIRef:
    node, triples = _kamerstuk_triples(kst, kind)
    g.triples.update(dict.fromkeys(triples))
    return node


@lru_cache(maxsize=1 << 12)
def _person_triples(iri: URIRef, name: str, family_name: str) -> tuple[Triple, ...]:
    return (
        (iri, _TYPE, KG.Person),
        (iri, FOAF.name, Literal(name)),
        (iri, FOAF.familyName, Literal(family_name)),
        (iri, _LABEL, Literal(name)),
    )


def _person(g: DocumentGraph, p: Person) -> URIRef:
    g.triples.update(dict.fromkeys(_person_triples(p.iri, p.name, p.family_name)))
    return p.iri


def _entity(g: DocumentGraph, e: Entity) -> URIRef:
    base = KG.Instrument if e.category == "programme" else KG.Organisation
    g.add(e.iri, _TYPE, ENTITY_CLASS.get(e.subtype, base) if e.subtype in ENTITY_CLASS else base)
    name = _text(e.name)
    g.add(e.iri, _PREF_LABEL, name)
    g.add(e.iri, _LABEL, name)
    for alias in sorted(e.aliases):
        g.add(e.iri, _ALT_LABEL, _text(alias))
    return e.iri


def _agent(g: DocumentGraph, agent: Agent) -> URIRef:
    """A person, office or body a commitment was made by or to."""
    if agent.kind == "person":
        return _person(g, Person(agent.iri, agent.label, agent.family_name))
    if agent.kind == "office":
        g.add(agent.iri, RDF.type, KG.Office)
        g.add(agent.iri, RDFS.label, Literal(agent.label, lang="nl"))
        return agent.iri
    g.add(agent.iri, RDF.type, KG.Organisation)
    g.add(agent.iri, SKOS.prefLabel, Literal(agent.label))
    g.add(agent.iri, RDFS.label, Literal(agent.label))
    return agent.iri


def _debate(g: DocumentGraph, debate: DebateMention) -> URIRef:
    node = identifiers.debate(debate.kind, debate.day.isoformat() if debate.day else None, debate.subject)
    g.add(node, RDF.type, KG.Debate)
    g.add(node, KG.debateType, Literal(debate.kind))
    g.add(node, RDFS.label, Literal(" ".join(p for p in (debate.kind, debate.subject or "") if p)))
    return node


def _questions(g: DocumentGraph) -> None:
    """Answers to Kamervragen: askers and their parties, who answered, dates, and the numbered parts."""
    res, doc = g.res, g.res.iri
    for asker in res.askers:
        g.fact(doc, KG.askedBy, _person(g, asker.person), asker.evidence)
        if asker.party is not None:
            g.fact(asker.person.iri, ORG.memberOf, _entity(g, asker.party), asker.evidence)
    if res.kind == "answer":
        for sig in res.signatures:
            g.fact(doc, KG.answeredBy, sig.person.iri, sig.evidence)
    for event in res.events:
        prop = KG.submittedOn if event.event == "submitted" else KG.receivedOn
        g.fact(doc, prop, Literal(event.value, datatype=XSD.date), event.evidence)
    for i, part in enumerate(res.questions, start=1):
        node = identifiers.document_part(doc, "question", i)
        g.fact(doc, KG.hasQuestion, node, part.evidence)
        g.add(node, RDF.type, KG.QuestionAnswer)
        g.add(node, KG.questionNumber, Literal(part.number, datatype=XSD.integer))
        g.fact(node, KG.questionText, Literal(part.question), part.evidence)
        if part.answer and part.answer_evidence:
            g.fact(node, KG.answerText, Literal(part.answer), part.answer_evidence)


@cache
def _dutch_names() -> gettext.NullTranslations:
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["nl"], fallback=True)


def dutch_country_name(iso2: str) -> str:
    record = pycountry.countries.get(alpha_2=iso2)
    return _dutch_names().gettext(record.name) if record is not None else iso2


def _funder(g: DocumentGraph, name: str | None) -> URIRef | None:
    """The funder named in the sentence, as one of the document's entities or countries (by the form used)."""
    if not name:
        return None
    entity = find_entity(g.res.entities, name)
    if entity is not None:
        return _entity(g, entity)
    key = slug(name)
    for iso2, mentions in g.res.countries.items():
        if any(slug(m.surface) == key for m in mentions):
            return _country(g, iso2)
    return None


@cache
def _country_triples(iso2: str) -> tuple[URIRef, tuple[Triple, ...]]:
    """A country's node and its description (type, code, English and Dutch names): the same in every document."""
    node = identifiers.country(iso2)
    triples: list[Triple] = [(node, _TYPE, KG.Country), (node, KG.iso3166Alpha2, Literal(iso2))]
    record = pycountry.countries.get(alpha_2=iso2)
    if record is not None:
        triples.append((node, _LABEL, Literal(getattr(record, "common_name", record.name), lang="en")))
        triples.append((node, _LABEL, Literal(dutch_country_name(iso2), lang="nl")))
    return node, tuple(triples)


def _country(g: DocumentGraph, iso2: str) -> URIRef:
    node, triples = _country_triples(iso2)
    g.triples.update(dict.fromkeys(triples))
    return node


def build_graph(res: Resolution) -> Graph:
    """The graph of one document: its description, every fact with evidence, and the entities the facts point at."""
    g = DocumentGraph(res)
    doc = res.iri
    g.add(doc, RDF.type, DOCUMENT_CLASS[res.kind])
    if res.own_id:
        _kamerstuk(g, res.own_id, res.kind if res.kind in ("motion", "amendment") else None)
    g.add(doc, KG.sourceFileName, Literal(res.doc.name))
    g.add(doc, KG.contentHash, Literal(res.doc.sha256))
    g.add(doc, KG.fullText, Literal(res.doc.text))
    if res.title:
        g.add(doc, DCTERMS.title, Literal(res.title))
    if res.date:
        g.fact(doc, DCTERMS.date, Literal(res.date[0], datatype=XSD.date), res.date[1])

    for i, sig in enumerate(res.signatures, start=1):
        node = identifiers.document_part(doc, "signature", i)
        g.fact(doc, KG.hasSignature, node, sig.evidence)
        g.add(node, RDF.type, KG.Signature)
        g.add(node, KG.signatory, _person(g, sig.person))
        g.add(node, KG.office, sig.office_iri)
        g.add(node, KG.signedName, Literal(sig.person.name))
        g.add(node, KG.signedOffice, Literal(sig.office))
        g.add(sig.office_iri, RDF.type, KG.Office)
        g.add(sig.office_iri, RDFS.label, Literal(sig.canonical_office or sig.office, lang="nl"))
        if sig.canonical_office and sig.office != sig.canonical_office:
            g.add(sig.office_iri, SKOS.altLabel, Literal(sig.office, lang="nl"))
        g.fact(sig.person.iri, ORG.holds, sig.office_iri, sig.evidence)

    for citation in res.citations.values():
        node = _kamerstuk(g, citation.kst, citation.kind)
        for ev in citation.evidence:
            g.fact(doc, DCTERMS.references, node, ev)
        for submitter in citation.submitters:
            g.fact(node, KG.submitter, _person(g, submitter), citation.evidence[0])
        for submitter, written, ev in citation.spellings:
            g.fact(_person(g, submitter), KG.writtenName, Literal(written), ev)
    for garbled in res.garbled:
        g.fact(doc, KG.garbledReference, Literal(garbled.text), garbled.evidence)
    for tie in res.country_ties:
        g.fact(identifiers.kamerstuk(tie.kst), KG.concernsCountry, _country(g, tie.iso2), tie.evidence)

    for commitment in res.commitments:
        g.fact(doc, KG.reportsOn, commitment.iri, commitment.evidence)
        g.add(commitment.iri, RDF.type, KG.Commitment)
        if commitment.register_id:
            g.add(commitment.iri, DCTERMS.identifier, Literal(commitment.register_id))
        g.fact(commitment.iri, KG.commitmentText, Literal(commitment.text), commitment.evidence)
        ev = commitment.evidence
        for agent, rule in commitment.made_by_agents:
            g.fact(commitment.iri, KG.madeBy, _agent(g, agent), Evidence(ev.start, ev.end, rule))
        for agent in commitment.made_to_agents:
            g.fact(commitment.iri, KG.madeTo, _agent(g, agent), Evidence(ev.start, ev.end, "commitments.made-to"))
        for debate in commitment.made_during:
            during = Evidence(ev.start, ev.end, "commitments.made-during")
            g.fact(commitment.iri, KG.madeDuring, _debate(g, debate), during)

    for clause in res.clauses:
        prop = KG.considerationClause if clause.kind == "consideration" else KG.operativeClause
        g.fact(doc, prop, Literal(clause.text), clause.evidence)
    _questions(g)

    for debate in res.debates:
        node = _debate(g, debate)
        g.fact(doc, KG.mentionsDebate, node, debate.evidence)
        if debate.day:
            g.fact(node, DCTERMS.date, Literal(debate.day, datatype=XSD.date), debate.evidence)

    for entity in res.entities:
        node = _entity(g, entity)
        for ev in entity.evidence[:3]:
            g.fact(doc, KG.mentions, node, ev)
    for iso2, mentions in res.countries.items():
        node = _country(g, iso2)
        for m in mentions[:3]:
            g.fact(doc, KG.mentions, node, m.evidence)
    for region in res.regions:
        node = identifiers.region(region.name)
        g.add(node, RDF.type, KG.Region)
        g.add(node, RDFS.label, Literal(region.name, lang="nl"))
        g.fact(doc, KG.mentions, node, region.evidence)
        for iso2 in region.countries:
            g.add(node, KG.inCountry, _country(g, iso2))

    for i, funding in enumerate(res.fundings, start=1):
        node = identifiers.document_part(doc, "funding", i)
        g.fact(doc, KG.reportsFunding, node, funding.evidence)
        g.add(node, RDF.type, KG.Funding)
        g.add(node, KG.amount, Literal(funding.amount, datatype=XSD.decimal))
        g.add(node, KG.currency, Literal(funding.currency))
        g.add(node, KG.amountText, Literal(funding.amount_text))
        if funding.period:
            g.add(node, KG.period, Literal(funding.period))
        if funding.start_year:
            g.add(node, KG.startYear, Literal(funding.start_year, datatype=XSD.integer))
        if funding.end_year:
            g.add(node, KG.endYear, Literal(funding.end_year, datatype=XSD.integer))
        if funding.recipient:
            g.fact(node, KG.recipient, _entity(g, funding.recipient), funding.evidence)
        if funding.country:
            g.fact(node, KG.fundingCountry, _country(g, funding.country), funding.evidence)
        funder = _funder(g, funding.funder)
        if funder is not None:
            g.fact(node, KG.funder, funder, funding.evidence)
    return g.finish()
