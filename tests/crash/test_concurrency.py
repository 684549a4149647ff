"""Reads during an ingest see each document whole or not at all; a second ingest into the same embedded store while
one runs fails at once with a message saying the store is in use, and the store stays whole."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

from rdflib import Graph, URIRef

from loaders.pipeline import Prepared, ensure_ontology, store_prepared
from ontology.namespace import ONTOLOGY_IRI
from store.base import SelectResult
from store.embedded import EmbeddedStore
from tests.crash.batch import LETTERS, Batch
from tests.crash.test_kill_ingest import CHILD, PATIENCE, check_store

PER_GRAPH = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
KAMERGRAPH = Path(sys.executable).with_name("kamergraph")


def _smaller(prepared: Prepared) -> Prepared:
    """The same document with its graph cut to its first half (sorted lines): a re-ingest that changes it."""
    lines = sorted(prepared.ntriples.splitlines())
    return Prepared(prepared.source, prepared.iri, "\n".join(lines[: len(lines) // 2]) + "\n")


def test_readers_see_each_document_whole_or_not_at_all(batch: Batch, tmp_path: Path) -> None:
    """A writer stores the batch, then replaces every document with a smaller version, while a reader thread counts
    the triples of every named graph: each count is a version's full count, never one in between."""
    store = EmbeddedStore(tmp_path / "store")
    ensure_ontology(store)
    ontology = len(Graph().parse(data=_ntriples(store, ONTOLOGY_IRI), format="nt"))
    full = {p.iri: len(Graph().parse(data=p.ntriples, format="nt")) for p in batch.prepared}
    smaller = [_smaller(p) for p in batch.prepared]
    half = {p.iri: len(Graph().parse(data=p.ntriples, format="nt")) for p in smaller}
    allowed: dict[URIRef, set[int]] = {iri: {full[iri], half[iri]} for iri in full}
    allowed[ONTOLOGY_IRI] = {ontology}
    seen: list[dict[URIRef, int]] = []
    problems: list[str] = []
    done = threading.Event()

    def read() -> None:
        while not done.is_set():
            result = store.query(PER_GRAPH)
            assert isinstance(result, SelectResult)
            counts = {URIRef(str(r["g"])): int(str(r["n"])) for r in result.rows}
            seen.append(counts)
            problems.extend(
                f"{g}: {n} triples" for g, n in counts.items() if n not in allowed.get(URIRef(g), set())
            )

    reader = threading.Thread(target=read)
    reader.start()
    try:
        for prepared in [*batch.prepared, *smaller]:
            store_prepared(store, prepared)
    finally:
        done.set()
        reader.join(timeout=60)
    store.close()
    assert not problems, problems[:5]
    assert any(1 < len(counts) < LETTERS + 1 for counts in seen), "the reader never read in the middle of the batch"


def _ntriples(store: EmbeddedStore, name: URIRef) -> str:
    result = store.query("SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": name})
    assert isinstance(result, SelectResult)
    return "".join(f"{r['s'].n3()} {r['p'].n3()} {r['o'].n3()} .\n" for r in result.rows)


def test_a_second_ingest_into_a_store_in_use_fails_clearly_and_the_first_completes(
    batch: Batch, tmp_path: Path
) -> None:
    """While one ingest holds the store, `kamergraph ingest` into it exits 2 with a one-line message naming the
    store and the cause (in use by another process), no traceback; the first ingest completes; run again, the
    second succeeds and changes nothing."""
    path = tmp_path / "store"
    environment = {**os.environ, "PYTHONHASHSEED": "0"}
    first = subprocess.Popen(  # "hold": it keeps the store open until told to close it
        [sys.executable, str(CHILD), str(path), "ingest", str(batch.folder), "hold"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=environment,
    )
    assert first.stdout is not None
    try:
        assert first.stdout.readline().strip() == "start"  # the first ingest has the store open
        second = subprocess.run(
            [str(KAMERGRAPH), "ingest", str(batch.folder), "--store", str(path)],
            capture_output=True,
            text=True,
            timeout=PATIENCE,
            env=environment,
        )
        remaining, errors = first.communicate("close\n", timeout=PATIENCE)
    finally:
        if first.poll() is None:
            first.kill()
            first.wait(timeout=30)
    assert second.returncode == 2, second.stderr
    message = " ".join(second.stderr.split())
    assert "another process is using it" in message and str(path) in message and "LOCK" in message
    assert "Traceback" not in second.stderr + second.stdout
    assert first.returncode == 0, errors[-2000:]
    assert remaining.splitlines()[-1] == "end"
    reported = [URIRef(line[5:]) for line in remaining.splitlines() if line.startswith("done ")]
    assert check_store(path, batch.graphs, reported) == set(batch.graphs)
    again = subprocess.run(
        [str(KAMERGRAPH), "ingest", str(batch.folder), "--store", str(path)],
        capture_output=True,
        text=True,
        timeout=PATIENCE,
        env=environment,
    )
    assert again.returncode == 0, again.stderr
    assert check_store(path, batch.graphs, []) == set(batch.graphs)
