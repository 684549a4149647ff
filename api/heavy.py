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
from typing import Literal, TypeVar

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


#: The lanes: exports, and searches (whose index sync after each upload and long hit lists cost 10-200 ms each).
Lane = Literal["export", "search"]
LANES: tuple[Lane, ...] = ("export", "search")


def lane(app: FastAPI, name: Lane = "export") -> ThreadPoolExecutor:
    """The app's heavy lane `name` (one thread, created on first use; `close(app)` ends them)."""
    with _CREATE:
        lanes: dict[str, ThreadPoolExecutor] | None = getattr(app.state, "heavy_lanes", None)
        if lanes is None:
            lanes = app.state.heavy_lanes = {}
        executor = lanes.get(name)
        if executor is None:
            executor = ThreadPoolExecutor(1, thread_name_prefix=f"heavy-{name}", initializer=_lower_priority)
            lanes[name] = executor
        return executor


async def run_heavy(app: FastAPI, work: Callable[[], T], name: Lane = "export") -> T:
    """`work()` in the app's heavy lane `name`, after the work queued there before it (queued requests take no CPU
    meanwhile)."""
    return await asyncio.wrap_future(lane(app, name).submit(work))


def close(app: FastAPI) -> None:
    """End the lanes' threads after the work they have (called when the app stops)."""
    with _CREATE:
        lanes: dict[str, ThreadPoolExecutor] = getattr(app.state, "heavy_lanes", None) or {}
        app.state.heavy_lanes = None
    for executor in lanes.values():
        executor.shutdown(wait=True, cancel_futures=True)
