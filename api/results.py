"""SPARQL answers in the media types of the SPARQL 1.1 Protocol, chosen from the request's Accept header."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph, Variable
from rdflib.query import Result

from ontology.namespace import PREFIXES
from store.base import QueryResult, SelectResult


@dataclass(frozen=True)
class Format:
    media_type: str
    serializer: str  # rdflib result or graph serialiser name


#: Result sets (SELECT) and booleans (ASK): the first is the default.
RESULT_FORMATS: tuple[Format, ...] = (
    Format("application/sparql-results+json", "json"),
    Format("application/sparql-results+xml", "xml"),
    Format("text/csv", "csv"),
    Format("application/json", "json"),
    Format("application/xml", "xml"),
)
#: ASK answers have no CSV form in the SPARQL 1.1 CSV/TSV results format.
BOOLEAN_FORMATS: tuple[Format, ...] = tuple(f for f in RESULT_FORMATS if f.serializer != "csv")
#: Graphs (CONSTRUCT, DESCRIBE): Turtle by default.
GRAPH_FORMATS: tuple[Format, ...] = (
    Format("text/turtle", "turtle"),
    Format("application/n-triples", "nt"),
    Format("application/ld+json", "json-ld"),
    Format("application/rdf+xml", "xml"),
    Format("application/x-turtle", "turtle"),
    Format("text/plain", "nt"),
)


def _accepted(header: str) -> list[tuple[str, float]]:
    """The media ranges of an Accept header with their quality, best first (q=0 means 'not this one')."""
    ranges = []
    for position, part in enumerate(header.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        quality = 1.0
        for parameter in fields[1:]:
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        ranges.append((media, quality, position))
    ranges.sort(key=lambda r: (-r[1], r[0].count("*"), r[2]))
    return [(media, quality) for media, quality, _ in ranges]


def _matches(media_range: str, media_type: str) -> bool:
    if media_range in ("*/*", "*"):
        return True
    if media_range.endswith("/*"):
        return media_type.startswith(media_range[:-1])
    return media_range == media_type


def negotiate(accept: str | None, offers: tuple[Format, ...]) -> Format | None:
    """The offer the client prefers (the default without an Accept header); None when it accepts none of them."""
    if not accept or not accept.strip():
        return offers[0]
    for media_range, quality in _accepted(accept):
        if quality <= 0:
            continue
        for offer in offers:
            if _matches(media_range, offer.media_type):
                return offer
    return None


def offers_for(result: QueryResult) -> tuple[Format, ...]:
    if isinstance(result, SelectResult):
        return RESULT_FORMATS
    if isinstance(result, bool):
        return BOOLEAN_FORMATS
    return GRAPH_FORMATS


def serialize(result: QueryResult, fmt: Format) -> bytes:
    """The result in the chosen format (rdflib's SPARQL results and RDF serialisers)."""
    if isinstance(result, Graph):
        for prefix, namespace in PREFIXES.items():
            result.bind(prefix, namespace)
        return result.serialize(format=fmt.serializer, encoding="utf-8")
    answer = Result("ASK" if isinstance(result, bool) else "SELECT")
    if isinstance(result, bool):
        answer.askAnswer = result
    else:
        answer.vars = [Variable(v) for v in result.variables]
        answer.bindings = [{Variable(k): v for k, v in row.items()} for row in result.rows]
    data = answer.serialize(format=fmt.serializer, encoding="utf-8")
    assert isinstance(data, bytes)
    return data
