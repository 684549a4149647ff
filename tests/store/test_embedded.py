"""What only the embedded store does: it persists on disk, reopens read-only, and recovers from a bulk load cut off by a
crash (shared contract: test_contract.py)."""

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from store.base import GraphChange, QueryError, SelectResult
from store.embedded import BULK_FROM, PENDING_FILE, EmbeddedStore

EX = "https://example.org/"


def test_the_store_persists_on_disk(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "store")
    graph = Graph()
    graph.add((URIRef(f"{EX}s"), URIRef(f"{EX}p"), Literal("kept")))
    store.replace_graph(URIRef(f"{EX}g1"), graph)
    store.close()
    reopened = EmbeddedStore(tmp_path / "store", read_only=True)
    result = reopened.query("SELECT ?o WHERE { ?s ?p ?o }")
    assert isinstance(result, SelectResult)
    assert [str(r["o"]) for r in result] == ["kept"]


def test_a_read_only_store_closes_cleanly(tmp_path: Path) -> None:
    EmbeddedStore(tmp_path / "store").close()
    reader = EmbeddedStore(tmp_path / "store", read_only=True)
    reader.close()
    assert reader.read_only


def _new_graphs(count: int, text: str = "new") -> list[tuple[URIRef, str]]:
    graphs = []
    for i in range(count):
        graph = Graph()
        graph.add((URIRef(f"{EX}s{i}"), URIRef(f"{EX}p"), Literal(f"{text} {i}")))
        graphs.append((URIRef(f"{EX}new{i}"), graph.serialize(format="nt")))
    return graphs


def _objects(store: EmbeddedStore) -> list[str]:
    result = store.query("SELECT ?o WHERE { ?s ?p ?o } ORDER BY ?o")
    assert isinstance(result, SelectResult)
    return [str(r["o"]) for r in result]


def test_a_bulk_load_cut_off_by_a_crash_is_dropped_when_the_store_is_next_opened(tmp_path: Path) -> None:
    """put_graphs names the new graphs it bulk-loads in PENDING_FILE first and removes the file once they are in. The
    state a SIGKILL in between leaves (the file, and the graphs it lists partly loaded) is rebuilt here; opening the
    store for writing drops those graphs and the file, and keeps everything stored before."""
    store = EmbeddedStore(tmp_path / "store")
    store.put_graph(*_new_graphs(1, "kept")[0])
    cut_off = _new_graphs(3, "cut off")[1:]
    store.put_graph(*cut_off[0])  # the first of two graphs got in, the second did not
    (tmp_path / "store" / PENDING_FILE).write_text("".join(f"{name}\n" for name, _ in cut_off), encoding="utf-8")
    store.close()
    assert _objects(EmbeddedStore(tmp_path / "store", read_only=True)) == ["cut off 1", "kept 0"]
    reopened = EmbeddedStore(tmp_path / "store")
    assert _objects(reopened) == ["kept 0"]
    assert not (tmp_path / "store" / PENDING_FILE).exists()
    assert reopened.put_graphs(cut_off) == [GraphChange.LOADED, GraphChange.LOADED]  # the ingest run again


def test_a_bulk_load_leaves_no_pending_file_and_reopens_whole(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "store")
    graphs = _new_graphs(BULK_FROM + 2)
    assert store.put_graphs(graphs) == [GraphChange.LOADED] * len(graphs)
    assert not (tmp_path / "store" / PENDING_FILE).exists()
    store.close()
    assert _objects(EmbeddedStore(tmp_path / "store")) == [f"new {i}" for i in range(len(graphs))]


def test_a_batch_with_malformed_text_stores_none_of_its_new_graphs(tmp_path: Path) -> None:
    """The bulk loader is not transactional: when one text of a batch is malformed, the graphs of the batch that got
    in are removed again before QueryError is raised, and what was stored before stays."""
    store = EmbeddedStore(tmp_path / "store")
    store.put_graph(*_new_graphs(1, "kept")[0])
    graphs = _new_graphs(BULK_FROM + 2)[1:]
    graphs[-1] = (graphs[-1][0], graphs[-1][1] + '<no closing bracket <p> "x" .\n')
    with pytest.raises(QueryError, match="N-Triples"):
        store.put_graphs(graphs)
    assert _objects(store) == ["kept 0"]
    assert not (tmp_path / "store" / PENDING_FILE).exists()
