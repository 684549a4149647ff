"""What only the embedded store does: it persists on disk and reopens read-only (shared contract: test_contract.py)."""

from pathlib import Path

from rdflib import Graph, Literal, URIRef

from store.base import SelectResult
from store.embedded import EmbeddedStore

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
