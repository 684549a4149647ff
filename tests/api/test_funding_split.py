"""funding_items' split queries (amounts from funding-by-country / -by-recipient / -amounts, then their names and
sentences from funding-names and funding-passages, joined in Python) give exactly the rows of the single query
queries/funding.rq, for every country and recipient of the sample letters and for combined filters."""

from __future__ import annotations

from api import rows
from api.routes import funding
from store.base import Store

Filters = dict[str, str | None]


def _sorted(found: list[rows.Row]) -> list[list[tuple[str, str]]]:
    return sorted(sorted((name, value.n3()) for name, value in row.items()) for row in found)


def _split(store: Store, filters: Filters) -> list[rows.Row]:
    amounts = funding._amounts(
        store, country=filters.get("country"), programme=filters.get("programme"), recipient=filters.get("recipient")
    )
    return funding._with_details(store, amounts)


def _cases(store: Store) -> list[Filters]:
    everything = rows.select(store, "funding")
    countries = sorted({rows.key(rows.required(r, "iso")) for r in everything if "iso" in r})
    recipients = sorted({rows.required(r, "recipientNode") for r in everything if "recipientNode" in r})
    cases: list[Filters] = [{"country": iso} for iso in [*countries, "FR"]]
    cases += [{"recipient": iri} for iri in recipients]
    cases += [{"programme": "GCFF"}, {"programme": "global concessional financing facility"}, {"programme": "none"}]
    cases += [{"country": countries[0], "recipient": recipients[0]}, {"country": countries[0], "programme": "GCFF"}]
    cases += [{"recipient": iri, "programme": rows.key(iri)} for iri in recipients[:2]]
    return cases


def test_split_queries_give_the_single_querys_rows(store: Store) -> None:
    """Same rows (every column, every duplicate) as funding.rq for each filter; the samples have amounts with and
    without a country, recipient and funder, so the optional parts are exercised both ways."""
    cases = _cases(store)
    assert len(cases) > 8, "the samples report money for several countries and recipients"
    nonempty = 0
    for filters in cases:
        expected = rows.select(store, "funding", **filters)
        assert _sorted(_split(store, filters)) == _sorted(expected), filters
        nonempty += bool(expected)
    assert nonempty >= len(cases) // 2, "most cases have amounts, so the comparison is not between empty lists"


def test_single_query_rows_have_the_optional_parts_both_ways(store: Store) -> None:
    """The comparison above is meaningful: some amounts lack a funder or country, others have them."""
    everything = rows.select(store, "funding")
    for name in ("funderName", "iso", "recipientName", "quote"):
        assert any(name in row for row in everything), name
    assert any("funder" not in row for row in everything)
    assert any("iso" not in row for row in everything)
