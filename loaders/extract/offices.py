"""Office names as written -> one canonical form per office ("minister voor BHO" -> "minister voor Buitenlandse Handel
en Ontwikkelingshulp"), with the abbreviations of loaders/reference/offices.csv written out."""

from __future__ import annotations

import csv
import re
from functools import cache
from importlib import resources

from loaders.extract.signatures import MINISTRIES, normalise_office

REFERENCE = "offices.csv"

# Role, then the portfolio after "van"/"voor" (or directly: "staatssecretaris Buitenlandse Handel en ...").
_OFFICE = re.compile(
    r"^(?P<role>minister-president|minister|staatssecretaris|vice-minister-president)"
    r"(?:[ \t]+(?:(?:van|voor)[ \t]+)?(?P<portfolio>.+))?$",
    re.IGNORECASE,
)
#: Words written in lower case inside a portfolio ("Justitie en Veiligheid").
_LOWER_WORDS = frozenset({"en", "van", "voor", "de", "het"})


@cache
def abbreviations() -> dict[str, str]:
    """Abbreviation -> portfolio written out."""
    text = resources.files("loaders").joinpath("reference").joinpath(REFERENCE).read_text(encoding="utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
    return {row["abbreviation"].strip(): row["portfolio"].strip() for row in rows}


def _portfolio(text: str) -> str:
    """Abbreviations written out ('BHO'), and every word but the small ones capitalised ('buitenlandse zaken')."""
    text = re.sub(r"\s+", " ", text).strip().rstrip(",.")
    text = abbreviations().get(text, text)
    words = text.split(" ")
    return " ".join(w if w.lower() in _LOWER_WORDS and i else w[:1].upper() + w[1:] for i, w in enumerate(words))


def canonical_office(office: str) -> str:
    """The canonical name of an office: lower-case role, 'van' before a ministry and 'voor' before any other
    portfolio, abbreviations written out; an office this does not recognise is returned as normalise_office gives it."""
    written = normalise_office(office)
    match = _OFFICE.match(written)
    if not match:
        return written
    role = match.group("role").lower()
    if not match.group("portfolio"):
        return role
    portfolio = _portfolio(match.group("portfolio"))
    preposition = "van" if portfolio.lower() in MINISTRIES else "voor"
    if role == "staatssecretaris" and preposition == "voor":
        # A state secretary's portfolio that is no ministry is written without a preposition.
        return f"{role} {portfolio}"
    return f"{role} {preposition} {portfolio}"
