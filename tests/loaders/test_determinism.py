"""Identities and graphs do not depend on the process: two runs with different hash seeds give identical graphs."""

import os
import subprocess
import sys
from pathlib import Path

LETTERS = Path(__file__).resolve().parents[2] / "data" / "letters"
SCRIPT = """
import sys
from pathlib import Path
from loaders.pipeline import prepare
for path in sorted(Path(sys.argv[1]).glob("*.txt")):
    prepared = prepare(path.name, path.read_bytes())
    sys.stdout.write("\\n".join(sorted(prepared.ntriples.splitlines())) + "\\n")
"""


def _run(seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    return subprocess.run(
        [sys.executable, "-c", SCRIPT, str(LETTERS)], env=env, capture_output=True, text=True, check=True
    ).stdout


def test_graphs_are_identical_under_different_hash_seeds() -> None:
    first, second = _run("1"), _run("3")
    assert first, "no triples produced"
    only_first = sorted(set(first.splitlines()) - set(second.splitlines()))
    only_second = sorted(set(second.splitlines()) - set(first.splitlines()))
    assert (only_first[:5], only_second[:5]) == ([], [])
