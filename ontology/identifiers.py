"""Minting of data IRIs: deterministic identities for documents, Kamerstukken, persons, countries and the rest."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rdflib.term import URIRef

from ontology.namespace import ID

_PARTICLES = frozenset({"van", "de", "der", "den", "ter", "ten", "het", "'t", "te", "in", "op", "la", "le", "du", "d'"})
_GIVEN = re.compile(r"(?:[A-ZÀ-Ý][a-zà-ÿ]{0,2}\.)+|[A-ZÀ-Ý][a-zà-ÿ]+")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_KST = re.compile(r"^kst-(\d+)(?:-([0-9A-Za-z]+))?-(\d+)$")


@lru_cache(maxsize=1 << 13)
def slug(text: str) -> str:
    """Accent-, case- and punctuation-free form of a label: 'Kröger c.s.' -> 'kroger-c-s'."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = text.replace("&", " en ")
    return _NOT_SLUG.sub("-", text).strip("-")


def kamerstuk_id(dossier: str, number: str, suffix: str | None = None) -> str:
    """The officielebekendmakingen identifier: ('36410', '49', 'V') -> 'kst-36410-V-49'."""
    dossier = re.sub(r"\D", "", dossier)
    parts = ["kst", dossier]
    if suffix:
        parts.append(suffix.upper() if suffix.isalpha() else suffix)
    parts.append(str(int(number)))
    return "-".join(parts)


def parse_kamerstuk_id(kst: str) -> tuple[str, str | None, str]:
    """Inverse of kamerstuk_id: 'kst-21501-02-3281' -> ('21501', '02', '3281'); ValueError when malformed."""
    match = _KST.match(kst)
    if not match:
        raise ValueError(f"not a Kamerstuk identifier: {kst!r} (expected kst-<dossier>[-<suffix>]-<nr>)")
    return match.group(1), match.group(2), match.group(3)


def kamerstuk(kst: str) -> URIRef:
    parse_kamerstuk_id(kst)
    return ID[f"kamerstuk/{kst}"]


def document(key: str) -> URIRef:
    """A document's IRI: its Kamerstuk IRI when it has its own id, else id/document/<content-hash key>."""
    if key.startswith("kst-"):
        return kamerstuk(key)
    return ID[f"document/{slug(key)}"]


def document_part(doc: URIRef, kind: str, number: int) -> URIRef:
    """A node that belongs to one document (signature, funding, evidence, local commitment): <doc>/<kind>/<n>."""
    return URIRef(f"{doc}/{kind}/{number}")


def country(iso2: str) -> URIRef:
    if not re.fullmatch(r"[A-Z]{2}", iso2):
        raise ValueError(f"not an ISO 3166-1 alpha-2 code: {iso2!r}")
    return ID[f"country/{iso2}"]


def region(name: str) -> URIRef:
    return ID[f"region/{slug(name)}"]


def split_person_name(name: str) -> tuple[str, str]:
    """Given names and surname: 'D.M. van Weel' -> ('D.M.', 'van Weel'); 'Van den Burg' -> ('', 'Van den Burg')."""
    tokens = name.split()
    given: list[str] = []
    while len(tokens) > 1 and tokens[0].lower() not in _PARTICLES and _GIVEN.fullmatch(tokens[0]):
        given.append(tokens.pop(0))
    return " ".join(given), " ".join(tokens)


def person(name: str) -> URIRef:
    """A person's IRI from the normalised surname and first initial: 'Aukje de Vries' and 'A. de Vries' are one."""
    given, surname = split_person_name(name)
    key = slug(surname)
    if given:
        key += "-" + slug(given[0])
    return ID[f"person/{key}"]


def office(name: str) -> URIRef:
    return ID[f"office/{slug(name)}"]


def organisation(key: str) -> URIRef:
    return ID[f"organisation/{slug(key)}"]


def instrument(key: str) -> URIRef:
    return ID[f"instrument/{slug(key)}"]


def commitment(register_id: str) -> URIRef:
    return ID[f"commitment/{register_id.upper()}"]


def debate(kind: str, date_iso: str | None, subject: str | None = None) -> URIRef:
    key = "-".join(part for part in (slug(kind), slug(subject or ""), date_iso or "") if part)
    return ID[f"debate/{key}"]
