"""One fixture letter as plain text, PDF, HTML, official XML and .docx: every reader yields the same facts."""

from __future__ import annotations

import dataclasses
import re
from decimal import Decimal
from typing import Any

import pytest

from loaders.document import Document
from loaders.extract import extract_all
from loaders.pipeline import build, ensure_ontology
from loaders.read import read_bytes
from queries.digest import digest
from store.embedded import EmbeddedStore

FORMATS = ["text", "pdf", "html", "xml", "docx"]

#: The fixture letter in the layout every structured reader writes (checked by hand against letter.txt): one line per
#: paragraph, the footnote marker where the superscript number stood and the note after its paragraph.
EXPECTED_LINES = [
    "29 237 Afrikabeleid",
    "Nr. 260",
    "BRIEF VAN DE MINISTER VAN BUITENLANDSE ZAKEN",
    "Aan de Voorzitter van de Tweede Kamer der Staten-Generaal",
    "Den Haag, 12 maart 2026",
    "Met deze brief informeer ik uw Kamer over de humanitaire situatie in Tsjaad en over de uitvoering van de motie "
    "van de leden Jansen en De Groot[footnoteRef:1] over hulp aan vluchtelingen uit Soedan. "
    "[1:  Kamerstuk 29 237, nr. 251]",
    "In mijn brief van 4 februari jl. (Kamerstuk 29 237, nr. 247) heb ik uw Kamer gemeld dat het kabinet de noodhulp "
    "in de regio uitbreidt. Nederland draagt dit jaar EUR 15 miljoen bij aan het Wereldvoedselprogramma (WFP) voor "
    "voedselhulp aan vluchtelingen in het oosten van Tsjaad.",
    "Daarnaast steunt Nederland het werk van UNHCR in de opvangkampen bij Adré. Over de voortgang informeer ik uw "
    "Kamer voor het zomerreces.",
    "De minister van Buitenlandse Zaken,",
    "J.K. de Boer",
]


def _read(renderings: dict[str, tuple[str, bytes]], fmt: str) -> Document:
    name, data = renderings[fmt]
    return read_bytes(name, data)


@pytest.mark.parametrize("fmt", ["pdf", "html", "xml", "docx"])
def test_every_structured_format_reads_to_the_same_lines(renderings: dict[str, tuple[str, bytes]], fmt: str) -> None:
    """PDF, HTML, XML and .docx give the same lines in the same order (blank lines may group them differently)."""
    doc = _read(renderings, fmt)
    assert doc.format == fmt
    assert [line for line in doc.text.splitlines() if line.strip()] == EXPECTED_LINES


@pytest.mark.parametrize("fmt", ["pdf", "html", "xml", "docx"])
def test_paragraphs_are_separated_by_blank_lines_and_the_signature_keeps_its_line_break(
    renderings: dict[str, tuple[str, bytes]], fmt: str
) -> None:
    blocks = _read(renderings, fmt).text.split("\n\n")
    assert "De minister van Buitenlandse Zaken,\nJ.K. de Boer" in [b.strip() for b in blocks]
    assert any(b.startswith("In mijn brief van 4 februari jl.") and "\n" not in b for b in blocks)


@pytest.mark.parametrize("fmt", ["html", "xml"])
def test_official_formats_carry_the_kamerstuk_metadata(renderings: dict[str, tuple[str, bytes]], fmt: str) -> None:
    metadata = _read(renderings, fmt).metadata
    assert metadata["identifier"] == "kst-29237-260"
    assert metadata["dossiernummer"] == "29 237"
    assert metadata["stuknummer"] == "260"
    assert metadata["datum"] == "2026-03-12"


def _normal(value: Any) -> Any:
    """A fact value with layout differences removed: white space collapsed in strings."""
    if isinstance(value, str):
        return re.sub(r"\s+", " ", value).strip()
    if isinstance(value, (tuple, list)):
        return tuple(_normal(v) for v in value)
    if isinstance(value, Decimal):
        return value.normalize()
    return value


def _facts(doc: Document) -> set[tuple[Any, ...]]:
    """Each mention as (type, field values) without its evidence offsets, which differ between layouts."""
    facts = set()
    for mention in extract_all(doc):
        fields = tuple(
            (f.name, _normal(getattr(mention, f.name))) for f in dataclasses.fields(mention) if f.name != "evidence"
        )
        facts.add((type(mention).__name__, fields))
    return facts


def _digest(doc: Document) -> dict[str, Any]:
    store = EmbeddedStore()
    ensure_ontology(store)
    built = build(doc)
    store.replace_graph(built.resolution.iri, built.graph)
    result = digest(store, built.resolution.iri)
    result.pop("letter")
    return result


@pytest.mark.parametrize("fmt", ["pdf", "html", "xml", "docx"])
def test_the_same_letter_in_every_format_yields_the_same_facts(
    renderings: dict[str, tuple[str, bytes]], fmt: str
) -> None:
    """The extractors find the same mentions (type and values) in each format as in the plain-text letter."""
    assert _facts(_read(renderings, fmt)) == _facts(_read(renderings, "text"))


@pytest.mark.parametrize("fmt", ["pdf", "html", "xml", "docx"])
def test_the_same_letter_in_every_format_has_the_same_digest(
    renderings: dict[str, tuple[str, bytes]], fmt: str
) -> None:
    """Ingested into a fresh store, each format's digest (all fields but the file name) equals the plain text's."""
    assert _digest(_read(renderings, fmt)) == _digest(_read(renderings, "text"))


def test_the_digest_comparison_compares_facts_the_letter_holds(renderings: dict[str, tuple[str, bytes]]) -> None:
    """Guard against a vacuous comparison: the plain letter's digest has the facts extraction already finds."""
    result = _digest(_read(renderings, "text"))
    facts = _facts(_read(renderings, "text"))
    assert facts, "extraction found nothing in the fixture letter"
    if any(kind == "DateMention" for kind, _ in facts):
        assert result["date"] == "2026-03-12"
    if any(kind == "CitationMention" for kind, _ in facts):
        assert "kst-29237-247" in result["references"]
