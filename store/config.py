"""Which store to open: the SPARQL server named by $KAMERGRAPH_SPARQL_URL, else the embedded store on disk.

The embedded store lives at --store DIR, else $KAMERGRAPH_STORE, else the user's data folder.

SPARQL server settings (see store/sparql.py for what each server needs):
    KAMERGRAPH_SPARQL_URL         the SPARQL 1.1 query endpoint; setting it selects the server
    KAMERGRAPH_SPARQL_UPDATE_URL  the SPARQL 1.1 update endpoint (default: the query endpoint, as one URL serves both
                                  on Fuseki's /ds, Virtuoso and QLever; Oxigraph needs its /update)
    KAMERGRAPH_GSP_URL            the Graph Store HTTP Protocol endpoint (default: none, graphs are then replaced by
                                  one SPARQL Update)
    KAMERGRAPH_SPARQL_USER, KAMERGRAPH_SPARQL_PASSWORD   HTTP Basic credentials, optional (both or neither)
    KAMERGRAPH_SPARQL_TIMEOUT     seconds to wait for an answer (default 60)
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from store.base import Store, StoreError
from store.embedded import EmbeddedStore
from store.sparql import SparqlStore

STORE_ENV = "KAMERGRAPH_STORE"
SPARQL_URL_ENV = "KAMERGRAPH_SPARQL_URL"
SPARQL_UPDATE_URL_ENV = "KAMERGRAPH_SPARQL_UPDATE_URL"
GSP_URL_ENV = "KAMERGRAPH_GSP_URL"
SPARQL_USER_ENV = "KAMERGRAPH_SPARQL_USER"
SPARQL_PASSWORD_ENV = "KAMERGRAPH_SPARQL_PASSWORD"
SPARQL_TIMEOUT_ENV = "KAMERGRAPH_SPARQL_TIMEOUT"
DEFAULT_TIMEOUT = 60.0


def default_store_path() -> Path:
    """$KAMERGRAPH_STORE, else $XDG_DATA_HOME/kamergraph/store (~/.local/share/kamergraph/store)."""
    if os.environ.get(STORE_ENV):
        return Path(os.environ[STORE_ENV])
    data_home = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return data_home / "kamergraph" / "store"


def open_store(path: Path | None = None, *, read_only: bool = False) -> EmbeddedStore:
    """Open the embedded store at `path` (default_store_path() when None), creating it when needed."""
    return EmbeddedStore(path or default_store_path(), read_only=read_only)


def open_sparql_store(
    query_url: str,
    update_url: str | None = None,
    gsp_url: str | None = None,
    *,
    user: str | None = None,
    password: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    read_only: bool = False,
) -> SparqlStore:
    """A SparqlStore from explicit settings (CLI options); the update URL defaults to the query URL.

    `read_only` drops the update and graph-store URLs, so no write can reach the server.
    """
    if (user is None) != (password is None):
        raise StoreError(f"set both {SPARQL_USER_ENV} and {SPARQL_PASSWORD_ENV}, or neither")
    auth = (user, password) if user is not None and password is not None else None
    if read_only:
        return SparqlStore(query_url, None, None, auth=auth, timeout=timeout)
    return SparqlStore(query_url, update_url or query_url, gsp_url, auth=auth, timeout=timeout)


def store_from_environment(
    path: Path | None = None, *, read_only: bool = False, environ: Mapping[str, str] | None = None
) -> Store:
    """The SPARQL server named by $KAMERGRAPH_SPARQL_URL (and the settings above), else the embedded store at `path`.

    When the server is configured it wins and `path` is unused.
    """
    env = os.environ if environ is None else environ
    query_url = env.get(SPARQL_URL_ENV)
    if not query_url:
        return open_store(path, read_only=read_only)
    timeout_text = env.get(SPARQL_TIMEOUT_ENV) or str(DEFAULT_TIMEOUT)
    try:
        timeout = float(timeout_text)
    except ValueError:
        raise StoreError(f"{SPARQL_TIMEOUT_ENV} must be a number of seconds, not {timeout_text!r}") from None
    if not timeout > 0:
        raise StoreError(f"{SPARQL_TIMEOUT_ENV} must be a positive number of seconds, not {timeout_text!r}")
    return open_sparql_store(
        query_url,
        env.get(SPARQL_UPDATE_URL_ENV) or None,
        env.get(GSP_URL_ENV) or None,
        user=env.get(SPARQL_USER_ENV) or None,
        password=env.get(SPARQL_PASSWORD_ENV) or None,
        timeout=timeout,
        read_only=read_only,
    )
