"""Runs /sparql queries within the limits: time (503 when over), result size (400), and queries at once (503).

pyoxigraph has no query timeout and a running query cannot be killed from Python, so each query runs in its own
daemon thread and the request waits for it at most `query_timeout` seconds. pyoxigraph evaluates lazily and releases
the GIL while it works, so:

- a query that streams rows (most queries) is really stopped: the store calls `check` as each row arrives, and
  `check` raises once the time is up or the row limit is passed, which ends the evaluation;
- a query that works a long time before its first row (an aggregate or ORDER BY over a huge join) cannot be
  stopped: the client still gets 503 on time, and the thread keeps one of the `max_queries` slots until the
  evaluation ends, so abandoned queries can never pile up beyond that number (further queries get 503 at once).

Worker processes were rejected: the embedded store's folder can be opened by one process only (RocksDB's lock),
and an in-memory store cannot be shared at all. A SPARQL server store (store/sparql.py) has its own HTTP timeout;
its answers are counted against the row limit after they arrive.
"""

from __future__ import annotations

import asyncio
import threading
import time
from concurrent.futures import Future

from api.errors import ResultTooLarge, Unavailable
from api.settings import Settings
from store.base import QueryResult, Store
from store.embedded import EmbeddedStore


class _Stopped(Exception):
    """Raised inside a query's thread to end an evaluation whose client has already been answered."""


class QueryGuard:
    """The limits of one app's /sparql queries; `running` is how many query threads are still working."""

    def __init__(self, timeout: float, max_results: int, max_queries: int) -> None:
        self.timeout = timeout
        self.max_results = max_results
        self.max_queries = max_queries
        self._slots = threading.BoundedSemaphore(max_queries)
        self._lock = threading.Lock()
        self._running = 0

    @classmethod
    def from_settings(cls, settings: Settings) -> QueryGuard:
        return cls(settings.query_timeout, settings.max_results, settings.max_queries)

    @property
    def running(self) -> int:
        with self._lock:
            return self._running

    def _too_large(self) -> ResultTooLarge:
        return ResultTooLarge(
            f"the answer has more than {self.max_results} rows or triples, the most this endpoint returns: add a "
            "LIMIT (and OFFSET to page), or download everything from /export"
        )

    def _evaluate(self, store: Store, sparql: str, deadline: float, abandoned: threading.Event) -> QueryResult:
        def check(count: int) -> None:
            if abandoned.is_set() or time.monotonic() > deadline:
                raise _Stopped
            if count >= self.max_results:
                raise self._too_large()

        if isinstance(store, EmbeddedStore):
            return store.query(sparql, check=check)
        result = store.query(sparql)
        if isinstance(result, bool):
            return result
        if len(result) > self.max_results:
            raise self._too_large()
        return result

    async def run(self, store: Store, sparql: str) -> QueryResult:
        """The query's result, or ResultTooLarge / Unavailable (too many queries running, or out of time)."""
        future, abandoned = self._start(store, sparql)
        try:
            return await asyncio.wait_for(asyncio.wrap_future(future), self.timeout)
        except _Stopped:
            raise self._timed_out() from None
        except TimeoutError:
            abandoned.set()
            raise self._timed_out() from None

    def run_sync(self, store: Store, sparql: str) -> QueryResult:
        """As run(), for code already on a worker thread (it blocks that thread until the answer or the timeout)."""
        future, abandoned = self._start(store, sparql)
        try:
            return future.result(self.timeout)
        except _Stopped:
            raise self._timed_out() from None
        except TimeoutError:
            abandoned.set()
            raise self._timed_out() from None

    def _start(self, store: Store, sparql: str) -> tuple[Future[QueryResult], threading.Event]:
        """Take a slot and start the query's thread: its future, and the event that tells it it was abandoned."""
        if not self._slots.acquire(blocking=False):
            raise Unavailable(
                f"{self.max_queries} queries are running, the most this endpoint runs at once; retry in a few seconds",
                code="too_many_queries",
            )
        deadline = time.monotonic() + self.timeout
        abandoned = threading.Event()
        future: Future[QueryResult] = Future()
        future.set_running_or_notify_cancel()  # so that giving up on the answer never cancels the thread's future

        def work() -> None:
            try:
                future.set_result(self._evaluate(store, sparql, deadline, abandoned))
            except BaseException as exc:  # handed to the waiting request (or dropped if it has given up)
                # pyoxigraph's result iterator must be freed on the thread that made it: cut the tracebacks, whose
                # frames hold it, before the exception travels to the request's thread.
                exc.__traceback__ = exc.__cause__ = exc.__context__ = None
                future.set_exception(exc)
            finally:
                with self._lock:
                    self._running -= 1
                self._slots.release()

        with self._lock:
            self._running += 1
        threading.Thread(target=work, name="sparql-query", daemon=True).start()
        return future, abandoned

    def _timed_out(self) -> Unavailable:
        return Unavailable(
            f"the query ran longer than {self.timeout:g} s, the most this endpoint allows, and was stopped: make it "
            "more selective or add a LIMIT",
            code="query_timeout",
        )
