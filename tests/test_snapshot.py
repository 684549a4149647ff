"""Snapshot: the RDF of one fixture letter equals the reviewed graph in tests/fixtures/snapshot/brief.nt.

After a deliberate change to extraction or modelling, regenerate with
    KAMERGRAPH_UPDATE_SNAPSHOT=1 .venv/bin/pytest tests/test_snapshot.py
then review the diff of brief.nt before committing it.
The current snapshot was reviewed for: the date, the signature, the motion with its submitter and country, WFP with
its alias, the funding with recipient, country and funder, and a sentence for each fact.
"""

import os
from pathlib import Path

from rdflib import Graph
from rdflib.compare import graph_diff, to_isomorphic

from loaders.pipeline import prepare
from ontology.namespace import PREFIXES

FIXTURE = Path(__file__).parent / "fixtures" / "snapshot" / "brief.txt"
EXPECTED = FIXTURE.with_suffix(".nt")  # N-Triples, sorted: exact lexical forms, line-by-line diffs


def _graph() -> Graph:
    prepared = prepare(FIXTURE.name, FIXTURE.read_bytes())
    graph = Graph().parse(data=prepared.ntriples, format="nt")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    return graph


def test_fixture_letter_graph_matches_the_reviewed_snapshot() -> None:
    produced = _graph()
    if os.environ.get("KAMERGRAPH_UPDATE_SNAPSHOT"):
        lines = sorted(line for line in produced.serialize(format="nt").splitlines() if line.strip())
        EXPECTED.write_text("\n".join(lines) + "\n", encoding="utf-8")
    actual, expected = to_isomorphic(produced), to_isomorphic(Graph().parse(EXPECTED, format="nt"))
    if actual != expected:
        _, only_expected, only_actual = graph_diff(expected, actual)
        lines = [f"- {' '.join(t.n3() for t in triple)}" for triple in sorted(only_expected)][:20]
        lines += [f"+ {' '.join(t.n3() for t in triple)}" for triple in sorted(only_actual)][:20]
        header = "graph differs from the snapshot (- only in snapshot, + only produced):"
        raise AssertionError("\n".join([header, *lines]))
