"""Keeping heavy work from crowding out lookups: requests that cost seconds of CPU (exports) run one at a time in
their own thread, at a lower priority where the OS allows it, and a serving process tunes the GIL and the GC."""

from __future__ import annotations

import asyncio
import gc
import logging
import os
import sys
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from fastapi import FastAPI

log = logging.getLogger(__name__)
T = TypeVar("T")

#: How much lower the heavy thread runs than the server's other threads (Linux: a thread has its own nice value).
NICENESS = 5
#: The GIL's switch interval while serving (Python's default is 5 ms): a thread that wants the GIL back (a lookup
#: whose query has returned) waits at most this long for a thread running Python code (an export) to let it go.
SWITCH_INTERVAL = 0.001
_CREATE = threading.Lock()


def tune_for_serving() -> None:
    """Process-wide settings of a server, called once it has started: the GIL switch interval SWITCH_INTERVAL, and
    the objects of start-up (modules, the ontology, query texts: ~135 000) moved out of the garbage collector's
    reach (gc.freeze), so its full collections, which stop every thread, do not walk them again and again (under the
    load test they took up to 215 ms, 10 in a 30 s run)."""
    sys.setswitchinterval(SWITCH_INTERVAL)
    gc.collect()
    gc.freeze()


def _lower_priority() -> None:
    """In the heavy thread: raise its nice value by NICENESS (Linux sets it per thread; elsewhere nothing)."""
    if not hasattr(os, "setpriority"):
        return
    try:
        current = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), current + NICENESS)
    except OSError as exc:  # not allowed here: the lane still runs one request at a time
        log.info("heavy lane keeps the server's priority: %s", exc)


def lane(app: FastAPI) -> ThreadPoolExecutor:
    """The app's heavy lane (one thread, created on first use; `close(app)` ends it)."""
    with _CREATE:
        executor: ThreadPoolExecutor | None = getattr(app.state, "heavy_lane", None)
        if executor is None:
            executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="heavy", initializer=_lower_priority)
            app.state.heavy_lane = executor
        return executor


async def run_heavy(app: FastAPI, work: Callable[[], T]) -> T:
    """`work()` in the app's heavy lane, after the heavy requests before it (they queue, taking no CPU meanwhile)."""
    return await asyncio.wrap_future(lane(app).submit(work))


def close(app: FastAPI) -> None:
    """End the lane's thread after the work it has (called when the app stops)."""
    with _CREATE:
        executor: ThreadPoolExecutor | None = getattr(app.state, "heavy_lane", None)
        app.state.heavy_lane = None
    if executor is not None:
        executor.shutdown(wait=True, cancel_futures=True)
