"""SHACL validation of a document's graph before it is stored: validate(graph) -> Report with readable violations."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path

import pycountry
from pyshacl import validate as shacl_validate
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH, NamespaceManager
from rdflib.term import BNode, Node

from ontology import ONTOLOGY_FILE
from ontology.namespace import PREFIXES

SHAPES_DIR = Path(str(files(__name__)))
KGSH = Namespace("https://w3id.org/kamergraph/shapes#")


@dataclass(frozen=True)
class Violation:
    shape: str
    focus: str
    path: str
    message: str
    value: str | None

    def __str__(self) -> str:
        where = f"{self.focus}" + (f" {self.path}" if self.path else "")
        value = f" (value: {self.value})" if self.value else ""
        return f"shape {self.shape}: {where}: {self.message}{value}"


@dataclass(frozen=True)
class Report:
    conforms: bool
    violations: tuple[Violation, ...]

    def text(self, limit: int = 20) -> str:
        lines = [f"  - {v}" for v in self.violations[:limit]]
        if len(self.violations) > limit:
            lines.append(f"  ... and {len(self.violations) - limit} more")
        return "\n".join(lines)


def _add_code_list(shapes: Graph, shape: URIRef, codes: list[str]) -> None:
    head = BNode()
    Collection(shapes, head, [Literal(code) for code in sorted(codes)])
    shapes.add((shape, SH["in"], head))


@cache
def shapes_graph() -> Graph:
    """The shapes of shapes/*.ttl with the ISO 3166-1 and ISO 4217 code lists from pycountry."""
    shapes = Graph()
    for path in sorted(SHAPES_DIR.glob("*.ttl")):
        shapes.parse(path)
    _add_code_list(shapes, KGSH.CountryCode, [c.alpha_2 for c in pycountry.countries])
    _add_code_list(shapes, KGSH.CurrencyCode, [c.alpha_3 for c in pycountry.currencies])
    return shapes


@cache
def ontology_graph() -> Graph:
    return Graph().parse(ONTOLOGY_FILE)


@cache
def _names() -> NamespaceManager:
    manager = NamespaceManager(Graph(bind_namespaces="none"))
    for prefix, namespace in PREFIXES.items():
        manager.bind(prefix, namespace)
    manager.bind("kgsh", KGSH)
    return manager


def _short(term: Node | None) -> str:
    """A term as a reader wants it: a prefixed name where a prefix fits, else the IRI or the literal's text."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        name = _names().normalizeUri(term)
        return name if not name.startswith("<") else str(term)
    if isinstance(term, BNode):
        return "(anonymous shape)"
    return str(term)[:120]


def validate(graph: Graph) -> Report:
    """Validate one document's graph against the shapes (class hierarchy from the ontology)."""
    conforms, results, _ = shacl_validate(
        graph, shacl_graph=shapes_graph(), ont_graph=ontology_graph(), inference="none", allow_warnings=True
    )
    assert isinstance(results, Graph)
    violations = []
    for result in results.subjects(predicate=SH.focusNode):
        source = results.value(result, SH.sourceShape)
        parent = next(iter(shapes_graph().subjects(SH.property, source)), None)
        shape = (
            _short(parent) + (f" ({_short(source)})" if isinstance(source, URIRef) else "")
            if parent
            else _short(source)
        )
        violations.append(
            Violation(
                shape=shape,
                focus=_short(results.value(result, SH.focusNode)),
                path=_short(results.value(result, SH.resultPath)),
                message=str(results.value(result, SH.resultMessage) or "violates the shape"),
                value=_short(results.value(result, SH.value)) or None,
            )
        )
    return Report(bool(conforms), tuple(sorted(violations, key=str)))
