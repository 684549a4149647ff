"""The kamergraph command, run in-process against a store in a temporary folder."""

import json
from pathlib import Path

import pytest
from rdflib import Dataset, Graph

from cli import main
from store.base import SelectResult
from store.embedded import EmbeddedStore

LETTERS = Path(__file__).resolve().parents[2] / "data" / "letters"
LETTER = """Aan de Voorzitter van de Tweede Kamer der Staten-Generaal
Den Haag, 3 maart 2025

Nederland steunt UNHCR in Soedan.

De minister van Buitenlandse Zaken,
J.K. de Boer
"""


@pytest.fixture
def letter(tmp_path: Path) -> Path:
    path = tmp_path / "in" / "brief met spatie.txt"
    path.parent.mkdir()
    path.write_text(LETTER, encoding="utf-8")
    return path


def test_ingest_a_folder_then_again_reports_unchanged(
    tmp_path: Path, letter: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = tmp_path / "store"
    assert main(["ingest", str(letter.parent), "--store", str(store)]) == 0
    assert "loaded" in capsys.readouterr().err
    assert main(["ingest", str(letter.parent), "--store", str(store)]) == 0
    assert "unchanged" in capsys.readouterr().err


def test_ingesting_the_sample_letters_twice_reports_every_one_unchanged_and_keeps_the_triple_count(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = tmp_path / "store"
    letters = sorted(LETTERS.glob("*.txt"))
    assert main(["ingest", str(LETTERS), "--store", str(store)]) == 0
    assert f"{len(letters)} loaded, 0 replaced, 0 unchanged, 0 rejected" in capsys.readouterr().err
    opened = EmbeddedStore(store)
    count = opened.triple_count()
    opened.close()
    assert count > 0

    assert main(["ingest", str(LETTERS), "--store", str(store)]) == 0
    err = capsys.readouterr().err
    assert f"0 loaded, 0 replaced, {len(letters)} unchanged, 0 rejected" in err
    assert err.count("│ unchanged ") == len(letters)  # the outcome column of each letter's row in the table
    opened = EmbeddedStore(store)
    assert opened.triple_count() == count
    opened.close()


def test_a_rejected_file_sets_the_exit_code_and_the_rest_loads(
    tmp_path: Path, letter: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (letter.parent / "leeg.txt").write_text("")
    store = tmp_path / "store"
    assert main(["ingest", str(letter.parent), "--store", str(store)]) == 1
    err = capsys.readouterr().err
    assert "leeg.txt" in err and "empty" in err and "loaded" in err
    assert "Traceback" not in err


def test_validate_exit_codes(tmp_path: Path, letter: Path) -> None:
    assert main(["validate", str(letter)]) == 0
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    assert main(["validate", str(empty)]) == 1


def test_query_with_a_bad_parameter_is_a_usage_error(
    tmp_path: Path, letter: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = tmp_path / "store"
    main(["ingest", str(letter), "--store", str(store)])
    capsys.readouterr()
    assert main(["query", "digest-countries", "--param", "nope=1", "--store", str(store)]) == 2
    assert "has no parameter nope" in capsys.readouterr().err


def test_export_turtle_and_nquads_parse_back(tmp_path: Path, letter: Path) -> None:
    store = tmp_path / "store"
    main(["ingest", str(letter), "--store", str(store)])
    ttl, nq = tmp_path / "out.ttl", tmp_path / "out.nq"
    assert main(["export", "--format", "ttl", "--out", str(ttl), "--store", str(store)]) == 0
    assert main(["export", "--format", "nq", "--out", str(nq), "--store", str(store)]) == 0
    graph = Graph().parse(ttl)
    dataset = Dataset()
    dataset.parse(nq, format="nquads")
    assert len(graph) > 0
    assert len({c.identifier for c in dataset.graphs()}) >= 2  # the ontology graph and the document's graph


def test_digest_writes_one_json_per_letter_named_like_it(tmp_path: Path) -> None:
    out = tmp_path / "digests"
    assert main(["digest", *map(str, sorted(LETTERS.glob("*.txt"))), "--out", str(out)]) == 0
    names = sorted(p.name for p in out.glob("*.json"))
    assert names == sorted(p.with_suffix(".json").name for p in LETTERS.glob("*.txt"))
    digest = json.loads((out / names[0]).read_text(encoding="utf-8"))
    assert digest["letter"] == names[0].replace(".json", ".txt")
    assert set(digest) >= {
        "date",
        "signatories",
        "motions",
        "amendments",
        "commitments",
        "references",
        "programmes",
        "organisations",
        "countries",
        "funding",
    }


def test_a_big_batch_lists_only_its_problems_and_stores_every_good_document(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Over SUMMARY_ROWS documents, the summary is the tally and the rejections, not a row per document; the batch
    (stored 64 at a time by the bulk loader) holds every good document."""
    from cli import SUMMARY_ROWS

    folder = tmp_path / "in"
    folder.mkdir()
    for number in range(SUMMARY_ROWS):
        (folder / f"brief {number:03d}.txt").write_text(LETTER.replace("Soedan", f"Soedan ({number})"), "utf-8")
    (folder / "leeg.txt").write_bytes(b"")
    store = tmp_path / "store"
    assert main(["ingest", str(folder), "--store", str(store), "--jobs", "2"]) == 1
    err = capsys.readouterr().err
    assert f"{SUMMARY_ROWS} loaded, 0 replaced, 0 unchanged, 1 rejected" in err
    assert "rejected" in err and "leeg.txt" in err
    assert "│ loaded" not in err
    opened = EmbeddedStore(store)
    result = opened.query("SELECT (COUNT(DISTINCT ?doc) AS ?n) WHERE { ?doc kg:sourceFileName ?file }")
    opened.close()
    assert isinstance(result, SelectResult) and int(str(result.rows[0]["n"])) == SUMMARY_ROWS
