"""Seeded synthetic graphs of a given size (100 k, 1 M, 5 M triples) that follow the ontology, written as N-Quads.

Generated letters (bench/generate.py) go through the real pipeline (read, extract, resolve, loaders.to_rdf and the
SHACL shapes), one named graph per letter, plus the ontology in its own graph, as `kamergraph ingest` stores them.
One country ("hot", Sudan by default) is the subject of a fixed share of the letters, so it has many motions.

python -m bench.graphs --triples 1000000 --out var/bench/graph-1M.nq --seed 7
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Generator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from bench.generate import dutch_country_names, letter
from loaders.pipeline import prepare
from ontology import ONTOLOGY_FILE
from ontology.namespace import ONTOLOGY_IRI

#: Letters per task handed to a worker; each chunk has its own seed, so the output does not depend on scheduling.
CHUNK = 100
HOT_COUNTRY = "SD"
HOT_SHARE = 0.1
#: Dossiers the motions are cited from: every number from 21 000 to 36 999, so that, as in the real corpus, most
#: motions are cited by one or a few letters (five dossiers would tie every motion to dozens of countries).
DOSSIERS = [f"{n // 1000} {n % 1000:03d}" for n in range(21_000, 37_000)]


@dataclass(frozen=True)
class GraphFile:
    path: Path
    triples: int
    documents: int


def _quads(ntriples: str, graph: str) -> tuple[str, int]:
    """N-Triples lines as N-Quads lines in `graph` (an IRI), and how many there are."""
    lines = [line[:-1] + f"<{graph}> ." for line in ntriples.splitlines() if line.endswith(" .")]
    return "".join(line + "\n" for line in lines), len(lines)


def chunk_quads(seed: int, chunk: int, size: int, hot: str, hot_share: float) -> list[tuple[str, int]]:
    """The N-Quads of the `size` letters of one chunk (one entry per letter, with its triple count)."""
    rng = random.Random(f"{seed}-{chunk}")
    countries = dutch_country_names()
    hot_name = dict(countries)[hot]
    out = []
    for i in range(size):
        number = chunk * size + i
        text = letter(rng, countries, 100 + number, hot=hot_name, hot_share=hot_share, dossiers=DOSSIERS)
        prepared = prepare(f"synthetic_{number:07d}.txt", text.encode("utf-8"))
        out.append(_quads(prepared.ntriples, str(prepared.iri)))
    return out


def _chunks(
    seed: int, jobs: int, size: int, hot: str, hot_share: float
) -> Generator[list[tuple[str, int]], None, None]:
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        chunk = 0
        while True:
            batch = [pool.submit(chunk_quads, seed, chunk + k, size, hot, hot_share) for k in range(2 * jobs)]
            chunk += len(batch)
            for future in batch:
                yield future.result()


def write_graph(
    triples: int,
    out: Path,
    *,
    seed: int = 7,
    jobs: int = 2,
    chunk: int = CHUNK,
    hot: str = HOT_COUNTRY,
    hot_share: float = HOT_SHARE,
) -> GraphFile:
    """Write the ontology and whole letters' graphs until at least `triples` triples; the same seed, the same file."""
    ontology = Graph().parse(ONTOLOGY_FILE).serialize(format="nt")
    text, total = _quads(ontology, str(ONTOLOGY_IRI))
    documents = 0
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_suffix(".partial")
    with partial.open("w", encoding="utf-8") as sink:
        sink.write(text)
        chunks = _chunks(seed, jobs, chunk, hot, hot_share)
        try:
            while total < triples:
                for quads, count in next(chunks):
                    if total >= triples:
                        break
                    sink.write(quads)
                    total += count
                    documents += 1
        finally:
            chunks.close()
    partial.replace(out)
    return GraphFile(out, total, documents)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--triples", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    made = write_graph(args.triples, args.out, seed=args.seed, jobs=args.jobs)
    print(f"wrote {made.triples} triples of {made.documents} documents to {made.path}")


if __name__ == "__main__":
    main()
