"""The benchmark's graph generator: seeded (same seed, same file), N-Quads of whole documents that pass the shapes,
one named graph per document plus the ontology's, and at least the triples asked for."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from bench.graphs import write_graph
from ontology.namespace import KG, ONTOLOGY_IRI


def test_the_generator_is_seeded_and_writes_named_graphs_of_whole_documents(tmp_path: Path) -> None:
    first = write_graph(3000, tmp_path / "a.nq", seed=3, jobs=1, chunk=3)
    again = write_graph(3000, tmp_path / "b.nq", seed=3, jobs=1, chunk=3)
    other = write_graph(3000, tmp_path / "c.nq", seed=4, jobs=1, chunk=3)
    assert first.path.read_bytes() == again.path.read_bytes()
    assert first.path.read_bytes() != other.path.read_bytes()
    assert first.triples >= 3000 and first.documents >= 1

    store = ox.Store()
    store.bulk_load(path=str(first.path), format=ox.RdfFormat.N_QUADS)
    assert len(store) == first.triples, "every line is one quad, and no quad is repeated"
    graphs = {g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode)}
    assert str(ONTOLOGY_IRI) in graphs
    assert len(graphs) == first.documents + 1
    assert not list(store.quads_for_pattern(None, None, None, ox.DefaultGraph())), "no triple outside a graph"
    letters = store.query(
        f"SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE {{ GRAPH ?g {{ ?g a <{KG.Letter}> }} }}"
    )
    assert isinstance(letters, ox.QuerySolutions)
    count = next(iter(letters))["n"]
    assert isinstance(count, ox.Literal) and int(count.value) == first.documents
