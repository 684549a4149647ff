"""Named programmes and organisations: gazetteer, acronym definitions, head words, context words, recurring acronyms,
one canonical name per entity; and what is not a body (persons, countries, concepts, generic words). Fixtures are
invented sentences."""

from __future__ import annotations

from loaders.document import Document
from loaders.extract import entities
from loaders.mentions import EntityMention


def found(text: str) -> list[EntityMention]:
    return [m for m in entities.extract(Document("inline.txt", text), ()) if isinstance(m, EntityMention)]


def names(text: str) -> set[str]:
    return {m.name for m in found(text)}


def test_full_name_and_acronym_are_one_entity_under_the_full_name() -> None:
    text = (
        "Nederland is medevoorzitter van de Northern Resilience Financing Facility (NRFF).\n"
        "De NRFF leent tegen gunstige voorwaarden."
    )
    mentions = found(text)
    assert {(m.name, m.aliases, m.category, m.subtype) for m in mentions} == {
        ("Northern Resilience Financing Facility", ("NRFF",), "programme", "fund")
    }
    assert len(mentions) == 3  # the name, the bracketed acronym, the later acronym


def test_acronym_before_its_name_in_brackets() -> None:
    mentions = found("Gevechten tussen het leger en de KLF (Kivu Liberation Front) gaan door.")
    assert {(m.name, m.aliases, m.subtype) for m in mentions} == {("Kivu Liberation Front", ("KLF",), "armed")}


def test_evidence_points_at_the_words_read() -> None:
    doc = Document("inline.txt", "Steun via het Amani Youth\nFund en Radio Tamazuj.")
    spans = [doc.text[m.evidence.start : m.evidence.end] for m in entities.extract(doc, ())]
    assert spans == ["Amani Youth\nFund", "Radio Tamazuj"]


def test_head_words_make_a_capitalised_run_a_name() -> None:
    text = (
        "Nederland draagt bij aan het Horizon Women Peace Fund. Het Skills Fund for Young Farmers investeert. "
        "De Regional Law and Justice Organisation traint rechters. Ook Fondation Atlas-Sahel en Stichting "
        "Nieuwe Wegen krijgen steun."
    )
    assert names(text) == {
        "Horizon Women Peace Fund",
        "Skills Fund for Young Farmers",
        "Regional Law and Justice Organisation",
        "Fondation Atlas-Sahel",
        "Stichting Nieuwe Wegen",
    }


def test_a_head_inside_a_longer_phrase_is_no_head() -> None:
    assert names("Het Basic Service Package Standard wordt toegepast.") == set()


def test_context_words_name_bodies_without_a_head_word() -> None:
    text = (
        "Nederland steunt organisaties als Women Rise Now. Via de organisatie Legal Aid Without Borders krijgen "
        "slachtoffers hulp. Ook programma’s als HORIZON dragen bij, net als het ATLAS partnerschap, het "
        "KESTREL-project en het subsidiekader SheLeads. Het fonds steunt lokale organisaties, waaronder de "
        "Neighbourhood Kitchens."
    )
    assert {(m.name, m.category) for m in found(text)} == {
        ("Women Rise Now", "organisation"),
        ("Neighbourhood Kitchens", "organisation"),
        ("Legal Aid Without Borders", "organisation"),
        ("HORIZON", "programme"),
        ("ATLAS", "programme"),
        ("KESTREL", "programme"),
        ("SheLeads", "programme"),
    }


def test_a_capitalised_word_before_a_head_must_be_a_proper_noun() -> None:
    assert names("Nederland steunt het Meridian partnerschap in Jordanië.") == {"Meridian"}
    assert names("Opvang programma’s worden uitgebreid. De opvang verbetert.") == set()


def test_a_name_taken_once_is_found_at_every_later_use() -> None:
    mentions = found("Het programma ORBIT loopt sinds 2021. In 2023 bereikte ORBIT 5.000 mensen. Orbit groeit.")
    assert [m.name for m in mentions] == ["ORBIT", "ORBIT", "ORBIT"]


def test_an_acronym_used_three_times_is_a_body_but_not_twice() -> None:
    thrice = "De KWRC opent een kantoor. Volgens de KWRC is dat nodig. De KWRC rapporteert jaarlijks."
    twice = "De KWRC opent een kantoor. Volgens de KWRC is dat nodig."
    assert [m.evidence.rule for m in found(thrice)] == ["entities.recurring-acronym"] * 3
    assert found(twice) == []


def test_acronyms_that_name_no_body() -> None:
    text = (
        "BRIEF VAN DE MINISTER VAN BUITENLANDSE ZAKEN\n"
        "Toegang tot mentale en psychosociale ondersteuning (MHPSS) is cruciaal. MHPSS helpt. Zonder MHPSS niet.\n"
        "NGO's en NGO-partners: de NGO kan helpen, en elke NGO telt. De EUR is stabiel, de EUR stijgt, EUR daalt."
    )
    assert found(text) == []


def test_a_frequent_acronym_defined_by_a_name_without_head_is_no_body() -> None:
    text = (
        "Het Landelijk Kader Veiligheid (LKV) wordt herzien. Het LKV loopt tot 2027. "
        "Binnen het LKV is ruimte. Na het LKV volgt een nieuw kader."
    )
    assert found(text) == []


def test_gazetteer_forms_give_one_canonical_name_in_every_document() -> None:
    first = found("Het VN-Kinderfonds en Unicef werken samen.")
    second = found("UNICEF opent een kantoor.")
    assert {m.name for m in first} == {m.name for m in second} == {"UNICEF"}
    assert {(m.category, m.subtype) for m in first} == {("organisation", "international")}


def test_an_acronym_used_as_a_prefix_is_not_a_mention() -> None:
    assert names("De VN-organisaties en de EU-sancties; overleg in de VN-Veiligheidsraad.") == {"VN-Veiligheidsraad"}
    assert names("De VN en de EU overleggen.") == {"Verenigde Naties", "Europese Unie"}


def test_a_party_acronym_is_not_read_in_an_ordinary_word() -> None:
    assert names("Denk aan de lidstaten. Het lid Jansen (DENK) vroeg het.") == {"DENK"}


def test_a_person_beside_a_bodys_acronym_is_no_alias() -> None:
    mentions = found("De EU sanctioneerde Ahmed Yusuf Karim (RSF).")
    assert {(m.name, m.aliases) for m in mentions} == {
        ("Europese Unie", ("EU",)),
        ("Rapid Support Forces", ("RSF",)),
    }


def test_countries_and_generic_words_are_not_bodies() -> None:
    assert names("Organisaties als Nederland en de Kamer; de Raad en de Commissie; de Tweede Kamer.") == set()


def test_an_organisation_prefix_joins_the_same_fund() -> None:
    mentions = found("Steun aan het VN-Yemen Recovery Fund. Het Yemen Recovery Fund helpt.")
    assert {(m.name, m.aliases) for m in mentions} == {("Yemen Recovery Fund", ("VN-Yemen Recovery Fund",))}


def test_en_de_starts_a_second_name() -> None:
    text = "Een bezoek van de National Border Agency en de Federal Migration Service aan Den Haag."
    assert names(text) == {"National Border Agency", "Federal Migration Service"}


def test_a_sub_unit_of_a_body_names_the_body() -> None:
    assert names("Steun aan de Werkgroep Gender van de Inter Agency Coordination Committee.") == {
        "Inter Agency Coordination Committee"
    }


def test_a_name_in_sentence_case_after_to_goes_on_in_lower_case() -> None:
    text = "Tijdens de top is de Global Coalition to Prevent child labour met een oproep gelanceerd."
    assert names(text) == {"Global Coalition to Prevent child labour"}


def test_a_name_hyphenated_over_a_line_end_before_its_head() -> None:
    assert names("Nederland financiert het MERIDIAN-\npartnerschap in Egypte.") == {"MERIDIAN"}
