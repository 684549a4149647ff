"""`kamergraph serve` starts a real server process that prints its URLs and answers over HTTP, with the httptools
parser and the uvloop event loop (uvicorn[standard])."""

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx

from cli import main
from tests.conftest import free_port

LETTERS = Path(__file__).resolve().parents[2] / "data" / "letters"


def test_serve_prints_its_urls_and_answers_sparql(tmp_path: Path) -> None:
    store = tmp_path / "store"
    assert main(["ingest", str(LETTERS), "--store", str(store)]) == 0
    port = free_port()
    command = [
        sys.executable,
        "-c",
        "import sys, cli; sys.exit(cli.main())",
        "serve",
        "--store",
        str(store),
        "--port",
        str(port),
    ]
    env = {**os.environ, "COLUMNS": "200"}
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while True:
            try:
                response = httpx.get(
                    f"{base}/sparql",
                    params={"query": "ASK { ?doc kg:sourceFileName ?file }"},
                    headers={"Accept": "application/sparql-results+json"},
                    timeout=5,
                )
                break
            except httpx.TransportError:
                assert process.poll() is None, process.stdout.read() if process.stdout else ""
                assert time.monotonic() < deadline, "server did not answer within 30 s"
                time.sleep(0.2)
        assert response.status_code == 200
        assert response.json()["boolean"] is True
        assert httpx.get(f"{base}/docs", timeout=5).status_code == 200
    finally:
        process.terminate()
        output, _ = process.communicate(timeout=10)
    assert f"{base}/docs" in output
    assert f"{base}/sparql" in output
    assert "uvicorn (httptools, uvloop)" in output, "uvicorn[standard] is a dependency: the fast parser and loop run"
