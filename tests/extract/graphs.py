"""Helpers for graph-level extraction tests: a document's validated graph, built by the real pipeline."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from loaders.pipeline import prepare

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "extract"


def graph_of_text(name: str, text: str) -> Graph:
    """Read, extract, resolve, build and SHACL-validate one document; its graph."""
    return Graph().parse(data=prepare(name, text.encode("utf-8")).ntriples, format="nt")


def graph_of_fixture(name: str) -> Graph:
    return graph_of_text(name, (FIXTURES / name).read_text(encoding="utf-8"))
