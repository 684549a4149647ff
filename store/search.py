"""Full-text search over labels, aliases and quotes: an SQLite FTS5 index kept in step with the store's documents."""

from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from rdflib import Literal, URIRef

import queries
from store import graphs
from store.base import SelectResult, Store, store_generation

#: words of a search: letters and digits (accents kept; the index folds them)
_WORD = re.compile(r"\w+", re.UNICODE)
#: at most this many words of a search are used
MAX_WORDS = 12

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (doc TEXT PRIMARY KEY, hash TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS entities (iri TEXT PRIMARY KEY, type TEXT NOT NULL, label TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS attributes (
    doc TEXT NOT NULL, node TEXT NOT NULL, prop TEXT NOT NULL, value TEXT NOT NULL, lang TEXT, iri INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS attributes_doc ON attributes (doc);
CREATE INDEX IF NOT EXISTS attributes_node ON attributes (node);
CREATE VIRTUAL TABLE IF NOT EXISTS texts USING fts5(
    text, entity UNINDEXED, field UNINDEXED, doc UNINDEXED, start UNINDEXED, stop UNINDEXED,
    tokenize = "unicode61 remove_diacritics 2"
);
"""


@dataclass(frozen=True)
class Hit:
    """One entity found: its best-matching text (a label, alias or quote) and where a quote is in its document."""

    iri: str
    type: str
    label: str
    field: str
    text: str
    doc: str | None
    start: int | None
    end: int | None
    score: float


def match_expression(text: str) -> str | None:
    """An FTS5 query for the words of `text`: each word quoted (so no FTS syntax gets through) and a prefix match
    ('Soedan' finds 'Soedanese'); None when the text has no words."""
    words = _WORD.findall(text)[:MAX_WORDS]
    if not words:
        return None
    return " ".join('"' + word.replace('"', '""') + '"*' for word in words)


class SearchIndex:
    """An FTS5 index of the store's searchable texts (in memory unless a file is given).

    `sync(store)` brings it in step, one document graph at a time: documents that appeared, went, or whose content
    hash changed (a cheap query of every document's id and hash) are re-indexed or dropped, and so are the
    documents the API's write path marked with `changed()` (a re-extraction keeps the text's hash). Entity types
    and labels are kept per document too, so a sync recomputes only the entities those documents mention.
    `search()` syncs first; while the store's write counter (store.base.store_generation) is unchanged since the
    last sync, it does not even ask the store, and a store without one (a SPARQL server others write to) is asked
    every time.
    """

    def __init__(self, path: str = ":memory:") -> None:
        self._db = sqlite3.connect(path, check_same_thread=False)
        self._db.executescript(_SCHEMA)
        self._lock = threading.Lock()
        self._dirty: set[str] = set()
        self._synced: int | None = None

    def close(self) -> None:
        self._db.close()

    def changed(self, *docs: str) -> None:
        """Mark documents (their graph IRIs) written since the last sync, to be re-indexed whatever their hash."""
        with self._lock:
            self._dirty.update(docs)
            self._synced = None

    def _documents(self, store: Store) -> dict[str, str]:
        result = store.query(queries.get("search-documents").sparql)
        assert isinstance(result, SelectResult)
        return {str(row["doc"]): str(row["hash"]) for row in result.rows}

    def _select(self, store: Store, name: str, doc: str) -> list[dict[str, Any]]:
        named = queries.get(name)
        result = store.query(named.sparql, named.bind({"doc": doc}))
        assert isinstance(result, SelectResult)
        return result.rows

    def _index_document(self, store: Store, doc: str) -> set[str]:
        """Index the document's texts and entity attributes; returns the entities it describes."""
        rows: set[tuple[Any, ...]] = set()
        for row in self._select(store, "search-texts", doc):
            start, end = row.get("start"), row.get("end")
            rows.add(
                (
                    " ".join(str(row["text"]).split()),
                    str(row["entity"]),
                    str(row["field"]),
                    doc,
                    int(str(start)) if start is not None else None,
                    int(str(end)) if end is not None else None,
                )
            )
        self._db.executemany("INSERT INTO texts (text, entity, field, doc, start, stop) VALUES (?,?,?,?,?,?)", rows)
        attributes: set[tuple[Any, ...]] = set()
        for row in self._select(store, "search-attributes", doc):
            value = row["value"]
            language = value.language if isinstance(value, Literal) else None
            attributes.add(
                (doc, str(row["node"]), str(row["prop"]), str(value), language, isinstance(value, URIRef))
            )
        self._db.executemany("INSERT INTO attributes VALUES (?, ?, ?, ?, ?, ?)", attributes)
        return {node for _, node, *_ in attributes}

    def _nodes_of(self, doc: str) -> set[str]:
        return {node for (node,) in self._db.execute("SELECT DISTINCT node FROM attributes WHERE doc = ?", (doc,))}

    def _update_entities(self, nodes: set[str]) -> None:
        """Recompute type and label of `nodes` from what every indexed document says about them."""
        wanted = sorted(nodes)
        for at in range(0, len(wanted), 500):
            chunk = wanted[at : at + 500]
            marks = ",".join("?" * len(chunk))
            self._db.execute(f"DELETE FROM entities WHERE iri IN ({marks})", chunk)
            rows = self._db.execute(
                f"SELECT DISTINCT node, prop, value, lang, iri FROM attributes WHERE node IN ({marks})", chunk
            ).fetchall()
            terms = [
                (node, URIRef(prop), URIRef(value) if is_iri else Literal(value, lang=lang))
                for node, prop, value, lang, is_iri in rows
            ]
            found = graphs.attributes_from_rows(terms)
            self._db.executemany(
                "INSERT INTO entities VALUES (?, ?, ?)", [(iri, a["type"], a["label"]) for iri, a in found.items()]
            )

    def sync(self, store: Store, stop: threading.Event | None = None) -> int:
        """Bring the index in step with the store; returns how many documents were (re-)indexed or dropped.

        When `stop` is set during the sync it ends after the current document, keeping what it has indexed (the
        next sync goes on from there)."""
        with self._lock:
            generation = store_generation(store)
            if generation is not None and generation == self._synced:
                return 0
            current = self._documents(store)
            indexed = dict(self._db.execute("SELECT doc, hash FROM documents").fetchall())
            changed = {d for d in set(current) | set(indexed) if current.get(d) != indexed.get(d)}
            changed |= self._dirty & (set(current) | set(indexed))
            with self._db:
                touched: set[str] = set()
                for done, doc in enumerate(sorted(changed)):
                    if stop is not None and stop.is_set():
                        self._update_entities(touched)
                        return done
                    # a delete scans the FTS table (~45 ms at 300 documents): only for a document indexed before, not
                    # for a new one the write path marked changed (its rows and its `documents` row go in together)
                    if doc in indexed:
                        touched |= self._nodes_of(doc)
                        for table in ("texts", "documents", "attributes"):
                            self._db.execute(f"DELETE FROM {table} WHERE doc = ?", (doc,))
                    if doc in current:
                        touched |= self._index_document(store, doc)
                        self._db.execute("INSERT INTO documents VALUES (?, ?)", (doc, current[doc]))
                self._update_entities(touched)
            self._dirty.clear()
            self._synced = generation
            return len(changed)

    def search(self, store: Store, text: str, limit: int = 50) -> list[Hit]:
        """The entities whose labels, aliases or quotes match every word of `text` (as prefixes), best first."""
        expression = match_expression(text)
        if expression is None:
            return []
        self.sync(store)
        hits: dict[str, Hit] = {}
        with self._lock:
            # rows read as they come, up to the `limit`-th entity: a common word matches thousands of quotes, and
            # fetching them all made Python tuples of every one (~70 ms for 'motie' at 300 documents); equal scores
            # in entity, document, offset and text order (they came in the order the rows were indexed, which varied)
            rows = self._db.execute(
                """
                SELECT t.entity, COALESCE(e.type, 'Thing'), COALESCE(e.label, t.entity), t.field, t.text, t.doc,
                       t.start, t.stop, bm25(texts) AS score
                FROM texts AS t LEFT JOIN entities AS e ON e.iri = t.entity
                WHERE texts MATCH ?
                ORDER BY (t.field = 'quote'), score, t.entity, t.doc, t.start, t.text
                """,
                (expression,),
            )
            for iri, kind, label, field, found, doc, start, end, score in rows:
                if iri not in hits:
                    hits[iri] = Hit(iri, kind, label, field, found, doc, start, end, float(score))
                    if len(hits) >= limit:
                        break
            rows.close()
        return list(hits.values())

    def lookup(self, store: Store, iris: Iterable[str]) -> dict[str, tuple[str, str]]:
        """Type and label of each entity (as the index knows them after a sync), by IRI."""
        self.sync(store)
        wanted = sorted(set(iris))
        found: dict[str, tuple[str, str]] = {}
        with self._lock:
            for at in range(0, len(wanted), 500):
                chunk = wanted[at : at + 500]
                marks = ",".join("?" * len(chunk))
                for iri, kind, label in self._db.execute(
                    f"SELECT iri, type, label FROM entities WHERE iri IN ({marks})", chunk
                ):
                    found[iri] = (kind, label)
        return found


def grouped(hits: list[Hit]) -> dict[str, list[Hit]]:
    """Hits by entity type, types in order of their best hit."""
    groups: dict[str, list[Hit]] = {}
    for hit in hits:
        groups.setdefault(hit.type, []).append(hit)
    return groups
