"""What the sentence around an amount says about it: who receives it, who gives it, for which country and period."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from loaders.document import Document, Span
from loaders.extract.lexicon import URL
from loaders.mentions import CountryMention, EntityMention, Mention

# Recipient named after the amount: "EUR 10 mln. overgemaakt aan de GCFF", "EUR 249.000 (2024–2026) voor Fondation
# X", "EUR 30 miljoen beschikbaar voor de regio via UNHCR", "EUR 15 miljoen die ... aan het X toegekend".
_MARKER_BEFORE_RECIPIENT = re.compile(
    r"\b(?:aan|voor|via|naar|ten behoeve van|t\.b\.v\.)\s+(?:de\s+|het\s+|een\s+)?$", re.IGNORECASE
)
# Recipient named before the amount: "de bijdrage aan Prospects te verhogen naar EUR 800 mln.", "via het X ...".
_FUNDING_NOUN_BEFORE_RECIPIENT = re.compile(
    r"\b(?:(?:bijdrage|bijdragen|steun|financiering|subsidie|donatie|bijgedragen|overgemaakt|toegekend)\s+"
    r"(?:aan|voor)|via)\s+(?:de\s+|het\s+)?$",
    re.IGNORECASE,
)
# Right after the amount, "aan" or "via" and a common noun: a recipient the text does not name.
_UNNAMED_RECIPIENT = re.compile(r"^\s*(?:[a-z]+\s+)?(?:aan|via)\s+(?:de\s+|het\s+|een\s+)?[a-zà-ÿ]")
# "X ... met EUR 750.000 ondersteund", "steunt X ... met 2 miljoen euro": the supported body is the one named before.
_WITH = re.compile(r"\bmet\s+(?:(?:ca\.|circa|ruim|bijna|max\.|maximaal|ongeveer)\s+)?$", re.IGNORECASE)
_SUPPORT_VERB = re.compile(
    r"\b(?:on)?(?:der)?steun(?:t|en|de|den)?\b|\bgesteund\b|\bondersteund\b|\bfinancier|"
    r"\bgefinancierd\b|\bbijgedragen\b",
    re.IGNORECASE,
)
# Funder: a country that is the subject, not one after a preposition ("aan Armenië", "in Soedan").
_PREPOSITION_BEFORE = re.compile(
    r"\b(?:aan|voor|in|naar|uit|tot|van|bij|door|tegen|op|over)\s+(?:de\s+|het\s+)?$", re.IGNORECASE
)
# A giving verb right before the country that gives: "steunt Nederland", "heeft Nederland".
_GIVING_VERB = re.compile(
    r"\b(?:steunt|ondersteunt|financiert|heeft|draagt|droeg|stelt|stelde|investeert|geeft|gaf)"
    r"\s+$",
    re.IGNORECASE,
)
# Country the money is for: "voor Soedan", "aan Armenië", "in Soedan", "ter ondersteuning van Moldavië".
_COUNTRY_MARKER = re.compile(r"\b(?:voor|aan|in|naar|ter ondersteuning van)\s+(?:de\s+|het\s+)?$", re.IGNORECASE)
# Periods after the amount: "(2024–2026)", "voor de periode 2026-2030", "van 2024 tot en met 2027".
_YEAR_RANGE_AFTER = re.compile(
    r"^\s*(?:\(\s*|(?:voor|in|over)\s+de\s+periode\s+|van\s+)(?P<a>(?:19|20)\d\d)\s*(?:[–-]|tot(?:\s+en\s+met)?|t/m)"
    r"\s*(?P<b>(?:19|20)\d\d)"
)
# "per jaar", "per jaar in 2029", "voor vier jaar", "voor de komende jaren".
_PER_YEAR_AFTER = re.compile(r"^\s*per\s+jaar(?:\s+in\s+(?P<y>(?:19|20)\d\d))?")
_DURATION_AFTER = re.compile(
    r"^\s*(?:voor|over)\s+(?P<d>(?:de\s+komende\s+)?(?:\w+\s+)?jaar|(?:de\s+komende\s+)?jaren)\b"
)
# A year or years before the amount in its sentence: "in 2025", "In 2023 en 2024", "(2026–2030)".
_YEARS_BEFORE = re.compile(
    r"(?:\b[Ii]n\s+|\(\s*)(?P<a>(?:19|20)\d\d)(?:\s*(?:[–-]|en|tot(?:\s+en\s+met)?|t/m)\s*(?P<b>(?:19|20)\d\d))?"
)
#: How far (characters) an amount and its recipient may stand apart.
MAX_GAP = 160
#: Rules that name a country as such (not an adjective or demonym), usable as a funder.
_COUNTRY_NAME_RULES = frozenset({"countries.name-nl", "countries.name-en", "countries.short-form"})


@dataclass(frozen=True)
class FundingContext:
    recipient: str | None = None
    funder: str | None = None
    country: str | None = None
    period: str | None = None
    start_year: int | None = None
    end_year: int | None = None


def _gap(doc: Document, start: int, end: int) -> str:
    return re.sub(r"\s+", " ", doc.text[start:end]) if end >= start else ""


def _in(sentence: Span, mention: Mention) -> bool:
    return sentence.start <= mention.evidence.start < sentence.end


def _words_outside_urls(doc: Document, span: Span) -> int:
    return len(URL.sub(" ", doc.text[span.start : span.end]).split())


def _previous_sentence(doc: Document, sentence: Span) -> Span | None:
    """The sentence before, skipping lines that hold only web addresses or page furniture."""
    index = doc.sentences.index(sentence) if sentence in doc.sentences else -1
    for i in range(index - 1, -1, -1):
        if _words_outside_urls(doc, doc.sentences[i]) >= 3:
            return doc.sentences[i]
    return None


def _single_programme(entities: list[EntityMention]) -> str | None:
    names = {e.name for e in entities if e.category == "programme"}
    return names.pop() if len(names) == 1 else None


def _recipient(
    doc: Document, sentence: Span, start: int, end: int, found: Sequence[Mention], amounts: Sequence[tuple[int, int]]
) -> str | None:
    entities = sorted(
        (m for m in found if isinstance(m, EntityMention) and _in(sentence, m)), key=lambda m: m.evidence.start
    )
    before = [e for e in entities if e.evidence.end <= start]
    after = [e for e in entities if e.evidence.start >= end]
    nearest = before[-1] if before else None

    def clear(a: int, b: int) -> bool:
        """No other amount stands between a and b ('EUR 80 miljoen ..., waarvan EUR 20 miljoen via X')."""
        return not any(a <= s < b for s, _ in amounts if s != start)

    # "Challenge Fund for Youth Employment (EUR 135 mln.)"
    if nearest and re.fullmatch(r"\s*\(\s*", doc.text[nearest.evidence.end : start]):
        return nearest.name
    # "... overgemaakt aan de GCFF", "... voor Fondation Orient-Occident", "... via UNHCR"
    if after and clear(end, after[0].evidence.start):
        gap = _gap(doc, end, after[0].evidence.start)
        if len(gap) <= MAX_GAP and _MARKER_BEFORE_RECIPIENT.search(gap):
            return after[0].name
    # "de bijdrage aan Prospects te verhogen naar max. EUR 800 mln."
    if nearest and clear(nearest.evidence.end, start) and len(_gap(doc, nearest.evidence.end, start)) <= MAX_GAP // 2:
        lead = _gap(doc, max(sentence.start, nearest.evidence.start - 60), nearest.evidence.start)
        if _FUNDING_NOUN_BEFORE_RECIPIENT.search(lead):
            return nearest.name
    # "Zo is Radio Dabanga in 2025 met EUR 750.000 ondersteund", "steunt ... OHCHR ... met 2 miljoen euro"
    if (
        nearest
        and _WITH.search(_gap(doc, max(sentence.start, start - 30), start))
        and _SUPPORT_VERB.search(doc.text[sentence.start : sentence.end])
    ):
        return nearest.name
    # The amount goes to someone the text does not name: "EUR 5 miljoen aan vrouwenorganisaties".
    if _UNNAMED_RECIPIENT.match(_gap(doc, end, min(sentence.end, end + 60))):
        return None
    # The one programme or fund the sentence names: "heeft de GCFF ... voor een bedrag van bijna EUR 1 miljard".
    if entities:
        return _single_programme(entities)
    # A sentence that names nothing and follows one about a single programme: "In 2023 is een tweede fase
    # aangekondigd, voor EUR 100 mln." after "Hier werkt COMPASS ...".
    previous = _previous_sentence(doc, sentence)
    if previous is not None:
        return _single_programme([m for m in found if isinstance(m, EntityMention) and _in(previous, m)])
    return None


def _countries(
    doc: Document, sentence: Span, start: int, end: int, found: Sequence[Mention]
) -> tuple[str | None, str | None]:
    """(funder, country): the country that gives (a subject before the amount) and the one the money is for."""
    mentions = sorted(
        (m for m in found if isinstance(m, CountryMention) and _in(sentence, m)), key=lambda m: m.evidence.start
    )
    funder: CountryMention | None = None
    for m in reversed([m for m in mentions if m.evidence.end <= start]):
        lead = _gap(doc, max(sentence.start, m.evidence.start - 25), m.evidence.start)
        if m.evidence.rule not in _COUNTRY_NAME_RULES or _PREPOSITION_BEFORE.search(lead):
            continue
        # The giver acts in the amount's own clause ("Nederland heeft in 2023 EUR 10 mln.", "de VS die USD 5
        # miljoen doneerde") or is the subject right after a giving verb ("Ook steunt Nederland ... met").
        clause = _gap(doc, m.evidence.end, start)
        if (len(clause) <= MAX_GAP // 2 and not re.search(r"[,;:()“”\"]", clause)) or _GIVING_VERB.search(lead):
            funder = m
            break
    country: CountryMention | None = None
    for m in sorted(mentions, key=lambda m: min(abs(m.evidence.start - end), abs(start - m.evidence.end))):
        lead = _gap(doc, max(sentence.start, m.evidence.start - 30), m.evidence.start)
        if m is not funder and _COUNTRY_MARKER.search(lead):
            country = m
            break
    return (funder.surface if funder else None), (country.iso2 if country else None)


def _period(doc: Document, sentence: Span, start: int, end: int) -> tuple[str | None, int | None, int | None]:
    following = _gap(doc, end, min(sentence.end, end + 60))
    match = _YEAR_RANGE_AFTER.match(following)
    if match:
        return f"{match.group('a')}–{match.group('b')}", int(match.group("a")), int(match.group("b"))
    match = _PER_YEAR_AFTER.match(following)
    if match:
        year = int(match.group("y")) if match.group("y") else None
        return "per jaar", year, year
    match = _DURATION_AFTER.match(following)
    if match:
        return match.group("d"), None, None
    years = list(_YEARS_BEFORE.finditer(doc.text, sentence.start, start))
    if years:
        last = years[-1]
        first, second = int(last.group("a")), int(last.group("b") or last.group("a"))
        return (f"{first}–{second}" if second != first else str(first)), first, second
    return None, None, None


def read(
    doc: Document, start: int, end: int, found: Sequence[Mention], amounts: Sequence[tuple[int, int]] = ()
) -> FundingContext:
    """The context of the amount at [start, end) in the sentence that holds it; `amounts` are all amounts found."""
    sentence = doc.sentence_at(start)
    funder, country = _countries(doc, sentence, start, end, found)
    period, first, last = _period(doc, sentence, start, end)
    recipient = _recipient(doc, sentence, start, end, found, amounts)
    return FundingContext(recipient, funder, country, period, first, last)
