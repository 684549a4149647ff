"""Checking the ids and codes a request gives (ISO country codes, Kamerstuk ids, document, person and programme ids)."""

from __future__ import annotations

import re

import pycountry

from api.errors import InvalidParameter
from ontology.identifiers import parse_kamerstuk_id

#: A content-hash document key as minted by the loader: 'sha256-' and hex digits.
_HASH_KEY = re.compile(r"^sha256-[0-9a-f]{8,64}$")
#: A slug id (persons, programmes): lower-case letters and digits joined by single hyphens.
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def country_code(value: str, what: str = "country") -> str:
    """An ISO 3166-1 alpha-2 code (any case) checked against pycountry; 'sd' -> 'SD'."""
    code = value.strip().upper()
    if len(code) != 2 or pycountry.countries.get(alpha_2=code) is None:
        raise InvalidParameter(f"{what} {value!r} is not an ISO 3166-1 alpha-2 code (two letters, e.g. SD for Sudan)")
    return code


def kamerstuk_id(value: str, what: str = "motion") -> str:
    """A Kamerstuk id kst-<dossier>[-<suffix>]-<nr>, checked by the same parser that mints them."""
    try:
        parse_kamerstuk_id(value)
    except ValueError:
        raise InvalidParameter(
            f"{what} id {value!r} is not a Kamerstuk id: expected kst-<dossier>[-<suffix>]-<nr>, e.g. kst-29237-247"
        ) from None
    return value


def document_key(value: str) -> str:
    """A document id: its own Kamerstuk id (kst-…) or its content key (sha256-…)."""
    if value.startswith("kst-"):
        return kamerstuk_id(value, "document")
    if not _HASH_KEY.match(value):
        raise InvalidParameter(
            f"document id {value!r} is neither a Kamerstuk id (kst-<dossier>[-<suffix>]-<nr>) "
            "nor a content key (sha256-<hex digits>); see /letters for the ids"
        )
    return value


def slug_id(value: str, what: str) -> str:
    """A person or programme id: lower-case letters, digits and single hyphens (as listed by /persons, /programmes)."""
    if not _SLUG.match(value):
        raise InvalidParameter(
            f"{what} id {value!r} is not an id: ids are lower-case letters and digits joined by hyphens, "
            f"as listed by /{what}s"
        )
    return value


def search_text(value: str | None, what: str) -> str | None:
    """A free-text filter (a surname, a programme name): trimmed, 1 to 200 characters, or None when not given."""
    if value is None:
        return None
    trimmed = " ".join(value.split())
    if not trimmed or len(trimmed) > 200:
        raise InvalidParameter(f"{what} must be 1 to 200 characters, not {value!r}")
    return trimmed
