"""The server keeps heavy work from crowding out lookups: exports run one at a time in one thread of lower priority
(api/heavy.py), the upload-preparing process runs at a lower priority, and a served app tunes the GIL and the GC."""

from __future__ import annotations

import asyncio
import gc
import os
import sys
import threading
import time
import warnings
from functools import partial
from pathlib import Path

import pytest
from fastapi import FastAPI

from api import heavy
from api.main import create_app
from api.routes import documents
from api.settings import Settings

with warnings.catch_warnings():  # starlette's TestClient warns that it will move from httpx to httpx2
    warnings.filterwarnings("ignore", message=".*httpx2")
    from fastapi.testclient import TestClient

LINUX = sys.platform.startswith("linux")


def test_heavy_work_runs_one_at_a_time_in_a_single_thread() -> None:
    """Five pieces of work submitted at once never overlap and all run in the same 'heavy' thread."""
    app = FastAPI()
    running = 0
    most = 0
    threads: set[str] = set()
    guard = threading.Lock()

    def work(number: int) -> int:
        nonlocal running, most
        with guard:
            running += 1
            most = max(most, running)
            threads.add(threading.current_thread().name)
        time.sleep(0.02)
        with guard:
            running -= 1
        return number

    async def all_at_once() -> list[int]:
        return await asyncio.gather(*(heavy.run_heavy(app, partial(work, n)) for n in range(5)))

    try:
        assert asyncio.run(all_at_once()) == [0, 1, 2, 3, 4]
    finally:
        heavy.close(app)
    assert most == 1
    assert len(threads) == 1 and next(iter(threads)).startswith("heavy")


@pytest.mark.skipif(not LINUX, reason="a thread has its own nice value on Linux only")
def test_the_heavy_thread_runs_at_a_lower_priority_than_the_server() -> None:
    app = FastAPI()
    process = os.getpriority(os.PRIO_PROCESS, 0)

    def own_priority() -> int:
        return os.getpriority(os.PRIO_PROCESS, threading.get_native_id())

    try:
        found = asyncio.run(heavy.run_heavy(app, own_priority))
    finally:
        heavy.close(app)
    assert found == min(19, process + heavy.NICENESS)
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == process, "the calling thread is unchanged"


@pytest.mark.skipif(not hasattr(os, "nice"), reason="os.nice is Unix-only")
def test_the_preparing_process_runs_at_a_lower_priority_than_the_server() -> None:
    app = FastAPI()
    documents.start_preparer(app)
    try:
        worker = app.state.preparer.submit(os.nice, 0).result(timeout=120)  # os.nice(0): the worker's own value
    finally:
        documents.stop_preparer(app)
    assert worker == min(19, os.nice(0) + documents.WORKER_NICENESS)


def test_a_served_app_tunes_the_gil_and_the_gc_and_exports_still_answer(tmp_path: Path) -> None:
    """Serving its own store (as `kamergraph serve` does) sets the switch interval and freezes the start-up objects
    out of the GC's collections; an export through the heavy lane answers as before (an empty store: an empty
    N-Triples file)."""
    before = sys.getswitchinterval()
    gc.unfreeze()
    try:
        app = create_app(Settings(store_path=tmp_path / "store", search_at_start=False))
        with TestClient(app) as client:
            assert sys.getswitchinterval() == pytest.approx(heavy.SWITCH_INTERVAL)
            assert gc.get_freeze_count() > 10_000, "the modules' objects are frozen"
            answer = client.get("/export", params={"format": "nt"})
            assert answer.status_code == 200
            assert answer.content.strip() == b""
        assert app.state.heavy_lanes is None, "the lanes are closed with the app"
    finally:
        sys.setswitchinterval(before)
        gc.unfreeze()
