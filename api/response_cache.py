"""Whole responses of the read routes (status, headers, body bytes) cached until the store changes, served by ASGI
middleware in front of everything else, so a hit skips routing, dependencies, validation and serialisation.

What is cached: GET and HEAD requests to the read routes (CACHED_PATHS) without credentials (no Authorization or
Cookie header), whose answer is a 200 sent in one body message of at most MAX_RESPONSE_BYTES, without Set-Cookie and
not marked `Cache-Control: no-store`/`private`. Everything else (writes, /documents, /health, /export and other
streamed answers, errors, large bodies) passes through untouched.

The key is the store's write generation (store.base.store_generation) read *before* the app runs, plus method, path,
query string and the request headers that change an answer (VARY_HEADERS: Accept for content negotiation, Origin
for CORS). An answer computed while a write happens is filed under the old generation, and the first request after
the write finds a new generation and empties the cache: a write is visible to the very next read. A store without a
generation (a SPARQL server other clients may write to) is never cached. The entry holds what the whole app sent, so
security headers, CORS headers and the body are the same on a hit as on a miss; the server adds Date and Server.

Bounded by entries (Settings.cache_entries, $KAMERGRAPH_API_CACHE_ENTRIES; 0 turns it off) and by MAX_TOTAL_BYTES
of bodies, paths and query strings, least recently used dropped first.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass

from starlette.datastructures import State
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from store.base import store_generation

#: Paths (exact, or a prefix ending in '/') of the read routes whose answers may be cached.
CACHED_PATHS = frozenset(
    {
        "/",
        "/letters",
        "/motions",
        "/persons",
        "/programmes",
        "/funding",
        "/quality",
        "/queries",
        "/search",
        "/sparql",
        "/graph",
        "/ontology",
        "/ontology.ttl",
        "/context.jsonld",
        "/editor",
    }
)
CACHED_PREFIXES = (
    "/letters/",
    "/motions/",
    "/persons/",
    "/programmes/",
    "/countries/",
    "/queries/",
    "/id/",
    "/text/",
    "/static/",
)
#: Request headers that change an answer: content negotiation (Accept) and CORS (Origin); part of the key.
VARY_HEADERS = (b"accept", b"origin")
#: Requests carrying credentials are never cached (their answers may depend on who asks).
CREDENTIAL_HEADERS = frozenset({b"authorization", b"cookie"})
#: The largest body kept, and the most bytes (bodies, paths and query strings) kept in all.
MAX_RESPONSE_BYTES = 1_048_576
MAX_TOTAL_BYTES = 64 * 1_048_576

Key = tuple[str, str, bytes, bytes | None, bytes | None]


@dataclass(frozen=True)
class CachedResponse:
    """What the app sent: the status, the headers of the response start, and the whole body."""

    status: int
    headers: tuple[tuple[bytes, bytes], ...]
    body: bytes


def _size(key: Key, response: CachedResponse) -> int:
    """Bytes an entry holds: its body, and its path and query string (a /sparql query can be long)."""
    return len(response.body) + len(key[1]) + len(key[2])


def cacheable_path(path: str) -> bool:
    return path in CACHED_PATHS or path.startswith(CACHED_PREFIXES)


class ResponseCache:
    """A thread-safe LRU map key -> CachedResponse for one store generation, bounded in entries and body bytes."""

    def __init__(self, max_entries: int, max_bytes: int = MAX_TOTAL_BYTES) -> None:
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self._entries: OrderedDict[Key, CachedResponse] = OrderedDict()
        self._bytes = 0
        self._generation: int | None = None
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: Key, generation: int) -> CachedResponse | None:
        """The response kept for `key` at `generation`; a new generation empties the cache first."""
        with self._lock:
            if generation != self._generation:
                self._entries.clear()
                self._bytes = 0
                self._generation = generation
            found = self._entries.get(key)
            if found is None:
                self.misses += 1
                return None
            self._entries.move_to_end(key)
            self.hits += 1
            return found

    def put(self, key: Key, generation: int, response: CachedResponse) -> None:
        """Keep `response` unless the store has moved past `generation` meanwhile; drop the oldest over the bounds."""
        with self._lock:
            if generation != self._generation:
                return
            old = self._entries.pop(key, None)
            if old is not None:
                self._bytes -= _size(key, old)
            self._entries[key] = response
            self._bytes += _size(key, response)
            while self._entries and (len(self._entries) > self.max_entries or self._bytes > self.max_bytes):
                dropped_key, dropped = self._entries.popitem(last=False)
                self._bytes -= _size(dropped_key, dropped)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0

    @property
    def size_bytes(self) -> int:
        return self._bytes

    def __len__(self) -> int:
        return len(self._entries)


def _storable(start: Message) -> bool:
    """A 200 without Set-Cookie and not marked no-store/private."""
    if start["status"] != 200:
        return False
    for name, value in start.get("headers", ()):
        lowered = name.lower()
        if lowered == b"set-cookie":
            return False
        if lowered == b"cache-control" and (b"no-store" in value.lower() or b"private" in value.lower()):
            return False
    return True


class ResponseCacheMiddleware:
    """Serves cached responses of the read routes; on a miss runs the app, forwards its answer as it comes and
    keeps it when it may be cached. `state` is the app's state, whose `store` is read on every request."""

    def __init__(self, app: ASGIApp, state: State, cache: ResponseCache) -> None:
        self.app = app
        self.state = state
        self.cache = cache

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["method"] not in ("GET", "HEAD")
            or self.cache.max_entries == 0
            or not cacheable_path(scope["path"])
        ):
            await self.app(scope, receive, send)
            return
        accept = origin = None
        for name, value in scope["headers"]:
            lowered = name.lower()
            if lowered in CREDENTIAL_HEADERS:
                await self.app(scope, receive, send)
                return
            if lowered == b"accept":
                accept = value if accept is None else accept + b", " + value
            elif lowered == b"origin":
                origin = value
        generation = store_generation(getattr(self.state, "store", None))
        if generation is None:
            await self.app(scope, receive, send)
            return
        key: Key = (scope["method"], scope["path"], scope["query_string"], accept, origin)
        found = self.cache.get(key, generation)
        if found is not None:
            await send({"type": "http.response.start", "status": found.status, "headers": list(found.headers)})
            await send({"type": "http.response.body", "body": found.body})
            return

        start: Message | None = None
        body: bytes | None = None
        storable = True

        async def keep(message: Message) -> None:
            nonlocal start, body, storable
            if message["type"] == "http.response.start":
                start = message
                storable = _storable(message)
            elif message["type"] == "http.response.body" and storable:
                chunk = message.get("body", b"")
                if body is not None or message.get("more_body", False) or len(chunk) > MAX_RESPONSE_BYTES:
                    storable = False  # streamed in parts, or too large
                else:
                    body = bytes(chunk)
            await send(message)

        await self.app(scope, receive, keep)
        if storable and start is not None and body is not None:
            headers = tuple((bytes(k), bytes(v)) for k, v in start.get("headers", ()))
            self.cache.put(key, generation, CachedResponse(start["status"], headers, body))
