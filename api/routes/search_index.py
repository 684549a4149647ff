"""The app's full-text search index: one per app, built in the background when the app starts (or on first use),
synced with the store before every search."""

from __future__ import annotations

import logging
import threading

from fastapi import FastAPI

from store.base import Store, StoreError
from store.search import SearchIndex

log = logging.getLogger(__name__)
_CREATE = threading.Lock()


def search_index(app: FastAPI) -> SearchIndex:
    """The app's SearchIndex (in memory; rebuilt from the store when the app starts anew)."""
    with _CREATE:
        index: SearchIndex | None = getattr(app.state, "search_index", None)
        if index is None:
            index = SearchIndex()
            app.state.search_index = index
        return index


def warm(app: FastAPI, store: Store) -> None:
    """Build the index in a background thread, so the first search does not pay for it (a search meanwhile waits
    for the document being indexed and then syncs the rest itself); `stop(app)` ends it."""
    index = search_index(app)
    halt = threading.Event()

    def build() -> None:
        try:
            count = index.sync(store, stop=halt)
            log.info("search index: %d documents indexed", count)
        except StoreError as exc:  # the store went away (shutdown) or failed: the next search syncs again
            log.warning("search index not built at start: %s", exc)

    thread = threading.Thread(target=build, name="search-index", daemon=True)
    app.state.search_warming = (thread, halt)
    thread.start()


def stop(app: FastAPI) -> None:
    """End the background build (after the document it is indexing), before the store is closed."""
    warming: tuple[threading.Thread, threading.Event] | None = getattr(app.state, "search_warming", None)
    app.state.search_warming = None
    if warming is not None:
        thread, halt = warming
        halt.set()
        thread.join()
