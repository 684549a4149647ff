"""The route queries split in two (the rows found, then their passages by their own required pattern, joined in
Python by api.rows.left_join) give exactly the rows of the single standard query with an OPTIONAL they replace."""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef

from api import rows
from store.embedded import EmbeddedStore

#: (single query, its heads, its passages, join variables, parameter, ids: in the samples, plus one unknown)
SPLITS = [
    (
        "motion-citations",
        "motion-citing-documents",
        "motion-citation-passages",
        ("doc",),
        "motion",
        ["kst-29237-247", "kst-22054-470", "kst-29237-244", "kst-1-1"],
    ),
    (
        "motion-submitters",
        "motion-submitter-names",
        "motion-submitter-passages",
        ("doc", "person"),
        "motion",
        ["kst-29237-247", "kst-22054-470", "kst-29237-244", "kst-1-1"],
    ),
    (
        "motion-countries",
        "motion-country-ties",
        "motion-country-passages",
        ("doc", "country"),
        "motion",
        ["kst-29237-247", "kst-22054-470", "kst-29237-244", "kst-1-1"],
    ),
    (
        "person-signatures",
        "person-signed-documents",
        "person-signature-passages",
        ("doc", "signature"),
        "person",
        ["de-vries-a", "sjoerdsma-s", "dobbe-s", "kroger-l", "nobody-x"],
    ),
]


def _normal(found: list[rows.Row], columns: list[str]) -> list[str]:
    return sorted(repr([(name, rows.text(row, name)) for name in columns]) for row in found)


@pytest.mark.parametrize(("single", "heads", "passages", "on", "param", "ids"), SPLITS, ids=[s[0] for s in SPLITS])
def test_split_gives_the_single_querys_rows(
    sample_letters: EmbeddedStore,
    single: str,
    heads: str,
    passages: str,
    on: tuple[str, ...],
    param: str,
    ids: list[str],
) -> None:
    """Same rows (as sorted lists over the single query's columns) for every id; the samples hold some of each."""
    total = 0
    for value in ids:
        expected = rows.select(sample_letters, single, **{param: value})
        columns = sorted({name for row in expected for name in row})
        joined = rows.left_join(
            rows.select(sample_letters, heads, **{param: value}),
            rows.select(sample_letters, passages, **{param: value}),
            on,
        )
        assert _normal(joined, columns) == _normal(expected, columns), (single, value)
        total += len(expected)
    assert total > 0, f"the samples hold no rows of {single}: the comparison proves nothing"


def test_left_join_keeps_heads_without_details_and_repeats_heads_with_several() -> None:
    """A head with no matching detail stays alone; one with two matching details becomes two rows, in head order."""
    a, b = URIRef("urn:x:a"), URIRef("urn:x:b")
    heads: list[rows.Row] = [{"doc": a, "file": Literal("a.txt")}, {"doc": b, "file": Literal("b.txt")}]
    details: list[rows.Row] = [{"doc": b, "quote": Literal("one")}, {"doc": b, "quote": Literal("two")}]
    joined = rows.left_join(heads, details, ("doc",))
    assert joined == [
        {"doc": a, "file": Literal("a.txt")},
        {"doc": b, "file": Literal("b.txt"), "quote": Literal("one")},
        {"doc": b, "file": Literal("b.txt"), "quote": Literal("two")},
    ]
