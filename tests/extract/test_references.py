"""Kamerstuk citations in every written form, motions and amendments with their submitters, garbled citations."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import pytest

from loaders.document import Document
from loaders.extract import extract_all
from loaders.extract.references import find_citations
from loaders.mentions import CitationMention, GarbledReferenceMention, Mention

M = TypeVar("M", bound=Mention)


def mentions_of(doc: Document, kind: type[M]) -> list[M]:
    """The mentions of one type the whole extractor chain finds (later extractors read earlier ones' results)."""
    return [m for m in extract_all(doc) if isinstance(m, kind)]



def cited_ids(text: str) -> list[str]:
    cited, _ = find_citations(text)
    return [kst for c in cited for kst in c.ids]


def kinds(doc_text: str) -> dict[str, tuple[str | None, tuple[str, ...]]]:
    """kst -> (kind, submitters) merged over all citation mentions, as resolution merges them."""
    return merged(mentions_of(Document("inline.txt", doc_text), CitationMention))


def merged(mentions: list[CitationMention]) -> dict[str, tuple[str | None, tuple[str, ...]]]:
    result: dict[str, tuple[str | None, tuple[str, ...]]] = {}
    for m in mentions:
        kind, names = result.get(m.kst, (None, ()))
        result[m.kst] = (kind or m.kind, names + tuple(n for n in m.submitters if n not in names))
    return result


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("Kamerstuk 29 237, nr. 247", ["kst-29237-247"]),
        ("Kamerstuk 29237, nr. 234", ["kst-29237-234"]),
        ("(Kamerstuk 36 247 nr.11)", ["kst-36247-11"]),
        ("Kamerstuk 36410 V, nr 49", ["kst-36410-V-49"]),
        ("Kamerstuk 21 501-02, nr. 3281", ["kst-21501-02-3281"]),
        ("(Kamerstuk 21 501–07, nr. 1500)", ["kst-21501-07-1500"]),
        ("Kamerstuk 35 900 XVII, nr. 16", ["kst-35900-XVII-16"]),
        ("(motie-Jansen/De Groot, 31 111, nr. 12)", ["kst-31111-12"]),
        ("Kamerstuk 29 237, nr. 248 en nr. 249", ["kst-29237-248", "kst-29237-249"]),
        ("Kamerstukken 29 237, nrs. 248 en 249.", ["kst-29237-248", "kst-29237-249"]),
        ("Kamerstukken 31 234 en 35 111, nr. 87", ["kst-31234-87", "kst-35111-87"]),
        ("(Kamerstukken II 2024/25, 29 237, nr. 240)", ["kst-29237-240"]),
        ("Kamerstuk 36 200 V, nr. 24 en Kamerstuk 30573, nr. 210", ["kst-36200-V-24", "kst-30573-210"]),
        ("Kamerstuk 29 237, nr. 247 en 36 180, nr. 168", ["kst-29237-247", "kst-36180-168"]),
        ("Kamerstuk 29 237, nr. 236, van\n24 november jl.", ["kst-29237-236"]),
        ("Kamerstuk 29 237,\nnr. 247", ["kst-29237-247"]),
        ("Kamer-\nstuk 29\n237, nr. 247", ["kst-29237-247"]),
    ],
)
def test_citation_forms(text: str, ids: list[str]) -> None:
    assert cited_ids(text) == ids


def test_not_citations() -> None:
    """A web address, a dossier without a number, the page furniture with the document's own id, a header 'Nr.'."""
    text = (
        "https://www.tweedekamer.nl/kamerstukken/detail?id=2024D19455 en dossier 29 237.\n"
        "31 234 / 35 111, Nr. 88 BRIEF\n"
        "Tweede Kamer, vergaderjaar 2025–2026, 29 237, nr. 261 1\n"
    )
    assert cited_ids(text) == []


def test_garbled_citation_is_reported_not_turned_into_an_id() -> None:
    doc = Document("inline.txt", "Dit heeft het debat vormgegeven.24\n\n24 Kamerstuk 2150102, nr. EW\n")
    assert mentions_of(doc, CitationMention) == []
    [garbled] = mentions_of(doc, GarbledReferenceMention)
    assert garbled.text == "Kamerstuk 2150102, nr. EW"


def test_motions_and_amendment_cited_inline_in_an_official_letter(fixture_doc: Callable[[str], Document]) -> None:
    assert merged(mentions_of(fixture_doc("official_letter.txt"), CitationMention)) == {
        "kst-29237-250": ("motion", ("Bakker",)),
        "kst-29237-251": ("motion", ("Postma", "De Wit")),
        "kst-36800-V-16": ("amendment", ("Van Dam", "Ter Horst")),
        "kst-29237-240": (None, ()),
    }


def test_word_export_footnotes_plural_motions_parenthesised_names_and_misspelling(
    fixture_doc: Callable[[str], Document],
) -> None:
    """'de moties Postma c.s. ...[2] en ...[3]' covers both notes (and both ids of note 3); '(Van Dam c.s. [4] en
    Ter Horst c.s.[5])' names each; 'Van der Berg' later is the same submitter as 'Van den Berg' of the same id."""
    doc = fixture_doc("word_letter.txt")
    assert merged(mentions_of(doc, CitationMention)) == {
        "kst-29237-247": ("motion", ("Van den Berg",)),
        "kst-29237-244": ("motion", ("Postma",)),
        "kst-29237-248": ("motion", ("Postma",)),
        "kst-29237-249": ("motion", ("Postma",)),
        "kst-22054-470": ("motion", ("Van Dam",)),
        "kst-22054-474": ("motion", ("Ter Horst",)),
    }
    assert [g.text for g in mentions_of(doc, GarbledReferenceMention)] == ["Kamerstuk 2150102, nr. EW"]


def test_pdf_layout_glued_markers_and_notes_before_the_text(fixture_doc: Callable[[str], Document]) -> None:
    assert merged(mentions_of(fixture_doc("pdf_letter.txt"), CitationMention)) == {
        "kst-29237-236": (None, ()),
        "kst-36180-42": (None, ()),
        "kst-27925-910": ("motion", ("Postma", "De Wit")),
        "kst-29237-248": ("motion", ("Van Dam",)),
        "kst-29237-249": ("motion", ("Van Dam",)),
    }


@pytest.mark.parametrize(
    ("sentence", "submitters"),
    [
        ("Conform de motie Van den Burg c.s. (Kamerstuk 29 237, nr. 247) handelt het kabinet.", ("Van den Burg",)),
        ("Dit geeft uitvoering aan de motie-Ceder (Kamerstuk 29 237, nr. 247).", ("Ceder",)),
        ("Zo wordt de motie Van Baarle en Dobbe (Kamerstuk 29 237, nr. 247) uitgevoerd.", ("Van Baarle", "Dobbe")),
        ("Zo wordt de motie Ceder/Kröger (Kamerstuk 29 237, nr. 247) uitgevoerd.", ("Ceder", "Kröger")),
        ("De motie van de leden Brekelmans, Veldkamp en Tuinman (Kamerstuk 29 237, nr. 247) vraagt dit.",
         ("Brekelmans", "Veldkamp", "Tuinman")),
        ("Zo voert het kabinet de moties Kröger c.s. uit (Kamerstuk 29 237, nr. 247).", ("Kröger",)),
        ("Zie Kamerstuk 29 237, nr. 247 (motie van het lid Teunissen c.s.).", ("Teunissen",)),
        ("Hebben de leden Dobbe c.s. het kabinet middels een motie verzocht (Kamerstuk 29 237, nr. 247).", ("Dobbe",)),
    ],
)
def test_motion_name_forms(sentence: str, submitters: tuple[str, ...]) -> None:
    assert kinds(sentence) == {"kst-29237-247": ("motion", submitters)}


def test_amendment_submitters() -> None:
    text = "Het amendement ingediend door de leden Dobbe en Ceder (Kamerstuk 36 800 V, nr. 45) is aangenomen."
    assert kinds(text) == {"kst-36800-V-45": ("amendment", ("Dobbe", "Ceder"))}


def test_motion_word_governs_only_its_own_citation() -> None:
    """A singular 'motie' takes the first citation; a later letter cited in the same sentence is no motion."""
    text = (
        "Conform de motie Bakker (Kamerstuk 29 237, nr. 250) informeer ik u, zoals eerder in de brief van mei "
        "(Kamerstuk 29 237, nr. 240) aangekondigd."
    )
    assert kinds(text) == {"kst-29237-250": ("motion", ("Bakker",)), "kst-29237-240": (None, ())}


def test_motion_without_id_gives_no_citation() -> None:
    assert kinds("Daarmee geeft het kabinet invulling aan de motie Dobbe en de motie Teunissen c.s.") == {}


def test_motion_document_lists_itself_with_all_submitters(fixture_doc: Callable[[str], Document]) -> None:
    assert merged(mentions_of(fixture_doc("motion.txt"), CitationMention)) == {
        "kst-36800-V-31": ("motion", ("Bakker", "Van Dam", "Ter Horst"))}


def test_two_similar_names_in_one_list_stay_two_submitters() -> None:
    """'Smit en Smits' are two people; only a spelling in another mention of the same id is merged."""
    text = (
        "Zo wordt de motie Smit en Smits[footnoteRef:1] uitgevoerd. Ook de motie Smitt[footnoteRef:2] is uitgevoerd.\n"
        "[1:  Kamerstuk 29 237, nr. 247] [2:  Kamerstuk 29 237, nr. 247]\n"
    )
    assert kinds(text) == {"kst-29237-247": ("motion", ("Smit", "Smits"))}


def test_motion_name_on_the_next_short_line_of_a_narrow_column() -> None:
    text = "Het kabinet voert de\nmotie Van Dam c.s.1\nuit.\n\n1 Kamerstuk 29 237, nr. 248\n"
    assert kinds(text) == {"kst-29237-248": ("motion", ("Van Dam",))}


def test_name_hyphenated_at_a_line_end() -> None:
    text = "Met deze rapportage wordt voldaan aan de motie1 van de leden Brekel-\nmans en Veldkamp.\n\n"
    text += "1 Kamerstuk 36 410 V, nr 49\n"
    assert kinds(text) == {"kst-36410-V-49": ("motion", ("Brekelmans", "Veldkamp"))}
