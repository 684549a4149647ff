"""Extraction of countries (ISO 3166-1 alpha-2) and regions: pycountry's English and Dutch names + countries_nl.csv."""

from __future__ import annotations

import csv
import gettext
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

import pycountry

from loaders.document import Document
from loaders.extract.lexicon import Lexicon
from loaders.extract.textview import views
from loaders.mentions import CountryMention, EntityMention, Evidence, Mention, RegionMention

REFERENCE = "countries_nl.csv"
#: Kinds of surface form and the rule id a mention found through one carries.
RULES = {
    "name-nl": "countries.name-nl",  # pycountry's Dutch translation: "Soedan", "Verenigde Arabische Emiraten"
    "name-en": "countries.name-en",  # pycountry's English name: "Sudan Humanitarian Fund", "from the Netherlands"
    "short": "countries.short-form",  # countries_nl.csv: "VS", "VK", "Democratische Republiek Congo"
    "adjective": "countries.adjective",  # countries_nl.csv: "Soedanese", "Afghaanse"
    "demonym": "countries.demonym",  # countries_nl.csv: "Irakezen", "Syriërs"
    "region": "countries.region",  # countries_nl.csv: "Darfoer", "Hoorn van Afrika" (not countries)
}
#: Kinds that are found only to keep a longer form from being read as a shorter country name.
BLOCKERS = {"city", "ignore"}
#: Names at least this long are also found in capitals ("SOEDAN" in a heading); shorter ones could be acronyms.
MIN_UPPER_LENGTH = 5


@dataclass(frozen=True)
class Surface:
    """One way of writing a country or region: its kind, its countries and (regions) its canonical name."""

    kind: str
    countries: tuple[str, ...]
    name: str


def _variants(form: str) -> Iterator[str]:
    """The form, its hyphens as spaces or dropped ("Saoedi Arabië", "MiddenOosten" from PDF text), in capitals."""
    forms = {form}
    if "-" in form:
        forms |= {form.replace("-", " "), form.replace("-", "")}
    if len(form) >= MIN_UPPER_LENGTH and not form.isupper():
        forms |= {f.upper() for f in list(forms)}
    yield from forms


def _pycountry_forms() -> Iterator[tuple[str, str, str]]:
    """(form, iso2, kind) for every country's name, common and official name, in English and in Dutch."""
    dutch = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["nl"], fallback=True)
    for country in pycountry.countries:
        names = {getattr(country, attr, None) for attr in ("name", "common_name", "official_name")}
        for name in sorted(n for n in names if n):
            # Inverted catalogue forms ("Congo, The Democratic Republic of the") are not how texts name countries.
            if "," in name:
                continue
            yield name, country.alpha_2, "name-en"
            translated = dutch.gettext(name)
            if "," not in translated:
                yield translated, country.alpha_2, "name-nl"


@cache
def surfaces() -> dict[str, Surface]:
    """Every surface form to look for; the reference file overrides pycountry where they disagree."""
    table: dict[str, Surface] = {}
    for form, iso2, kind in _pycountry_forms():
        for variant in _variants(form):
            # A Dutch name wins over an identical English one (the rule id then says where it came from).
            if variant not in table or kind == "name-nl":
                table[variant] = Surface(kind, (iso2,), form)
    text = resources.files("loaders").joinpath("reference").joinpath(REFERENCE).read_text(encoding="utf-8")
    for row in csv.DictReader(line for line in text.splitlines() if not line.startswith("#")):
        form, kind = row["surface"].strip(), row["kind"].strip()
        countries = tuple(c for c in row["iso2"].split("|") if c)
        for variant in _variants(form):
            table[variant] = Surface(kind, countries, form)
    return table


@cache
def lexicon() -> Lexicon:
    return Lexicon(surfaces(), suffix="regio")


def _inside(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= start and end <= b for a, b in spans)


def extract(doc: Document, found: Sequence[Mention]) -> list[Mention]:
    """One CountryMention per country name, adjective or demonym, one RegionMention per named region."""
    table = surfaces()
    # An adjective inside an organisation's name ("Nederlandse Rode Kruis") is part of that name.
    entity_spans = [(m.evidence.start, m.evidence.end) for m in found if isinstance(m, EntityMention)]
    mentions: list[Mention] = []
    for hit in lexicon().find(views(doc.text)):
        surface = table[hit.form]
        if surface.kind in BLOCKERS:
            continue
        evidence = Evidence(hit.start, hit.end, RULES[surface.kind])
        if surface.kind == "region":
            mentions.append(RegionMention(evidence, surface.name, surface.countries))
        elif surface.kind in ("adjective", "demonym") and _inside(hit.start, hit.end, entity_spans):
            continue
        else:
            mentions.append(CountryMention(evidence, surface.countries[0], doc.text[hit.start : hit.end]))
    return mentions
