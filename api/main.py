"""The FastAPI application: create_app() wires the routers, the error handlers and the store's lifetime."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from api import errors, heavy, security
from api.response_cache import ResponseCache, ResponseCacheMiddleware
from api.routes import (
    countries,
    documents,
    explore,
    export,
    funding,
    health,
    letters,
    linked_data,
    motions,
    persons,
    programmes,
    quality,
    queries,
    search_index,
    sparql,
)
from api.settings import Settings
from store.base import Store
from store.config import store_from_environment

DESCRIPTION = """
kamergraph: who promised what, to whom, with which instrument and how much money, as told in documents sent to the
Tweede Kamer. Every fact comes with the sentence it was read from.

Resources: documents (`/letters`), motions and their follow-up (`/motions`), people (`/persons`), programmes
(`/programmes`), countries (`/countries/{iso2}`), money (`/funding`); the raw graph through a read-only SPARQL
endpoint (`/sparql`), a full download (`/export`) and the named queries behind all of these (`/queries`).

Lists answer `{"items": [...], "total": N}` and take `?limit=` (default 50, at most 1000) and `?offset=`. Errors
answer `{"code": ..., "message": ...}`: 404 for an unknown id, 422 for a malformed parameter.
"""


def create_app(settings: Settings | None = None, store: Store | None = None) -> FastAPI:
    """The API over `store` (left open: the caller owns it), else over the store the settings and environment name.

    That store is opened once when the app starts and closed when it stops: the SPARQL server named by
    $KAMERGRAPH_SPARQL_URL if set (see store/config.py), else the embedded store at settings.store_path.
    """
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # uploads are read, extracted and validated in a worker process (started now when serving a store)
        documents.start_preparer(app, eager=store is None)
        try:
            if store is not None:
                yield
                return
            opened = store_from_environment(settings.store_path)
            app.state.store = opened
            heavy.tune_for_serving()  # GIL switch interval and GC: a lookup waits less behind heavy work
            if settings.search_at_start:  # the search index is built in the background, not by the first search
                search_index.warm(app, opened)
            try:
                yield
            finally:
                heavy.close(app)  # exports end before the store closes
                search_index.stop(app)
                app.state.store = None
                opened.close()
        finally:
            documents.stop_preparer(app)
            heavy.close(app)

    app = FastAPI(
        title="kamergraph",
        version="0.1.0",
        description=DESCRIPTION,
        lifespan=lifespan,
        responses=errors.INVALID,  # every 422 answers an ErrorBody, not FastAPI's default validation body
        openapi_tags=[
            {"name": "letters", "description": "Documents in the store and the facts read from them."},
            {"name": "motions", "description": "Motions, their submitters, countries and follow-up chain."},
            {"name": "persons", "description": "Signatories and submitters."},
            {"name": "programmes", "description": "Programmes, funds, partnerships and sanctions."},
            {"name": "countries", "description": "What the store says about a country."},
            {"name": "funding", "description": "Amounts of money reported."},
            {"name": "sparql", "description": "Read-only SPARQL 1.1 Protocol endpoint."},
            {"name": "export", "description": "The whole store as RDF."},
            {"name": "queries", "description": "The named queries (queries/*.rq) behind the routes."},
            {"name": "quality", "description": "What could not be resolved or conflicts, with quotes."},
            {"name": "service", "description": "Health of the service."},
        ],
    )
    app.state.settings = settings
    app.state.store = store
    errors.register(app)
    security.install(app, settings)  # body limits, CORS, security headers (api/security.py)
    # Added last, so it runs first: a cached response (as the middleware above produced it) is sent before routing.
    app.state.response_cache = ResponseCache(settings.cache_entries)
    app.add_middleware(ResponseCacheMiddleware, state=app.state, cache=app.state.response_cache)
    for module in (letters, motions, persons, programmes, countries, funding, sparql, export, queries, health):
        app.include_router(module.router)
    app.include_router(quality.router)
    app.include_router(documents.router)  # writes, enabled by KAMERGRAPH_TOKEN
    for module in (explore, linked_data):  # the web explorer and the linked-data views
        app.include_router(module.router)
    return app
