"""Every named query is standard SPARQL 1.1: rdflib's SPARQL 1.1 parser accepts it (no LATERAL or other extension)."""

from __future__ import annotations

import pytest
from pyparsing import ParseException
from rdflib.plugins.sparql import prepareQuery

from ontology.namespace import PREFIXES
from queries import QUERY_DIR, get, load_all

NAMES = sorted(load_all())


def test_every_query_file_is_checked() -> None:
    """The list parsed below is every queries/*.rq file (none is skipped by the loader)."""
    assert sorted(path.stem for path in QUERY_DIR.glob("*.rq")) == NAMES
    assert len(NAMES) > 20


@pytest.mark.parametrize("name", NAMES)
def test_query_parses_as_sparql_1_1(name: str) -> None:
    """queries/<name>.rq parses with rdflib's SPARQL 1.1 grammar, which has no LATERAL."""
    query = prepareQuery(get(name).sparql, initNs=PREFIXES)
    assert query.algebra is not None


def test_the_parser_refuses_lateral() -> None:
    """The check has teeth: the Oxigraph-only LATERAL does not parse as SPARQL 1.1."""
    text = "SELECT ?s ?o WHERE { ?s ?p ?x LATERAL { SELECT ?s ?o WHERE { ?s ?p ?o } LIMIT 1 } }"
    with pytest.raises(ParseException):
        prepareQuery(text)
