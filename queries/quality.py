"""The quality report: what the store could not resolve or finds contradictory, each finding with its quotes.

Every section runs a named query (queries/quality-*.rq); the conflicts across documents are found by comparing the
rows of quality-cited-submitters.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable
from dataclasses import asdict, dataclass, field
from typing import Any

from rdflib.term import Identifier

from ontology.identifiers import parse_kamerstuk_id, slug
from queries import get
from store.base import SelectResult, Store

Row = dict[str, Identifier]


@dataclass(frozen=True)
class Passage:
    """A quoted passage: the document, the sentence, its offsets and the rule that read the fact."""

    document: str
    file: str
    quote: str
    start: int
    end: int
    rule: str


@dataclass
class Finding:
    """One thing the report flags: what it is about, what is wrong, and the passages that show it."""

    subject: str
    problem: str
    quotes: list[Passage] = field(default_factory=list)


@dataclass
class Section:
    name: str
    title: str
    summary: str
    findings: list[Finding] = field(default_factory=list)


def _rows(store: Store, name: str) -> list[Row]:
    result = store.query(get(name).sparql)
    if not isinstance(result, SelectResult):
        raise TypeError(f"queries/{name}.rq must be a SELECT query")
    return result.rows


def _key(term: Identifier | str) -> str:
    return str(term).rstrip("/").rsplit("/", 1)[-1]


def _passage(row: Row) -> Passage | None:
    if row.get("quote") is None or row.get("start") is None:
        return None
    return Passage(
        document=_key(row["doc"]),
        file=str(row["file"]),
        quote=str(row["quote"]),
        start=int(str(row["start"])),
        end=int(str(row.get("end", row["start"]))),
        rule=str(row.get("rule", "")),
    )


def _add(finding: Finding, row: Row) -> None:
    passage = _passage(row)
    if passage is not None and passage not in finding.quotes:
        finding.quotes.append(passage)


def _finding_for(section: Section, found: dict[Any, Finding], key: Hashable, new: Finding) -> Finding:
    """The section's finding for `key`; the first time the key is seen, `new` becomes it (and is listed)."""
    finding = found.get(key)
    if finding is None:
        finding = found[key] = new
        section.findings.append(finding)
    return finding


def garbled_references(store: Store) -> Section:
    section = Section("garbled-references", "Unreadable references", get("quality-garbled-references").summary)
    by_key: dict[tuple[str, str], Finding] = {}
    for row in _rows(store, "quality-garbled-references"):
        key = (_key(row["doc"]), str(row["text"]))
        problem = "citation is not a valid Kamerstuk id; not resolved"
        _add(_finding_for(section, by_key, key, Finding(f"{row['file']}: {row['text']}", problem)), row)
    return section


def incomplete_funding(store: Store) -> Section:
    section = Section("incomplete-funding", "Amounts without currency or recipient",
                      get("quality-incomplete-funding").summary)
    by_key: dict[str, Finding] = {}
    for row in _rows(store, "quality-incomplete-funding"):
        missing = [what for what, var in (("currency", "currency"), ("recipient", "recipient")) if var not in row]
        problem = "no " + " and no ".join(missing)
        made = _finding_for(
            section, by_key, str(row["funding"]), Finding(f"{row['file']}: {row['amountText']}", problem)
        )
        _add(made, row)
    return section


def ambiguous_persons(store: Store) -> Section:
    section = Section("ambiguous-persons", "Persons whose identity is ambiguous",
                      get("quality-ambiguous-persons").summary)
    by_surname: dict[str, Finding] = {}
    names: dict[str, set[str]] = defaultdict(set)
    for row in _rows(store, "quality-ambiguous-persons"):
        surname = str(row["family"])
        key = surname.casefold()
        names[key].add(f"{row['name']} ({_key(row['person'])})")
        _add(_finding_for(section, by_surname, key, Finding(surname, "")), row)
    for key, finding in by_surname.items():
        finding.problem = f"{len(names[key])} different ids for one surname: " + "; ".join(sorted(names[key]))
    return section


def conflicting_claims(store: Store) -> Section:
    """One Kamerstuk given two submitter lists of which neither contains the other; one list of two or more
    submitters given two numbers in one dossier by different documents (each citing only one of them)."""
    section = Section(
        "conflicting-claims",
        "Conflicting claims across documents",
        "One Kamerstuk cited with different submitters by different documents, or the same motion (same "
        "submitters, same dossier) cited with different Kamerstuk numbers.",
    )
    rows = _rows(store, "quality-cited-submitters")
    lists: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))  # kst -> doc -> person ids
    surnames: dict[str, str] = {}
    quotes: dict[tuple[str, str], list[Row]] = defaultdict(list)  # (kst, doc) -> rows
    for row in rows:
        kst, doc = str(row["kst"]), _key(row["doc"])
        lists[kst][doc].add(str(row["person"]))
        surnames[str(row["person"])] = str(row["family"])
        quotes[(kst, doc)].append(row)

    def names(persons: set[str]) -> str:
        return ", ".join(sorted(surnames[p] for p in persons))

    for kst, by_doc in sorted(lists.items()):
        docs = sorted(by_doc)
        for i, first in enumerate(docs):
            for second in docs[i + 1:]:
                a, b = by_doc[first], by_doc[second]
                if a - b and b - a:
                    finding = Finding(kst, f"submitters differ: {first} names {names(a)}; {second} names {names(b)}")
                    for row in quotes[(kst, first)] + quotes[(kst, second)]:
                        _add(finding, row)
                    section.findings.append(finding)

    # The same motion (two or more submitters, by surname) under different numbers of one dossier.
    by_name: dict[tuple[str, frozenset[str]], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for kst, by_doc in lists.items():
        dossier, suffix, _ = parse_kamerstuk_id(kst)
        for doc, persons in by_doc.items():
            if len(persons) >= 2:
                by_name[(f"{dossier}{suffix or ''}", frozenset(slug(surnames[p]) for p in persons))][kst].add(doc)
    for (_, name), by_kst in sorted(by_name.items(), key=lambda item: sorted(item[1])):
        if len(by_kst) < 2:
            continue
        citing = [doc for docs in by_kst.values() for doc in docs]
        if len(set(citing)) != len(citing):
            continue  # one document cites both: two motions of the same members
        numbers = sorted(by_kst)
        finding = Finding(" / ".join(numbers), f"the motion of {', '.join(sorted(name))} is cited as {len(numbers)} "
                          f"different Kamerstukken: {', '.join(numbers)}")
        for kst in numbers:
            for doc in sorted(by_kst[kst]):
                for row in quotes[(kst, doc)]:
                    _add(finding, row)
        section.findings.append(finding)
    return section


def quality_report(store: Store) -> list[Section]:
    """Every section of the report, in a fixed order."""
    return [garbled_references(store), incomplete_funding(store), ambiguous_persons(store), conflicting_claims(store)]


def as_json(sections: list[Section]) -> dict[str, Any]:
    return {"sections": [asdict(section) for section in sections],
            "total": sum(len(section.findings) for section in sections)}


def as_text(sections: list[Section]) -> str:
    """The report as plain text: a heading per section, each finding with its quotes (file, offsets, rule)."""
    lines: list[str] = []
    for section in sections:
        lines.append(f"== {section.title} ({len(section.findings)})")
        lines.append(f"   {section.summary}")
        if not section.findings:
            lines.append("   nothing found")
        for finding in section.findings:
            lines.append(f" - {finding.subject}: {finding.problem}")
            for passage in finding.quotes:
                where = f"{passage.file} [{passage.start}-{passage.end}, {passage.rule}]"
                lines.append(f'     {where}: "{passage.quote}"')
        lines.append("")
    return "\n".join(lines)
