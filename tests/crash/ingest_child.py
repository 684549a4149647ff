"""A batch ingest run as its own process by the crash tests, which kill it: it says on stdout what it has done.

python ingest_child.py STORE ingest FOLDER [hold]     the CLI's pipeline (read, extract, validate, store)
python ingest_child.py STORE load BATCH.json [hold]  prepared graphs ([{source, iri, ntriples}]) as `kamergraph load`

Lines written (flushed at once): "start" once the store is open, "done <iri>" after each document is stored
(committed), "end" when the batch is through and the store closed. With "hold", the store stays open after the
batch until a line arrives on standard input.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from rdflib import URIRef

from loaders.pipeline import LoadResult, Prepared, ensure_ontology, ingest_sources, store_prepared
from loaders.sources import iter_sources
from store.embedded import EmbeddedStore


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def main(argv: list[str]) -> int:
    store_path, mode, source = Path(argv[0]), argv[1], Path(argv[2])
    store = EmbeddedStore(store_path)
    say("start")

    def report(result: LoadResult) -> None:
        if result.iri is not None:
            say(f"done {result.iri}")

    if mode == "ingest":
        ingest_sources(store, iter_sources([source]), on_result=report)
    else:
        ensure_ontology(store)
        for item in json.loads(source.read_text(encoding="utf-8")):
            report(store_prepared(store, Prepared(item["source"], URIRef(item["iri"]), item["ntriples"])))
    if argv[3:] == ["hold"]:
        sys.stdin.readline()
    store.close()
    say("end")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
