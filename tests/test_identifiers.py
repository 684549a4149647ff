"""Identities are deterministic: the same thing named twice gets the same IRI, different things different IRIs."""

import pytest

from ontology import identifiers


@pytest.mark.parametrize(
    ("dossier", "number", "suffix", "expected"),
    [
        ("29 237", "247", None, "kst-29237-247"),
        ("36410", "49", "V", "kst-36410-V-49"),
        ("21 501", "3281", "02", "kst-21501-02-3281"),
        ("35 900", "017", "xvii", "kst-35900-XVII-17"),
    ],
)
def test_kamerstuk_ids_follow_officielebekendmakingen(
    dossier: str, number: str, suffix: str | None, expected: str
) -> None:
    assert identifiers.kamerstuk_id(dossier, number, suffix) == expected


def test_a_malformed_kamerstuk_id_is_refused() -> None:
    with pytest.raises(ValueError, match="not a Kamerstuk identifier"):
        identifiers.kamerstuk("kst-2150102-EW")


def test_initials_and_full_first_name_give_one_person() -> None:
    assert identifiers.person("A. de Vries") == identifiers.person("Aukje de Vries")
    assert identifiers.person("D.M. van Weel") == identifiers.person("D.M.  van Weel".replace("  ", " "))


def test_different_initials_give_different_persons() -> None:
    assert identifiers.person("A. de Vries") != identifiers.person("J. de Vries")


def test_surnames_with_particles_are_kept_whole() -> None:
    assert identifiers.split_person_name("Van den Burg") == ("", "Van den Burg")
    assert identifiers.split_person_name("T.B.W. Berendsen") == ("T.B.W.", "Berendsen")


def test_country_iri_is_the_iso_code() -> None:
    assert str(identifiers.country("SD")).endswith("/country/SD")
    with pytest.raises(ValueError):
        identifiers.country("Sudan")


def test_labels_differing_in_case_and_accents_share_an_iri() -> None:
    assert identifiers.organisation("Kröger Fund") == identifiers.organisation("KROGER fund")
