"""A filtered sub-graph's relations read in two steps (the documents the filters select, then only their
statements) are exactly the rows of the one-step named query subgraph-edges, for every kind of filter."""

from __future__ import annotations

import pytest

import queries
from store import graphs
from store.base import SelectResult
from store.embedded import EmbeddedStore

FILTERS = [
    graphs.Subgraph(country="SD"),
    graphs.Subgraph(country="EG"),
    graphs.Subgraph(person="van-weel-d"),
    graphs.Subgraph(since="2024-06-01"),
    graphs.Subgraph(country="SD", until="2025-12-31"),
    graphs.Subgraph(country="AQ"),  # a country no sample letter names: no documents, no relations
]


@pytest.mark.parametrize("subgraph", FILTERS, ids=lambda s: "&".join(f"{k}={v}" for k, v in s.query_string().items()))
def test_two_step_edges_equal_the_one_step_query(
    sample_letters: EmbeddedStore, subgraph: graphs.Subgraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    one_step = sample_letters.query(queries.get("subgraph-edges").sparql, subgraph.bindings())
    assert isinstance(one_step, SelectResult)
    expected = [(str(r["s"]), str(r["p"]), str(r["o"])) for r in one_step.rows]
    monkeypatch.setattr(graphs, "DOCUMENTS_PER_QUERY", 1)  # several chunks, so their union is tested too
    assert graphs._edges(sample_letters, subgraph) == expected
    if subgraph.country == "SD":
        assert expected, "the samples' Sudan letter states relations"
