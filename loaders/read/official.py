"""Conventions of the official publications (officielebekendmakingen): dossier numbers, header lines, metadata."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from ontology.identifiers import kamerstuk_id

# A dossier number as the XML, HTML meta tags or a header line write it: "29237", "29 237", "35 900 XVII",
# "35900-XVII", "21 501-02" (a dossier with a sub-number); groups: digits, suffix (budget chapter or sub-number).
_DOSSIER = re.compile(
    r"^\s*(?P<digits>\d{1,3}(?:[ .\u00a0]?\d{3})*)\s*(?:[-–\s]\s*(?P<suffix>\d{1,2}|[A-Z]{1,5}\d?))?\s*$"
)
# A document number: "238", "Nr. 238", "nr.238".
_NUMBER = re.compile(r"^\s*(?:[Nn]r\.?\s*)?(?P<number>\d{1,5})\s*$")
# The document's own identifier in metadata: "kst-29237-238", "kst-35900-XVII-17".
_IDENTIFIER = re.compile(r"^kst-\d+(?:-[0-9A-Za-z]+)?-\d+$")
# ISO dates, also with a time part ("2025-12-09T00:00:00").
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")

# Metadata names, compared case-insensitively on the part after the last dot ("OVERHEIDop.dossiernummer").
_DOSSIER_NAMES = {"dossiernummer", "dossiernr"}
_NUMBER_NAMES = {"ondernummer", "stuknummer", "stuknr"}
_DATE_NAMES = {"datumbrief", "datumondertekening", "datum", "isodatum"}
_PUBLISHED_NAMES = {"issued", "available", "datumpublicatie"}
_TITLE_NAMES = {"title", "og:title"}


def split_dossier(raw: str) -> tuple[str, str | None] | None:
    """('29 237' -> ('29237', None)), ('35 900 XVII' -> ('35900', 'XVII')); None when it is not a dossier number."""
    match = _DOSSIER.match(raw)
    if not match:
        return None
    return re.sub(r"\D", "", match["digits"]), match["suffix"]


def dossier_display(digits: str, suffix: str | None) -> str:
    """The header form, thousands spaced: ('35900', 'XVII') -> '35 900 XVII', ('21501', '02') -> '21 501-02'."""
    grouped = f"{int(digits):,}".replace(",", " ")
    if not suffix:
        return grouped
    return f"{grouped}-{suffix}" if suffix.isdigit() else f"{grouped} {suffix}"


def document_number(raw: str) -> str | None:
    match = _NUMBER.match(raw)
    return str(int(match["number"])) if match else None


def iso_date(raw: str) -> str | None:
    """'2025-12-09' (or with a time part) when `raw` is a real calendar date, else None."""
    match = _ISO_DATE.match(raw)
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3])).isoformat()
    except ValueError:
        return None


class OfficialMetadata:
    """Collects what a format says about the document; the first value found for a key wins."""

    def __init__(self) -> None:
        self.values: dict[str, str] = {}
        self._dossier: tuple[str, str | None] | None = None

    def _set(self, key: str, value: str | None) -> None:
        if value and key not in self.values:
            self.values[key] = value

    def dossier(self, raw: str) -> None:
        parsed = split_dossier(raw)
        if parsed and self._dossier is None:
            self._dossier = parsed
            self._set("dossiernummer", dossier_display(*parsed))

    def number(self, raw: str) -> None:
        self._set("stuknummer", document_number(raw))

    def date(self, raw: str) -> None:
        self._set("datum", iso_date(raw))

    def title(self, raw: str) -> None:
        self._set("title", re.sub(r"\s+", " ", raw).strip())

    def meta(self, pairs: Iterable[tuple[str, str]]) -> None:
        """Read <meta name=... content=...> pairs (HTML head, the XML's metadata block)."""
        for name, content in pairs:
            key = name.lower().rsplit(".", 1)[-1]
            if _IDENTIFIER.match(content.strip()):
                self._set("identifier", content.strip())
            if key in _DOSSIER_NAMES:
                self.dossier(content)
            elif key in _NUMBER_NAMES:
                self.number(content)
            elif key in _DATE_NAMES:
                self.date(content)
            elif key in _PUBLISHED_NAMES:
                self._set("published", iso_date(content))
            elif key in _TITLE_NAMES:
                self.title(content)

    def result(self) -> dict[str, str]:
        """The metadata, with the Kamerstuk identifier built from dossier and number when both are known."""
        values = dict(self.values)
        if self._dossier and "stuknummer" in values and "identifier" not in values:
            digits, suffix = self._dossier
            values["identifier"] = kamerstuk_id(digits, values["stuknummer"], suffix)
        return values
