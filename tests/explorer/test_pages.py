"""Explorer pages and linked-data views over the real app: content negotiation on /id/..., the ontology page and
file, search grouped by type and kept in step with the store, highlighted passages, the SPARQL page, offline pages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from rdflib import Graph
from rdflib.compare import isomorphic

from api.main import create_app
from loaders.pipeline import ensure_ontology, ingest_path
from ontology import ONTOLOGY_FILE, identifiers
from ontology.namespace import KG, OWL, RDF
from store.base import SelectResult, Store
from store.embedded import EmbeddedStore

LETTERS = Path(__file__).resolve().parents[2] / "data" / "letters"
MOTION = "kamerstuk/kst-29237-247"
BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


@pytest.mark.parametrize(
    ("accept", "media", "parser"),
    [("text/turtle", "text/turtle", "turtle"), ("application/ld+json", "application/ld+json", "json-ld"),
     ("application/n-triples", "application/n-triples", "nt")],
)
def test_entity_iri_answers_rdf_to_an_rdf_accept_header(
    sample_letters_client: TestClient, accept: str, media: str, parser: str
) -> None:
    response = sample_letters_client.get(f"/id/{MOTION}", headers={"Accept": accept})
    assert response.status_code == 200 and response.headers["content-type"].startswith(media)
    graph = Graph().parse(data=response.content, format=parser)
    motion = identifiers.kamerstuk("kst-29237-247")
    assert (motion, RDF.type, KG.Motion) in graph
    assert (motion, KG.concernsCountry, identifiers.country("SD")) in graph
    assert any(graph.objects(None, KG.quote)), "the evidence of the facts about it comes along"


def test_entity_iri_answers_a_page_to_a_browser(sample_letters_client: TestClient, sample_letters: Store) -> None:
    response = sample_letters_client.get(f"/id/{MOTION}", headers={"Accept": BROWSER_ACCEPT})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    result = sample_letters.query(
        "SELECT ?quote WHERE { ?e rdf:subject ?m ; rdf:predicate kg:concernsCountry ; kg:quote ?quote }",
        {"m": identifiers.kamerstuk("kst-29237-247")},
    )
    assert isinstance(result, SelectResult) and result.rows
    for row in result.rows:  # each fact's quote is on the page (as the template escapes it)
        assert " ".join(str(row["quote"]).split()).replace("'", "&#39;").replace('"', "&#34;") in response.text
    assert "concerns" in response.text and "gaat over" in sample_letters_client.get(f"/id/{MOTION}?lang=nl").text


def test_unknown_entity_is_a_json_404(sample_letters_client: TestClient) -> None:
    response = sample_letters_client.get("/id/country/XX", headers={"Accept": "text/turtle"})
    assert response.status_code == 404 and response.json()["code"] == "not_found"


def test_ontology_page_documents_every_term_and_the_file_is_served(sample_letters_client: TestClient) -> None:
    ontology = Graph().parse(ONTOLOGY_FILE)
    page = sample_letters_client.get("/ontology").text
    for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty):
        for term in ontology.subjects(RDF.type, kind):
            if str(term).startswith(str(KG._NS)):
                assert f'id="{str(term).rsplit("#", 1)[1]}"' in page, term
    served = sample_letters_client.get("/ontology.ttl")
    assert served.headers["content-type"].startswith("text/turtle")
    assert isomorphic(Graph().parse(data=served.content, format="turtle"), ontology)


def test_search_groups_results_by_type(sample_letters_client: TestClient) -> None:
    page = sample_letters_client.get("/search", params={"q": "Soedan"}).text
    groups = re.findall(r'<section class="group" data-type="([^"]+)"', page)
    assert len(groups) == len(set(groups)) > 3
    assert {"Country", "Motion", "Letter"} <= set(groups)
    assert 'href="/id/country/SD"' in page


def test_search_index_follows_the_store() -> None:
    """A document added to the store is found by the next search; once removed, it is no longer found."""
    store = EmbeddedStore(None)
    ensure_ontology(store)
    with TestClient(create_app(store=store)) as client:
        assert "Save the Children" not in client.get("/search", params={"q": "Children"}).text
        result = ingest_path(store, LETTERS / "000_8da887535b8e2326.txt")
        assert result.iri is not None
        assert "Save the Children" in client.get("/search", params={"q": "Children"}).text
        store.drop_graph(result.iri)
        assert "Save the Children" not in client.get("/search", params={"q": "Children"}).text
    store.close()


def test_text_page_highlights_the_quoted_passage(sample_letters_client: TestClient, sample_letters: Store) -> None:
    page = sample_letters_client.get(f"/id/{MOTION}").text
    link = re.search(r'href="(/text/[^"]+)"', page)
    assert link is not None
    text_page = sample_letters_client.get(link.group(1).replace("&amp;", "&")).text
    marked = re.search(r'<mark id="quote">(.*?)</mark>', text_page, re.S)
    assert marked is not None and marked.group(1).strip()
    assert " ".join(marked.group(1).split()) in " ".join(page.split())


def test_sparql_page_runs_an_example_and_offers_a_download(sample_letters_client: TestClient) -> None:
    loaded = sample_letters_client.get("/editor", params={"example": "motions"}).text
    assert "dcterms:identifier" in loaded
    query = "SELECT ?m WHERE { ?m a kg:Motion }"
    page = sample_letters_client.get("/editor", params={"query": query}).text
    rows = re.findall(r"<tr><td>", page)
    download = sample_letters_client.get("/editor/download", params={"query": query})
    assert download.headers["content-type"].startswith("text/csv")
    assert len(download.text.strip().splitlines()) - 1 == len(rows) > 10
    refused = sample_letters_client.get("/editor", params={"query": "DROP ALL"}).text
    assert "read-only" in refused


@pytest.mark.parametrize(
    "path", ["/", "/search?q=Soedan", f"/id/{MOTION}", "/graph?around=country/SD", "/editor?example=motions",
             "/ontology", "/text/sha256-ba8fda52c36732934c7d"],
)
def test_pages_work_offline_without_inline_scripts(sample_letters_client: TestClient, path: str) -> None:
    """Every script and style comes from /static (no CDN), and no inline event handler or inline script is used."""
    page = sample_letters_client.get(path)
    assert page.status_code == 200, path
    html = page.text
    assert not re.search(r"\son[a-z]+\s*=", html), "inline event handler"
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "inline script"
    for url in re.findall(r'<(?:script|link)[^>]*(?:src|href)="([^"]+)"', html):
        assert url.startswith("/static/"), url
        assert sample_letters_client.get(url).status_code == 200


def test_static_files_refuse_paths_outside_the_folder(sample_letters_client: TestClient) -> None:
    assert sample_letters_client.get("/static/..%2Fmain.py").status_code == 404
    assert sample_letters_client.get("/static/cytoscape.LICENSE").text.startswith("Copyright")

