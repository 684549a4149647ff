"""read -> extract -> resolve -> to_rdf -> validate -> store, in worker processes; stored in batches, each whole."""

from __future__ import annotations

import logging
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path, PurePosixPath

import pyoxigraph as ox
from rdflib import Graph, URIRef

import shapes
from loaders.document import Document
from loaders.errors import InvalidDocument, LoadError, UnreadableDocument
from loaders.extract import extract_all
from loaders.read import read_bytes
from loaders.resolve import Resolution, resolve
from loaders.sources import Source, iter_sources
from loaders.to_rdf import build_graph
from ontology import ONTOLOGY_FILE
from ontology.namespace import ONTOLOGY_IRI
from store.base import GraphChange, Store

log = logging.getLogger(__name__)


class Outcome(StrEnum):
    LOADED = "loaded"
    REPLACED = "replaced"
    UNCHANGED = "unchanged"
    REJECTED = "rejected"


@dataclass
class LoadResult:
    source: str
    outcome: Outcome
    iri: URIRef | None = None
    triples: int = 0
    error: str | None = None
    #: What a loaded document lacks or how it was read (no date, no signature, unreadable references, encoding).
    warnings: tuple[str, ...] = ()


@dataclass
class Built:
    """A document's validated graph, ready to store."""

    document: Document
    resolution: Resolution
    graph: Graph


def build(doc: Document) -> Built:
    """Extract, resolve and build the document's graph; raise InvalidDocument when it fails the shapes."""
    resolution = resolve(doc, extract_all(doc))
    graph = build_graph(resolution)
    report = shapes.validate(graph)
    if not report.conforms:
        raise InvalidDocument(doc.name, report.text())
    return Built(doc, resolution, graph)


def file_name(source: str) -> str:
    """The file name a source is known by: 'letters/a.txt' -> 'a.txt', 'batch.zip!dir/b.pdf' -> 'b.pdf'."""
    return PurePosixPath(source.rsplit("!", 1)[-1].replace("\\", "/")).name


def build_path(path: Path) -> Built:
    doc = read_bytes(str(path), path.read_bytes())
    doc.name = path.name
    return build(doc)


def ensure_ontology(store: Store) -> None:
    """Keep the ontology in its own named graph, so queries can use the class hierarchy and fact properties."""
    store.put_graph(ONTOLOGY_IRI, Graph().parse(ONTOLOGY_FILE).serialize(format="nt"))


@dataclass
class Prepared:
    """A document read, extracted and validated, ready to store (picklable, so workers can return it)."""

    source: str
    iri: URIRef
    ntriples: str
    warnings: tuple[str, ...] = ()

    @property
    def triples(self) -> int:
        """How many triples the graph holds (N-Triples: one a line)."""
        return sum(1 for line in self.ntriples.splitlines() if line.strip())


#: Encodings of text read without a warning.
_UNICODE = {"utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"}


def warnings_of(resolution: Resolution) -> tuple[str, ...]:
    """What a document that loads still lacks, or how it was read, in words for the user."""
    found = []
    encoding = resolution.doc.metadata.get("encoding")
    if encoding and encoding not in _UNICODE:
        found.append(f"read as {encoding}, not UTF-8")
    if resolution.date is None:
        found.append("no date found")
    if not resolution.signatures:
        found.append("no signature found")
    if resolution.garbled:
        quoted = ", ".join(repr(g.text) for g in resolution.garbled[:3])
        found.append(f"{len(resolution.garbled)} unreadable reference(s) kept as text: {quoted}")
    return tuple(found)


def prepare(name: str, data: bytes) -> Prepared:
    """Read and build one document from its bytes; raises LoadError naming the document and the problem."""
    doc = read_bytes(name, data)
    doc.name = file_name(name)
    built = build(doc)
    return Prepared(name, built.resolution.iri, built.graph.serialize(format="nt"), warnings_of(built.resolution))


def prepare_or_reject(name: str, data: bytes) -> Prepared | LoadResult:
    """prepare(), or the rejection with its one-line reason: a bad document never stops a batch or a request."""
    try:
        return prepare(name, data)
    except LoadError as exc:
        return LoadResult(name, Outcome.REJECTED, error=exc.problem)
    except RecursionError:
        return LoadResult(name, Outcome.REJECTED, error="the document is nested too deeply to process")
    except Exception as exc:  # one document's failure must not stop a batch; the message names the error type
        log.debug("internal error while processing %s", name, exc_info=True)
        return LoadResult(name, Outcome.REJECTED, error=f"internal error ({type(exc).__name__}); rerun with --debug")


def stored(prepared: Prepared, change: GraphChange) -> LoadResult:
    """The result of storing a prepared document."""
    outcome = Outcome(change.value)
    return LoadResult(prepared.source, outcome, prepared.iri, prepared.triples, warnings=prepared.warnings)


def store_prepared(store: Store, prepared: Prepared) -> LoadResult:
    """Store the graph as the document's named graph, replacing an earlier version; unchanged graphs are skipped.

    The worker's N-Triples text goes to the store as it is (the store parses it natively, in the same transaction
    as the write): no rdflib graph is built in the single writing process.
    """
    return stored(prepared, store.put_graph(prepared.iri, prepared.ntriples))


def store_batch(store: Store, items: Sequence[Prepared | LoadResult]) -> list[LoadResult]:
    """Store the prepared documents of a batch together (Store.put_graphs: each whole or not at all); rejections
    pass through. The results in the batch's order."""
    prepared = [item for item in items if isinstance(item, Prepared)]
    changes = iter(store.put_graphs([(item.iri, item.ntriples) for item in prepared]))
    return [item if isinstance(item, LoadResult) else stored(item, next(changes)) for item in items]


def prepared_from_nquads(source: str, data: bytes) -> list[Prepared]:
    """The named graphs of an N-Quads file (as `kamergraph extract` writes them) as graphs ready to store, read by
    pyoxigraph's parser; UnreadableDocument naming the file when it is malformed or has triples outside a named
    graph."""
    graphs: dict[str, list[ox.Triple]] = {}
    try:
        for quad in ox.parse(data, format=ox.RdfFormat.N_QUADS):
            if not isinstance(quad.graph_name, ox.NamedNode):
                raise UnreadableDocument(source, "a triple outside a named graph: every line needs a graph IRI")
            graphs.setdefault(quad.graph_name.value, []).append(quad.triple)
    except SyntaxError as exc:
        raise UnreadableDocument(source, f"malformed N-Quads: {exc}") from None
    prepared = []
    for name, triples in graphs.items():
        text = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
        assert text is not None  # no output given: the text is returned
        prepared.append(Prepared(source, URIRef(name), text.decode("utf-8")))
    return prepared


def load_nquads_files(store: Store, paths: Iterable[Path]) -> list[LoadResult]:
    """`kamergraph load`: each file's named graphs stored as documents, BATCH documents at a time (Store.put_graphs);
    a malformed file is rejected, not fatal."""
    ensure_ontology(store)
    results: list[LoadResult] = []
    waiting: list[Prepared | LoadResult] = []
    for path in paths:
        try:
            waiting.extend(prepared_from_nquads(str(path), path.read_bytes()))
        except LoadError as exc:
            waiting.append(LoadResult(str(path), Outcome.REJECTED, error=exc.problem))
        if len(waiting) >= BATCH:
            results.extend(store_batch(store, waiting))
            waiting.clear()
    results.extend(store_batch(store, waiting))
    return results


#: Documents a batch ingest writes together (Store.put_graphs): enough for pyoxigraph's bulk loader to pay off (it
#: costs ~12 ms of CPU a letter in batches of 64 against ~22 ms a transaction each), few enough that progress shows
#: and a crash costs little to redo.
BATCH = 64
#: A batch is written when it is full or this many seconds after the last one, whichever comes first.
BATCH_SECONDS = 2.0


def _load_source(source: Source) -> bytes | LoadResult:
    try:
        return source.load()
    except LoadError as exc:
        return LoadResult(source.name, Outcome.REJECTED, error=exc.problem)


def default_jobs(documents: int) -> int:
    """Worker processes for a batch: one per core this process may run on, never more than there are documents
    (the writing parent's share is small: it hands each worker's N-Triples to the store as they are)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(cores, documents))


def prepare_sources(sources: Iterable[Source], jobs: int) -> Iterator[Prepared | LoadResult]:
    """Prepare documents in order; with jobs > 1 in worker processes, a bounded number in flight."""
    if jobs <= 1:
        for source in sources:
            data = _load_source(source)
            yield data if isinstance(data, LoadResult) else prepare_or_reject(source.name, data)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        pending: deque[Future[Prepared | LoadResult] | LoadResult] = deque()
        for source in sources:
            data = _load_source(source)
            pending.append(data if isinstance(data, LoadResult) else pool.submit(prepare_or_reject, source.name, data))
            while len(pending) > 4 * jobs:
                head = pending.popleft()
                yield head if isinstance(head, LoadResult) else head.result()
        while pending:
            head = pending.popleft()
            yield head if isinstance(head, LoadResult) else head.result()


def ingest_sources(
    store: Store,
    sources: Iterable[Source],
    *,
    jobs: int = 1,
    on_result: Callable[[LoadResult], None] | None = None,
    batch: int = BATCH,
) -> list[LoadResult]:
    """Load every source; bad documents are rejected with a reason, the rest is stored in batches of up to `batch`
    documents (or what is ready after BATCH_SECONDS), each document whole or not at all. `on_result` hears of a
    document once its batch is stored, in the sources' order."""
    ensure_ontology(store)
    results: list[LoadResult] = []
    waiting: list[Prepared | LoadResult] = []
    since = time.monotonic()

    def flush() -> None:
        for result in store_batch(store, waiting):
            results.append(result)
            if on_result:
                on_result(result)
        waiting.clear()

    for item in prepare_sources(sources, jobs):
        waiting.append(item)
        if len(waiting) >= batch or time.monotonic() - since >= BATCH_SECONDS:
            flush()
            since = time.monotonic()
    flush()
    return results


def ingest_path(store: Store, path: Path) -> LoadResult:
    """Load one file; a bad file is rejected with a message naming it, and nothing already stored changes."""
    return ingest_sources(store, iter_sources([path]))[0]
