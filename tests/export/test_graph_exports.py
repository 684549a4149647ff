"""Graph-tool exports: GraphML and GEXF read back by networkx have the node and edge counts SPARQL counts for the
same sub-graph; Cytoscape.js JSON and Gephi CSV hold the same graph; nodes carry type, label and key attributes."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import networkx as nx
import pytest
from fastapi.testclient import TestClient
from rdflib.term import Identifier

import queries
from cli import main
from ontology import identifiers
from store.base import Bindings, SelectResult, Store
from store.export import export
from store.graphs import Subgraph

FILTERS = [
    Subgraph(),
    Subgraph(country="SD"),
    Subgraph(country="EG", programme="prospects"),
    Subgraph(person="van-weel-d"),
    Subgraph(until="2025-12-31"),
]


def _sparql_count(store: Store, subgraph: Subgraph) -> tuple[int, int]:
    result = store.query(queries.get("subgraph-count").sparql, subgraph.bindings())
    assert isinstance(result, SelectResult)
    return int(result.rows[0]["nodes"]), int(result.rows[0]["edges"])


@pytest.mark.parametrize("subgraph", FILTERS, ids=lambda s: ",".join(f"{k}={v}" for k, v in s.query_string().items()))
@pytest.mark.parametrize(("fmt", "reader"), [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_graph_files_read_back_with_the_sparql_counts(
    sample_letters: Store, subgraph: Subgraph, fmt: str, reader: Callable[[io.BytesIO], nx.MultiDiGraph]
) -> None:
    nodes, edges = _sparql_count(sample_letters, subgraph)
    assert nodes > 0 and edges > 0, "each filter selects something on the sample letters"
    graph = reader(io.BytesIO(export(sample_letters, fmt, subgraph)))
    assert (graph.number_of_nodes(), graph.number_of_edges()) == (nodes, edges)


def test_filters_narrow_the_graph(sample_letters: Store) -> None:
    """Each document filter keeps a part of the whole; the country filter keeps only documents about Sudan."""
    whole = _sparql_count(sample_letters, Subgraph())
    for subgraph in FILTERS[1:]:
        part = _sparql_count(sample_letters, subgraph)
        assert part[0] <= whole[0] and part[1] <= whole[1]
    assert _sparql_count(sample_letters, Subgraph(since="2100-01-01")) == (0, 0)


def test_depth_one_around_sudan_is_sudan_and_its_neighbours(sample_letters: Store) -> None:
    centre = identifiers.country("SD")
    query = queries.get("entity-neighbours")
    result = store_rows(sample_letters, query.sparql, query.bind({"entity": str(centre)}))
    neighbours = {str(row["neighbour"]) for row in result}
    graph = nx.read_graphml(io.BytesIO(export(sample_letters, "graphml", Subgraph(around="country/SD"))))
    assert set(graph.nodes) == neighbours | {str(centre)}
    # every relation of Sudan itself is there, plus the relations among its neighbours (an induced sub-graph)
    assert graph.number_of_edges() >= len(result)
    deeper = nx.read_graphml(io.BytesIO(export(sample_letters, "graphml", Subgraph(around="country/SD", depth=2))))
    assert set(graph.nodes) < set(deeper.nodes)


def store_rows(store: Store, sparql: str, bindings: Bindings) -> list[dict[str, Identifier]]:
    result = store.query(sparql, bindings)
    assert isinstance(result, SelectResult)
    return list(result.rows)


def test_nodes_carry_type_label_and_key_attributes(sample_letters: Store) -> None:
    graph = nx.read_graphml(io.BytesIO(export(sample_letters, "graphml", Subgraph(country="SD"))))
    sudan = graph.nodes[str(identifiers.country("SD"))]
    assert (sudan["type"], sudan["label"], sudan["country_code"]) == ("Country", "Soedan", "SD")
    fundings = [d for _, d in graph.nodes(data=True) if d["type"] == "Funding"]
    assert fundings and all(isinstance(d["amount"], float) for d in fundings if "amount" in d)
    assert any(d.get("currency") == "EUR" and d.get("amount_text") for d in fundings)
    letters = [d for _, d in graph.nodes(data=True) if d["type"] == "Letter"]
    assert letters and all(len(d["date"]) == 10 for d in letters if "date" in d)
    motion = str(identifiers.kamerstuk("kst-29237-247"))
    assert graph.nodes[motion]["type"] == "Motion" and graph.nodes[motion]["label"] == "kst-29237-247"
    relations = {d["relation"] for _, _, d in graph.out_edges(motion, data=True)}
    assert {"submitter", "concernsCountry"} <= relations


def test_cytoscape_and_csv_hold_the_same_graph(sample_letters: Store) -> None:
    subgraph = Subgraph(country="SD")
    nodes, edges = _sparql_count(sample_letters, subgraph)
    elements = json.loads(export(sample_letters, "cyjs", subgraph))["elements"]
    ids = {n["data"]["id"] for n in elements["nodes"]}
    assert len(ids) == nodes and len(elements["edges"]) == edges
    assert all(e["data"]["source"] in ids and e["data"]["target"] in ids for e in elements["edges"])
    node_rows = list(csv.DictReader(io.StringIO(export(sample_letters, "csv-nodes", subgraph).decode())))
    edge_rows = list(csv.DictReader(io.StringIO(export(sample_letters, "csv-edges", subgraph).decode())))
    assert {r["Id"] for r in node_rows} == ids and all(r["Label"] for r in node_rows)
    assert len(edge_rows) == edges and {r["Type"] for r in edge_rows} == {"Directed"}
    assert all(r["Source"] in ids and r["Target"] in ids and r["Label"] for r in edge_rows)


def test_api_export_takes_the_filters(sample_letters_client: TestClient, sample_letters: Store) -> None:
    response = sample_letters_client.get("/export", params={"format": "gexf", "country": "SD"})
    assert response.status_code == 200
    assert 'filename="kamergraph.gexf"' in response.headers["content-disposition"]
    graph = nx.read_gexf(io.BytesIO(response.content))
    assert (graph.number_of_nodes(), graph.number_of_edges()) == _sparql_count(sample_letters, Subgraph(country="SD"))


@pytest.mark.parametrize(
    ("params", "named"),
    [({"country": "Sudan"}, "country"), ({"since": "last week"}, "since"), ({"around": "country/SD", "depth": 9},
                                                                             "depth")],
)
def test_api_export_refuses_malformed_filters(
    sample_letters_client: TestClient, params: dict[str, object], named: str
) -> None:
    response = sample_letters_client.get("/export", params={"format": "graphml", **params})
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_parameter" and named in response.json()["message"]


def test_cli_export_writes_a_filtered_graph(
    sample_letters: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = tmp_path / "store"
    letters = Path(__file__).resolve().parents[2] / "data" / "letters"
    assert main(["ingest", str(letters / "000_8da887535b8e2326.txt"), "--store", str(store)]) == 0
    out = tmp_path / "sd.graphml"
    command = ["export", "--format", "graphml", "--around", "country/SD", "--out", str(out), "--store", str(store)]
    assert main(command) == 0
    graph = nx.read_graphml(out)
    assert str(identifiers.country("SD")) in graph and graph.number_of_edges() > 0
    assert main(["export", "--format", "gexf", "--since", "yesterday", "--store", str(store)]) == 2
    assert "since" in capsys.readouterr().err
