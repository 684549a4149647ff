"""Linked data: every entity IRI served at /id/... (RDF to an RDF Accept header, a page to a browser), the ontology
as a documentation page (/ontology) and as Turtle (/ontology.ttl), and the JSON-LD context (/context.jsonld)."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Path, Query, Request, Response
from rdflib import Graph, Literal, URIRef
from starlette.concurrency import run_in_threadpool

import queries
from api.deps import StoreDep
from api.errors import NOT_FOUND, NotAcceptable, NotFound
from api.results import GRAPH_FORMATS, Format, negotiate, serialize
from api.routes import facts
from api.routes.render import page
from api.routes.search_index import search_index
from ontology import ONTOLOGY_FILE
from ontology.namespace import DCTERMS, ID, KG, ONTOLOGY_IRI, OWL, PREFIXES, RDF, RDFS
from store.base import Store
from store.export import context_bytes
from store.graphs import local_name

router = APIRouter(tags=["linked data"])

HTML = Format("text/html", "html")
#: what /id/... answers: a page first (browsers send */*), then the RDF formats
OFFERS: tuple[Format, ...] = (HTML, *GRAPH_FORMATS)
#: ?format= shortcuts for links
SHORTCUTS = {"ttl": "text/turtle", "jsonld": "application/ld+json", "nt": "application/n-triples", "html": "text/html"}


def _description(store: Store, entity: URIRef) -> Graph:
    query = queries.get("entity-describe")
    result = store.query(query.sparql, query.bind({"entity": str(entity)}))
    assert isinstance(result, Graph)
    return result


def _exists(store: Store, entity: URIRef) -> bool:
    query = queries.get("entity-exists")
    return bool(store.query(query.sparql, query.bind({"entity": str(entity)})))


def _entity_page(request: Request, store: Store, entity: URIRef, lang: str) -> Response:
    description = _description(store, entity)
    index = search_index(request.app)
    evidence = {str(t) for t in description.subjects(RDF.type, KG.Evidence)}
    terms = {str(t) for t in description.all_nodes() if isinstance(t, URIRef)} - evidence
    labels: facts.Labeller = {}

    def lookup(iris: set[str]) -> facts.Labeller:
        labels.update(index.lookup(store, iris | terms | {str(entity)}))
        return labels

    found = facts.facts(store, entity, lookup, lang)
    if not labels:
        lookup(set())
    kind, label = labels.get(str(entity), ("", local_name(str(entity))))
    return page(
        "entity.html",
        title=label,
        label=label,
        kind=kind,
        iri=str(entity),
        lang=lang,
        other_lang="nl" if lang == "en" else "en",
        properties=facts.properties(description, entity, labels, lang),
        facts=found,
        is_document=entity in _documents(store),
        doc_key=facts.document_key(str(entity)),
        graph_query=urlencode({"around": str(entity)}),
    )


def _documents(store: Store) -> list[URIRef]:
    return [n for n in store.graph_names() if n != ONTOLOGY_IRI]


@router.get(
    "/id/{path:path}",
    operation_id="entity",
    summary="Any entity, by its IRI",
    description=(
        "Every kamergraph IRI https://w3id.org/kamergraph/id/{path} is served here: its description and the "
        "evidence of the facts about it as Turtle, JSON-LD, N-Triples or RDF/XML to an RDF Accept header (or "
        "?format=ttl|jsonld|nt), and its page (facts in plain language, each with its quote) to a browser."
    ),
    response_class=Response,
    responses={
        200: {"content": {f.media_type: {} for f in OFFERS}, "description": "The entity."},
        **NOT_FOUND,
    },
)
async def entity(
    request: Request,
    store: StoreDep,
    path: Annotated[str, Path(description="The IRI's path after /id/, e.g. country/SD or kamerstuk/kst-29237-247.")],
    format: Annotated[str | None, Query(description="ttl, jsonld, nt or html: overrides the Accept header.")] = None,
    lang: Annotated[str, Query(description="Language of the page: en or nl.")] = "en",
) -> Response:
    iri = ID[path]
    try:
        queries.PARAM_KINDS["iri"](str(iri))
    except ValueError:
        raise NotFound(f"no entity {path!r}: not a valid IRI path") from None
    accept = SHORTCUTS.get(format or "", request.headers.get("accept"))
    chosen = negotiate(accept, OFFERS)
    if chosen is None:
        kinds = ", ".join(o.media_type for o in OFFERS)
        raise NotAcceptable(f"cannot answer in {accept!r}; this resource is available as: {kinds}")
    if not await run_in_threadpool(_exists, store, iri):
        raise NotFound(f"nothing in the store is called {iri}")
    if chosen is HTML:
        language = lang if lang in facts.LANGUAGES else "en"
        return await run_in_threadpool(_entity_page, request, store, iri, language)
    graph = await run_in_threadpool(_description, store, iri)
    if chosen.serializer == "json-ld":
        data = graph.serialize(format="json-ld", context=dict(PREFIXES), encoding="utf-8")
    else:
        data = serialize(graph, chosen)
    return Response(data, media_type=chosen.media_type, headers={"Vary": "Accept"})


def _ontology_terms(kind: URIRef, lang: str) -> list[dict[str, object]]:
    graph = facts.ontology_graph()
    terms = []
    for term in sorted(set(graph.subjects(RDF.type, kind)), key=str):
        if not isinstance(term, URIRef) or not str(term).startswith(str(KG._NS)):
            continue
        comments = [str(c) for c in graph.objects(term, RDFS.comment) if isinstance(c, Literal)]
        labels = {str(o.language): str(o) for o in graph.objects(term, RDFS.label) if isinstance(o, Literal)}

        def names(prop: URIRef, term: URIRef = term) -> list[str]:
            return sorted(
                local_name(str(o)) if str(o).startswith(str(KG._NS)) else graph.qname(o)
                for o in graph.objects(term, prop)
                if isinstance(o, URIRef)
            )

        terms.append(
            {
                "name": local_name(str(term)),
                "iri": str(term),
                "label_en": labels.get("en", ""),
                "label_nl": labels.get("nl", ""),
                "comment": " ".join(comments),
                "super": names(RDFS.subClassOf) + names(RDFS.subPropertyOf),
                "domain": names(RDFS.domain),
                "range": names(RDFS.range),
                "fact": (term, RDF.type, KG.FactProperty) in graph,
            }
        )
    return terms


@router.get(
    "/ontology",
    operation_id="ontology_page",
    description=(
        "The ontology's classes and properties with their Dutch and English labels, comments, domains and ranges "
        "(generated from the ontology with rdflib)."
    ),
    summary="The ontology's documentation page",
    response_class=Response,
    responses={200: {"content": {"text/html": {}}}},
)
def ontology_page() -> Response:
    graph = facts.ontology_graph()
    title = next(
        (str(o) for o in graph.objects(ONTOLOGY_IRI, DCTERMS.title) if isinstance(o, Literal) and o.language == "en"),
        "kamergraph ontology",
    )
    return page(
        "ontology.html",
        title=title,
        iri=str(ONTOLOGY_IRI),
        version=str(graph.value(ONTOLOGY_IRI, OWL.versionInfo) or ""),
        classes=_ontology_terms(OWL.Class, "en"),
        object_properties=_ontology_terms(OWL.ObjectProperty, "en"),
        datatype_properties=_ontology_terms(OWL.DatatypeProperty, "en"),
        prefixes=sorted(PREFIXES.items()),
    )


@router.get(
    "/ontology.ttl",
    operation_id="ontology_turtle",
    description="The ontology file itself (OWL/RDFS in Turtle).",
    summary="The ontology in Turtle",
    response_class=Response,
    responses={200: {"content": {"text/turtle": {}}}},
)
def ontology_turtle() -> Response:
    return Response(ONTOLOGY_FILE.read_bytes(), media_type="text/turtle")


@router.get(
    "/context.jsonld",
    operation_id="jsonld_context",
    description="The @context of every JSON-LD export: the kamergraph prefixes.",
    summary="The JSON-LD context of the JSON-LD exports",
    response_class=Response,
    responses={200: {"content": {"application/ld+json": {}}}},
)
def context() -> Response:
    return Response(context_bytes(), media_type="application/ld+json")
