"""to_rdf keeps terms and descriptions across documents (literals, countries, persons, Kamerstukken): a document's
graph does not depend on which documents a process built before it."""

from __future__ import annotations

from pathlib import Path

from loaders.extract import extract_all
from loaders.read import read_bytes
from loaders.resolve import resolve
from loaders.to_rdf import build_graph

LETTERS = sorted((Path(__file__).resolve().parents[2] / "data" / "letters").glob("*.txt"))


def _lines(path: Path) -> list[str]:
    doc = read_bytes(path.name, path.read_bytes())
    graph = build_graph(resolve(doc, extract_all(doc)))
    return sorted(line for line in graph.serialize(format="nt").splitlines() if line.strip())


def test_a_letter_gives_the_same_triples_before_and_after_other_letters() -> None:
    """Each sample letter's N-Triples, built again after all others (caches warm, in reverse order), equal its
    first build."""
    assert len(LETTERS) >= 2
    first = {path.name: _lines(path) for path in LETTERS}
    for path in reversed(LETTERS):
        assert _lines(path) == first[path.name], path.name
    for lines in first.values():
        assert lines
