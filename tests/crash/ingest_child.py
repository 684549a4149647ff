"""A batch ingest run as its own process by the crash tests, which kill it: it says on stdout what it has done.

python ingest_child.py STORE ingest FOLDER [hold]     the CLI's pipeline (read, extract, validate, then store in
                                                     batches of 4 by pyoxigraph's bulk loader)
python ingest_child.py STORE load BATCH.json [hold]  prepared graphs ([{source, iri, ntriples}]), one transaction each
                                                     (as an upload to the API)
python ingest_child.py STORE bulk BATCH.json [hold]  the same graphs in batches of 4 by the bulk loader (as
                                                     `kamergraph load`), so that most kills land inside a bulk load

Lines written (flushed at once): "start" once the store is open, "done <iri>" after each document is stored
(committed), "end" when the batch is through and the store closed. With "hold", the store stays open after the
batch until a line arrives on standard input.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from rdflib import URIRef

from loaders.pipeline import LoadResult, Prepared, ensure_ontology, ingest_sources, store_batch, store_prepared
from loaders.sources import iter_sources
from store.embedded import BULK_FROM, EmbeddedStore

#: Documents stored together: the smallest batch the embedded store bulk-loads, so kills land between and inside
#: several bulk loads of the small test batch.
BATCH = BULK_FROM


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
        ingest_sources(store, iter_sources([source]), on_result=report, batch=BATCH)
    else:
        ensure_ontology(store)
        items = [Prepared(i["source"], URIRef(i["iri"]), i["ntriples"]) for i in json.loads(source.read_text("utf-8"))]
        if mode == "load":
            for item in items:
                report(store_prepared(store, item))
        else:
            for start in range(0, len(items), BATCH):
                for result in store_batch(store, items[start : start + BATCH]):
                    report(result)
    if argv[3:] == ["hold"]:
        sys.stdin.readline()
    store.close()
    say("end")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
