"""The benchmark's graph generator: seeded (same seed, same bytes, in another process too), N-Quads of whole documents
that pass the shapes (every one, although the generator itself checks only a sample), one named graph per document
plus the ontology's, and at least the triples asked for."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, URIRef

import shapes
from bench.graphs import write_graph
from ontology.namespace import KG, ONTOLOGY_IRI

ROOT = Path(__file__).resolve().parents[2]


def test_the_generator_is_seeded_and_writes_named_graphs_of_whole_documents(tmp_path: Path) -> None:
    first = write_graph(3000, tmp_path / "a.nq", seed=3, jobs=1, chunk=3)
    other = write_graph(3000, tmp_path / "c.nq", seed=4, jobs=1, chunk=3)
    # the same seed in another process, whose string hashing (and so rdflib's serialisation order) differs
    script = "from pathlib import Path; import sys; from bench.graphs import write_graph; "
    script += "write_graph(3000, Path(sys.argv[1]), seed=3, jobs=1, chunk=3)"
    env = dict(os.environ, PYTHONHASHSEED="12345")
    subprocess.run([sys.executable, "-c", script, str(tmp_path / "b.nq")], check=True, cwd=ROOT, env=env)
    assert first.path.read_bytes() == (tmp_path / "b.nq").read_bytes()
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

    dataset = Dataset()
    dataset.parse(str(first.path), format="nquads")
    for name in graphs - {str(ONTOLOGY_IRI)}:
        report = shapes.validate(dataset.graph(URIRef(name)))
        assert report.conforms, f"{name} fails the shapes:\n{report.text()}"


def test_a_graph_extended_from_a_smaller_one_has_the_same_documents_as_one_made_from_scratch(tmp_path: Path) -> None:
    """The 5 M graph continues the 1 M one: the smaller graph's letters are the first ones, the rest are generated
    from where it stopped (mid-chunk too), and the result holds exactly the quads of a graph made in one go."""
    small = write_graph(1500, tmp_path / "small.nq", seed=5, jobs=1, chunk=3)
    whole = write_graph(4000, tmp_path / "whole.nq", seed=5, jobs=1, chunk=3)
    grown = write_graph(4000, tmp_path / "grown.nq", seed=5, jobs=1, chunk=3, extend=small.path)
    assert small.documents % 3 != 0, "the small graph must end inside a chunk for this test"
    assert grown.triples == whole.triples and grown.documents == whole.documents > small.documents
    assert sorted(grown.path.read_text().splitlines()) == sorted(whole.path.read_text().splitlines())
