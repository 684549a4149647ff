"""SHACL validation of a document's graph before it is stored: validate(graph) -> Report with readable violations."""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterable
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import pycountry
from pyshacl import ShapesGraph
from pyshacl import validate as shacl_validate
from pyshacl_turbo import CompiledShapes
from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH, NamespaceManager
from rdflib.paths import Path as PropertyPath
from rdflib.term import BNode, Node

from ontology import ONTOLOGY_FILE
from ontology.namespace import PREFIXES

SHAPES_DIR = Path(str(files(__name__)))
KGSH = Namespace("https://w3id.org/kamergraph/shapes#")

Triple = tuple[Node, Node, Node]
TriplePattern = tuple[Node | None, PropertyPath | Node | None, Node | None]
FoundTriple = tuple[Node, Node, Node] | tuple[Node, PropertyPath, Node]


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


class FrozenGraph(Graph):
    """A graph that is never written after it is built, so its lookups are memoised.

    pyshacl re-reads the shapes graph for every document it validates (every constraint of every shape, and the
    249-code sh:in list item by item); answering those reads from a dictionary makes validation about three times
    faster. Writing to a frozen graph raises, so the memo can never go stale. `hits` counts answered lookups (a test
    checks pyshacl still reads the shapes through this graph, i.e. does not copy it).
    """

    def __init__(self, triples: Iterable[Triple]) -> None:
        super().__init__()
        for triple in triples:
            super().add(triple)
        self.namespace_manager = NamespaceManager(self, bind_namespaces="none")
        self._memo: dict[Any, tuple[Any, ...]] = {}
        self._frozen = True
        self.hits = 0

    def _refuse(self) -> None:
        if getattr(self, "_frozen", False):
            raise TypeError("the shapes graph is frozen: build a new FrozenGraph instead of changing it")

    def add(self, triple: Any) -> FrozenGraph:
        """Adding a triple the graph holds changes nothing and is allowed (pyshacl re-adds its system triples)."""
        if triple in self:
            return self
        self._refuse()
        super().add(triple)
        return self

    def addN(self, quads: Any) -> FrozenGraph:
        self._refuse()
        super().addN(quads)
        return self

    def remove(self, triple: Any) -> FrozenGraph:
        self._refuse()
        super().remove(triple)
        return self

    def triples(  # type: ignore[override]  # one signature for rdflib's three overloads
        self, triple: TriplePattern
    ) -> Generator[FoundTriple, None, None]:
        if not isinstance(triple[1], URIRef | None):  # a property path: rdflib evaluates it, not memoised
            yield from super().triples(triple)
            return
        found = self._memo.get(triple)
        if found is None:
            found = self._memo[triple] = tuple(super().triples(triple))
        else:
            self.hits += 1
        yield from found

    def items(self, list: Node) -> Generator[Node, None, None]:
        key = ("items", list)
        found = self._memo.get(key)
        if found is None:
            found = self._memo[key] = tuple(super().items(list))
        else:
            self.hits += 1
        yield from found


def _add_code_list(shapes: Graph, shape: URIRef, codes: list[str]) -> None:
    head = BNode()
    Collection(shapes, head, [Literal(code) for code in sorted(codes)])
    shapes.add((shape, SH["in"], head))


@cache
def shapes_graph() -> FrozenGraph:
    """The shapes of shapes/*.ttl with the ISO 3166-1 and ISO 4217 code lists from pycountry (built once)."""
    shapes = Graph()
    for path in sorted(SHAPES_DIR.glob("*.ttl")):
        shapes.parse(path)
    _add_code_list(shapes, KGSH.CountryCode, [c.alpha_2 for c in pycountry.countries])
    _add_code_list(shapes, KGSH.CurrencyCode, [c.alpha_3 for c in pycountry.currencies])
    ShapesGraph(shapes)  # pyshacl adds its system triples to a shapes graph; let it, before the graph is frozen
    frozen = FrozenGraph(shapes)
    for prefix, namespace in shapes.namespaces():
        frozen.bind(prefix, namespace)
    return frozen


@cache
def ontology_graph() -> Graph:
    return Graph().parse(ONTOLOGY_FILE)


@cache
def _shape_superclasses() -> dict[Node, frozenset[Node]]:
    """class -> its superclasses (rdfs:subClassOf closure of the ontology) that a shape names in sh:class or
    sh:targetClass: the types a node must carry for the shapes to see it as an instance of its superclasses."""
    ontology = ontology_graph()
    shapes = shapes_graph()
    named = set(shapes.objects(None, SH["class"])) | set(shapes.objects(None, SH.targetClass))
    closure: dict[Node, frozenset[Node]] = {}
    for cls in set(ontology.subjects(RDFS.subClassOf)):
        supers = set(ontology.transitive_objects(cls, RDFS.subClassOf)) - {cls}
        if supers & named:
            closure[cls] = frozenset(node for node in supers & named if node is not None)
    return closure


def implied_types(graph: Graph) -> set[Triple]:
    """The `x rdf:type C` triples the ontology's class hierarchy implies for the shapes and the graph lacks."""
    closure = _shape_superclasses()
    implied: set[Triple] = set()
    for node, cls in graph.subject_objects(RDF.type):
        for superclass in closure.get(cls, ()):
            if (node, RDF.type, superclass) not in graph:
                implied.add((node, RDF.type, superclass))
    return implied


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


@cache
def compiled_shapes() -> CompiledShapes:
    """The shapes compiled once for pyshacl-turbo, a SHACL engine in Rust with pyshacl's API and results graph.

    pyshacl spends ~35 ms per letter, most of it building constraint objects per focus node; pyshacl-turbo decides
    the same graph in under half that. Its messages are generic ("MinInclusiveConstraintComponent violated"), so a
    graph it rejects is validated again by pyshacl for the report users read (see validate).
    """
    # Only the prefixes the shapes use: pyshacl-turbo binds each of them on every results graph it returns (the
    # thirty rdflib binds by default cost ~0.3 ms per document).
    plain = Graph(bind_namespaces="none")
    for triple in shapes_graph():
        plain.add(triple)
    for prefix, namespace in (*PREFIXES.items(), ("kgsh", str(KGSH)), ("sh", str(SH))):
        plain.bind(prefix, namespace)
    compiled: CompiledShapes = CompiledShapes(plain)  # type: ignore[no-untyped-call]  # the package has no hints
    return compiled


def _run_fast(graph: Graph) -> tuple[bool, Graph]:
    """pyshacl-turbo on `graph` as it is (no ontology mixed in, no inference): conforms, results."""
    validate_with = compiled_shapes().validate
    conforms, results, _ = validate_with(graph, inference="none", allow_warnings=True)  # type: ignore[no-untyped-call]
    assert isinstance(results, Graph)
    return bool(conforms), results


def _run_pyshacl(graph: Graph) -> tuple[bool, Graph]:
    """pyshacl on `graph` as it is (no ontology mixed in, no inference): conforms, results.

    pyshacl reads the data through a context-aware store; a graph on another store (to_rdf builds on rdflib's
    SimpleMemory, for speed) is copied first. This runs only for a graph pyshacl-turbo rejected.
    """
    if not graph.store.context_aware:
        copy = Graph()
        for triple in graph:
            copy.add(triple)
        graph = copy
    conforms, results, _ = shacl_validate(graph, shacl_graph=shapes_graph(), inference="none", allow_warnings=True)
    assert isinstance(results, Graph)
    return bool(conforms), results


def _with_implied_types(graph: Graph, run: Callable[[Graph], tuple[bool, Graph]]) -> Report:
    """Run a validator with the superclass types the shapes need added to the graph, and removed afterwards.

    SHACL sees a node as an instance of a class's superclasses only through rdfs:subClassOf triples in the data.
    Instead of mixing the whole ontology into a copy of every graph (pyshacl's ont_graph, slow), the superclass
    types the shapes need are added for the duration of the validation, so the caller's graph is left exactly as it
    was. The result is the same as with the ontology mixed in (a test checks).
    """
    implied = implied_types(graph)
    for triple in implied:
        graph.add(triple)
    try:
        conforms, results = run(graph)
    finally:
        for triple in implied:
            graph.remove(triple)
    return report_from_results(conforms, results)


def fast_report(graph: Graph) -> Report:
    """pyshacl-turbo's report alone (generic messages); validate() accepts a graph on it."""
    return _with_implied_types(graph, _run_fast)


def validate(graph: Graph) -> Report:
    """Validate one document's graph against the shapes, following the ontology's class hierarchy.

    pyshacl-turbo decides; a graph it rejects is validated again by pyshacl, whose report (readable messages) is
    the one returned. tests/test_shapes_fast_path.py checks that both find the same violations (shape, focus node,
    path, value) and that the report is pyshacl's with the ontology mixed in.
    """
    report = fast_report(graph)
    if report.conforms:
        return report
    return _with_implied_types(graph, _run_pyshacl)


def report_from_results(conforms: bool, results: Graph) -> Report:
    """A readable Report from pyshacl's results graph."""
    shapes = shapes_graph()
    violations = []
    for result in results.subjects(predicate=SH.focusNode):
        source = results.value(result, SH.sourceShape)
        parent = next(iter(shapes.subjects(SH.property, source)), None)
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
    return Report(conforms, tuple(sorted(violations, key=str)))
