"""Running the named queries for the routes, and reading their rows: ids from IRIs, typed values, compact IRIs."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from rdflib.term import Identifier

from ontology.identifiers import parse_kamerstuk_id
from ontology.namespace import PREFIXES
from queries import get
from store.base import SelectResult, Store

Row = dict[str, Identifier]

#: Separator of the GROUP_CONCAT lists in the queries (names and IRIs never contain a line break).
LIST_SEPARATOR = "\n"


def select(store: Store, name: str, **values: str | None) -> list[Row]:
    """Run the named SELECT query `name` with text parameters (bound safely by the store) and return its rows."""
    query = get(name)
    result = store.query(query.sparql, query.bind(values))
    if not isinstance(result, SelectResult):
        raise TypeError(f"queries/{name}.rq must be a SELECT query")
    return result.rows


def key(term: Identifier | str) -> str:
    """The id the API uses for a resource: the last path segment of its IRI (sha256-…, kst-…, kroger-e, SD)."""
    return str(term).rstrip("/").rsplit("/", 1)[-1]


def text(row: Row, name: str) -> str | None:
    value = row.get(name)
    return None if value is None else str(value)


def required(row: Row, name: str) -> str:
    value = row.get(name)
    if value is None:
        raise KeyError(f"query row has no value for ?{name}")
    return str(value)


def integer(row: Row, name: str) -> int | None:
    value = row.get(name)
    if value is None:
        return None
    try:
        return int(str(value))
    except ValueError:
        return None


def number(row: Row, name: str) -> int | float | None:
    """A decimal as a JSON number: whole amounts as integers (800000000), others as floats."""
    value = row.get(name)
    if value is None:
        return None
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        return None
    return int(amount) if amount == amount.to_integral_value() else float(amount)


def day(row: Row, name: str) -> date | None:
    value = row.get(name)
    if value is None:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def items(row: Row, name: str) -> list[str]:
    """The values of a GROUP_CONCAT column, sorted and without empties."""
    value = row.get(name)
    if value is None:
        return []
    return sorted({part for part in str(value).split(LIST_SEPARATOR) if part})


def compact(iri: Identifier | str) -> str:
    """An IRI in a known namespace as prefix:name (dcterms:references); any other IRI unchanged."""
    value = str(iri)
    matches = [(prefix, ns) for prefix, ns in PREFIXES.items() if value.startswith(ns)]
    if matches:
        prefix, namespace = max(matches, key=lambda m: len(m[1]))
        local = value[len(namespace) :]
        if _prefix_safe(local):
            return f"{prefix}:{local}"
    return value


def _prefix_safe(local: str) -> bool:
    return bool(local) and all(ch.isalnum() or ch in "_-." for ch in local)


def kamerstuk_order(kst: str) -> tuple[int, str, int]:
    """Sort key for Kamerstuk ids by dossier, suffix and number (kst-29237-40 before kst-29237-240)."""
    dossier, suffix, nr = parse_kamerstuk_id(kst)
    return int(dossier), suffix or "", int(nr)


def node_order(term: Identifier | str) -> tuple[str, int]:
    """Sort key for numbered document parts (<doc>/funding/10 after <doc>/funding/9)."""
    head, _, tail = str(term).rpartition("/")
    return (head, int(tail)) if tail.isdigit() else (str(term), 0)


def mentioning_documents(store: Store, entity: str) -> list[Row]:
    """The rows of queries/entity-documents.rq (each document naming `entity`, once per passage naming it), from two
    quick queries: the documents, and the passages joined to them here (as one query's OPTIONAL, pyoxigraph reads
    every evidence node in the store)."""
    heads: dict[str, list[Row]] = {}
    for row in select(store, "entity-mentions", entity=entity):
        heads.setdefault(required(row, "doc"), []).append(row)
    passages: dict[str, list[Row]] = {}
    for row in select(store, "entity-passages", entity=entity):
        passages.setdefault(required(row, "doc"), []).append(row)
    found: list[Row] = []
    for doc, rows in heads.items():
        quoted = passages.get(doc)
        found.extend([{**head, **passage} for head in rows for passage in quoted] if quoted else rows)
    return found


def left_join(heads: list[Row], details: list[Row], on: tuple[str, ...]) -> list[Row]:
    """Each head row joined with the detail rows sharing its values of `on` (the head alone when none does), in the
    order of the heads: a query's OPTIONAL done in Python, for details found by their own required pattern (as an
    OPTIONAL after the heads, pyoxigraph reads the optional part for the whole store)."""
    by_key: dict[tuple[str | None, ...], list[Row]] = {}
    for row in details:
        by_key.setdefault(tuple(text(row, name) for name in on), []).append(row)
    joined: list[Row] = []
    for head in heads:
        found = by_key.get(tuple(text(head, name) for name in on))
        joined.extend([{**head, **detail} for detail in found] if found else [head])
    return joined
