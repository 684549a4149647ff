"""The curated list of well-known bodies and funds (loaders/reference/organisations.csv) and a matcher for it."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources

from loaders.extract.entity_names import is_acronym
from loaders.extract.lexicon import Lexicon
from loaders.mentions import EntityCategory

REFERENCE = "organisations.csv"


@dataclass(frozen=True)
class Body:
    """One gazetteer entry: canonical name, other forms, category and subtype."""

    name: str
    aliases: tuple[str, ...]
    category: EntityCategory
    subtype: str | None


#: Acronyms at least this long are also written as a word ("Unicef", "Navo", "Monusco").
MIN_WORDLIKE_ACRONYM = 4


def _case_variants(form: str, subtype: str | None) -> set[str]:
    """A name also matches with its first letter in the other case ('Ministerie van ...' at a sentence start,
    'het ministerie'); acronyms ('VN', 'IND') match as written, long ones also as a word ('Unicef'), except party
    names, which are words too ('DENK' is not 'Denk aan')."""
    forms = {form}
    if not is_acronym(form.split()[0]) and " " in form:
        forms.add(form[0].swapcase() + form[1:])
    if form.isupper() and form.isalpha() and len(form) >= MIN_WORDLIKE_ACRONYM and subtype != "party":
        forms.add(form.capitalize())
    return forms


@cache
def bodies() -> dict[str, Body]:
    """Every form (canonical name, alias and their case variants) -> its entry."""
    text = resources.files("loaders").joinpath("reference").joinpath(REFERENCE).read_text(encoding="utf-8")
    table: dict[str, Body] = {}
    for row in csv.DictReader(line for line in text.splitlines() if not line.startswith("#")):
        category = row["category"].strip()
        if category not in ("programme", "organisation"):
            raise ValueError(f"{REFERENCE}: unknown category {category!r} for {row['name']!r}")
        body = Body(
            name=row["name"].strip(),
            aliases=tuple(a.strip() for a in row["aliases"].split("|") if a.strip()),
            category="programme" if category == "programme" else "organisation",
            subtype=row["subtype"].strip() or None,
        )
        for form in (body.name, *body.aliases):
            for variant in _case_variants(form, body.subtype):
                table.setdefault(variant, body)
    return table


@cache
def lexicon() -> Lexicon:
    return Lexicon(bodies())


def lookup(form: str) -> Body | None:
    """The entry a form names, if any (exactly as written or with the first letter's case swapped)."""
    table = bodies()
    return table.get(form) or table.get(form[:1].swapcase() + form[1:])
