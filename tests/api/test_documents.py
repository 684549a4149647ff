"""POST /documents and DELETE /documents/{id}: the CLI's pipeline behind a write token, on a real in-memory store."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

with warnings.catch_warnings():  # starlette's TestClient warns that it will move from httpx to httpx2
    warnings.filterwarnings("ignore", message=".*httpx2")
    from fastapi.testclient import TestClient

from api.main import create_app
from api.settings import Settings, SettingsError
from store.base import SelectResult
from store.embedded import EmbeddedStore

TOKEN = "test-token-0123456789abcdef"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
#: A letter with its own Kamerstuk id in the header (29 237, nr. 260 -> kst-29237-260).
KAMERSTUK = (Path(__file__).resolve().parents[1] / "fixtures" / "read" / "letter.txt").read_text(encoding="utf-8")
LETTER = """Aan de Voorzitter van de Tweede Kamer der Staten-Generaal
Den Haag, 14 februari 2025

Nederland steunt UNHCR in Jemen met EUR 4 miljoen.

De minister van Buitenlandse Zaken,
D.M. van Weel
"""
XXE = b"""<?xml version="1.0"?>
<!DOCTYPE officiele-publicatie [<!ENTITY geheim SYSTEM "file:///etc/hostname">]>
<officiele-publicatie><kamerstuk><al>&geheim;</al></kamerstuk></officiele-publicatie>"""


def files(*items: tuple[str, str | bytes]) -> list[tuple[str, tuple[str, bytes, str]]]:
    """Multipart file parts named 'files'."""
    return [
        ("files", (name, data.encode("utf-8") if isinstance(data, str) else data, "application/octet-stream"))
        for name, data in items
    ]


def quads(store: EmbeddedStore) -> set[tuple[str, ...]]:
    result = store.query("SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert isinstance(result, SelectResult)
    return {tuple(row[v].n3() for v in ("g", "s", "p", "o")) for row in result.rows}


@pytest.fixture
def store() -> Iterator[EmbeddedStore]:
    empty = EmbeddedStore()
    yield empty
    empty.close()


def client_for(store: EmbeddedStore, **settings: Any) -> TestClient:
    return TestClient(create_app(Settings(store_path=Path("unused"), **settings), store=store))


@pytest.fixture
def client(store: EmbeddedStore) -> Iterator[TestClient]:
    with client_for(store, write_token=TOKEN, max_upload=200_000) as test_client:
        yield test_client


def test_without_a_configured_token_writes_answer_403_saying_how_to_enable_them(
    store: EmbeddedStore, error: Any
) -> None:
    with client_for(store, write_token=None) as client:
        upload = client.post("/documents", files=files(("brief.txt", LETTER)), headers=AUTH)
        delete = client.delete("/documents/kst-29237-260", headers=AUTH)
    for response in (upload, delete):
        error(response, 403, "writes_disabled", "KAMERGRAPH_TOKEN", "Authorization: Bearer")
    assert store.triple_count() == 0


@pytest.mark.parametrize(
    "header",
    [{}, {"Authorization": "Bearer wrong-token-0123456789abcd"}, {"Authorization": f"Basic {TOKEN}"}],
    ids=["none", "wrong", "not-bearer"],
)
def test_a_missing_or_wrong_token_answers_401_and_writes_nothing(
    client: TestClient, store: EmbeddedStore, error: Any, header: dict[str, str]
) -> None:
    upload = client.post("/documents", files=files(("brief.txt", LETTER)), headers=header)
    error(upload, 401, "unauthorized", "Authorization: Bearer")
    assert upload.headers["www-authenticate"].startswith("Bearer")
    error(client.delete("/documents/kst-29237-260", headers=header), 401, "unauthorized")
    assert store.triple_count() == 0


def test_an_upload_loads_and_the_same_upload_again_is_unchanged(client: TestClient, store: EmbeddedStore) -> None:
    first = client.post("/documents", files=files(("brief.txt", LETTER)), headers=AUTH)
    assert first.status_code == 200, first.text
    body = first.json()
    (result,) = body["results"]
    assert (result["file"], result["outcome"], result["reason"], result["warnings"]) == (
        "brief.txt",
        "loaded",
        None,
        [],
    )
    assert result["id"].startswith("sha256-") and result["triples"] > 0
    assert (body["loaded"], body["rejected"]) == (1, 0)
    stored = quads(store)
    assert client.get(f"/letters/{result['id']}").status_code == 200

    again = client.post("/documents", files=files(("brief.txt", LETTER)), headers=AUTH)
    assert [(r["file"], r["outcome"], r["id"]) for r in again.json()["results"]] == [
        ("brief.txt", "unchanged", result["id"])
    ]
    assert quads(store) == stored


def test_a_changed_version_of_a_kamerstuk_replaces_its_graph(client: TestClient, store: EmbeddedStore) -> None:
    first = client.post("/documents", files=files(("brief.txt", KAMERSTUK)), headers=AUTH).json()["results"][0]
    assert (first["outcome"], first["id"]) == ("loaded", "kst-29237-260")
    changed = KAMERSTUK.replace("Den Haag,", "Aanvulling: Nederland steunt ook UNICEF in Soedan.\n\nDen Haag,", 1)
    assert changed != KAMERSTUK
    second = client.post("/documents", files=files(("brief-v2.txt", changed)), headers=AUTH).json()["results"][0]
    assert (second["outcome"], second["id"]) == ("replaced", "kst-29237-260")
    graphs = {q[0] for q in quads(store)}
    assert len(graphs) == 2  # the ontology and the one document, not two versions of it
    letter = client.get("/letters/kst-29237-260").json()
    assert "UNICEF" in str(letter)


def test_a_bad_file_is_rejected_while_the_good_one_in_the_same_upload_loads(
    client: TestClient, store: EmbeddedStore
) -> None:
    response = client.post(
        "/documents",
        files=files(
            ("leeg.txt", b""), ("../../etc/xxe.xml", XXE), ("goed.txt", LETTER), ("foto.pdf", b"\x89PNG\r\n\x1a\nIHDR")
        ),
        headers=AUTH,
    )
    assert response.status_code == 200, response.text
    body = response.json()
    outcomes = [(r["file"], r["outcome"]) for r in body["results"]]
    assert outcomes == [
        ("leeg.txt", "rejected"),
        ("xxe.xml", "rejected"),
        ("goed.txt", "loaded"),
        ("foto.pdf", "rejected"),
    ]
    reasons = [r["reason"] for r in body["results"]]
    assert reasons[0] == "the file is empty (0 bytes)"
    assert "external entit" in reasons[1] and "never resolved" in reasons[1]
    assert "unknown or binary format" in reasons[3]
    assert (body["loaded"], body["rejected"]) == (1, 3)
    graphs = {q[0] for q in quads(store)}
    assert len(graphs) == 2  # the ontology and the good letter only
    assert f"<https://w3id.org/kamergraph/id/document/{body['results'][2]['id']}>" in graphs


def test_an_upload_above_the_limit_answers_413_and_writes_nothing(store: EmbeddedStore, error: Any) -> None:
    with client_for(store, write_token=TOKEN, max_upload=5_000) as client:
        response = client.post("/documents", files=files(("groot.txt", LETTER * 100)), headers=AUTH)
    error(response, 413, "body_too_large", "5000 bytes")
    assert store.triple_count() == 0


def test_an_upload_without_files_or_not_multipart_is_refused(client: TestClient, error: Any) -> None:
    error(client.post("/documents", files=[("note", (None, b"1"))], headers=AUTH), 422, "invalid_parameter", "no file")
    error(client.post("/documents", content=LETTER, headers=AUTH), 415, "unsupported_media_type", "multipart/form-data")


def test_delete_removes_the_document_and_only_it(client: TestClient, store: EmbeddedStore, error: Any) -> None:
    loaded = client.post("/documents", files=files(("a.txt", LETTER), ("b.txt", KAMERSTUK)), headers=AUTH).json()
    first, second = (r["id"] for r in loaded["results"])
    kept = {q for q in quads(store) if q[0] != f"<https://w3id.org/kamergraph/id/document/{first}>"}

    response = client.delete(f"/documents/{first}", headers=AUTH)
    assert response.status_code == 200, response.text
    assert response.json() == {"id": first, "removed": True}
    assert quads(store) == kept
    error(client.get(f"/letters/{first}"), 404, "not_found")
    assert client.get(f"/letters/{second}").status_code == 200

    error(client.delete(f"/documents/{first}", headers=AUTH), 404, "not_found", first)
    error(client.delete("/documents/not-an-id", headers=AUTH), 422, "invalid_parameter", "not-an-id")


def test_the_write_token_comes_from_kamergraph_token_is_at_least_16_characters_and_never_shown() -> None:
    assert Settings.from_environment({}).write_token is None
    settings = Settings.from_environment({"KAMERGRAPH_TOKEN": TOKEN})
    assert settings.write_token == TOKEN
    assert TOKEN not in repr(settings)
    with pytest.raises(SettingsError, match="KAMERGRAPH_TOKEN must be at least 16 characters"):
        Settings.from_environment({"KAMERGRAPH_TOKEN": "kort"})
