"""The letter digest (../shared/eval/digest.md) of one stored document, computed only by the digest-*.rq queries."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from rdflib import URIRef

from queries import get
from store.base import SelectResult, Store


def _rows(store: Store, name: str, doc: URIRef) -> SelectResult:
    result = store.query(get(name).sparql, {"doc": doc})
    assert isinstance(result, SelectResult), f"{name} must be a SELECT query"
    return result


def _number(value: Any) -> int | float:
    number = float(value)
    return int(number) if number.is_integer() else number


def digest(store: Store, doc: URIRef) -> dict[str, Any]:
    """The digest of the document whose named graph is `doc`, read back from the store by SPARQL."""
    head = _rows(store, "digest-document", doc).rows
    if not head:
        raise KeyError(f"no document {doc} in the store")
    kamerstukken: dict[str, dict[str, Any]] = {}
    for row in _rows(store, "digest-kamerstukken", doc):
        item = kamerstukken.setdefault(str(row["kst"]), {"kind": None, "submitters": []})
        if "kind" in row:
            item["kind"] = str(row["kind"])
        if "submitter" in row and str(row["submitter"]) not in item["submitters"]:
            item["submitters"].append(str(row["submitter"]))
    entities: dict[str, dict[str, dict[str, Any]]] = {"programmes": {}, "organisations": {}}
    for row in _rows(store, "digest-entities", doc):
        item = entities[str(row["category"])].setdefault(str(row["entity"]), {"name": str(row["name"]), "aliases": []})
        if "alias" in row and str(row["alias"]) not in item["aliases"]:
            item["aliases"].append(str(row["alias"]))
    by_kind: dict[str | None, list[dict[str, Any]]] = defaultdict(list)
    for kst, item in sorted(kamerstukken.items()):
        by_kind[item["kind"]].append({"kamerstuk": kst, "submitters": item["submitters"]})
    return {
        "letter": str(head[0]["file"]),
        "date": str(head[0]["date"]) if "date" in head[0] else None,
        "signatories": [
            {"name": str(r["name"]), "office": str(r["office"])} for r in _rows(store, "digest-signatories", doc)
        ],
        "motions": by_kind["motion"],
        "amendments": by_kind["amendment"],
        "commitments": [
            {"id": str(r["id"])} if "id" in r else {"id": None} for r in _rows(store, "digest-commitments", doc)
        ],
        "references": sorted(kamerstukken),
        "programmes": list(entities["programmes"].values()),
        "organisations": list(entities["organisations"].values()),
        "countries": [str(r["iso"]) for r in _rows(store, "digest-countries", doc)],
        "funding": [
            {
                "amount": _number(r["amount"]),
                "currency": str(r["currency"]),
                "to": str(r["recipient"]) if "recipient" in r else None,
            }
            for r in _rows(store, "digest-funding", doc)
        ],
    }
