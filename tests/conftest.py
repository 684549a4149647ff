"""Shared fixtures: a real Oxigraph server for the test session, `any_store` to run a test on both store kinds, and
the five sample letters loaded once by the real pipeline (`sample_letters`, read-only) with an app client on them."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import pytest

with warnings.catch_warnings():  # starlette's TestClient warns that it will move from httpx to httpx2
    warnings.filterwarnings("ignore", message=".*httpx2")
    from fastapi.testclient import TestClient

from api.main import create_app
from loaders.pipeline import ensure_ontology, ingest_path
from store.base import Store
from store.embedded import EmbeddedStore
from store.sparql import SparqlStore

#: how long the server may take to answer its first request
STARTUP_SECONDS = 20.0
#: the server is started on a fresh free port this often before giving up (another process may take the port)
START_ATTEMPTS = 3


@dataclass(frozen=True)
class OxigraphServer:
    """A running `oxigraph serve --union-default-graph` on a loopback port, with its data in a temporary folder."""

    base_url: str
    location: Path

    @property
    def query_url(self) -> str:
        return f"{self.base_url}/query"

    @property
    def update_url(self) -> str:
        return f"{self.base_url}/update"

    @property
    def gsp_url(self) -> str:
        return f"{self.base_url}/store"

    def store(self) -> SparqlStore:
        return SparqlStore(self.query_url, self.update_url, self.gsp_url, timeout=30)


def unavailable(reason: str) -> NoReturn:
    """Skip a test that needs the server, except on CI (CI is set), where a missing server is a failure."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set, so this fails instead of skipping)", pytrace=False)
    pytest.skip(reason)


def oxigraph_binary() -> str | None:
    """The `oxigraph` executable of the `oxigraph` PyPI package: beside this Python, else on PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    return shutil.which("oxigraph")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _answers(base_url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{base_url}/query?query=ASK%7B%7D", timeout=1) as response:
            status: int = response.status
            return status == 200
    except (OSError, ValueError):
        return False


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def _start(binary: str, location: Path, log: Path) -> tuple[subprocess.Popen[bytes], str] | str:
    """Start the server and wait until it answers: (process, base URL), or why it did not come up."""
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    command = [binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}", "--union-default-graph"]
    try:
        with log.open("wb") as out:
            process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT)
    except OSError as exc:
        return f"cannot run {binary}: {exc}"
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output = log.read_text(errors="replace").strip()[-500:]
            return f"`{' '.join(command)}` exited with status {process.returncode}: {output or 'no output'}"
        if _answers(base_url):
            return process, base_url
        time.sleep(0.05)
    _stop(process)
    return f"`{' '.join(command)}` did not answer on {base_url} within {STARTUP_SECONDS:g} s"


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphServer]:
    """One Oxigraph server for the whole session; stopped at the end. Skips (fails on CI) when it cannot start."""
    binary = oxigraph_binary()
    if binary is None:
        unavailable("the Oxigraph server is not installed: `pip install -e '.[dev]'` installs the oxigraph package")
    folder = tmp_path_factory.mktemp("oxigraph")
    problem = ""
    for attempt in range(START_ATTEMPTS):
        started = _start(binary, folder / f"data{attempt}", folder / f"server{attempt}.log")
        if isinstance(started, str):
            problem = started
            continue
        process, base_url = started
        try:
            yield OxigraphServer(base_url, folder / f"data{attempt}")
        finally:
            _stop(process)
        return
    unavailable(f"the Oxigraph server did not start: {problem}")


@pytest.fixture
def sparql_store(oxigraph_server: OxigraphServer) -> Iterator[SparqlStore]:
    """A SparqlStore on the session's Oxigraph server, emptied first (DROP ALL)."""
    store = oxigraph_server.store()
    store.update("DROP ALL")
    yield store
    store.close()


@pytest.fixture(params=["embedded", "sparql"])
def any_store(request: pytest.FixtureRequest) -> Iterator[Store]:
    """An empty store of each kind: the in-memory EmbeddedStore, and a SparqlStore on the session's Oxigraph server."""
    if request.param == "embedded":
        embedded = EmbeddedStore()
        yield embedded
        embedded.close()
    else:
        sparql: SparqlStore = request.getfixturevalue("sparql_store")  # starts the server only when needed
        yield sparql


LETTERS = Path(__file__).resolve().parents[1] / "data" / "letters"


@pytest.fixture(scope="session")
def sample_letters() -> Iterator[EmbeddedStore]:
    """An in-memory store with the ontology and the five sample letters; tests only read it."""
    loaded = EmbeddedStore(None)
    ensure_ontology(loaded)
    for path in sorted(LETTERS.glob("*.txt")):
        assert ingest_path(loaded, path).iri is not None, path.name
    yield loaded
    loaded.close()


@pytest.fixture(scope="session")
def sample_letters_client(sample_letters: EmbeddedStore) -> Iterator[TestClient]:
    """The real app over `sample_letters`."""
    with TestClient(create_app(store=sample_letters)) as client:
        yield client
