"""The app's full-text search index: one per app, created on first use, synced with the store on every search."""

from __future__ import annotations

import threading

from fastapi import FastAPI

from store.search import SearchIndex

_CREATE = threading.Lock()


def search_index(app: FastAPI) -> SearchIndex:
    """The app's SearchIndex (in memory; rebuilt from the store when the app starts anew)."""
    with _CREATE:
        index: SearchIndex | None = getattr(app.state, "search_index", None)
        if index is None:
            index = SearchIndex()
            app.state.search_index = index
        return index
