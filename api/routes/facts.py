"""Facts for people: an entity's evidence as plain Dutch or English sentences, with links to pages and to the text."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlencode

from rdflib import Graph, Literal, URIRef

import queries
from ontology import ONTOLOGY_FILE
from ontology.namespace import DCTERMS, ID, KG, RDFS, SKOS
from store.base import SelectResult, Store
from store.graphs import local_name

LANGUAGES = ("en", "nl")

#: predicate -> (English verb phrase, Dutch verb phrase): "<subject> <phrase> <object>."
PHRASES: dict[URIRef, tuple[str, str]] = {
    KG.mentions: ("mentions", "noemt"),
    DCTERMS.references: ("cites", "verwijst naar"),
    KG.concernsCountry: ("concerns", "gaat over"),
    KG.submitter: ("was submitted by", "is ingediend door"),
    KG.hasSignature: ("is signed with", "is ondertekend met"),
    KG.signatory: ("was signed by", "is ondertekend door"),
    KG.reportsFunding: ("reports the amount", "meldt het bedrag"),
    KG.reportsOn: ("reports on the commitment", "rapporteert over de toezegging"),
    KG.recipient: ("goes to", "gaat naar"),
    KG.funder: ("is paid by", "wordt betaald door"),
    KG.fundingCountry: ("is spent in", "wordt besteed in"),
    KG.inCountry: ("is in", "ligt in"),
    KG.mentionsDebate: ("mentions the debate", "noemt het debat"),
    DCTERMS.date: ("is dated", "is gedateerd"),
    KG.amount: ("amounts to", "bedraagt"),
    KG.commitmentText: ("promises", "belooft"),
    KG.madeBy: ("was made by", "is gedaan door"),
    KG.madeTo: ("was made to", "is gedaan aan"),
    KG.madeDuring: ("was made during", "is gedaan tijdens"),
    KG.askedBy: ("was asked by", "is gesteld door"),
    KG.answeredBy: ("was answered by", "is beantwoord door"),
    KG.implementedBy: ("is implemented by", "wordt uitgevoerd door"),
}


@cache
def ontology_graph() -> Graph:
    """The shipped ontology, read once."""
    return Graph().parse(ONTOLOGY_FILE)


def term_label(term: URIRef, lang: str) -> str:
    """An ontology term's label in the language (falling back to English, then to its local name)."""
    labels = {str(o.language): str(o) for o in ontology_graph().objects(term, RDFS.label) if isinstance(o, Literal)}
    return labels.get(lang) or labels.get("en") or local_name(str(term))


def phrase(predicate: URIRef, lang: str) -> str:
    pair = PHRASES.get(predicate)
    if pair is not None:
        return pair[0] if lang == "en" else pair[1]
    return term_label(predicate, lang)


def page_url(iri: str) -> str | None:
    """The explorer's page of a kamergraph IRI (/id/...); None for other IRIs."""
    base = str(ID)
    return "/id/" + iri[len(base) :] if iri.startswith(base) else None


def document_key(doc: str) -> str:
    return doc.rstrip("/").rsplit("/", 1)[-1]


def text_url(doc: str, start: int, end: int) -> str:
    """The document text with the passage [start, end) highlighted and scrolled to."""
    return f"/text/{document_key(doc)}?{urlencode({'start': start, 'end': end})}#quote"


@dataclass(frozen=True)
class Named:
    """A term as shown: its text, its page (or None), its type."""

    text: str
    url: str | None
    type: str = ""


@dataclass(frozen=True)
class Fact:
    subject: Named
    verb: str
    object: Named
    quote: str
    text_url: str
    document: Named
    rule: str


Labeller = dict[str, tuple[str, str]]


def named(term: object, labels: Labeller) -> Named:
    """An IRI with its label and page, or a literal as its text."""
    if isinstance(term, URIRef):
        kind, label = labels.get(str(term), ("", local_name(str(term))))
        return Named(label, page_url(str(term)), kind)
    if isinstance(term, Literal):
        value = term.toPython()
        if isinstance(value, float) or str(term.datatype).endswith("#decimal"):
            return Named(f"{float(str(term)):,.0f}".replace(",", "."), None)
        return Named(" ".join(str(term).split()), None)
    return Named(str(term), None)


def facts(store: Store, entity: URIRef, lookup: Callable[[set[str]], Labeller], lang: str) -> list[Fact]:
    """Every fact read about the entity, as a sentence with its quote (queries/entity-evidence.rq); `lookup` gives
    the type and label of the IRIs involved (called once)."""
    query = queries.get("entity-evidence")
    result = store.query(query.sparql, query.bind({"entity": str(entity)}))
    assert isinstance(result, SelectResult)
    iris = {str(row[k]) for row in result.rows for k in ("subject", "object", "doc") if isinstance(row[k], URIRef)}
    labels = lookup(iris)
    found = []
    for row in result.rows:
        predicate = row["predicate"]
        assert isinstance(predicate, URIRef)
        doc = str(row["doc"])
        found.append(
            Fact(
                subject=named(row["subject"], labels),
                verb=phrase(predicate, lang),
                object=named(row["object"], labels),
                quote=" ".join(str(row["quote"]).split()),
                text_url=text_url(doc, int(str(row["start"])), int(str(row["end"]))),
                document=named(URIRef(doc), labels),
                rule=str(row["rule"]),
            )
        )
    return found


def properties(graph: Graph, entity: URIRef, labels: Labeller, lang: str) -> list[tuple[str, Named]]:
    """The entity's own statements (not its full text), as (property label, value) rows."""
    rows = []
    for predicate, value in sorted(graph.predicate_objects(entity), key=lambda pv: (str(pv[0]), str(pv[1]))):
        if predicate == KG.fullText or not isinstance(predicate, URIRef):
            continue
        if isinstance(value, Literal) and value.language not in (None, lang) and predicate != SKOS.altLabel:
            continue
        rows.append((term_label(predicate, lang), named(value, labels)))
    return rows
