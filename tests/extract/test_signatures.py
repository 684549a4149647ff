"""Signatories in every layout: blocks, one-line, split offices, side by side, answers, motion/amendment submitters."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from loaders.document import Document
from loaders.extract import extract_all
from loaders.extract.signatures import normalise_office
from loaders.mentions import Mention, SignatureMention

MEMBER = "lid van de Tweede Kamer"

M = TypeVar("M", bound=Mention)


def mentions_of(doc: Document, kind: type[M]) -> list[M]:
    """The mentions of one type the whole extractor chain finds (later extractors read earlier ones' results)."""
    return [m for m in extract_all(doc) if isinstance(m, kind)]



def signed(text: str) -> list[tuple[str, str]]:
    return pairs(mentions_of(Document("inline.txt", text), SignatureMention))


def pairs(mentions: list[SignatureMention]) -> list[tuple[str, str]]:
    return [(m.name, m.office) for m in mentions]


def test_office_normalised() -> None:
    assert normalise_office("De minister van  Buitenlandse\nZaken,") == "minister van Buitenlandse Zaken"
    assert normalise_office("Staatssecretaris Buitenlandse Handel en Ontwikkelingshulp,") == (
        "staatssecretaris Buitenlandse Handel en Ontwikkelingshulp")


def test_blocks_separated_by_page_furniture_and_one_person_in_two_offices() -> None:
    text = (
        "Daarom steunt Nederland het werk van partners.\n\n"
        "De minister van Buitenlandse Zaken, \nD.M. van Dijk \n\n | 3 | \n\n"
        "De staatssecretaris van Buitenlandse Zaken,\n\nPagina 3 van 3\n\nA. de Wit\n\n"
        "De minister van Asiel en Migratie,  \nD.M. van Dijk\n"
    )
    assert signed(text) == [
        ("D.M. van Dijk", "minister van Buitenlandse Zaken"),
        ("A. de Wit", "staatssecretaris van Buitenlandse Zaken"),
        ("D.M. van Dijk", "minister van Asiel en Migratie"),
    ]


def test_office_split_over_two_lines_and_first_name_signature(fixture_doc: Callable[[str], Document]) -> None:
    assert pairs(mentions_of(fixture_doc("pdf_letter.txt"), SignatureMention)) == [
        ("Marieke Kok", "staatssecretaris Buitenlandse Handel en Ontwikkelingshulp")]


def test_one_line_signature_of_an_official_publication(fixture_doc: Callable[[str], Document]) -> None:
    assert pairs(mentions_of(fixture_doc("official_letter.txt"), SignatureMention)) == [
        ("J.K. de Boer", "minister van Buitenlandse Zaken")]


def test_signature_at_the_end_of_a_flattened_letterhead_line(fixture_doc: Callable[[str], Document]) -> None:
    assert pairs(mentions_of(fixture_doc("letterhead_letter.txt"), SignatureMention)) == [
        ("Anna de Boer", "minister voor Buitenlandse Handel en Ontwikkelingssamenwerking")]


def test_one_signer_two_offices_in_one_block() -> None:
    text = "Hoogachtend,\n\nDe minister van Buitenlandse Zaken en van Asiel en Migratie,\n\nD.M. van Dijk\n"
    assert signed(text) == [
        ("D.M. van Dijk", "minister van Buitenlandse Zaken"),
        ("D.M. van Dijk", "minister van Asiel en Migratie"),
    ]


def test_ministry_with_commas_in_its_name_stays_one_office() -> None:
    text = "De minister van Onderwijs, Cultuur en Wetenschap, R.H. Kok\n"
    assert signed(text) == [("R.H. Kok", "minister van Onderwijs, Cultuur en Wetenschap")]


def test_two_blocks_side_by_side_flattened() -> None:
    text = (
        "De minister van Buitenlandse Zaken, De minister voor Buitenlandse Handel en Ontwikkelingssamenwerking,\n"
        "T.B.W. Bakker S.W. Postma\n"
    )
    assert signed(text) == [
        ("T.B.W. Bakker", "minister van Buitenlandse Zaken"),
        ("S.W. Postma", "minister voor Buitenlandse Handel en Ontwikkelingssamenwerking"),
    ]


def test_mede_namens_is_not_a_signature() -> None:
    text = (
        "In deze brief doe ik, mede namens de minister van Buitenlandse Zaken, deze toezegging gestand.\n\n"
        "De minister van Defensie,\nmede namens de minister van Buitenlandse Zaken,\n\nmr. J. Postma\n"
    )
    assert signed(text) == [("mr. J. Postma", "minister van Defensie")]


def test_office_in_running_text_is_not_a_signature() -> None:
    text = (
        "De minister van Buitenlandse Zaken,\nHoekstra, heeft toen gezegd dat de steun doorgaat.\n"
        "Daarom heeft de minister van Buitenlandse Zaken, D. Kok\nbesloten de steun te verhogen.\n"
    )
    assert signed(text) == []


def test_document_without_signature_block_has_none() -> None:
    assert signed("Inleiding\n\nVoor u ligt de eerste editie van de migratierapportage.\n") == []


def test_answer_signed_by_the_answering_minister(fixture_doc: Callable[[str], Document]) -> None:
    """The answering minister, office built from the department; 'mede namens' is not a signature."""
    assert pairs(mentions_of(fixture_doc("answer.txt"), SignatureMention)) == [
        ("De Boer", "minister van Buitenlandse Zaken")]


def test_answer_of_a_minister_without_a_department_and_a_state_secretary() -> None:
    head = "Vragen van het lid Bakker (XYZ) aan de minister over hulp (ingezonden 2 mei 2022).\n\n"
    assert signed(head + "Antwoord van minister Postma (Buitenlandse Handel en Ontwikkelingssamenwerking)\n") == [
        ("Postma", "minister voor Buitenlandse Handel en Ontwikkelingssamenwerking")]
    assert signed(head + "Antwoord van staatssecretaris Van der Kok (Justitie en Veiligheid)\n") == [
        ("Van der Kok", "staatssecretaris van Justitie en Veiligheid")]


def test_motion_submitters_listed_after_the_closing_formula(fixture_doc: Callable[[str], Document]) -> None:
    """Furniture after the list ('kst-...', 'ISSN', "'s-Gravenhage 2025") does not hide it; 'C.S.' adds nobody."""
    assert pairs(mentions_of(fixture_doc("motion.txt"), SignatureMention)) == [
        ("Bakker", MEMBER), ("Van Dam", MEMBER), ("Ter Horst", MEMBER)]


def test_amendment_submitters_at_the_end(fixture_doc: Callable[[str], Document]) -> None:
    assert pairs(mentions_of(fixture_doc("amendment.txt"), SignatureMention)) == [
        ("Van Dam", MEMBER), ("Ter Horst", MEMBER)]


def test_motion_submitters_from_the_header_when_the_list_is_cut_off() -> None:
    """A partial download keeps only the header: 'VAN DE LEDEN VAN DER WERF EN DE GROOT' in proper case."""
    text = "Nr. 12 MOTIE VAN DE LEDEN VAN DER WERF EN DE GROOT\n\nVoorgesteld 3 maart 2022\n\nDe Kamer,\n\ngehoord de"
    assert signed(text) == [("Van der Werf", MEMBER), ("De Groot", MEMBER)]


def test_upper_case_office() -> None:
    assert signed("Hoogachtend,\n\nDE MINISTER VAN JUSTITIE EN VEILIGHEID,\n\nD. Kok\n") == [
        ("D. Kok", "minister van Justitie en Veiligheid")]


def test_office_without_comma_right_above_the_name() -> None:
    """An XML <functie> without its comma: the office line directly above a signed name still signs."""
    assert signed("Met vriendelijke groet,\n\nDe minister van Buitenlandse Zaken\nD.M. van Dijk\n") == [
        ("D.M. van Dijk", "minister van Buitenlandse Zaken")]
