"""Seeded generator of realistic synthetic letters: the samples' layouts and citation forms, random plausible facts.

python bench/generate.py --count 1000 --out var/bench/letters --seed 7
"""

from __future__ import annotations

import argparse
import gettext
import random
from datetime import date, timedelta
from pathlib import Path

import pycountry

MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]
SURNAMES = [
    "Jansen",
    "De Vries",
    "Van den Berg",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "De Boer",
    "Mulder",
    "De Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "Van Leeuwen",
    "Dekker",
    "Brouwer",
    "De Wit",
    "Dijkstra",
    "Smits",
    "De Graaf",
    "Van der Meer",
    "Van der Linden",
    "Kok",
    "Jacobs",
    "De Haan",
    "Vermeulen",
    "Van den Heuvel",
    "Van der Veen",
    "Van den Broek",
    "Kröger",
    "Ceder",
    "Dobbe",
    "Teunissen",
    "Bamenga",
]
INITIALS = ["A.", "B.", "C.J.", "D.M.", "E.", "F.W.", "G.", "H.", "J.K.", "L.", "M.", "P.", "R.", "S.W.", "T.B.W."]
OFFICES = [
    "minister van Buitenlandse Zaken",
    "minister voor Buitenlandse Handel en Ontwikkelingshulp",
    "staatssecretaris van Buitenlandse Zaken",
    "minister van Asiel en Migratie",
    "minister van Defensie",
    "minister van Justitie en Veiligheid",
]
PROGRAMMES = [
    ("Global Concessional Financing Facility", "GCFF"),
    ("Sudan Humanitarian Fund", "SHF"),
    ("Challenge Fund for Youth Employment", None),
    ("Elsie Initiative Fund", None),
    ("Cooperation on Migration and Partnerships to Achieve Sustainable Solutions", "COMPASS"),
    ("Facility for Refugees in Turkey", "FRIT"),
    ("Education Cannot Wait", "ECW"),
    ("Food Security Resilience Programme", "FSRP"),
    ("Water Partnership Programme", "WPP"),
]
ORGANISATIONS = [
    ("Internationale Organisatie voor Migratie", "IOM"),
    ("UNHCR", None),
    ("UNICEF", None),
    ("Wereldvoedselprogramma", "WFP"),
    ("Dutch Relief Alliance", "DRA"),
    ("Save the Children", None),
    ("Internationaal Strafhof", "ISH"),
    ("Wereldbank", None),
]
MOTION_TOPICS = [
    "humanitaire toegang",
    "sancties tegen betrokken partijen",
    "bescherming van burgers",
    "een wapenembargo",
    "steun aan lokale organisaties",
    "vrije pers",
    "opvang in de regio",
]


def dutch_country_names() -> list[tuple[str, str]]:
    """(ISO code, Dutch name) of every country whose Dutch name is a single plain phrase."""
    nl = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["nl"], fallback=True)
    names = [(c.alpha_2, nl.gettext(c.name)) for c in pycountry.countries]
    return [(code, name) for code, name in names if "," not in name and "(" not in name and code != "NL"]


def _date(rng: random.Random) -> date:
    return date(2020, 1, 1) + timedelta(days=rng.randrange(0, 6 * 365))


def _written(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _name(rng: random.Random) -> str:
    surname = rng.choice(SURNAMES)
    return (
        f"{rng.choice(INITIALS)} {surname[0].lower() + surname[1:] if surname.startswith(('De ', 'Van ')) else surname}"
    )


DOSSIERS = ["29 237", "22 054", "36 180", "32 735", "21 501-02"]


def letter(
    rng: random.Random,
    countries: list[tuple[str, str]],
    number: int,
    hot: str | None = None,
    hot_share: float = 0.0,
    dossiers: list[str] | None = None,
) -> str:
    """One letter: header, date line, paragraphs with motions (footnoted), money and countries, signatures.

    With `hot` (a Dutch country name), that share of the letters is about it: a country with many motions.
    `dossiers` replaces the five dossiers motions are cited from (a large corpus cites thousands)."""
    day = _date(rng)
    focus = hot if hot is not None and rng.random() < hot_share else rng.choice(countries)[1]
    others = [name for _, name in rng.sample(countries, 3)]
    dossier = rng.choice(dossiers or DOSSIERS)
    paragraphs = [
        f"Met deze brief informeer ik uw Kamer over de situatie in {focus} en over de uitvoering van enkele moties.",
    ]
    footnotes: list[str] = []
    for _ in range(rng.randint(2, 6)):
        submitters = rng.sample(SURNAMES, rng.randint(1, 2))
        name = " en ".join(submitters) if len(submitters) > 1 else f"{submitters[0]} c.s."
        footnotes.append(f"Kamerstuk {dossier}, nr. {rng.randint(100, 999)}")
        n = len(footnotes)
        paragraphs.append(
            f"In lijn met de motie {name}[footnoteRef:{n}] over {rng.choice(MOTION_TOPICS)} zet "
            f"Nederland zich in {focus} en in {rng.choice(others)} in voor verbetering. [{n}:  {footnotes[-1]}]"
        )
    for _ in range(rng.randint(1, 3)):
        full, acronym = rng.choice(PROGRAMMES)
        amount = rng.choice(["EUR {n} miljoen", "{n} miljoen euro", "EUR {n} mln.", "USD {n} miljoen"])
        label = f"{full} ({acronym})" if acronym else full
        paragraphs.append(
            f"Nederland heeft in {day.year} " + amount.format(n=rng.randint(1, 120)) + f" bijgedragen aan het {label}, "
            f"dat samen met {rng.choice(ORGANISATIONS)[0]} werkt in {focus}."
        )
    paragraphs.append(f"Tevens steunt Nederland het werk van {rng.choice(ORGANISATIONS)[0]} in {rng.choice(others)}.")
    signers = rng.sample(OFFICES, rng.randint(1, 2))
    signature = "\n\n".join(f"De {office},\n{_name(rng)}" for office in signers)
    body = "\n\n".join(paragraphs)
    return (
        f" Nr. {number}  Brief van de {signers[0]}\n\nAan de Voorzitter van de Tweede Kamer der Staten-Generaal\n"
        f"Den Haag, {_written(day)}\n\n{body}\n\n{signature}\n"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    countries = dutch_country_names()
    args.out.mkdir(parents=True, exist_ok=True)
    for i in range(args.count):
        (args.out / f"synthetic_{i:06d}.txt").write_text(letter(rng, countries, 100 + i), encoding="utf-8")
    print(f"wrote {args.count} letters to {args.out}")


if __name__ == "__main__":
    main()
