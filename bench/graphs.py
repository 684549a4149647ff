"""Seeded synthetic graphs of a given size (100 k, 1 M, 5 M triples) that follow the ontology, written as N-Quads.

Generated letters (bench/generate.py) go through the real pipeline (read, extract, resolve, loaders.to_rdf), one
named graph per letter, plus the ontology in its own graph, as `kamergraph ingest` stores them. The SHACL shapes,
four fifths of the pipeline's time per letter, check every letter of the first chunk and one in VALIDATE_EVERY after
it (the letters come from the same templates; a template that breaks the shapes is caught in the first chunk), which
makes the 5 M graph a matter of minutes; tests/bench/test_graphs.py validates every document of a small graph.
One country ("hot", Sudan by default) is the subject of a fixed share of the letters, so it has many motions.
Each document's lines are sorted, so the same seed writes the same bytes in any process.

python -m bench.graphs --triples 1000000 --out var/bench/graph-1M.nq --seed 7
"""

from __future__ import annotations

import argparse
import random
import shutil
from collections import deque
from collections.abc import Generator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

import shapes
from bench.generate import dutch_country_names, letter
from loaders.errors import InvalidDocument
from loaders.extract import extract_all
from loaders.pipeline import file_name
from loaders.read import read_bytes
from loaders.resolve import resolve
from loaders.to_rdf import build_graph
from ontology import ONTOLOGY_FILE
from ontology.namespace import ONTOLOGY_IRI

#: Letters per task handed to a worker; each chunk has its own seed, so the output does not depend on scheduling.
CHUNK = 100
#: After the first chunk, one letter in this many is checked against the SHACL shapes.
VALIDATE_EVERY = 10
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
    lines = sorted(line[:-1] + f"<{graph}> ." for line in ntriples.splitlines() if line.endswith(" ."))
    return "".join(line + "\n" for line in lines), len(lines)


def letter_ntriples(name: str, text: str, validate: bool) -> tuple[str, str]:
    """(document IRI, N-Triples) of one letter through read, extract, resolve and to_rdf, and the shapes when asked
    (raising InvalidDocument, as ingest would reject it)."""
    doc = read_bytes(name, text.encode("utf-8"))
    doc.name = file_name(name)
    resolution = resolve(doc, extract_all(doc))
    graph = build_graph(resolution)
    if validate:
        report = shapes.validate(graph)
        if not report.conforms:
            raise InvalidDocument(doc.name, report.text())
    return str(resolution.iri), graph.serialize(format="nt")


def chunk_quads(
    seed: int, chunk: int, size: int, hot: str, hot_share: float, skip: int = 0
) -> list[tuple[str, int]]:
    """The N-Quads of the letters of one chunk of `size`, from the `skip`-th on (one entry per letter, with its
    triple count); the letters skipped are still drawn (cheap), so every letter is the same whatever `skip` is."""
    rng = random.Random(f"{seed}-{chunk}")
    countries = dutch_country_names()
    hot_name = dict(countries)[hot]
    out = []
    for i in range(size):
        number = chunk * size + i
        text = letter(rng, countries, 100 + number, hot=hot_name, hot_share=hot_share, dossiers=DOSSIERS)
        if i < skip:
            continue
        validate = chunk == 0 or number % VALIDATE_EVERY == 0
        iri, ntriples = letter_ntriples(f"synthetic_{number:07d}.txt", text, validate)
        out.append(_quads(ntriples, iri))
    return out


def _chunks(
    seed: int, jobs: int, size: int, hot: str, hot_share: float, first: int = 0, skip: int = 0
) -> Generator[list[tuple[str, int]], None, None]:
    """Chunks `first`, `first` + 1, ... in order (the first without its `skip` first letters), computed `jobs` at a
    time with as many queued; chunks not started when the caller stops are cancelled."""
    pool = ProcessPoolExecutor(max_workers=jobs)
    pending: deque[Future[list[tuple[str, int]]]] = deque()
    chunk = first
    try:
        while True:
            while len(pending) < 2 * jobs:
                skipped = skip if chunk == first else 0
                pending.append(pool.submit(chunk_quads, seed, chunk, size, hot, hot_share, skipped))
                chunk += 1
            yield pending.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _graph_stats(path: Path) -> tuple[int, int]:
    """(quads, documents) of a graph file this module wrote: its lines, and its graphs other than the ontology's."""
    quads = 0
    graphs: set[str] = set()
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            quads += 1
            graphs.add(line[line.rindex("<", 0, len(line) - 3) :])
    return quads, len(graphs - {f"<{ONTOLOGY_IRI}> .\n"})


def write_graph(
    triples: int,
    out: Path,
    *,
    seed: int = 7,
    jobs: int = 2,
    chunk: int = CHUNK,
    hot: str = HOT_COUNTRY,
    hot_share: float = HOT_SHARE,
    extend: Path | None = None,
) -> GraphFile:
    """Write the ontology and whole letters' graphs until at least `triples` triples; the same seed, the same file.

    `extend`: a smaller graph written with the same seed, chunk size and hot country (e.g. the 1 M graph for the 5 M
    one): its documents are the first ones of the larger graph, so they are copied instead of generated again.
    """
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_suffix(".partial")
    with partial.open("w", encoding="utf-8") as sink:
        if extend is not None:
            total, documents = _graph_stats(extend)
            with extend.open(encoding="utf-8") as smaller:
                shutil.copyfileobj(smaller, sink)
        else:
            ontology = Graph().parse(ONTOLOGY_FILE).serialize(format="nt")
            text, total = _quads(ontology, str(ONTOLOGY_IRI))
            documents = 0
            sink.write(text)
        chunks = _chunks(seed, jobs, chunk, hot, hot_share, first=documents // chunk, skip=documents % chunk)
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
