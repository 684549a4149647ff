"""Resolution: mentions -> stable identities (documents, Kamerstukken, persons, entities, countries) per document."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from rdflib import URIRef

from loaders.document import Document
from loaders.extract.offices import canonical_office
from loaders.mentions import (
    AskerMention,
    CitationMention,
    ClauseMention,
    CommitmentMention,
    CountryMention,
    DateMention,
    DebateMention,
    DocumentEventMention,
    DocumentKind,
    EntityMention,
    Evidence,
    GarbledReferenceMention,
    HeaderMention,
    Mention,
    MoneyMention,
    QuestionAnswerMention,
    RegionMention,
    SignatureMention,
)
from ontology import identifiers
from ontology.identifiers import slug, split_person_name

#: The country whose government writes the letters: named everywhere as an actor, so never a motion's subject by itself.
HOME_COUNTRY = "NL"
#: A letter's dominant country is the most-mentioned one when it has at least this many mentions ...
DOMINANT_MIN_MENTIONS = 5
#: ... and at least this share of all mentions of countries other than the home country (clearly the main subject).
DOMINANT_MIN_SHARE = 0.6


@dataclass
class Person:
    iri: URIRef
    name: str  # as written
    family_name: str


@dataclass
class Signature:
    person: Person
    office_iri: URIRef
    office: str  # as signed
    evidence: Evidence
    canonical_office: str = ""  # the office's canonical name (loaders/extract/offices.py)


@dataclass
class Citation:
    kst: str
    kind: str | None
    submitters: list[Person]
    evidence: list[Evidence]
    #: Other spellings of a submitter's name, each with the passage that wrote it (the Kamerstuk id is the identity).
    spellings: list[tuple[Person, str, Evidence]] = field(default_factory=list)


@dataclass
class Agent:
    """Someone a commitment was made by or to: a person, an office or a body (the Tweede Kamer, a committee)."""

    iri: URIRef
    label: str
    kind: str  # person | office | organisation
    family_name: str = ""


@dataclass
class Entity:
    iri: URIRef
    name: str
    category: str
    subtype: str | None
    aliases: set[str]
    evidence: list[Evidence]


@dataclass
class Commitment:
    iri: URIRef
    register_id: str | None
    text: str
    made_to: str | None
    evidence: Evidence
    made_by_agents: list[tuple[Agent, str]] = field(default_factory=list)  # (agent, rule)
    made_to_agents: list[Agent] = field(default_factory=list)
    made_during: list[DebateMention] = field(default_factory=list)
    made_by: str | None = None  # as the text says ('ik', 'de minister voor BHO'), None when it does not


@dataclass
class Asker:
    person: Person
    party: Entity | None
    evidence: Evidence


@dataclass
class Funding:
    amount: Decimal
    currency: str
    amount_text: str
    period: str | None
    start_year: int | None
    end_year: int | None
    recipient: Entity | None
    funder: str | None
    country: str | None
    evidence: Evidence


@dataclass
class CountryTie:
    """A Kamerstuk tied to a country, with the passage that ties it (rule motion-country.passage or .letter)."""

    kst: str
    iso2: str
    evidence: Evidence


@dataclass
class Resolution:
    """Everything one document says, resolved to identities; the input of to_rdf."""

    doc: Document
    iri: URIRef
    kind: DocumentKind
    own_id: str | None
    title: str | None
    date: tuple[date, Evidence] | None
    signatures: list[Signature] = field(default_factory=list)
    citations: dict[str, Citation] = field(default_factory=dict)
    garbled: list[GarbledReferenceMention] = field(default_factory=list)
    commitments: list[Commitment] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    countries: dict[str, list[CountryMention]] = field(default_factory=dict)
    regions: list[RegionMention] = field(default_factory=list)
    fundings: list[Funding] = field(default_factory=list)
    country_ties: list[CountryTie] = field(default_factory=list)
    debates: list[DebateMention] = field(default_factory=list)
    clauses: list[ClauseMention] = field(default_factory=list)
    askers: list[Asker] = field(default_factory=list)
    events: list[DocumentEventMention] = field(default_factory=list)
    questions: list[QuestionAnswerMention] = field(default_factory=list)


def document_key(doc: Document, own_id: str | None) -> str:
    """A document is identified by its own Kamerstuk id when it has one, else by its content hash."""
    return own_id or f"sha256-{doc.sha256[:20]}"


def person(name: str) -> Person:
    name = re.sub(r"\s+", " ", name).strip()
    return Person(identifiers.person(name), name, split_person_name(name)[1])


def _label_key(label: str) -> str:
    return slug(label)


def resolve_entities(mentions: list[EntityMention]) -> list[Entity]:
    """Merge mentions that share a name or alias (acronym and full name, any casing) into one entity per document."""
    entities: list[Entity] = []
    by_label: dict[str, Entity] = {}
    for mention in mentions:
        labels = [mention.name, *mention.aliases]
        found = next((by_label[_label_key(label)] for label in labels if _label_key(label) in by_label), None)
        if found is None:
            iri = (identifiers.instrument if mention.category == "programme" else identifiers.organisation)(
                mention.name
            )
            found = Entity(iri, mention.name, mention.category, mention.subtype, set(), [])
            entities.append(found)
        found.aliases.update(label for label in labels if label != found.name)
        found.evidence.append(mention.evidence)
        for label in labels:
            by_label.setdefault(_label_key(label), found)
    return entities


def find_entity(entities: list[Entity], name: str | None) -> Entity | None:
    if not name:
        return None
    key = _label_key(name)
    for entity in entities:
        if key == _label_key(entity.name) or key in {_label_key(a) for a in entity.aliases}:
            return entity
    return None


def dominant_country(countries: dict[str, list[CountryMention]]) -> str | None:
    """The country a document is mainly about: most mentions, and most of all non-home mentions."""
    counts = Counter({iso: len(ms) for iso, ms in countries.items() if iso != HOME_COUNTRY})
    if not counts:
        return None
    iso, top = counts.most_common(1)[0]
    if top >= DOMINANT_MIN_MENTIONS and top >= DOMINANT_MIN_SHARE * sum(counts.values()):
        return iso
    return None


def subject_countries(
    countries: dict[str, list[CountryMention]], entity_spans: list[Evidence]
) -> dict[str, list[CountryMention]]:
    """Country mentions that can make a country a subject: not the ones inside an organisation's or programme's name
    ('Fact-Finding Mission for the Sudan' names a mission, not the country)."""
    spans = sorted((e.start, e.end) for e in entity_spans)

    def inside(m: CountryMention) -> bool:
        return any(start <= m.evidence.start and m.evidence.end <= end for start, end in spans)

    kept = {iso: [m for m in ms if not inside(m)] for iso, ms in countries.items()}
    return {iso: ms for iso, ms in kept.items() if ms}


def tie_countries(
    doc: Document, citations: dict[str, Citation], countries: dict[str, list[CountryMention]]
) -> list[CountryTie]:
    """Tie each cited motion to the countries named in the sentence that cites it, and to the document's dominant
    country; the home country alone is not a subject."""
    by_sentence: dict[int, set[str]] = defaultdict(set)
    for iso, mentions in countries.items():
        for m in mentions:
            by_sentence[doc.sentence_at(m.evidence.start).start].add(iso)
    dominant = dominant_country(countries)
    ties: list[CountryTie] = []
    for citation in citations.values():
        if citation.kind != "motion":
            continue
        seen: set[str] = set()
        for ev in citation.evidence:
            for iso in sorted(by_sentence[doc.sentence_at(ev.start).start] - {HOME_COUNTRY} - seen):
                seen.add(iso)
                ties.append(CountryTie(citation.kst, iso, Evidence(ev.start, ev.end, "motion-country.sentence")))
        if dominant and dominant not in seen:
            ev = citation.evidence[0]
            ties.append(CountryTie(citation.kst, dominant, Evidence(ev.start, ev.end, "motion-country.letter")))
    return ties


#: The body "uw Kamer", "de Kamer" and "de Tweede Kamer" name.
PARLIAMENT = "Tweede Kamer"
_MEMBERS_ADDRESSED = re.compile(r"^(?:het|de)\s+(?:Kamer)?(?:lid|leden)\s+(?P<names>.+?)(?:\s+c\.s\.)?$")
_COMMITTEE = re.compile(r"^de\s+(?P<name>(?:vaste\s+)?commissie\b.*)$")


def office_agent(office: str) -> Agent:
    name = canonical_office(office)
    return Agent(identifiers.office(name), name, "office")


def person_agent(p: Person) -> Agent:
    return Agent(p.iri, p.name, "person", p.family_name)


def addressees(made_to: str | None) -> list[Agent]:
    """'uw Kamer' -> the Tweede Kamer; 'het lid Bamenga' / 'de leden Dobbe en Ceder' -> those members; 'de commissie
    voor X' -> that committee."""
    if not made_to:
        return []
    members = _MEMBERS_ADDRESSED.match(made_to)
    if members:
        return [person_agent(person(n)) for n in re.split(r"\s*,\s*|\s+en\s+", members.group("names")) if n]
    committee = _COMMITTEE.match(made_to)
    if committee:
        name = committee.group("name")
        return [Agent(identifiers.organisation(name), name, "organisation")]
    return [Agent(identifiers.organisation(PARLIAMENT), PARLIAMENT, "organisation")]


def promisers(made_by: str | None, signatures: list[Signature]) -> list[tuple[Agent, str]]:
    """Who made a commitment: an office the sentence names; 'ik' -> the one person who signs the document; otherwise
    (wij, het kabinet, nothing said) the offices the document is signed in."""
    if made_by and made_by not in ("ik", "wij", "het kabinet", "dit kabinet"):
        office = office_agent(made_by)
        if " " in office.label:  # a role alone ('de minister') does not say which office
            return [(office, "commitment-actor.named-office")]
    people = {s.person.iri: s.person for s in signatures}
    if made_by == "ik" and len(people) == 1:
        return [(person_agent(next(iter(people.values()))), "commitment-actor.first-person")]
    offices = {s.office_iri: s for s in signatures}
    return [
        (Agent(iri, s.canonical_office, "office"), "commitment-actor.signatory-office") for iri, s in offices.items()
    ]


def resolve(doc: Document, mentions: list[Mention]) -> Resolution:
    headers = [m for m in mentions if isinstance(m, HeaderMention)]
    header = headers[0] if headers else None
    own_id = header.own_id if header else None
    dates = [m for m in mentions if isinstance(m, DateMention)]
    res = Resolution(
        doc=doc,
        iri=identifiers.document(document_key(doc, own_id)),
        kind=header.kind if header else "document",
        own_id=own_id,
        title=header.title if header else None,
        date=(dates[0].value, dates[0].evidence) if dates else None,
    )
    for m in mentions:
        if isinstance(m, SignatureMention):
            office = re.sub(r"\s+", " ", m.office).strip()
            canonical = canonical_office(office)
            res.signatures.append(
                Signature(person(m.name), identifiers.office(canonical), office, m.evidence, canonical)
            )
        elif isinstance(m, CitationMention):
            citation = res.citations.setdefault(m.kst, Citation(m.kst, None, [], []))
            citation.kind = citation.kind or m.kind
            known = {p.iri for p in citation.submitters}
            for name in m.submitters:
                p = person(name)
                if p.iri not in known:
                    citation.submitters.append(p)
                    known.add(p.iri)
            for name, written in m.variants:
                citation.spellings.append((person(name), written, m.evidence))
            citation.evidence.append(m.evidence)
        elif isinstance(m, GarbledReferenceMention):
            res.garbled.append(m)
        elif isinstance(m, CommitmentMention):
            iri = (
                identifiers.commitment(m.register_id)
                if m.register_id
                else identifiers.document_part(res.iri, "commitment", len(res.commitments) + 1)
            )
            commitment = Commitment(iri, m.register_id, m.text, m.made_to, m.evidence, made_by=m.made_by)
            res.commitments.append(commitment)
        elif isinstance(m, CountryMention):
            res.countries.setdefault(m.iso2, []).append(m)
        elif isinstance(m, RegionMention):
            res.regions.append(m)
        elif isinstance(m, DebateMention):
            res.debates.append(m)
        elif isinstance(m, ClauseMention):
            res.clauses.append(m)
        elif isinstance(m, DocumentEventMention):
            res.events.append(m)
        elif isinstance(m, QuestionAnswerMention):
            res.questions.append(m)
    res.entities = resolve_entities([m for m in mentions if isinstance(m, EntityMention)])
    for m in mentions:
        if isinstance(m, AskerMention):
            party = None
            if m.party:
                party = find_entity(res.entities, m.party) or Entity(
                    identifiers.organisation(m.party), m.party, "organisation", "party", set(), []
                )
            res.askers.append(Asker(person(m.name), party, m.evidence))
    for commitment in res.commitments:
        commitment.made_by_agents = promisers(commitment.made_by, res.signatures)
        commitment.made_to_agents = addressees(commitment.made_to)
        sentence = doc.passage(commitment.evidence.start, commitment.evidence.end)
        commitment.made_during = [
            d for d in res.debates if sentence.start <= d.evidence.start and d.evidence.end <= sentence.end
        ]
    for m in mentions:
        if isinstance(m, MoneyMention):
            recipient = find_entity(res.entities, m.recipient)
            if recipient is None and m.recipient:
                recipient = Entity(
                    identifiers.organisation(m.recipient), m.recipient, "organisation", None, set(), [m.evidence]
                )
                res.entities.append(recipient)
            res.fundings.append(
                Funding(
                    m.amount,
                    m.currency,
                    m.amount_text,
                    m.period,
                    m.start_year,
                    m.end_year,
                    recipient,
                    m.funder,
                    m.country,
                    m.evidence,
                )
            )
    entity_spans = [m.evidence for m in mentions if isinstance(m, EntityMention)]
    res.country_ties = tie_countries(doc, res.citations, subject_countries(res.countries, entity_spans))
    return res
