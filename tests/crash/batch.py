"""A seeded batch of synthetic letters (bench/generate.py) for the crash tests, prepared by the real pipeline."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, URIRef

from bench.generate import dutch_country_names, letter
from loaders.pipeline import Prepared, prepare

#: How many letters a batch has.
LETTERS = 12


@dataclass(frozen=True)
class Batch:
    """The letters as files (for `ingest`), as prepared graphs in one JSON file (for `load`), and what each
    document's graph must hold once stored."""

    folder: Path
    prepared_file: Path
    prepared: list[Prepared]

    @property
    def graphs(self) -> dict[URIRef, Graph]:
        return {p.iri: Graph().parse(data=p.ntriples, format="nt") for p in self.prepared}


def make_batch(folder: Path, seed: int = 20260801) -> Batch:
    """LETTERS letters written into `folder`, prepared, and their graphs in a JSON file beside it."""
    rng = random.Random(seed)
    countries = dutch_country_names()
    prepared = []
    for number in range(LETTERS):
        path = folder / f"letter_{number:02d}.txt"
        path.write_text(letter(rng, countries, 500 + number), encoding="utf-8")
        prepared.append(prepare(str(path), path.read_bytes()))
    assert len({p.iri for p in prepared}) == LETTERS, "two generated letters got the same document IRI"
    prepared_file = folder.parent / "prepared.json"
    prepared_file.write_text(
        json.dumps([{"source": p.source, "iri": str(p.iri), "ntriples": p.ntriples} for p in prepared]),
        encoding="utf-8",
    )
    return Batch(folder, prepared_file, prepared)
