"""Load test over loopback: a real `kamergraph serve` on the sample letters plus generated ones, hit for a fixed time
by a fixed number of connections mixing lookups, lists, searches, SPARQL and exports, while documents are uploaded
(POST /documents) one after another the whole time.

python -m bench.load                 # make load: 60 s, 8 connections, 200 generated letters in the store
python -m bench.load --seconds 10    # a short run to check the script

Appends its figures to bench/RESULTS.md below the line MARKER (the rest of that file is bench/run.py's). Everything
listens on and connects to 127.0.0.1 only. Nothing here is a test: figures are measured and reported; the exit
status is 1 when a request failed or the lookups' p99 is over the 200 ms target, so a run can be judged at a glance.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import random
import secrets
import shutil
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import httpx

from bench.generate import dutch_country_names, letter
from bench.run import free_port, stop

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
HOST = "127.0.0.1"
MARKER = "<!-- load-test results below (bench/load.py) -->"
#: The lookups' p99 must stay under this.
TARGET_MS = 200.0
#: Kind of request -> weight in the mix. Exports (a sub-graph of one country, serialised) are the heaviest requests
#: by far (seconds each) and the rarest in real use.
MIX = {"lookup": 60, "list": 15, "search": 10, "sparql": 12, "export": 3}
SPARQL = [
    "SELECT ?doc ?file WHERE { ?doc kg:sourceFileName ?file } ORDER BY ?file LIMIT 50",
    "SELECT ?country (COUNT(DISTINCT ?doc) AS ?documents) WHERE { GRAPH ?doc { ?x kg:concernsCountry ?country } } "
    "GROUP BY ?country ORDER BY DESC(?documents) LIMIT 20",
    "ASK { ?s a kg:Motion }",
    "CONSTRUCT { ?m kg:concernsCountry ?c } WHERE { ?m kg:concernsCountry ?c } LIMIT 200",
]
SEARCH_WORDS = ["Sudan", "Soedan", "UNHCR", "migratie", "Facility", "humanitaire", "motie", "Wereldbank", "IOM", "Gaza"]


@dataclass
class Sample:
    kind: str
    path: str
    seconds: float
    status: int  # 0: no answer (connection error, timeout)


@dataclass
class Targets:
    """Ids known to be in the store before the run, to look up."""

    lookups: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)


def build_store(work: Path, letters: int, seed: int) -> tuple[Path, list[Path]]:
    """A fresh store with the five sample letters and `letters` generated ones; the generated letters to upload
    during the run are written too (a different seed, so they are new documents)."""
    if work.exists():
        shutil.rmtree(work)
    stored, uploads = work / "letters", work / "uploads"
    stored.mkdir(parents=True)
    uploads.mkdir()
    countries = dutch_country_names()
    rng = random.Random(seed)
    for number in range(letters):
        (stored / f"generated_{number:05d}.txt").write_text(letter(rng, countries, 1000 + number), encoding="utf-8")
    rng = random.Random(seed + 1)
    upload_files = []
    for number in range(2000):
        path = uploads / f"upload_{number:05d}.txt"
        path.write_text(letter(rng, countries, 50_000 + number), encoding="utf-8")
        upload_files.append(path)
    store = work / "store"
    command = [str(BIN / "kamergraph"), "ingest", str(ROOT / "data" / "letters"), str(stored), "--store", str(store)]
    subprocess.run([*command, "--jobs", "2"], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return store, upload_files


#: SPARQL for the ids to look up (the ids are the IRIs' last segments): cheap queries with a LIMIT, because some
#: list routes are slow on a large store (their figures are part of the run, not of its set-up).
ID_QUERIES = {
    "/letters/": "SELECT DISTINCT ?x WHERE { ?x kg:sourceFileName ?file } LIMIT 200",
    "/motions/": "SELECT DISTINCT ?x WHERE { ?x a kg:Motion } LIMIT 200",
    "/persons/": "SELECT DISTINCT ?x WHERE { ?x a kg:Person } LIMIT 100",
    "/programmes/": "SELECT DISTINCT ?x WHERE { ?x a kg:Programme } LIMIT 100",
    "/countries/": "SELECT DISTINCT ?x WHERE { ?motion kg:concernsCountry ?x } LIMIT 60",
}


def find_targets(base: str) -> Targets:
    """Ids of documents, motions, persons, programmes and countries in the store, read through /sparql."""
    found = Targets()
    with httpx.Client(base_url=base, timeout=120) as client:
        for route, query in ID_QUERIES.items():
            answer = client.get("/sparql", params={"query": query}).raise_for_status().json()
            ids = sorted(b["x"]["value"].rsplit("/", 1)[-1] for b in answer["results"]["bindings"])
            found.lookups += [route + key for key in ids]
            if route == "/countries/":
                found.countries = ids
    if not found.lookups or not found.countries:
        raise SystemExit("the store has no documents or countries to look up: did the ingest work?")
    return found


@contextmanager
def serving(store: Path, port: int, token: str) -> Iterator[str]:
    """`kamergraph serve` on 127.0.0.1:port with writes enabled by `token`; stopped at the end."""
    env = {**os.environ, "KAMERGRAPH_TOKEN": token}
    command = [str(BIN / "kamergraph"), "serve", "--store", str(store), "--host", HOST, "--port", str(port)]
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://{HOST}:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            if process.poll() is not None:
                output = process.stderr.read().decode(errors="replace")[-2000:] if process.stderr else ""
                raise SystemExit(f"the server stopped: {output}")
            try:
                if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise SystemExit("the server did not answer within 120 s")
            time.sleep(0.2)
        yield base
    finally:
        stop(process)


def pick(rng: random.Random, targets: Targets) -> tuple[str, str, dict[str, str]]:
    """One request of the mix: (kind, path, query parameters)."""
    kind = rng.choices(list(MIX), weights=list(MIX.values()))[0]
    if kind == "lookup":
        return kind, rng.choice(targets.lookups), {}
    if kind == "list":
        route = rng.choice(["/motions", "/funding"])
        return kind, route, {"country": rng.choice(targets.countries), "limit": "50"}
    if kind == "search":
        return kind, "/search", {"q": rng.choice(SEARCH_WORDS)}
    if kind == "sparql":
        return kind, "/sparql", {"query": rng.choice(SPARQL)}
    return kind, "/export", {"format": rng.choice(["ttl", "nt", "jsonld"]), "country": rng.choice(targets.countries)}


async def connection(base: str, targets: Targets, until: float, seed: int, samples: list[Sample]) -> None:
    """One keep-alive connection sending requests back to back until the time is up."""
    rng = random.Random(seed)
    limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:
        while time.monotonic() < until:
            kind, path, params = pick(rng, targets)
            start = time.perf_counter()
            try:
                response = await client.get(path, params=params)
                await response.aread()
                status = response.status_code
            except httpx.HTTPError:
                status = 0
            samples.append(Sample(kind, path, time.perf_counter() - start, status))


async def uploader(base: str, token: str, files: list[Path], until: float, samples: list[Sample]) -> None:
    """Uploads new documents one at a time (each a batch ingest of one file) until the time is up."""
    headers = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(base_url=base, timeout=60, headers=headers) as client:
        for path in files:
            if time.monotonic() >= until:
                return
            start = time.perf_counter()
            try:
                upload = {"files": (path.name, path.read_bytes(), "text/plain")}
                response = await client.post("/documents", files=upload)
                status = response.status_code
                if status == 200 and response.json().get("rejected"):
                    status = 0  # a generated letter the pipeline refused: counted as an error
            except httpx.HTTPError:
                status = 0
            samples.append(Sample("upload", "/documents", time.perf_counter() - start, status))


async def run_load(
    base: str, token: str, targets: Targets, uploads: list[Path], seconds: float, connections: int, seed: int
) -> list[Sample]:
    samples: list[Sample] = []
    until = time.monotonic() + seconds
    tasks = [connection(base, targets, until, seed + i, samples) for i in range(connections)]
    await asyncio.gather(*tasks, uploader(base, token, uploads, until, samples))
    return samples


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))]


def report(
    samples: list[Sample], seconds: float, connections: int, letters: int, documents: int, uploading: bool
) -> tuple[str, bool]:
    """The markdown section, and whether the run met its targets (no errors, lookups' p99 under TARGET_MS)."""
    by_kind: dict[str, list[Sample]] = defaultdict(list)
    for sample in samples:
        by_kind[sample.kind].append(sample)
    rows = []
    total_errors = 0
    for kind in [*MIX, "upload"]:
        group = by_kind.get(kind, [])
        if not group:
            continue
        errors = sum(1 for s in group if not 200 <= s.status < 300)
        total_errors += errors
        ms = [s.seconds * 1000 for s in group]
        rows.append(
            f"| {kind} | {len(group)} | {len(group) / seconds:.1f} | {errors} | {percentile(ms, 50):.1f} | "
            f"{percentile(ms, 95):.1f} | {percentile(ms, 99):.1f} | {max(ms):.1f} |"
        )
    routes: dict[str, list[float]] = defaultdict(list)
    for sample in by_kind.get("lookup", []):
        routes["/" + sample.path.split("/")[1] + "/{id}"].append(sample.seconds * 1000)
    route_rows = [
        f"| {route} | {len(ms)} | {percentile(ms, 50):.1f} | {percentile(ms, 99):.1f} | {max(ms):.1f} |"
        for route, ms in sorted(routes.items())
    ]
    lookups = [s.seconds * 1000 for s in by_kind.get("lookup", [])]
    lookup_p99 = percentile(lookups, 99) if lookups else float("inf")
    passed = total_errors == 0 and lookup_p99 < TARGET_MS
    failures = [s for s in samples if not 200 <= s.status < 300][:10]
    lines = [
        "",
        f"### Load test, {datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')}",
        "",
        f"`python -m bench.load --seconds {seconds:g} --connections {connections} --letters {letters}"
        f"{'' if uploading else ' --no-uploads'}`: a real "
        f"`kamergraph serve` (one uvicorn process, embedded store) on {HOST}, the 5 sample letters plus {letters} "
        f"generated ones; {connections} keep-alive connections sending requests back to back for {seconds:g} s "
        f"(mix by weight: {', '.join(f'{k} {v}' for k, v in MIX.items())}) "
        + (
            "while one more connection uploads new generated letters one at a time (POST /documents: read, "
            "extract, validate, store) the whole time. "
            if uploading
            else "with NO ingest running (a comparison run, not the test proper). "
        )
        + "The measured run starts after one search has answered (the server builds its search index in the "
        "background at start) and a 3 s warm-up. "
        + f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; the load "
        "generator runs on the same cores.",
        "",
        "| requests | count | per s | errors | p50 ms | p95 ms | p99 ms | max ms |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        *rows,
        "",
        "Lookups by route:",
        "",
        "| route | count | p50 ms | p99 ms | max ms |",
        "| --- | ---: | ---: | ---: | ---: |",
        *route_rows,
        "",
        f"Documents in the store at the end: {documents}. Requests: {len(samples)}, errors: {total_errors}. "
        f"Lookups (by id: motions, letters, persons, programmes, countries) p99: {lookup_p99:.1f} ms, target "
        f"< {TARGET_MS:g} ms: **{'met' if lookup_p99 < TARGET_MS else 'missed'}**; errors: "
        f"**{'none' if total_errors == 0 else total_errors}**.",
    ]
    if failures:
        shown = "; ".join(f"{s.kind} {s.path} -> {s.status or 'no answer or rejected'}" for s in failures)
        lines += ["", f"First failures: {shown}"]
    return "\n".join(lines) + "\n", passed


def append_results(section: str, path: Path) -> None:
    """Below MARKER (added at the end when missing); everything else in the file is left as it is."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmark results\n"
    if MARKER not in text:
        text = text.rstrip("\n") + "\n\n" + MARKER + "\n"
    path.write_text(text.rstrip("\n") + "\n" + section, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=60.0, help="measured duration (default 60)")
    parser.add_argument("--connections", type=int, default=8, help="concurrent connections (default 8)")
    parser.add_argument("--letters", type=int, default=200, help="generated letters in the store (default 200)")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument(
        "--no-uploads", action="store_true", help="no ingest during the run (to compare; the test proper uploads)"
    )
    parser.add_argument("--work", type=Path, default=ROOT / "var" / "load", help="store and letters (rebuilt)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "RESULTS.md")
    args = parser.parse_args()
    print(f"building the store: 5 sample letters + {args.letters} generated ...", flush=True)
    store, uploads = build_store(args.work, args.letters, args.seed)
    token = secrets.token_hex(16)
    with serving(store, free_port(), token) as base:
        targets = find_targets(base)
        started = time.perf_counter()  # the server builds its search index in the background at start: wait for it
        httpx.get(f"{base}/search", params={"q": SEARCH_WORDS[0]}, timeout=600).raise_for_status()
        print(f"search index ready after {time.perf_counter() - started:.1f} s", flush=True)
        warm = asyncio.run(run_load(base, token, targets, [], 3.0, args.connections, args.seed + 100))
        print(f"warm-up: {len(warm)} requests; measuring for {args.seconds:g} s ...", flush=True)
        samples = asyncio.run(
            run_load(
                base, token, targets, [] if args.no_uploads else uploads, args.seconds, args.connections, args.seed
            )
        )
        documents = int(httpx.get(f"{base}/health", timeout=30).json()["documents"])
    section, passed = report(samples, args.seconds, args.connections, args.letters, documents, not args.no_uploads)
    append_results(section, args.out)
    print(section)
    print(f"appended to {args.out}")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
