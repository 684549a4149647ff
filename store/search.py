"""Full-text search over labels, aliases and quotes: an SQLite FTS5 index kept in step with the store's documents."""

from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import queries
from store import graphs
from store.base import SelectResult, Store

#: words of a search: letters and digits (accents kept; the index folds them)
_WORD = re.compile(r"\w+", re.UNICODE)
#: at most this many words of a search are used
MAX_WORDS = 12

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (doc TEXT PRIMARY KEY, hash TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS entities (iri TEXT PRIMARY KEY, type TEXT NOT NULL, label TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
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

    `sync(store)` brings it in step: documents whose content hash changed, appeared or went are re-indexed or
    dropped, one document graph at a time; a change of the store's triple count with the same documents (a
    re-extraction) re-indexes everything. `search()` syncs first, so answers always reflect the store.
    """

    def __init__(self, path: str = ":memory:") -> None:
        self._db = sqlite3.connect(path, check_same_thread=False)
        self._db.executescript(_SCHEMA)
        self._lock = threading.Lock()

    def close(self) -> None:
        self._db.close()

    def _documents(self, store: Store) -> dict[str, str]:
        result = store.query(queries.get("search-documents").sparql)
        assert isinstance(result, SelectResult)
        return {str(row["doc"]): str(row["hash"]) for row in result.rows}

    def _index_document(self, store: Store, doc: str) -> None:
        named = queries.get("search-texts")
        result = store.query(named.sparql, named.bind({"doc": doc}))
        assert isinstance(result, SelectResult)
        rows: set[tuple[Any, ...]] = set()
        for row in result.rows:
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

    def sync(self, store: Store) -> int:
        """Bring the index in step with the store; returns how many documents were (re-)indexed or dropped."""
        with self._lock:
            current = self._documents(store)
            count = str(store.triple_count())
            indexed = dict(self._db.execute("SELECT doc, hash FROM documents").fetchall())
            state = dict(self._db.execute("SELECT key, value FROM state").fetchall())
            if state.get("triples") != count:
                changed = set(current) | set(indexed)
            else:
                changed = {d for d in set(current) | set(indexed) if current.get(d) != indexed.get(d)}
            if not changed and state.get("triples") == count:
                return 0
            with self._db:
                for doc in sorted(changed):
                    self._db.execute("DELETE FROM texts WHERE doc = ?", (doc,))
                    self._db.execute("DELETE FROM documents WHERE doc = ?", (doc,))
                    if doc in current:
                        self._index_document(store, doc)
                        self._db.execute("INSERT INTO documents VALUES (?, ?)", (doc, current[doc]))
                self._db.execute("DELETE FROM entities")
                self._db.executemany(
                    "INSERT INTO entities VALUES (?, ?, ?)",
                    [(iri, a["type"], a["label"]) for iri, a in graphs.node_attributes(store).items()],
                )
                self._db.execute("INSERT OR REPLACE INTO state VALUES ('triples', ?)", (count,))
            return len(changed)

    def search(self, store: Store, text: str, limit: int = 50) -> list[Hit]:
        """The entities whose labels, aliases or quotes match every word of `text` (as prefixes), best first."""
        expression = match_expression(text)
        if expression is None:
            return []
        self.sync(store)
        with self._lock:
            rows = self._db.execute(
                """
                SELECT t.entity, COALESCE(e.type, 'Thing'), COALESCE(e.label, t.entity), t.field, t.text, t.doc,
                       t.start, t.stop, bm25(texts) AS score
                FROM texts AS t LEFT JOIN entities AS e ON e.iri = t.entity
                WHERE texts MATCH ?
                ORDER BY (t.field = 'quote'), score
                """,
                (expression,),
            ).fetchall()
        hits: dict[str, Hit] = {}
        for iri, kind, label, field, found, doc, start, end, score in rows:
            if iri not in hits:
                hits[iri] = Hit(iri, kind, label, field, found, doc, start, end, float(score))
                if len(hits) >= limit:
                    break
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
