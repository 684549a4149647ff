"""The quality report (kamergraph report, GET /quality): what could not be resolved or conflicts, with quotes; on
invented letters with one known problem each, and on the sample letters."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest

with warnings.catch_warnings():  # starlette's TestClient warns that it will move from httpx to httpx2
    warnings.filterwarnings("ignore", message=".*httpx2")
    from fastapi.testclient import TestClient

from api.main import create_app
from cli import main
from loaders.pipeline import ensure_ontology, ingest_path, prepare, store_prepared
from queries.quality import Section, as_json, as_text, quality_report
from store.base import Store
from store.embedded import EmbeddedStore

LETTERS = Path(__file__).resolve().parents[2] / "data" / "letters"

#: Invented letters: file name -> text; each carries one kind of problem the report must find.
PROBLEMS = {
    "a.txt": (
        "Geachte voorzitter,\n\nDe motie Jansen en De Groot (Kamerstuk 31 111, nr. 12) vraagt om hulp. Zie ook "
        "Kamerstuk 2150102, nr. EW over dit onderwerp. Nederland geeft EUR 5 miljoen voor opvang in de regio.\n\n"
        "De minister van Buitenlandse Zaken,\n\nC. Jansen\n"
    ),
    "b.txt": "Geachte voorzitter,\n\nDe motie Jansen en Bakker (Kamerstuk 31 111, nr. 12) is uitgevoerd.\n",
    "c.txt": "Geachte voorzitter,\n\nDe motie Visser en Mulder (Kamerstuk 31 111, nr. 20) is uitgevoerd.\n",
    "d.txt": "Geachte voorzitter,\n\nDe motie Visser en Mulder (Kamerstuk 31 111, nr. 21) wordt uitgevoerd.\n",
}


def _fill(store: Store) -> None:
    ensure_ontology(store)
    for name, text in PROBLEMS.items():
        store_prepared(store, prepare(name, text.encode("utf-8")))


@pytest.fixture(scope="module")
def report() -> list[Section]:
    store = EmbeddedStore(None)
    _fill(store)
    return quality_report(store)


def _section(report: list[Section], name: str) -> Section:
    return next(s for s in report if s.name == name)


def test_garbled_reference_is_listed_with_its_sentence(report: list[Section]) -> None:
    [finding] = _section(report, "garbled-references").findings
    assert "2150102" in finding.subject
    assert [q.file for q in finding.quotes] == ["a.txt"]
    assert "Zie ook Kamerstuk 2150102, nr. EW over dit onderwerp." in finding.quotes[0].quote


def test_amount_without_recipient(report: list[Section]) -> None:
    [finding] = _section(report, "incomplete-funding").findings
    assert finding.subject == "a.txt: EUR 5 miljoen" and finding.problem == "no recipient"
    assert "EUR 5 miljoen voor opvang in de regio" in finding.quotes[0].quote


def test_one_surname_under_two_ids_is_ambiguous(report: list[Section]) -> None:
    [finding] = _section(report, "ambiguous-persons").findings
    assert finding.subject.casefold() == "jansen"
    assert "C. Jansen (jansen-c)" in finding.problem and "Jansen (jansen)" in finding.problem
    assert {q.rule for q in finding.quotes} >= {"signatures.block"}


def test_conflicting_submitters_and_numbers_across_documents(report: list[Section]) -> None:
    findings = _section(report, "conflicting-claims").findings
    assert [f.subject for f in findings] == ["kst-31111-12", "kst-31111-20 / kst-31111-21"]
    submitters, numbers = findings
    assert "Bakker" in submitters.problem and "De Groot" in submitters.problem
    assert {q.file for q in submitters.quotes} == {"a.txt", "b.txt"}
    assert {q.file for q in numbers.quotes} == {"c.txt", "d.txt"}


def test_text_and_json_forms_carry_the_quotes(report: list[Section]) -> None:
    text = as_text(report)
    assert "== Unreadable references (1)" in text and '"De motie Jansen en Bakker' in text
    data = as_json(report)
    assert data["total"] == sum(len(s.findings) for s in report) == 5


def test_cli_report_json_and_api_quality_agree(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    location = tmp_path / "store"
    store = EmbeddedStore(location)
    _fill(store)
    store.close()
    assert main(["report", "--format", "json", "--store", str(location)]) == 0
    from_cli = json.loads(capsys.readouterr().out)
    store = EmbeddedStore(location)
    try:
        with TestClient(create_app(store=store)) as client:
            response = client.get("/quality")
    finally:
        store.close()
    assert response.status_code == 200
    assert response.json() == from_cli


def test_samples_report_what_could_not_be_resolved_with_quotes() -> None:
    store = EmbeddedStore(None)
    for path in sorted(LETTERS.glob("*.txt")):
        ingest_path(store, path)
    report = quality_report(store)
    garbled = _section(report, "garbled-references").findings
    assert any("Kamerstuk 2150102, nr. EW" in f.subject for f in garbled)
    assert all(f.quotes for s in report for f in s.findings)  # every finding comes with a quote
