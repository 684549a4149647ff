"""Named queries: one .rq file per question, with a '#+' header (summary, parameters); shared by API, CLI and tests.

Header lines:
    #+ summary: one line saying what the query answers
    #+ param: NAME KIND description     (KIND: country, kamerstuk, person, programme, organisation, document,
                                          iri, string, integer, date)
Parameters are variables (?NAME) in the query, bound by the store as RDF terms, never pasted into the query text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib.resources import files
from pathlib import Path

import pyoxigraph
from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Identifier

from ontology import identifiers

QUERY_DIR = Path(str(files(__name__)))
_IRI_SAFE = re.compile(r"^[a-z][a-z0-9+.-]*:[^\s<>\"{}|\\^`]*$", re.IGNORECASE)


class ParameterError(ValueError):
    """A query parameter is missing, unknown or malformed; the message says which and why."""


def _iri(value: str) -> URIRef:
    if not _IRI_SAFE.match(value):
        raise ValueError("not an absolute IRI")
    try:  # the store's own IRI parser (RFC 3987): control characters, bad %-escapes, ... would fail the query
        pyoxigraph.NamedNode(value)
    except ValueError as exc:
        raise ValueError(f"not an absolute IRI ({exc})") from None
    return URIRef(value)


def _country(value: str) -> URIRef:
    return identifiers.country(value.strip().upper())


def _integer(value: str) -> Literal:
    return Literal(int(value), datatype=XSD.integer)


def _date(value: str) -> Literal:
    return Literal(date.fromisoformat(value), datatype=XSD.date)


def _string(value: str) -> Literal:
    if not value or len(value) > 500:
        raise ValueError("must be 1 to 500 characters")
    return Literal(value)


#: How a parameter given as text (URL query, CLI --param) becomes an RDF term.
PARAM_KINDS: dict[str, Callable[[str], Identifier]] = {
    "country": _country,
    "kamerstuk": identifiers.kamerstuk,
    "person": lambda v: _iri(v) if ":" in v else identifiers.person(v),
    "programme": lambda v: _iri(v) if ":" in v else identifiers.instrument(v),
    "organisation": lambda v: _iri(v) if ":" in v else identifiers.organisation(v),
    "document": lambda v: _iri(v) if ":" in v else identifiers.document(v),
    "iri": _iri,
    "string": _string,
    "integer": _integer,
    "date": _date,
}


@dataclass(frozen=True)
class Parameter:
    name: str
    kind: str
    description: str


@dataclass(frozen=True)
class NamedQuery:
    """A query file: its name (the file stem, also the API operation id), header and SPARQL text."""

    name: str
    summary: str
    sparql: str
    params: tuple[Parameter, ...] = field(default_factory=tuple)

    def bind(self, values: Mapping[str, str | None]) -> dict[str, Identifier]:
        """Convert text values to terms; unknown names and malformed values raise ParameterError."""
        known = {p.name: p for p in self.params}
        unknown = sorted(set(values) - set(known))
        if unknown:
            raise ParameterError(
                f"query {self.name!r} has no parameter {', '.join(unknown)}; it takes: {', '.join(known) or 'none'}"
            )
        bound: dict[str, Identifier] = {}
        for name, value in values.items():
            if value is None or value == "":
                continue
            try:
                bound[name] = PARAM_KINDS[known[name].kind](value)
            except (ValueError, TypeError) as exc:
                raise ParameterError(f"parameter {name!r}={value!r} is not a valid {known[name].kind}: {exc}") from exc
        return bound


def parse(name: str, text: str) -> NamedQuery:
    summary = ""
    params: list[Parameter] = []
    for line in text.splitlines():
        if not line.startswith("#+"):
            continue
        key, _, rest = line[2:].partition(":")
        key, rest = key.strip(), rest.strip()
        if key == "summary":
            summary = rest
        elif key == "param":
            pname, kind, *description = rest.split(maxsplit=2)
            if kind not in PARAM_KINDS:
                raise ValueError(f"{name}.rq: parameter {pname} has unknown kind {kind!r}")
            params.append(Parameter(pname, kind, description[0] if description else ""))
    if not summary:
        raise ValueError(f"{name}.rq has no '#+ summary:' header line")
    return NamedQuery(name=name, summary=summary, sparql=text, params=tuple(params))


@cache
def load_all() -> dict[str, NamedQuery]:
    """Every named query shipped in queries/, by name."""
    return {path.stem: parse(path.stem, path.read_text(encoding="utf-8")) for path in sorted(QUERY_DIR.glob("*.rq"))}


def get(name: str) -> NamedQuery:
    queries = load_all()
    if name not in queries:
        raise ParameterError(f"no named query {name!r}; known: {', '.join(sorted(queries))}")
    return queries[name]
