"""A store on any SPARQL 1.1 server: Query (via SPARQLWrapper), Update, and the Graph Store HTTP Protocol for graphs.

kamergraph keeps one named graph per document and expects every query to see the union of those graphs as its
default graph (as the embedded store does). What each server needs for that, and which URLs to configure
(KAMERGRAPH_SPARQL_URL, KAMERGRAPH_SPARQL_UPDATE_URL, KAMERGRAPH_GSP_URL; see store/config.py):

- Oxigraph server (tested here, 0.5): ``oxigraph serve --location DIR --bind 127.0.0.1:7878 --union-default-graph``.
  Query ``http://HOST:7878/query``, update ``http://HOST:7878/update``, graph store ``http://HOST:7878/store``.
  Without ``--union-default-graph`` queries only see the (empty) real default graph and return nothing.
  A graph-store PUT replaces the graph in one transaction (a failed upload leaves the old graph; readers never
  see a half-replaced graph). No authentication of its own: put a reverse proxy with Basic auth in front of it.
- Apache Jena Fuseki (not tested here): dataset ``/ds`` on a TDB2 database with ``tdb2:unionDefaultGraph true`` in
  the dataset's assembler description. Query ``http://HOST:3030/ds/query`` (or ``/ds/sparql``), update
  ``/ds/update``, graph store ``/ds/data`` (``/ds/get`` is read-only). An in-memory dataset has no union default
  graph. Basic auth is supported by Fuseki's security configuration.
- GraphDB / RDF4J (not tested here): query ``http://HOST:7200/repositories/REPO``, update
  ``http://HOST:7200/repositories/REPO/statements``, graph store ``http://HOST:7200/repositories/REPO/rdf-graphs/service``.
  A query without FROM already ranges over all graphs (the union), so nothing to set.
- Virtuoso (not tested here): query and update ``http://HOST:8890/sparql`` (the SPARQL user needs the
  SPARQL_UPDATE role for writes), graph store ``http://HOST:8890/sparql-graph-crud``. Queries without FROM see all
  graphs. Its authenticated endpoints (``/sparql-auth``, ``/sparql-graph-crud-auth``) use HTTP Digest, which this
  store does not speak (Basic only); a graph-store PUT is not documented to be atomic.
- QLever (not tested here): one URL for query and update; queries see the union of all graphs by default. Updates
  need QLever's access token, which this store does not send, so use it read-only (query URL only) or behind a
  proxy that adds the token. Leave KAMERGRAPH_GSP_URL unset if the server has no graph store protocol.

Updates differ in one way: Oxigraph's --union-default-graph also applies to an update's WHERE clause, while the
embedded store matches an update's WHERE without GRAPH against the real (empty) default graph. Updates that name
their graphs (GRAPH <g> or GRAPH ?g in WHERE) behave the same on both; kamergraph's own writes are all of that kind.

Without a graph-store URL, a graph is replaced with a single SPARQL Update (DROP SILENT GRAPH + INSERT DATA), which
SPARQL 1.1 Update requires to be applied atomically; without an update URL the store is read-only.
Only named graphs are counted and listed: nothing kamergraph writes goes to the real default graph.
"""

from __future__ import annotations

import base64
import http.client
import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Sequence
from http.client import HTTPResponse
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.term import Identifier
from SPARQLWrapper import BASIC, POST, SPARQLWrapper

from ontology.namespace import PREFIXES
from store.base import (
    Bindings,
    GraphChange,
    QueryError,
    QueryResult,
    SelectResult,
    StoreError,
    term_text,
    with_values,
)
from store.embedded import ntriples_text, parse_ntriples, to_ox

#: What a query may answer with: result sets in JSON, graphs in N-Triples (or Turtle, RDF/XML as fallbacks).
ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9, text/turtle;q=0.8, application/rdf+xml;q=0.5"

#: media type of a graph answer -> rdflib parser name
GRAPH_FORMATS = {
    "application/n-triples": "nt",
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/rdf+xml": "xml",
    "application/ld+json": "json-ld",
}

#: every ontology prefix, put at the start of the query's first line, so error positions keep their line numbers
PROLOGUE = " ".join(f"PREFIX {prefix}: <{namespace}>" for prefix, namespace in PREFIXES.items())

#: the User-Agent of every request, so server logs show who asked
AGENT = "kamergraph (SPARQLWrapper)"

_DETAIL_LENGTH = 300


def redact(url: str) -> str:
    """The URL without user name and password, fit for messages and logs."""
    parts = urllib.parse.urlsplit(url)
    if parts.username is None and parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urllib.parse.urlunsplit(parts._replace(netloc=netloc))


def _check_url(url: str, setting: str) -> str:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise StoreError(f"{setting} must be an http:// or https:// URL, not {redact(url)!r}")
    if parts.username is not None or parts.password is not None:
        raise StoreError(
            f"{setting} {redact(url)} holds credentials: give them as KAMERGRAPH_SPARQL_USER and "
            "KAMERGRAPH_SPARQL_PASSWORD instead"
        )
    return url


def _detail(body: bytes) -> str:
    """The start of a server's error message, on one line."""
    text = " ".join(body.decode("utf-8", errors="replace").split())
    return text if len(text) <= _DETAIL_LENGTH else text[:_DETAIL_LENGTH] + "…"


def failure(what: str, url: str, exc: BaseException, timeout: float) -> StoreError:
    """A StoreError (QueryError for a refused query or update) naming the endpoint and the status or network error."""
    where = f"the SPARQL {what} endpoint {redact(url)}"
    if isinstance(exc, urllib.error.HTTPError):
        try:
            body = exc.read()
        except (OSError, http.client.HTTPException):
            body = b""
        detail = _detail(body) if body else ""
        message = f"{where} answered HTTP {exc.code} {exc.reason}" + (f": {detail}" if detail else "")
        if exc.code in (401, 403):
            message += " (check KAMERGRAPH_SPARQL_USER and KAMERGRAPH_SPARQL_PASSWORD)"
        return QueryError(message) if exc.code == 400 else StoreError(message)
    if isinstance(exc, TimeoutError):
        return StoreError(f"{where} did not answer within {timeout:g} s")
    if isinstance(exc, urllib.error.URLError):
        reason = exc.reason
        if isinstance(reason, TimeoutError):
            return StoreError(f"{where} did not answer within {timeout:g} s")
        return StoreError(f"cannot reach {where}: {reason}")
    return StoreError(f"{where} failed: {type(exc).__name__}: {exc}")


def _basic(auth: tuple[str, str]) -> str:
    return "Basic " + base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode("ascii")


class _Wrapper(SPARQLWrapper):
    """SPARQLWrapper for queries only, letting urllib's HTTPError through to keep the status and the server's message.

    SPARQLWrapper turns statuses into its own exceptions (the response body only in their text), and guesses from
    keywords anywhere in the text (comments included) whether a request is an update, which would send it to the
    update endpoint; here every request is a query (updates go through SparqlStore.update), and a server refuses a
    non-query with 400 like the embedded store does.
    """

    def __init__(self, endpoint: str, seconds: float) -> None:
        super().__init__(endpoint, agent=AGENT)
        self.seconds = seconds  # SPARQLWrapper's own timeout is whole seconds

    def isSparqlUpdateRequest(self) -> bool:
        return False

    def _query(self) -> tuple[HTTPResponse, str]:
        request = self._createRequest()
        response: HTTPResponse = urllib.request.urlopen(request, timeout=self.seconds)
        return response, self.returnFormat


def _term(value: dict[str, Any]) -> Identifier:
    """A term of the SPARQL 1.1 JSON results format as an rdflib term (the same terms the embedded store gives)."""
    kind = value.get("type")
    text = value["value"]
    if kind == "uri":
        return URIRef(text)
    if kind == "bnode":
        return BNode(text)
    if kind in ("literal", "typed-literal"):
        if value.get("xml:lang"):
            return Literal(text, lang=value["xml:lang"])
        datatype = value.get("datatype")
        if datatype is None or datatype == str(XSD.string):
            return Literal(text)
        if datatype == str(RDF.langString):
            raise StoreError("the server sent an rdf:langString literal without a language tag")
        return Literal(text, datatype=URIRef(datatype))
    raise StoreError(f"unsupported term in the server's answer: {kind!r}")


class SparqlStore:
    """A Store on a SPARQL 1.1 server; `update_url=None` makes it read-only, `gsp_url=None` replaces by Update."""

    def __init__(
        self,
        query_url: str,
        update_url: str | None = None,
        gsp_url: str | None = None,
        auth: tuple[str, str] | None = None,
        timeout: float = 60.0,
        *,
        sole_writer: bool = False,
    ) -> None:
        self.query_url = _check_url(query_url, "the SPARQL query URL")
        self.update_url = _check_url(update_url, "the SPARQL update URL") if update_url else None
        self.gsp_url = _check_url(gsp_url, "the graph store URL") if gsp_url else None
        self.auth = auth
        self.timeout = timeout
        #: True when every write to the server goes through this object, so `generation` sees them all.
        self.sole_writer = sole_writer
        self._writes = 0

    def __repr__(self) -> str:
        return f"SparqlStore({redact(self.query_url)!r})"

    @property
    def generation(self) -> int | None:
        """Writes made through this object (store.base.store_generation), when it is the server's sole writer;
        else None: other clients may change the server unseen, so answers must not be cached."""
        return self._writes if self.sole_writer else None

    # -- queries -------------------------------------------------------------------------------------------------

    def query(self, sparql: str, bindings: Bindings | None = None) -> QueryResult:
        wrapper = _Wrapper(self.query_url, self.timeout)
        wrapper.setMethod(POST)
        wrapper.setOnlyConneg(True)  # no format=/output= parameters: some servers refuse unknown parameters
        if self.auth:
            wrapper.setHTTPAuth(BASIC)
            wrapper.setCredentials(*self.auth)
        wrapper.setQuery(f"{PROLOGUE} {with_values(sparql, bindings)}")
        wrapper.addCustomHttpHeader("Accept", ACCEPT)  # replaces the Accept header SPARQLWrapper guessed
        try:
            response = wrapper.query().response
            media_type = response.headers.get_content_type()
            body = response.read()
        except (OSError, http.client.HTTPException) as exc:
            raise failure("query", self.query_url, exc, self.timeout) from None
        return self._result(media_type, body)

    def _result(self, media_type: str, body: bytes) -> QueryResult:
        if media_type in ("application/sparql-results+json", "application/json"):
            try:
                data = json.loads(body)
                if "boolean" in data:
                    return bool(data["boolean"])
                variables = list(data["head"].get("vars", []))
                bindings = data["results"]["bindings"]
                rows = [{name: _term(value) for name, value in binding.items()} for binding in bindings]
            except (ValueError, KeyError, TypeError, AttributeError):
                raise StoreError(
                    f"the SPARQL query endpoint {redact(self.query_url)} sent JSON that is not a SPARQL result"
                ) from None
            return SelectResult(variables, rows)
        if media_type in GRAPH_FORMATS:
            graph = Graph()
            try:
                graph.parse(data=body, format=GRAPH_FORMATS[media_type])
            except Exception as exc:  # rdflib raises parser-specific exceptions
                raise StoreError(
                    f"the SPARQL query endpoint {redact(self.query_url)} sent a graph rdflib cannot parse: {exc}"
                ) from None
            return graph
        raise StoreError(f"the SPARQL query endpoint {redact(self.query_url)} answered with unexpected {media_type!r}")

    # -- writes --------------------------------------------------------------------------------------------------

    def _send(self, what: str, request: urllib.request.Request) -> int:
        """Send a write request; its HTTP status (2xx, or 404 for a missing graph), else StoreError."""
        request.add_header("User-Agent", AGENT)
        if self.auth:
            request.add_header("Authorization", _basic(self.auth))
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                response.read()
                status: int = response.status
                return status
        except urllib.error.HTTPError as exc:
            if exc.code == 404 and request.get_method() == "DELETE":
                return 404
            raise failure(what, request.full_url, exc, self.timeout) from None
        except (OSError, http.client.HTTPException) as exc:
            raise failure(what, request.full_url, exc, self.timeout) from None
        finally:
            self._writes += 1  # every write (update, graph store) ends here: counted after it (or its failure)

    def _writable(self) -> str:
        if self.update_url is None:
            raise StoreError(f"the SPARQL store at {redact(self.query_url)} is read-only (no update URL configured)")
        return self.update_url

    def update(self, sparql: str) -> None:
        url = self._writable()
        body = urllib.parse.urlencode({"update": f"{PROLOGUE} {sparql}"}).encode("ascii")
        request = urllib.request.Request(url, data=body, method="POST")
        request.add_header("Content-Type", "application/x-www-form-urlencoded")
        self._send("update", request)

    def _graph_url(self, gsp_url: str, name: URIRef) -> str:
        term_text(name)  # refuses IRIs with characters IRIs may not hold
        separator = "&" if "?" in gsp_url else "?"
        return f"{gsp_url}{separator}{urllib.parse.urlencode({'graph': str(name)})}"

    def _stored_triples(self, name: URIRef) -> set[ox.Triple]:
        result = self.query("SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": name})
        assert isinstance(result, SelectResult)
        stored = set()
        for row in result.rows:
            subject, predicate = to_ox(row["s"]), to_ox(row["p"])
            assert not isinstance(subject, ox.Literal) and isinstance(predicate, ox.NamedNode)
            stored.add(ox.Triple(subject, predicate, to_ox(row["o"])))
        return stored

    def put_graph(self, name: URIRef, ntriples: str | bytes) -> GraphChange:
        """As Store.put_graph: the stored graph is read and compared first; a changed graph is sent as N-Triples
        written by pyoxigraph (never the caller's text), by a graph-store PUT, else by one SPARQL Update."""
        self._writable()
        term_text(name)  # refuses a name with characters not allowed in IRIs before anything is sent
        triples = parse_ntriples(ntriples)
        stored = self._stored_triples(name)
        if triples == stored:
            return GraphChange.UNCHANGED
        self._write_graph(name, triples)
        return GraphChange.REPLACED if stored else GraphChange.LOADED

    def put_graphs(self, graphs: Sequence[tuple[URIRef, str]]) -> list[GraphChange]:
        """As Store.put_graphs: one put_graph per graph (a server's own bulk loader is the fast path for big loads,
        see `kamergraph extract` and docs/deploy.md)."""
        return [self.put_graph(name, ntriples) for name, ntriples in graphs]

    def replace_graph(self, name: URIRef, graph: Graph) -> None:
        """Write the graph without reading the stored one first (one request)."""
        self._writable()
        self._write_graph(name, parse_ntriples(graph.serialize(format="nt")))

    def _write_graph(self, name: URIRef, triples: set[ox.Triple]) -> None:
        if not triples:  # an empty named graph is no graph, as in the embedded store
            self.drop_graph(name)
            return
        data = ntriples_text(triples)
        if self.gsp_url is None:
            iri = term_text(name)
            self.update(f"DROP SILENT GRAPH {iri} ;\nINSERT DATA {{ GRAPH {iri} {{\n{data}\n}} }}")
            return
        request = urllib.request.Request(self._graph_url(self.gsp_url, name), data=data.encode(), method="PUT")
        request.add_header("Content-Type", "application/n-triples")
        self._send("graph store", request)

    def _has_graph(self, name: URIRef) -> bool:
        result = self.query("ASK WHERE { GRAPH ?g { } }", {"g": name})
        return result is True

    def drop_graph(self, name: URIRef) -> bool:
        self._writable()
        if not self._has_graph(name):
            return False
        if self.gsp_url is None:
            self.update(f"DROP SILENT GRAPH {term_text(name)}")
            return True
        url = self._graph_url(self.gsp_url, name)
        if self._send("graph store", urllib.request.Request(url, method="DELETE")) == 404:
            raise StoreError(
                f"the graph store endpoint {redact(self.gsp_url)} answered 404 for {name}, a graph the query "
                "endpoint lists: is the graph store URL right?"
            )
        return True

    # -- inventory -----------------------------------------------------------------------------------------------

    def graph_names(self) -> Sequence[URIRef]:
        result = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }")
        assert isinstance(result, SelectResult)
        return sorted(name for row in result.rows if isinstance(name := row.get("g"), URIRef))

    def triple_count(self) -> int:
        result = self.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        assert isinstance(result, SelectResult)
        return int(result.rows[0]["n"]) if result.rows else 0

    def close(self) -> None:
        """Nothing to release: every request opens and closes its own connection."""
