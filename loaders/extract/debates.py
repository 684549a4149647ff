"""Debates a document refers to: kind, subject and date ("commissiedebat Raad Buitenlandse Zaken van 13 januari")."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from loaders.document import Document
from loaders.extract.dates import DAY_MONTH_JL, DUTCH_DATE, MONTHS, most_recent, own_date, to_date
from loaders.mentions import DebateMention, Evidence, Mention

#: Debate words -> the kind recorded ("plenaire debat" and "plenair debat" are one kind).
KINDS: dict[str, str] = {
    "commissiedebat": "commissiedebat",
    "plenair debat": "plenair debat",
    "plenaire debat": "plenair debat",
    "tweeminutendebat": "tweeminutendebat",
    "dertigledendebat": "dertigledendebat",
    "notaoverleg": "notaoverleg",
    "wetgevingsoverleg": "wetgevingsoverleg",
    "algemeen overleg": "algemeen overleg",
    "schriftelijk overleg": "schriftelijk overleg",
    "begrotingsbehandeling": "begrotingsbehandeling",
    "begrotingsdebat": "begrotingsbehandeling",
    "interpellatiedebat": "interpellatiedebat",
    "debat": "debat",
}
#: Words after which a subject stops: verbs and connectives that follow the debate's name in a sentence.
_STOP_WORDS = frozenset({"is", "zijn", "werd", "werden", "heeft", "hebben", "heb", "wordt", "worden", "zal", "zullen",
                         "en", "of", "met", "waarin", "waar", "die", "dat", "om", "te", "door", "als", "naar", "de",
                         "het", "een", "aan", "voor", "bij", "tijdens", "jl"})

_KIND_WORDS = "|".join(sorted((re.escape(k).replace(r"\ ", r"\s+") for k in KINDS), key=len, reverse=True))
# The debate word: "commissiedebat", "het plenaire debat", "tweeminutendebat", "Algemeen Overleg", "notaoverleg".
_DEBATE = re.compile(rf"(?<![\w-])(?P<kind>(?i:{_KIND_WORDS}))(?![\w-])")
# Its date: "van 13 januari 2026", "op 15 januari 2026", "d.d. 13 januari 2026", "(13 januari 2026)".
_WHEN = re.compile(rf"\s*(?:\(|,\s*)?(?:van|op|d\.d\.|gehouden\s+op)?\s*{DUTCH_DATE}", re.IGNORECASE)
# Its "jl." date: "van 14 januari jl.".
_WHEN_JL = re.compile(r"\s*(?:\(|,\s*)?(?:van|op|d\.d\.)?\s*", re.IGNORECASE)
# A subject introduced by "over": "het plenaire debat over Soedan", "over de situatie in Soedan".
_ABOUT = re.compile(r"\s+over\s+")
_WORD = re.compile(r"\s*(?P<word>[^\s,.;:()\[\]]+)")
#: Words that may join capitalised words inside a subject ("Buitenlandse Handel en Ontwikkelingshulp").
_JOINERS = ("en", "van", "voor")
#: A subject is at most this many words.
SUBJECT_WORDS = 8


def _date_after(text: str, position: int, document_date: date | None) -> tuple[date | None, int]:
    """The debate's date written right after `position`, and where that date ends."""
    match = _WHEN.match(text, position)
    if match:
        return to_date(match), match.end()
    lead = _WHEN_JL.match(text, position)
    start = lead.end() if lead else position
    jl = DAY_MONTH_JL.match(text, start)
    if jl:
        month = MONTHS[jl.group("month").lower()]
        day = most_recent(int(jl.group("day")), month, document_date) if document_date else None
        return day, jl.end()
    return None, position


def _words(text: str, position: int) -> list[tuple[str, int]]:
    """Up to SUBJECT_WORDS words after `position` (stopping at punctuation), each with its end offset."""
    words: list[tuple[str, int]] = []
    while len(words) < SUBJECT_WORDS:
        match = _WORD.match(text, position)
        if not match:
            break
        words.append((match.group("word"), match.end()))
        position = match.end()
    return words


def _subject(text: str, position: int) -> tuple[str | None, int]:
    """The debate's subject after `position`: words up to its date ("abortus is een mensenrecht van 8 september"),
    a named subject ("Raad Buitenlandse Zaken"), or one introduced by "over" ("over de situatie in Soedan")."""
    about = _ABOUT.match(text, position)
    start = about.end() if about else position
    words = _words(text, start)
    # Words up to a date ("... van 13 januari 2026"): everything before the date is the subject.
    opens_clause = bool(words) and words[0][0].lower() in _STOP_WORDS - {"de", "het", "een"}
    for i, (word, _) in enumerate(words):
        if word.lower() in ("van", "op", "d.d") and i and not opens_clause and _WHEN.match(text, words[i - 1][1]):
            return _clean(text[start:words[i - 1][1]]), words[i - 1][1]
    # A capitalised run, with "en"/"van"/"voor" inside it; after "over" lower-case words may lead up to it.
    run_end: int | None = None
    for i, (word, end) in enumerate(words):
        if word[:1].isupper():
            run_end = end
        elif run_end is not None and word in _JOINERS and i + 1 < len(words) and words[i + 1][0][:1].isupper():
            continue
        elif run_end is not None or not about or word.lower() in _STOP_WORDS - {"de", "het", "een"}:
            break
    if run_end is not None:
        return _clean(text[start:run_end]), run_end
    if about and words:
        # "over het wapenexportbeleid": a short lower-case subject up to punctuation.
        short = words[:4]
        last = short[-1][1]
        following = text[last:last + 2].lstrip(" ")
        if len(short) < 4 or following[:1] in (",", ".", ";", ":"):
            return _clean(text[start:last]), last
    return None, position


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def extract(doc: Document, found: Sequence[Mention]) -> list[Mention]:
    """A DebateMention per debate word; a bare "debat" only when a date says which one."""
    text = doc.text
    document_date = own_date(found)
    mentions: list[Mention] = []
    for match in _DEBATE.finditer(text):
        kind = KINDS[re.sub(r"\s+", " ", match.group("kind")).lower()]
        subject, end = _subject(text, match.end())
        day, day_end = _date_after(text, end, document_date)
        has_date = day_end > end
        if kind == "debat" and not has_date:
            continue
        rule = "debates.dated" if has_date else "debates.named"
        mentions.append(DebateMention(Evidence(match.start(), max(end, day_end), rule), kind, subject, day))
    return mentions
