"""The benchmark, side by side on the same data: ingest, the 'motions on country X' lookup five ways, API throughput.

python -m bench.run --quick     # make bench: 100 k and 1 M triples, 1 000 letters, short load
python -m bench.run             # make bench-full: 100 k, 1 M and 5 M triples, 1 000 and 10 000 letters

Writes bench/RESULTS.md (keeping everything below the load-test marker, which bench/load.py owns) and the raw
figures to var/bench/results.json. Generated data is kept in var/bench/ and reused by later runs (same seed, same
files). Every server listens on 127.0.0.1 only. Nothing here is a test: figures are measured, never asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import http.client
import json
import os
import platform
import re
import resource
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
import pyoxigraph as ox
from rdflib import Dataset

from bench.graphs import HOT_COUNTRY, HOT_SHARE, write_graph
from ontology.namespace import PREFIXES
from queries import get
from store.base import SelectResult, with_values
from store.embedded import EmbeddedStore
from store.sparql import SparqlStore

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
MARKER = "<!-- load-test results below (bench/load.py) -->"
SIZES = {"20k": 20_000, "100k": 100_000, "1M": 1_000_000, "5M": 5_000_000}
#: The parts of a run, in order; --only picks some.
PARTS = ("ingest", "lookups", "throughput")
#: Graph sizes the throughput is measured at (20k: the smoke run).
THROUGHPUT_SIZES = ("20k", "1M")
#: Address space the rdflib child may use: ~2 GiB per million triples are needed; more means a MemoryError.
RDFLIB_MEMORY = 16 * 2**30
#: Seconds one request of a way (the API, the Oxigraph server) may take before it counts as failed.
WAY_TIMEOUT = 600.0
#: Seconds the bench waits at most for a started API server to finish its start-up work before measuring.
QUIET_WAIT = 900.0
#: seconds a way of querying may spend on one country before it stops repeating (rdflib at 5 M needs this)
LOOKUP_BUDGET = 30.0


@dataclass
class Plan:
    sizes: list[str]
    ingests: list[int]
    reps: int
    load_seconds: float
    connections: int
    rdflib_seconds: float = 600
    seed: int = 7


QUICK = Plan(sizes=["100k", "1M"], ingests=[1000], reps=100, load_seconds=10, connections=8, rdflib_seconds=240)
SMOKE = Plan(sizes=["20k"], ingests=[40], reps=5, load_seconds=2, connections=4, rdflib_seconds=20)
#: The whole run, 55-60 min on 2 cores at today's ingest rate (estimates per part in README's bench notes): the
#: lookups at the sizes issue 6 names (1 M, 5 M; make bench covers 100 k), rdflib within 240 s per size.
FULL = Plan(
    sizes=["1M", "5M"], ingests=[1000, 10_000], reps=200, load_seconds=30, connections=8, rdflib_seconds=240
)


@dataclass
class Timing:
    n: int
    p50_ms: float
    p99_ms: float

    def cell(self) -> str:
        return f"{self.p50_ms:.2f} / {self.p99_ms:.2f}" + (f" (n={self.n})" if self.n < 20 else "")


@dataclass
class Lookup:
    size: str
    triples: int
    role: str
    country: str
    motions: int
    ways: dict[str, Timing] = field(default_factory=dict)


@dataclass
class Ingest:
    letters: int
    seconds: float
    documents_per_second: float
    loaded: int
    peak_rss_mib: float
    store_mib: float
    triples: int


@dataclass
class Throughput:
    size: str
    cache: str
    connections: int
    seconds: float
    requests: int
    errors: int
    per_second: float
    p50_ms: float
    p99_ms: float
    generator: str = "httpx"


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def timed(run: Callable[[], object], reps: int, budget: float = LOOKUP_BUDGET) -> Timing:
    """p50 and p99 in ms of `reps` runs after one warm-up run, stopping early when the budget is spent (a run slower
    than a third of the budget is measured once: its warm-up run is the sample)."""
    start = time.perf_counter()
    run()
    first = (time.perf_counter() - start) * 1000
    if first > budget * 1000 / 3:
        return Timing(1, first, first)
    samples: list[float] = []
    deadline = time.perf_counter() + budget
    for _ in range(reps):
        start = time.perf_counter()
        run()
        samples.append((time.perf_counter() - start) * 1000)
        if time.perf_counter() > deadline:
            break
    return Timing(len(samples), percentile(samples, 0.5), percentile(samples, 0.99))


def folder_mib(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 2**20


def stop(process: subprocess.Popen[bytes]) -> None:
    """Terminate a child process, killing it when it does not end within 20 s."""
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=20)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def wait_until_answering(url: str, process: subprocess.Popen[bytes], seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server for {url} exited with status {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {seconds:g} s")


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) a process has used so far, from /proc (0 where there is no /proc)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wait_until_quiet(process: subprocess.Popen[bytes], seconds: float = QUIET_WAIT) -> float:
    """Wait until the server uses less than a tenth of a core over a second (its start-up work, such as building
    the search index in the background, is done), at most `seconds`; returns the seconds waited."""
    start = time.monotonic()
    used = cpu_seconds(process.pid)
    while time.monotonic() - start < seconds and process.poll() is None:
        time.sleep(1)
        now = cpu_seconds(process.pid)
        if now - used < 0.1:
            break
        used = now
    return time.monotonic() - start


@contextmanager
def running(command: list[str], probe: str, env: dict[str, str] | None = None, quiet: bool = False) -> Iterator[None]:
    """A server process (loopback only) for the duration of the block; stopped and waited for afterwards. `quiet`:
    the block starts only once the server has finished its start-up work (wait_until_quiet)."""
    process = subprocess.Popen(
        command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
    )
    try:
        wait_until_answering(probe, process)
        if quiet:
            waited = wait_until_quiet(process)
            if waited > 5:
                print(f"  the server was busy for {waited:.0f} s after it started answering", flush=True)
        yield
    finally:
        stop(process)


@contextmanager
def api_server(location: Path, cache: str) -> Iterator[str]:
    """`kamergraph serve` on the store at `location`, cache 'off' or 'on', once quiet; yields its base URL."""
    port = free_port()
    # no search index: the bench never searches, and building it at 1 M triples costs a minute of CPU
    env = dict(
        os.environ, KAMERGRAPH_API_CACHE_ENTRIES="0" if cache == "off" else "2048", KAMERGRAPH_API_SEARCH_AT_START="0"
    )
    base = f"http://127.0.0.1:{port}"
    command = [str(BIN / "kamergraph"), "serve", "--store", str(location), "--port", str(port)]
    with running(command, f"{base}/health", env, quiet=True):
        yield base


# -- ingest ----------------------------------------------------------------------------------------------------------


def letters_folder(count: int, work: Path, seed: int) -> Path:
    """var/bench/letters-<count>-seed<seed>: `count` generated letters, written when missing."""
    letters = work / f"letters-{count}-seed{seed}"
    if not letters.is_dir() or len(list(letters.glob("*.txt"))) != count:
        subprocess.run(
            [sys.executable, "-m", "bench.generate", "--count", str(count), "--out", str(letters), "--seed", str(seed)],
            check=True,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
        )
    return letters


def bench_ingest(count: int, work: Path, seed: int) -> Ingest:
    """`kamergraph ingest --jobs 2` of `count` generated letters into a fresh store: wall time, peak RSS, size."""
    letters = letters_folder(count, work, seed)
    store = work / f"ingest-store-{count}"
    shutil.rmtree(store, ignore_errors=True)
    command = [str(BIN / "kamergraph"), "ingest", str(letters), "--store", str(store), "--jobs", "2"]
    timer = shutil.which("time") or "/usr/bin/time"
    report = work / "ingest-time.txt"
    start = time.perf_counter()
    with (work / f"ingest-{count}.log").open("wb") as log:
        done = subprocess.run([timer, "-f", "%M", "-o", str(report), *command], stdout=log, stderr=log)
    if done.returncode not in (0, 1):  # 1: some letters were rejected (counted below as not stored); else a failure
        raise RuntimeError(f"kamergraph ingest exited {done.returncode}; see {work / f'ingest-{count}.log'}")
    seconds = time.perf_counter() - start
    peak_kib = float(report.read_text().split()[-1])
    with _opened(store) as opened:
        graphs = len(opened.graph_names()) - 1  # the ontology's graph
        triples = opened.triple_count()
    return Ingest(count, seconds, count / seconds, graphs, peak_kib / 1024, folder_mib(store), triples)


@contextmanager
def _opened(path: Path) -> Iterator[EmbeddedStore]:
    store = EmbeddedStore(path, read_only=True)
    try:
        yield store
    finally:
        store.close()


# -- lookups ---------------------------------------------------------------------------------------------------------


def graph_file(size: str, work: Path, seed: int, timings: dict[str, Any] | None = None) -> tuple[Path, int]:
    """The N-Quads of the graph of `size` triples (var/bench/graph-<size>-seed<seed>.nq), generated when missing,
    continuing the largest smaller graph of the same seed (the seconds that took go to timings['graph_s'])."""
    path = work / f"graph-{size}-seed{seed}.nq"
    if not path.exists():
        print(f"  generating the {size} graph ...", flush=True)
        start = time.perf_counter()
        smaller = [work / f"graph-{name}-seed{seed}.nq" for name, n in SIZES.items() if n < SIZES[size]]
        extend = next((graph for graph in reversed(smaller) if graph.exists()), None)  # its letters come first
        made = write_graph(SIZES[size], path, seed=seed, extend=extend)
        if timings is not None:
            timings["graph_s"] = time.perf_counter() - start
        return path, made.triples
    with path.open("rb") as lines:
        return path, sum(1 for _ in lines)


def store_folder(size: str, work: Path, seed: int, timings: dict[str, Any] | None = None) -> Path:
    """The embedded store of the graph of `size` triples in var/bench/store-<size>, bulk-loaded when missing (the
    seconds that took go to timings['store_load_s'])."""
    location = work / f"store-{size}"
    if not (location / "CURRENT").exists():
        nq, _ = graph_file(size, work, seed, timings)
        print(f"  bulk-loading the {size} graph into {location} ...", flush=True)
        start = time.perf_counter()
        shutil.rmtree(location, ignore_errors=True)
        loading = ox.Store(str(location))
        loading.bulk_load(path=str(nq), format=ox.RdfFormat.N_QUADS)
        loading.flush()
        del loading
        gc.collect()
        if timings is not None:
            timings["store_load_s"] = time.perf_counter() - start
    return location


def typical_country(location: Path) -> str:
    """The typical country of a store (see pick_countries), the store released on return."""
    store = ox.Store(str(location))
    try:
        return next(code for role, code, _ in pick_countries(store) if role == "typical")
    finally:
        del store
        gc.collect()


def motions_query(code: str) -> tuple[str, dict[str, Any]]:
    """The named query GET /motions?country= runs (api/routes/motions.py), with the country bound."""
    query = get("motions-by-country")
    return query.sparql, query.bind({"country": code})


def pick_countries(store: ox.Store) -> list[tuple[str, str, int]]:
    """(role, ISO code, motions tied): the hot country and a typical one (the median of the countries with ties)."""
    counts: dict[str, int] = {}
    solutions = store.query(
        "SELECT ?code (COUNT(DISTINCT ?m) AS ?n) WHERE { ?m kg:concernsCountry ?c . ?c kg:iso3166Alpha2 ?code } "
        "GROUP BY ?code",
        prefixes=PREFIXES,
        use_default_graph_as_union=True,
    )
    assert isinstance(solutions, ox.QuerySolutions)
    for row in solutions:
        code, n = row["code"], row["n"]
        assert isinstance(code, ox.Literal) and isinstance(n, ox.Literal)
        counts[code.value] = int(n.value)
    ordered = sorted((n, code) for code, n in counts.items() if code != HOT_COUNTRY)
    typical_n, typical = ordered[len(ordered) // 2]
    return [("typical", typical, typical_n), ("hot", HOT_COUNTRY, counts.get(HOT_COUNTRY, 0))]


def raw_lookup(store: ox.Store, code: str) -> Callable[[], int]:
    sparql, bindings = motions_query(code)
    text = with_values(sparql, bindings)

    def run() -> int:
        solutions = store.query(text, prefixes=PREFIXES, use_default_graph_as_union=True)
        assert isinstance(solutions, ox.QuerySolutions)
        return sum(1 for _ in solutions)

    return run


def _raw_phase(location: Path, size: str, triples: int, plan: Plan) -> list[Lookup]:
    """Choose the countries and time (a), the raw pyoxigraph query, on a Store that is released on return."""
    raw_store = ox.Store(str(location))
    chosen = pick_countries(raw_store)
    results = [Lookup(size, triples, role, code, n) for role, code, n in chosen]
    for result in results:
        run = raw_lookup(raw_store, result.country)
        result.ways["a_raw"] = timed(run, plan.reps)
        result.motions = run()  # rows of the answer: the motions listed
    return results


def rdflib_lookup(dataset: Dataset, text: str) -> int:
    rows: list[object] = list(dataset.query(text, initNs=PREFIXES))
    return len(rows)


def rdflib_worker(nq: Path, codes: list[str], reps: int) -> None:
    """(d) in a child process: load the N-Quads into rdflib's in-memory Dataset, then time the lookup for each
    country; one JSON line per result on stdout, so the parent keeps what finished when it stops a slow run."""
    start = time.perf_counter()
    dataset = Dataset(default_union=True)
    dataset.parse(str(nq), format="nquads")
    print(json.dumps({"load_s": time.perf_counter() - start}), flush=True)
    for code in codes:
        sparql, bindings = motions_query(code)
        run = partial(rdflib_lookup, dataset, with_values(sparql, bindings))
        first = time.perf_counter()
        run()
        if time.perf_counter() - first > 1:  # slow: the first run counts, no warm-up is worth its time
            samples = [(time.perf_counter() - first) * 1000]
            timing = Timing(1, samples[0], samples[0])
        else:
            timing = timed(run, reps)
        print(json.dumps({"code": code, **asdict(timing)}), flush=True)


def _memory_cap() -> None:
    """In the rdflib child: at most RDFLIB_MEMORY bytes of address space (a MemoryError instead of a swapping host)."""
    resource.setrlimit(resource.RLIMIT_AS, (RDFLIB_MEMORY, RDFLIB_MEMORY))


def _rdflib_phase(nq: Path, results: list[Lookup], plan: Plan, work: Path) -> dict[str, Any]:
    """Run rdflib_worker within the plan's time budget and RDFLIB_MEMORY: the figures go into `results`; returns
    rdflib_load_s, rdflib_stopped_after_s (the budget, when it had to be stopped) and rdflib_note (why it stopped)."""
    command = [sys.executable, "-m", "bench.run", "--rdflib-worker", str(nq), "--reps", str(plan.reps)]
    command += [result.country for result in results]
    errors = work / "rdflib-worker.err"
    with errors.open("w", encoding="utf-8") as sink:
        process = subprocess.Popen(
            command, cwd=ROOT, stdout=subprocess.PIPE, stderr=sink, text=True, preexec_fn=_memory_cap
        )
        try:
            out, _ = process.communicate(timeout=plan.rdflib_seconds)
            stopped = None
        except subprocess.TimeoutExpired:
            process.kill()
            out, _ = process.communicate()
            stopped = plan.rdflib_seconds
    load: float | None = None
    by_code = {result.country: result for result in results}
    for line in (out or "").splitlines():
        item = json.loads(line)
        if "load_s" in item:
            load = item["load_s"]
        else:
            by_code[item["code"]].ways["d_rdflib"] = Timing(item["n"], item["p50_ms"], item["p99_ms"])
    note = None
    if stopped is not None:
        note = f"stopped after its budget of {stopped:.0f} s" + ("" if load is not None else ", still parsing")
    elif process.returncode != 0:
        failure = errors.read_text(encoding="utf-8", errors="replace")
        limit = f"{RDFLIB_MEMORY / 2**30:.0f} GiB"
        note = f"ran out of its memory budget ({limit})" if "MemoryError" in failure else (
            f"failed (exit status {process.returncode}; see {errors})"
        )
    return {"rdflib_load_s": load, "rdflib_stopped_after_s": stopped, "rdflib_note": note}


def _measure(result: Lookup, way: str, run: Callable[[], object], plan: Plan, extra: dict[str, Any]) -> bool:
    """Time one way into result.ways; a failure (a time-out, a server error) is noted in extra['failures'] and
    leaves a '-' in the table instead of ending a run of forty minutes."""
    try:
        result.ways[way] = timed(run, plan.reps)
        return True
    except Exception as exc:  # any failure of the way measured: noted, the run goes on
        extra.setdefault("failures", []).append(f"{way} {result.role} ({result.country}): {type(exc).__name__}: {exc}")
        return False


def api_connection(base: str) -> http.client.HTTPConnection:
    """One keep-alive connection to the API at `base` (http://127.0.0.1:PORT)."""
    host, port = base.removeprefix("http://").split(":")
    return http.client.HTTPConnection(host, int(port), timeout=WAY_TIMEOUT)


def get_motions(connection: http.client.HTTPConnection, code: str) -> None:
    """GET /motions?country=CODE over `connection`, the whole body read; an answer other than 200 raises.

    The latency client is the standard library's http.client, the thinnest client there is, so that the figure is
    the server's and not the client's; httpx is measured beside it on the same server (extra['httpx_client']): on an
    idle machine the two came within ~2 ms of each other, either way round, from one run to the next."""
    connection.request("GET", "/motions?" + urlencode({"country": code}))
    response = connection.getresponse()
    response.read()
    if response.status != 200:
        raise RuntimeError(f"GET /motions?country={code} answered {response.status}")


def get_motions_httpx(client: httpx.Client, code: str) -> None:
    client.get("/motions", params={"country": code}).raise_for_status()


def bench_lookups(
    size: str, work: Path, plan: Plan, skip_rdflib: str | None = None, load: str | None = None
) -> tuple[list[Lookup], dict[str, Any]]:
    """The lookup at one graph size through (a) raw pyoxigraph, (b) the store layer, (c) the REST API (a real
    uvicorn process, cache off and on), (d) rdflib's in-memory Dataset (not run when `skip_rdflib` says why), (e) the
    Oxigraph server via SparqlStore. `load`: a load generator to measure the throughput with on the same API servers
    (extra['throughput'])."""
    extra: dict[str, Any] = {}
    nq, triples = graph_file(size, work, plan.seed, extra)
    location = store_folder(size, work, plan.seed, extra)
    extra["store_mib"] = folder_mib(location)

    results = _raw_phase(location, size, triples, plan)
    gc.collect()  # the raw store is closed: the store layer (and later the API server) can open the folder

    layer = EmbeddedStore(location)
    for result in results:
        sparql, bindings = motions_query(result.country)
        if _measure(result, "b_store", partial(layer.query, sparql, bindings), plan, extra):
            found = layer.query(sparql, bindings)
            assert isinstance(found, SelectResult) and len(found) == result.motions, "the layer and raw answers differ"
    layer.close()
    del layer
    gc.collect()

    for cache in ("off", "on"):
        with api_server(location, cache) as base, closing(api_connection(base)) as connection:
            for result in results:
                _measure(result, f"c_api_cache_{cache}", partial(get_motions, connection, result.country), plan, extra)
            if cache == "off":  # what a heavier Python client adds on top of the same server (a note, not a way)
                sample = next(result for result in results if result.role == "typical")
                with httpx.Client(base_url=base, timeout=WAY_TIMEOUT) as client:
                    with_httpx = timed(partial(get_motions_httpx, client, sample.country), plan.reps)
                extra["httpx_client"] = {"country": sample.country, "p50": with_httpx.p50_ms, "p99": with_httpx.p99_ms}
            if load is not None:  # the throughput on the same server: one start (and index warm-up) fewer
                typical = next(result.country for result in results if result.role == "typical")
                extra.setdefault("throughput", []).append(asdict(throughput_on(base, size, cache, typical, plan, load)))

    if skip_rdflib:
        extra.update(rdflib_load_s=None, rdflib_stopped_after_s=None, rdflib_note=skip_rdflib)
    else:
        extra.update(_rdflib_phase(nq, results, plan, work))

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = str(BIN / "oxigraph")
    command = [server, "serve-read-only", "--location", str(location), "--bind", f"127.0.0.1:{port}",
               "--union-default-graph"]  # fmt: skip
    with running(command, f"{base}/query?query=ASK%7B%7D"):
        remote = SparqlStore(f"{base}/query", timeout=WAY_TIMEOUT)
        for result in results:
            sparql, bindings = motions_query(result.country)
            _measure(result, "e_oxigraph_server", partial(remote.query, sparql, bindings), plan, extra)
    return results, extra


# -- throughput ------------------------------------------------------------------------------------------------------


async def _load(base: str, path: str, connections: int, seconds: float) -> tuple[int, int, list[float]]:
    latencies: list[float] = []
    errors = 0
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:
        deadline = time.perf_counter() + seconds

        async def worker() -> None:
            nonlocal errors
            while time.perf_counter() < deadline:
                start = time.perf_counter()
                try:
                    response = await client.get(path)
                    if response.status_code != 200:
                        errors += 1
                except httpx.HTTPError:
                    errors += 1
                latencies.append((time.perf_counter() - start) * 1000)

        await asyncio.gather(*(worker() for _ in range(connections)))
    return len(latencies), errors, latencies


@dataclass(frozen=True)
class LoadFigures:
    """What one load run measured: requests answered, errors among them, rate and latency percentiles."""

    requests: int
    errors: int
    per_second: float
    p50_ms: float
    p99_ms: float


_WRK_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _wrk_ms(text: str) -> float:
    """A wrk duration ('812.00us', '1.20ms', '2.01s', '1.00m') in milliseconds."""
    match = re.fullmatch(r"([0-9.]+)(us|ms|s|m)", text.strip())
    if match is None:
        raise ValueError(f"wrk printed a latency this script cannot read: {text!r}")
    return float(match.group(1)) * _WRK_UNITS[match.group(2)]


def parse_wrk(output: str) -> LoadFigures:
    """The figures of `wrk --latency` output: requests, non-2xx/3xx answers plus socket errors, requests/s, p50, p99."""
    requests = re.search(r"^\s*(\d+) requests in ", output, re.MULTILINE)
    rate = re.search(r"^Requests/sec:\s*([0-9.]+)", output, re.MULTILINE)
    p50 = re.search(r"^\s*50(?:\.0+)?%\s+(\S+)", output, re.MULTILINE)
    p99 = re.search(r"^\s*99(?:\.0+)?%\s+(\S+)", output, re.MULTILINE)
    if requests is None or rate is None or p50 is None or p99 is None:
        raise ValueError(f"wrk's output lacks the request count, rate or percentiles:\n{output}")
    errors = 0
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s*(\d+)", output)
    if non_2xx:
        errors += int(non_2xx.group(1))
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    if sockets:
        errors += sum(int(n) for n in sockets.groups())
    count, per_second = int(requests.group(1)), float(rate.group(1))
    return LoadFigures(count, errors, per_second, _wrk_ms(p50.group(1)), _wrk_ms(p99.group(1)))


def load_generator(wanted: str = "auto") -> str:
    """'wrk' when the wrk binary is on PATH (C, fixed duration and connections), else 'httpx' (asyncio, Python);
    `wanted` 'wrk' or 'httpx' forces one (wrk must then be installed)."""
    if wanted == "httpx" or (wanted == "auto" and not shutil.which("wrk")):
        return "httpx"
    if not shutil.which("wrk"):
        raise SystemExit("--load-generator wrk: wrk is not on PATH (Debian: apt-get install wrk)")
    return "wrk"


def run_load(base: str, path: str, connections: int, seconds: float, generator: str) -> LoadFigures:
    """GET base+path over `connections` keep-alive loopback connections for `seconds`, with wrk or httpx."""
    if generator == "wrk":
        threads = max(1, min(2, connections))
        command = ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{seconds:g}s", "--timeout", "30s",
                   "--latency", base + path]  # fmt: skip
        done = subprocess.run(command, capture_output=True, text=True, check=True, timeout=seconds + 120)
        return parse_wrk(done.stdout)
    requests, errors, latencies = asyncio.run(_load(base, path, connections, seconds))
    return LoadFigures(
        requests, errors, requests / seconds, percentile(latencies, 0.5), percentile(latencies, 0.99)
    )


def throughput_on(base: str, size: str, cache: str, country: str, plan: Plan, generator: str) -> Throughput:
    """GET /motions?country= on a running server for plan.load_seconds over plan.connections connections."""
    path = f"/motions?country={country}"
    urllib.request.urlopen(base + path, timeout=WAY_TIMEOUT).read()  # warm-up (and, cache on, the first answer)
    figures = run_load(base, path, plan.connections, plan.load_seconds, generator)
    return Throughput(
        size,
        cache,
        plan.connections,
        plan.load_seconds,
        figures.requests,
        figures.errors,
        figures.per_second,
        figures.p50_ms,
        figures.p99_ms,
        generator,
    )


def bench_throughput(size: str, work: Path, plan: Plan, country: str, wanted: str = "auto") -> list[Throughput]:
    """GET /motions?country= for a fixed time over a fixed number of loopback connections, cache off and on."""
    location = work / f"store-{size}"
    generator = load_generator(wanted)
    found = []
    for cache in ("off", "on"):
        with api_server(location, cache) as base:
            found.append(throughput_on(base, size, cache, country, plan, generator))
    return found


# -- report ----------------------------------------------------------------------------------------------------------

WAYS = [
    ("a_raw", "(a) raw pyoxigraph"),
    ("b_store", "(b) store layer"),
    ("c_api_cache_off", "(c) REST API, no cache"),
    ("c_api_cache_on", "(c) REST API, cached"),
    ("d_rdflib", "(d) rdflib Dataset"),
    ("e_oxigraph_server", "(e) Oxigraph server"),
]


def machine() -> dict[str, str]:
    model = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kib = int(meminfo.read_text().split("MemTotal:")[1].split()[0])
        memory = f"{kib / 2**20:.0f} GiB"
    return {
        "cpu": f"{model}, {os.cpu_count()} cores",
        "memory": memory,
        "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "pyoxigraph": ox.__version__,
    }


def targets(
    ingests: list[Ingest], lookups: list[Lookup], throughput: list[Throughput], extras: dict[str, Any]
) -> list[str]:
    lines = []
    for ingest in ingests:
        ok = ingest.documents_per_second >= 40
        lines.append(
            f"- Ingest >= 40 letters/s including validation ({ingest.letters} letters): "
            f"{ingest.documents_per_second:.1f}/s, **{'met' if ok else 'not met'}**"
        )
        if ingest.letters >= 10_000:
            ok = ingest.seconds <= 300
            lines.append(
                f"- 10 000 letters in <= 5 min within 24 GiB: {ingest.seconds / 60:.1f} min, peak RSS "
                f"{ingest.peak_rss_mib / 1024:.1f} GiB, **{'met' if ok else 'not met'}**"
            )
    for lookup in lookups:
        ways = lookup.ways
        if "a_raw" not in ways:
            continue
        raw = ways["a_raw"].p50_ms
        for key, label in (("c_api_cache_off", "uncached"), ("c_api_cache_on", "cached")):
            if key in ways:
                api = ways[key].p50_ms
                ok = api <= 1.5 * raw + 2
                lines.append(
                    f"- API lookup ({label}) within 1.5x raw + 2 ms, {lookup.role} country at {lookup.size}: "
                    f"{api:.2f} ms vs {1.5 * raw + 2:.2f} ms allowed, **{'met' if ok else 'not met'}**"
                )
        stopped = extras.get(lookup.size, {}).get("rdflib_stopped_after_s")
        if lookup.size == "1M" and "c_api_cache_off" in ways and ("d_rdflib" in ways or stopped):
            api = ways["c_api_cache_off"].p50_ms
            rdflib = ways["d_rdflib"].p50_ms if "d_rdflib" in ways else stopped * 1000
            bound = "" if "d_rdflib" in ways else "more than "
            factor = rdflib / api
            lines.append(
                f"- API (uncached) >= 50x faster than rdflib at 1 M, {lookup.role} country: {bound}{factor:.0f}x, "
                f"**{'met' if factor >= 50 else 'not met'}**"
            )
    for run in throughput:
        ok = run.per_second >= 1000 and run.p99_ms < 50 and run.errors == 0
        lines.append(
            f"- >= 1 000 requests/s with p99 < 50 ms, typical lookup at {run.size}, cache {run.cache}: "
            f"{run.per_second:.0f}/s, p99 {run.p99_ms:.1f} ms, **{'met' if ok else 'not met'}**"
        )
    return lines


def render(
    plan: Plan,
    command: str,
    started: datetime,
    loads: tuple[tuple[float, float, float], tuple[float, float, float]],
    ingests: list[Ingest],
    lookups: list[Lookup],
    extras: dict[str, Any],
    throughput: list[Throughput],
    durations: dict[str, float] | None = None,
) -> str:
    info = machine()
    took = "; ".join(f"{name} {seconds / 60:.1f} min" for name, seconds in (durations or {}).items())
    out = [
        "# kamergraph benchmark results",
        "",
        f"One run of `{command}` on {started:%Y-%m-%d %H:%M} UTC. Machine: {info['cpu']}, {info['memory']} RAM, "
        f"{info['system']}, Python {info['python']}, pyoxigraph {info['pyoxigraph']}.",
        f"Load average (1, 5, 15 min) at the start {loads[0][0]:.2f} {loads[0][1]:.2f} {loads[0][2]:.2f}, at the end "
        f"{loads[1][0]:.2f} {loads[1][1]:.2f} {loads[1][2]:.2f} (the end's includes the bench's own last part; a start "
        "above 0.5 means other work was running or had just ended, and the figures may be pessimistic).",
        "",
        "Data: seeded synthetic letters (bench/generate.py) through the real pipeline (extraction, to_rdf, SHACL;",
        "the generated graphs check the shapes on a sample of their letters, see bench/graphs.py),",
        f"one named graph per letter plus the ontology; {HOT_SHARE:.0%} of the letters are about the hot "
        "country (Sudan). The lookup is the named query `motions-by-country` with `country` bound",
        "(what GET /motions?country= runs).",
        "Latencies are p50 / p99 in milliseconds, sequential requests after one warm-up; the REST API is a real",
        "`kamergraph serve` (uvicorn) process on 127.0.0.1, queried over one keep-alive connection with the standard",
        "library's http.client (the thinnest client; the same request with httpx is given below the table).",
        *([f"Time per part: {took}."] if took else []),
        "",
        "## Ingest (`kamergraph ingest DIR --jobs 2`, fresh embedded store)",
        "",
        "| letters | wall time (s) | documents/s incl. SHACL | documents stored | triples | peak RSS (MiB) | "
        "store on disk (MiB) |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for i in ingests:
        out.append(
            f"| {i.letters} | {i.seconds:.1f} | {i.documents_per_second:.1f} | {i.loaded} | {i.triples} | "
            f"{i.peak_rss_mib:.0f} | {i.store_mib:.0f} |"
        )
    out += [
        "",
        "Peak RSS is that of the largest process (the parent or one of the two extraction workers), from "
        "`/usr/bin/time`.",
        "",
        "## Lookup: motions on country X",
        "",
        "| triples | country | motions | " + " | ".join(label for _, label in WAYS) + " |",
        "| --- | --- | ---: | " + " | ".join("---:" for _ in WAYS) + " |",
    ]
    for lookup in lookups:
        cells = [lookup.ways[key].cell() if key in lookup.ways else "-" for key, _ in WAYS]
        out.append(
            f"| {lookup.size} ({lookup.triples}) | {lookup.role} ({lookup.country}) | {lookup.motions} | "
            + " | ".join(cells)
            + " |"
        )
    out += [""]
    for size, extra in extras.items():
        load = extra.get("rdflib_load_s")
        note = extra.get("rdflib_note")
        parsed = f"rdflib parsed the N-Quads in {load:.0f} s" if load is not None else "rdflib parsed nothing"
        out.append(
            f"- {size}: embedded store {extra['store_mib']:.0f} MiB on disk"
            + (f", bulk-loaded in {extra['store_load_s']:.0f} s" if extra.get("store_load_s") else "")
            + (f"; graph generated in {extra['graph_s']:.0f} s" if extra.get("graph_s") else "")
            + f"; {parsed}"
            + (f"; rdflib {note} (a '-' in its column: no answer)." if note else ".")
        )
        out += [f"  - failed: {failure[:300]}" for failure in extra.get("failures", [])]
        if "httpx_client" in extra:
            client = extra["httpx_client"]
            out.append(
                f"  - the same uncached API request for {client['country']} with httpx as the client instead of "
                f"http.client: {client['p50']:.2f} / {client['p99']:.2f} ms"
            )
    out += [
        "",
        "(n=...) marks a way that stopped repeating after its time budget; (b) returns rdflib terms, (e) goes "
        "through kamergraph's SparqlStore (HTTP, JSON results) to `oxigraph serve-read-only` on the same data.",
        "",
        f"## API throughput (GET /motions?country=, {plan.connections} connections, {plan.load_seconds:g} s, "
        f"load generator: {_generators(throughput)} on the same machine)",
        "",
        "| triples | cache | requests | errors | requests/s | p50 (ms) | p99 (ms) |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for run in throughput:
        out.append(
            f"| {run.size} | {run.cache} | {run.requests} | {run.errors} | {run.per_second:.0f} | "
            f"{run.p50_ms:.1f} | {run.p99_ms:.1f} |"
        )
    out += [
        "",
        "The load generator shares the two cores with the server, so these are lower bounds for a server "
        "measured from another machine.",
        "",
        "## Targets",
        "",
        *targets(ingests, lookups, throughput, extras),
        "",
    ]
    return "\n".join(out)


def _generators(throughput: list[Throughput]) -> str:
    names = {"wrk": "wrk (C, `--latency`)", "httpx": "httpx/asyncio (Python; wrk was not on PATH)"}
    used = dict.fromkeys(run.generator for run in throughput) or {load_generator(): None}
    return ", ".join(names.get(name, name) for name in used)


def write_results(text: str, path: Path) -> None:
    """Write the results, keeping the load-test section (the marker line and everything below it)."""
    tail = MARKER + "\n"
    if path.exists():
        old = path.read_text(encoding="utf-8")
        if MARKER in old:
            tail = old[old.index(MARKER) :]
    path.write_text(text.rstrip("\n") + "\n\n" + tail, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="100 k / 1 M triples, 1 000 letters, short load")
    parser.add_argument("--rdflib-worker", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--reps", type=int, default=5, help=argparse.SUPPRESS)
    parser.add_argument("codes", nargs="*", help=argparse.SUPPRESS)
    parser.add_argument("--smoke", action="store_true", help="a tiny run to check the script (20 k, 40 letters)")
    parser.add_argument("--work", type=Path, default=ROOT / "var" / "bench", help="generated data (reused)")
    parser.add_argument("--out", type=Path, help="the results (default bench/RESULTS.md; var/bench/ with --only)")
    parser.add_argument(
        "--only",
        choices=PARTS,
        action="append",
        help="run only this part (repeatable); the results then go to var/bench/RESULTS-<parts>.md unless --out",
    )
    parser.add_argument(
        "--load-generator", choices=("auto", "wrk", "httpx"), default="auto", help="auto: wrk when on PATH"
    )
    parser.add_argument(
        "--prepare",
        action="store_true",
        help="only generate what the plan measures (letters, graphs, stores) into --work, and measure nothing",
    )
    parser.add_argument("--size", action="append", choices=list(SIZES), help="graph sizes to run (repeatable)")
    args = parser.parse_args()
    if args.rdflib_worker:
        rdflib_worker(args.rdflib_worker, args.codes, args.reps)
        return
    plan = SMOKE if args.smoke else QUICK if args.quick else FULL
    if args.size:
        plan = replace(plan, sizes=[size for size in SIZES if size in args.size])
    parts = set(args.only or PARTS)
    out = args.out or (
        args.work / f"RESULTS-{'-'.join(p for p in PARTS if p in parts)}.md" if args.only else ROOT / "bench/RESULTS.md"
    )
    args.work.mkdir(parents=True, exist_ok=True)
    started = datetime.now(UTC)
    load_start = os.getloadavg()
    command = "make bench" if args.quick else "make bench-full"
    if args.only or args.size or args.smoke:
        command = "python -m bench.run " + " ".join(sys.argv[1:])

    durations: dict[str, float] = {}
    if args.prepare:
        for count in plan.ingests:
            print(f"letters: {letters_folder(count, args.work, plan.seed)}", flush=True)
        for size in plan.sizes:
            timings: dict[str, Any] = {}
            graph_file(size, args.work, plan.seed, timings)
            print(f"store: {store_folder(size, args.work, plan.seed, timings)} {timings}", flush=True)
        return

    @contextmanager
    def part(name: str) -> Iterator[None]:
        print(f"{name} ...", flush=True)
        start = time.perf_counter()
        yield
        durations[name] = time.perf_counter() - start
        print(f"{name}: {durations[name]:.0f} s", flush=True)

    ingests = []
    for count in plan.ingests if "ingest" in parts else []:
        with part(f"ingest of {count} letters"):
            ingests.append(bench_ingest(count, args.work, plan.seed))
    lookups: list[Lookup] = []
    extras: dict[str, Any] = {}
    throughput: list[Throughput] = []
    skip_rdflib: str | None = None
    for size in plan.sizes:
        typical = None
        both = "throughput" in parts and size in THROUGHPUT_SIZES
        if "lookups" in parts:
            load = load_generator(args.load_generator) if both else None
            label = f"lookups{' and throughput' if both else ''} at {size} triples"
            with part(label):
                found, extras[size] = bench_lookups(size, args.work, plan, skip_rdflib, load)
            throughput += [Throughput(**run) for run in extras[size].pop("throughput", [])]
            lookups += found
            typical = next(lookup.country for lookup in found if lookup.role == "typical")
            if skip_rdflib is None and not any("d_rdflib" in lookup.ways for lookup in found):
                skip_rdflib = (
                    f"not run: it gave no answer at {size} triples ({extras[size]['rdflib_note']}), and a larger "
                    "graph is slower still (and needs ~2 GiB per million triples)"
                )
        if both and "lookups" not in parts:
            with part(f"throughput at {size} triples"):
                location = store_folder(size, args.work, plan.seed)
                country = typical or typical_country(location)
                throughput += bench_throughput(size, args.work, plan, country, args.load_generator)
    load_end = os.getloadavg()
    text = render(plan, command, started, (load_start, load_end), ingests, lookups, extras, throughput, durations)
    write_results(text, out)
    raw = {
        "started": started.isoformat(),
        "plan": asdict(plan),
        "machine": machine(),
        "ingests": [asdict(i) for i in ingests],
        "lookups": [asdict(lookup) for lookup in lookups],
        "extras": extras,
        "throughput": [asdict(t) for t in throughput],
        "durations_s": durations,
    }
    figures = args.work / ("results.json" if not args.only else f"results-{'-'.join(sorted(parts))}.json")
    figures.write_text(json.dumps(raw, indent=2), encoding="utf-8")
    print(f"wrote {out} and {figures}")


if __name__ == "__main__":
    main()
