"""The document's own date: letter date, date a motion was proposed, date answers were received; never a guess."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from loaders.document import Document
from loaders.mentions import DateMention, Evidence, HeaderMention, Mention

MONTHS: dict[str, int] = {
    "januari": 1, "februari": 2, "maart": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7,
    "augustus": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "febr": 2, "mrt": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "okt": 10, "nov": 11, "dec": 12,
}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))

#: A written Dutch date, "9 december 2025" / "9 dec. 2025", or numeric "09-12-2025"; groups day, month, year / nday,
#: nmonth, nyear. Line breaks may fall between the parts (hard-wrapped text).
DUTCH_DATE = (
    rf"(?:(?P<day>[0-3]?\d)\s+(?P<month>(?i:{_MONTH}))\.?\s+(?P<year>(?:19|20)\d\d)"
    r"|(?P<nday>[0-3]?\d)[-/.](?P<nmonth>[01]?\d)[-/.](?P<nyear>(?:19|20)\d\d))(?!\d)"
)

#: Day and month with "jl." (jongstleden, the most recent such date) or without a year: "14 januari jl.".
DAY_MONTH_JL = re.compile(rf"\b(?P<day>[0-3]?\d)\s+(?P<month>{_MONTH})\.?\s+jl\.?", re.IGNORECASE)

# Each rule: (rule id, pattern); the date groups come from DUTCH_DATE.
_RULES: dict[str, re.Pattern[str]] = {
    # Kamerbrief: "Den Haag, 9 december 2025" (also "'s-Gravenhage, ...").
    "dates.den-haag": re.compile(rf"(?:Den Haag|'s-Gravenhage|’s-Gravenhage),?\s+{DUTCH_DATE}"),
    # Rijksoverheid letterhead, on its own line or flattened into one line: "Datum 2 juni 2021 Betreft ...".
    "dates.letterhead": re.compile(rf"\bDatum\s*:?\s+{DUTCH_DATE}"),
    # Motion: "Voorgesteld 3 maart 2022" (also "Voorgesteld tijdens de vergadering van 3 maart 2022").
    "dates.proposed": re.compile(rf"\bVoorgesteld\b[^\d\n]{{0,50}}?{DUTCH_DATE}"),
    # Answers to Kamervragen and amendments: "(ontvangen 30 mei 2022)", a line "Ontvangen 3 november 2025".
    "dates.received": re.compile(rf"(?:\(\s*[Oo]ntvangen|^[ \t]*Ontvangen):?\s+{DUTCH_DATE}", re.MULTILINE),
}

#: Which rule wins when several match, by document kind (the first matching rule in the list is the own date).
_PRIORITY: dict[str, tuple[str, ...]] = {
    "motion": ("dates.proposed", "dates.den-haag", "dates.letterhead", "dates.received"),
    "amendment": ("dates.received", "dates.proposed", "dates.den-haag", "dates.letterhead"),
    "answer": ("dates.received", "dates.den-haag", "dates.letterhead", "dates.proposed"),
}
_DEFAULT_PRIORITY = ("dates.den-haag", "dates.letterhead", "dates.proposed", "dates.received")


def to_date(match: re.Match[str]) -> date | None:
    """The date a DUTCH_DATE match spells, or None when it is not a real calendar day (31 februari)."""
    try:
        if match.group("day"):
            return date(int(match.group("year")), MONTHS[match.group("month").lower()], int(match.group("day")))
        return date(int(match.group("nyear")), int(match.group("nmonth")), int(match.group("nday")))
    except (ValueError, KeyError):
        return None


def parse_date(text: str) -> date | None:
    """A Dutch date at the start of `text` ("13 januari 2026"), or None."""
    match = re.match(DUTCH_DATE, text.strip(), re.IGNORECASE)
    return to_date(match) if match else None


def most_recent(day: int, month: int, before: date) -> date | None:
    """The "jl." reading of day and month: the latest such date on or before `before`."""
    for year in (before.year, before.year - 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            return None
        if candidate <= before:
            return candidate
    return None


def own_date(found: Sequence[Mention]) -> date | None:
    """The document date an earlier extractor found, for resolving "jl." dates."""
    return next((m.value for m in found if isinstance(m, DateMention)), None)


def _metadata_date(doc: Document) -> DateMention | None:
    """The date the publication's metadata gives (XML/HTML readers put it in doc.metadata['datum'], ISO 8601),
    with the place the text writes that date as evidence (the document start when it does not)."""
    try:
        value = date.fromisoformat(doc.metadata.get("datum", "")[:10])
    except ValueError:
        return None
    written = next((m for m in re.finditer(DUTCH_DATE, doc.text) if to_date(m) == value), None)
    start, end = (written.start(), written.end()) if written else (0, 0)
    return DateMention(Evidence(start, end, "dates.metadata"), value)


def extract(doc: Document, found: Sequence[Mention]) -> list[Mention]:
    """At most one DateMention: the highest-priority own-date rule for the document's kind, first occurrence;
    the publication metadata's date when the text has none of the own-date forms."""
    kind = next((m.kind for m in found if isinstance(m, HeaderMention)), "document")
    for rule in _PRIORITY.get(kind, _DEFAULT_PRIORITY):
        for match in _RULES[rule].finditer(doc.text):
            value = to_date(match)
            if value is not None:
                return [DateMention(Evidence(match.start(), match.end(), rule), value)]
    from_metadata = _metadata_date(doc)
    return [from_metadata] if from_metadata else []
