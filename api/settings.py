"""API settings, read from the environment: where the store is, how many results a list may return, and the limits."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from store.config import STORE_ENV, default_store_path

DEFAULT_LIMIT_ENV = "KAMERGRAPH_API_DEFAULT_LIMIT"
MAX_LIMIT_ENV = "KAMERGRAPH_API_MAX_LIMIT"
QUERY_TIMEOUT_ENV = "KAMERGRAPH_API_QUERY_TIMEOUT"
MAX_RESULTS_ENV = "KAMERGRAPH_API_MAX_RESULTS"
MAX_QUERIES_ENV = "KAMERGRAPH_API_MAX_QUERIES"
MAX_BODY_ENV = "KAMERGRAPH_API_MAX_BODY"
MAX_UPLOAD_ENV = "KAMERGRAPH_API_MAX_UPLOAD"
MAX_EXPORT_ENV = "KAMERGRAPH_API_MAX_EXPORT"
CORS_ORIGINS_ENV = "KAMERGRAPH_API_CORS_ORIGINS"
CORS_WRITES_ENV = "KAMERGRAPH_API_CORS_WRITES"
TOKEN_ENV = "KAMERGRAPH_TOKEN"
CACHE_ENTRIES_ENV = "KAMERGRAPH_API_CACHE_ENTRIES"
SEARCH_AT_START_ENV = "KAMERGRAPH_API_SEARCH_AT_START"

#: Items a list returns when the request gives no limit, and the largest limit a request may ask for.
DEFAULT_LIMIT = 50
MAX_LIMIT = 1000
#: /sparql limits: seconds a query may run, rows (SELECT) or triples (CONSTRUCT/DESCRIBE) it may answer, and how
#: many queries may run at once (a query past its time keeps its slot until it has really stopped).
QUERY_TIMEOUT = 10.0
MAX_RESULTS = 10_000
MAX_QUERIES = 4
#: Bytes a request body may have: any request, and an upload (POST /documents).
MAX_BODY = 1_048_576
MAX_UPLOAD = 20 * 1_048_576
#: Statements (RDF) or relations (graph formats) one /export answer may hold; more gets 400 asking for a filter.
MAX_EXPORT = 500_000
#: Responses (and computed lists) the API keeps until the store changes; 0 turns both caches off.
CACHE_ENTRIES = 2048


class SettingsError(ValueError):
    """An environment variable holds a value the API cannot use; the message names the variable."""


def _positive_int(environ: Mapping[str, str], name: str, default: int) -> int:
    text = environ.get(name, "").strip()
    if not text:
        return default
    try:
        value = int(text)
    except ValueError:
        raise SettingsError(f"{name} must be a positive whole number, not {text!r}") from None
    if value < 1:
        raise SettingsError(f"{name} must be a positive whole number, not {text!r}")
    return value


def _count(environ: Mapping[str, str], name: str, default: int) -> int:
    """A whole number >= 0 (0 switches the feature off)."""
    text = environ.get(name, "").strip()
    if not text:
        return default
    if not text.isdigit():
        raise SettingsError(f"{name} must be a whole number >= 0 (0 turns it off), not {text!r}")
    return int(text)


def _positive_seconds(environ: Mapping[str, str], name: str, default: float) -> float:
    text = environ.get(name, "").strip()
    if not text:
        return default
    try:
        value = float(text)
    except ValueError:
        raise SettingsError(f"{name} must be a positive number of seconds, not {text!r}") from None
    if not 0 < value < float("inf"):
        raise SettingsError(f"{name} must be a positive number of seconds, not {text!r}")
    return value


def _origins(environ: Mapping[str, str], name: str) -> tuple[str, ...]:
    """Comma-separated origins such as https://example.org; '*' allows any origin (reads only, see cors_writes)."""
    origins = tuple(o.strip().rstrip("/") for o in environ.get(name, "").split(",") if o.strip())
    for origin in origins:
        if origin != "*" and not origin.startswith(("http://", "https://")):
            raise SettingsError(f"{name}: {origin!r} is not an origin such as https://example.org (or *)")
    return origins


def _flag(environ: Mapping[str, str], name: str, default: bool = False) -> bool:
    text = environ.get(name, "").strip().lower()
    if not text:
        return default
    if text in ("0", "false", "no"):
        return False
    if text in ("1", "true", "yes"):
        return True
    raise SettingsError(f"{name} must be 1/true/yes or 0/false/no, not {text!r}")


def _token(environ: Mapping[str, str]) -> str | None:
    """The write token, or None when writes are disabled; a token shorter than 16 characters is refused."""
    token = environ.get(TOKEN_ENV, "").strip()
    if not token:
        return None
    if len(token) < 16:
        raise SettingsError(f"{TOKEN_ENV} must be at least 16 characters (e.g. the output of `openssl rand -hex 32`)")
    return token


@dataclass(frozen=True)
class Settings:
    """What the API needs to know; every field not given is read from the environment.

    KAMERGRAPH_STORE              the store folder (default ~/.local/share/kamergraph/store, see store/config.py);
                                  unused when KAMERGRAPH_SPARQL_URL names a SPARQL server to serve instead
    KAMERGRAPH_API_DEFAULT_LIMIT  items per page when a request gives no ?limit= (default 50)
    KAMERGRAPH_API_MAX_LIMIT      the largest ?limit= a request may ask for (default 1000)
    KAMERGRAPH_API_QUERY_TIMEOUT  seconds a /sparql query may run before the client gets 503 (default 10)
    KAMERGRAPH_API_MAX_RESULTS    rows or triples a /sparql answer may hold; more gets 400 (default 10000)
    KAMERGRAPH_API_MAX_QUERIES    /sparql queries running at once; more gets 503 (default 4)
    KAMERGRAPH_API_MAX_BODY       bytes a request body may have; more gets 413 (default 1 MiB)
    KAMERGRAPH_API_MAX_UPLOAD     bytes an upload (POST /documents) may have; more gets 413 (default 20 MiB)
    KAMERGRAPH_API_MAX_EXPORT     statements an /export answer may hold; more gets 400 (default 500000)
    KAMERGRAPH_API_CORS_ORIGINS   comma-separated origins other sites' pages may read from (default: none)
    KAMERGRAPH_API_CORS_WRITES    1 lets those origins also write (POST /documents, DELETE); default 0
    KAMERGRAPH_API_CACHE_ENTRIES  responses and computed lists kept until the store changes; 0 = no caching (2048)
    KAMERGRAPH_API_SEARCH_AT_START  1 builds the search index in the background at start (default); 0 builds it on
                                  the first search (a server that is measured, or never searched, skips the work)
    KAMERGRAPH_TOKEN              the write token: POST /documents and DELETE /documents/{id} are enabled only when
                                  it is set, for requests sending `Authorization: Bearer <token>` (default: unset)
    """

    store_path: Path = field(default_factory=default_store_path)
    default_limit: int = field(default_factory=lambda: _positive_int(os.environ, DEFAULT_LIMIT_ENV, DEFAULT_LIMIT))
    max_limit: int = field(default_factory=lambda: _positive_int(os.environ, MAX_LIMIT_ENV, MAX_LIMIT))
    query_timeout: float = field(
        default_factory=lambda: _positive_seconds(os.environ, QUERY_TIMEOUT_ENV, QUERY_TIMEOUT)
    )
    max_results: int = field(default_factory=lambda: _positive_int(os.environ, MAX_RESULTS_ENV, MAX_RESULTS))
    max_queries: int = field(default_factory=lambda: _positive_int(os.environ, MAX_QUERIES_ENV, MAX_QUERIES))
    max_body: int = field(default_factory=lambda: _positive_int(os.environ, MAX_BODY_ENV, MAX_BODY))
    max_upload: int = field(default_factory=lambda: _positive_int(os.environ, MAX_UPLOAD_ENV, MAX_UPLOAD))
    max_export: int = field(default_factory=lambda: _positive_int(os.environ, MAX_EXPORT_ENV, MAX_EXPORT))
    cors_origins: tuple[str, ...] = field(default_factory=lambda: _origins(os.environ, CORS_ORIGINS_ENV))
    cors_writes: bool = field(default_factory=lambda: _flag(os.environ, CORS_WRITES_ENV))
    cache_entries: int = field(default_factory=lambda: _count(os.environ, CACHE_ENTRIES_ENV, CACHE_ENTRIES))
    search_at_start: bool = field(default_factory=lambda: _flag(os.environ, SEARCH_AT_START_ENV, default=True))
    write_token: str | None = field(default_factory=lambda: _token(os.environ), repr=False)

    def __post_init__(self) -> None:
        if self.default_limit < 1 or self.max_limit < 1:
            raise SettingsError("the default and maximum limits must be positive")
        limits = (self.max_results, self.max_queries, self.max_body, self.max_upload, self.max_export)
        if min(limits) < 1 or self.query_timeout <= 0:
            raise SettingsError("the query, result, body and upload limits must be positive")
        if self.cache_entries < 0:
            raise SettingsError(f"the cache size must be 0 (off) or more, not {self.cache_entries}")
        if self.default_limit > self.max_limit:
            raise SettingsError(
                f"the default limit ({self.default_limit}, {DEFAULT_LIMIT_ENV}) is above the maximum limit "
                f"({self.max_limit}, {MAX_LIMIT_ENV})"
            )

    @classmethod
    def from_environment(cls, environ: Mapping[str, str]) -> Settings:
        """Settings from an explicit environment mapping (tests), with the same defaults as Settings()."""
        store = environ.get(STORE_ENV)
        return cls(
            store_path=Path(store) if store else default_store_path(),
            default_limit=_positive_int(environ, DEFAULT_LIMIT_ENV, DEFAULT_LIMIT),
            max_limit=_positive_int(environ, MAX_LIMIT_ENV, MAX_LIMIT),
            query_timeout=_positive_seconds(environ, QUERY_TIMEOUT_ENV, QUERY_TIMEOUT),
            max_results=_positive_int(environ, MAX_RESULTS_ENV, MAX_RESULTS),
            max_queries=_positive_int(environ, MAX_QUERIES_ENV, MAX_QUERIES),
            max_body=_positive_int(environ, MAX_BODY_ENV, MAX_BODY),
            max_upload=_positive_int(environ, MAX_UPLOAD_ENV, MAX_UPLOAD),
            max_export=_positive_int(environ, MAX_EXPORT_ENV, MAX_EXPORT),
            cors_origins=_origins(environ, CORS_ORIGINS_ENV),
            cors_writes=_flag(environ, CORS_WRITES_ENV),
            cache_entries=_count(environ, CACHE_ENTRIES_ENV, CACHE_ENTRIES),
            search_at_start=_flag(environ, SEARCH_AT_START_ENV, default=True),
            write_token=_token(environ),
        )
