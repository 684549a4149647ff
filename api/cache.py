"""Computed answers (whole lists, before paging) cached until the store changes, keyed on the store's generation.

A route asks for `CacheDep` and wraps its work in `cache.get(store, key, compute)`. The store's `generation`
(store.base.store_generation) is read *before* computing and is part of the key, so an answer computed while a write
happens is filed under the old generation and never served after the write. Stores that cannot vouch for seeing
every write (a SPARQL server other clients may write to; any store without a generation) are never cached.

Beside it, api/response_cache.py keeps whole responses of repeated identical requests in front of the app. This
cache earns its keep where that one cannot: the pages of one list (?limit=, ?offset=) are different URLs but share
one computation here (a hot country's motions take seconds at 1 M triples).
Settings.cache_entries ($KAMERGRAPH_API_CACHE_ENTRIES, default 2048) bounds both; 0 turns both off (benchmarks).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Annotated, Any, TypeVar

from fastapi import Depends, Request

from api.settings import CACHE_ENTRIES, Settings
from store.base import Store, store_generation

T = TypeVar("T")

#: Answers kept at most by default (least recently used dropped first); older generations are unreachable.
MAX_ENTRIES = CACHE_ENTRIES


class AnswerCache:
    """A thread-safe LRU map (store generation, route key) -> answer; answers must not be mutated by callers."""

    def __init__(self, max_entries: int = MAX_ENTRIES) -> None:
        self.max_entries = max_entries
        self._entries: OrderedDict[tuple[int, Hashable], Any] = OrderedDict()
        self._generation: int | None = None
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, store: Store, key: Hashable, compute: Callable[[], T]) -> T:
        """The cached answer for `key` at the store's current generation, else compute it (and keep it)."""
        generation = store_generation(store)
        if generation is None or self.max_entries == 0:
            return compute()
        full_key = (generation, key)
        with self._lock:
            if generation != self._generation:  # the store changed: every kept answer is stale
                self._entries.clear()
                self._generation = generation
            if full_key in self._entries:
                self._entries.move_to_end(full_key)
                self.hits += 1
                answer: T = self._entries[full_key]
                return answer
            self.misses += 1
        answer = compute()  # outside the lock: concurrent requests for different keys run in parallel
        with self._lock:
            if generation == self._generation:
                self._entries[full_key] = answer
                while len(self._entries) > self.max_entries:
                    self._entries.popitem(last=False)
        return answer

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)


_CREATE_LOCK = threading.Lock()


async def get_cache(request: Request) -> AnswerCache:
    """The app's answer cache, created on first use (one per app, so two apps never share answers)."""
    state = request.app.state
    cache: AnswerCache | None = getattr(state, "answer_cache", None)
    if cache is None:
        with _CREATE_LOCK:
            cache = getattr(state, "answer_cache", None)
            if cache is None:
                settings: Settings = request.app.state.settings
                cache = AnswerCache(settings.cache_entries)
                state.answer_cache = cache
    return cache


CacheDep = Annotated[AnswerCache, Depends(get_cache)]
