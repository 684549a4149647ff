"""A batch ingest killed with SIGKILL at random points leaves a store that opens, holds every document stored
before the kill whole and no part of any other, and running the same ingest again completes it."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic

from loaders.pipeline import Prepared, ensure_ontology, ingest_sources, store_batch, store_prepared
from loaders.sources import iter_sources
from ontology import ONTOLOGY_FILE
from ontology.namespace import ONTOLOGY_IRI
from store.base import SelectResult
from store.embedded import EmbeddedStore
from tests.crash.batch import LETTERS, Batch

CHILD = Path(__file__).with_name("ingest_child.py")
#: How the child stores the batch (see ingest_child.py).
MODES = ("ingest", "load", "bulk")
#: Kills per run of the test, and the seed of where they land.
KILLS = 9
SEED = 8
#: Longest a child may take to reach a kill point (it is killed anyway then; the test fails).
PATIENCE = 120.0


def stored_graph(store: EmbeddedStore, name: URIRef) -> Graph:
    result = store.query("SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": name})
    assert isinstance(result, SelectResult)
    graph = Graph()
    for row in result.rows:
        graph.add((row["s"], row["p"], row["o"]))
    return graph


def check_store(path: Path, expected: dict[URIRef, Graph], reported: list[URIRef]) -> set[URIRef]:
    """Open the store after a kill: every document reported stored is there; every document there is whole;
    nothing else is there. The documents found."""
    store = EmbeddedStore(path)
    try:
        names = set(store.graph_names())
        ontology = stored_graph(store, ONTOLOGY_IRI) if ONTOLOGY_IRI in names else Graph()
        assert len(ontology) in (0, len(Graph().parse(ONTOLOGY_FILE))), "the ontology graph is partly stored"
        documents = names - {ONTOLOGY_IRI}
        assert documents <= set(expected), f"graphs that are no document of the batch: {documents - set(expected)}"
        assert set(reported) <= documents, f"reported stored but missing: {set(reported) - documents}"
        for name in documents:
            assert isomorphic(stored_graph(store, name), expected[name]), f"{name} is stored in part"
        return documents
    finally:
        store.close()


def run_until_kill(path: Path, mode: str, source: Path, after: int, extra: float) -> tuple[list[URIRef], bool]:
    """Start the child, SIGKILL it `extra` seconds after it has reported `after` documents stored. The documents
    it reported stored, and whether it was still working when killed."""
    child = subprocess.Popen(
        [sys.executable, str(CHILD), str(path), mode, str(source)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "PYTHONHASHSEED": "0"},
    )
    assert child.stdout is not None
    reported: list[URIRef] = []
    deadline = time.monotonic() + PATIENCE
    try:
        for line in child.stdout:
            if line.startswith("done "):
                reported.append(URIRef(line[5:].strip()))
            if line.strip() == "end":
                break
            if (line.strip() == "start" and after == 0) or (line.startswith("done ") and len(reported) == after):
                time.sleep(extra)
                break
            assert time.monotonic() < deadline, "the child took too long"
        working = child.poll() is None
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
        reported.extend(URIRef(line[5:].strip()) for line in child.stdout if line.startswith("done "))
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(timeout=30)
        child.stdout.close()
    return reported, working


def complete(path: Path, mode: str, batch: Batch) -> None:
    """Run the same ingest again, in this process, to the end."""
    store = EmbeddedStore(path)
    try:
        if mode == "ingest":
            results = ingest_sources(store, iter_sources([batch.folder]))
            assert all(r.iri is not None for r in results), [r.error for r in results]
        else:
            ensure_ontology(store)
            prepared = [Prepared(p.source, p.iri, p.ntriples) for p in batch.prepared]
            if mode == "load":
                for item in prepared:
                    store_prepared(store, item)
            else:
                store_batch(store, prepared)
    finally:
        store.close()


def test_sigkill_at_random_points_never_leaves_a_partial_document(batch: Batch, tmp_path: Path) -> None:
    """KILLS runs, taking turns between the full pipeline (`ingest`, storing batches of 4 with the bulk loader) and
    prepared graphs, where most of the time is spent writing, one transaction each (`load`) or bulk-loaded in
    batches of 4 (`bulk`); each run is killed after a random number of stored documents plus a random few
    milliseconds; after each kill the store is checked, then the same ingest is run again and must leave every
    document whole."""
    rng = random.Random(SEED)
    expected = batch.graphs
    killed_mid_batch = 0
    for attempt in range(KILLS):
        mode = MODES[attempt % len(MODES)]
        source = batch.folder if mode == "ingest" else batch.prepared_file
        path = tmp_path / f"store{attempt}"
        after, extra = rng.randrange(0, LETTERS), rng.uniform(0.0, 0.05)
        reported, working = run_until_kill(path, mode, source, after, extra)
        killed_mid_batch += working
        found = check_store(path, expected, reported)
        assert len(found) >= len(reported)
        complete(path, mode, batch)
        assert check_store(path, expected, []) == set(expected), f"attempt {attempt}: the second run did not complete"
    assert killed_mid_batch >= KILLS // 2, f"only {killed_mid_batch} of {KILLS} kills landed before the batch ended"


@pytest.mark.parametrize("mode", MODES)
def test_the_child_ingests_every_document_when_left_alone(batch: Batch, tmp_path: Path, mode: str) -> None:
    """Control: unkilled, the child stores every document of the batch whole (so the checks above can pass)."""
    source = batch.folder if mode == "ingest" else batch.prepared_file
    result = subprocess.run(
        [sys.executable, str(CHILD), str(tmp_path / "store"), mode, str(source)],
        capture_output=True,
        text=True,
        timeout=PATIENCE,
        env={**os.environ, "PYTHONHASHSEED": "0"},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    reported = [URIRef(line[5:]) for line in result.stdout.splitlines() if line.startswith("done ")]
    assert result.stdout.splitlines()[-1] == "end" and len(reported) == LETTERS
    assert check_store(tmp_path / "store", batch.graphs, reported) == set(batch.graphs)
