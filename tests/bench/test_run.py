"""The benchmark's load generators: wrk's report is read right (units, errors), and a short wrk run against a real
`kamergraph serve` process on loopback counts its requests, with none failing."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bench.run import LoadFigures, load_generator, parse_wrk, run_load, stop, wait_until_answering
from tests.conftest import free_port

WRK_REPORT = """Running 2s test @ http://127.0.0.1:8123/motions?country=JE
  2 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   {avg}    300.00us   {max}   91.00%
    Req/Sec     2.10k   150.00     2.40k    70.00%
  Latency Distribution
     50%  {p50}
     75%    1.10ms
     90%    1.40ms
     99%  {p99}
  8400 requests in 2.00s, 40.00MB read
{extra}Requests/sec:   4200.00
Transfer/sec:     20.00MB
"""


def test_a_wrk_report_gives_requests_rate_and_percentiles_in_milliseconds() -> None:
    report = WRK_REPORT.format(avg="0.95ms", max="12.00ms", p50="812.00us", p99="1.50s", extra="")
    assert parse_wrk(report) == LoadFigures(8400, 0, 4200.0, 0.812, 1500.0)


def test_non_2xx_answers_and_socket_errors_count_as_errors() -> None:
    extra = "  Socket errors: connect 0, read 2, write 0, timeout 3\n  Non-2xx or 3xx responses: 7\n"
    report = WRK_REPORT.format(avg="1.00ms", max="2.00ms", p50="1.00ms", p99="2.00ms", extra=extra)
    figures = parse_wrk(report)
    assert figures.errors == 12 and figures.p50_ms == 1.0 and figures.p99_ms == 2.0


def test_a_report_without_the_figures_is_refused() -> None:
    with pytest.raises(ValueError, match="lacks"):
        parse_wrk("unable to connect to 127.0.0.1:1 Connection refused\n")


@pytest.mark.skipif(shutil.which("wrk") is None, reason="wrk is not installed (apt-get install wrk)")
def test_wrk_measures_a_real_server_on_loopback(tmp_path: Path) -> None:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    command = [str(Path(sys.executable).parent / "kamergraph"), "serve", "--store", str(tmp_path / "store"),
               "--port", str(port)]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until_answering(f"{base}/health", process, seconds=60)
        assert load_generator() == "wrk"
        figures = run_load(base, "/letters", connections=2, seconds=1, generator="wrk")
    finally:
        stop(process)
    assert figures.requests > 0 and figures.errors == 0
    assert 0 < figures.p50_ms <= figures.p99_ms and figures.per_second > 0
