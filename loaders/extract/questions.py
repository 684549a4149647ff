"""Answers to Kamervragen: who asked (member and party), when they were sent in and received, the numbered parts."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from loaders.document import Document
from loaders.extract.dates import DUTCH_DATE, to_date
from loaders.extract.names import INITIALS, SURNAME
from loaders.mentions import (
    AskerMention,
    DocumentEventMention,
    Evidence,
    HeaderMention,
    Mention,
    QuestionAnswerMention,
)

# "Vragen van het lid Bakker (XYZ) aan de minister ..." / "Vragen van de leden Van Dam (ABC) en Ter Horst (XYZ) aan".
_ASKED = re.compile(
    r"\bVragen[ \t\n]+(?:gesteld[ \t\n]+)?(?:van|door)[ \t\n]+(?:het[ \t\n]+(?:Kamer)?lid|de[ \t\n]+(?:Kamer)?leden)"
    r"[ \t\n]+(?P<names>[^\n]*?(?:\n[^\n]+?)?)[ \t\n]+aan[ \t\n]+(?:de|het)\b",
    re.IGNORECASE,
)
# One asker in that list: "Bakker (XYZ)", "C. Jansen (GroenLinks-PvdA)", "Van der Lee".
_ASKER = re.compile(rf"(?P<name>(?:{INITIALS}[ \t]*)?{SURNAME})(?:[ \t\n]*\((?P<party>[^()\n]{{1,40}})\))?")
# The date the questions were sent in: "(ingezonden 2 mei 2022)", "Ingezonden: 2 mei 2022".
_SUBMITTED = re.compile(rf"\b[Ii]ngezonden:?\s+(?:op\s+)?{DUTCH_DATE}")
# The date the answers were received: "(ontvangen 30 mei 2022)".
_RECEIVED = re.compile(rf"\(\s*[Oo]ntvangen:?\s+{DUTCH_DATE}")
# Numbered parts, each on its own line: "Vraag 1", "Vraag 2:", "Antwoord 1", "Antwoord op vraag 3", "Antwoord 4 en 5",
# "Vragen 2 en 3"; the text may follow on the same line.
_NUMBERS = r"(?P<numbers>\d{1,3}(?:[ \t]*(?:,|en|t/m|tot en met|-|–)[ \t]*\d{1,3})*)"
_PART = re.compile(
    rf"^[ \t]*(?:(?P<question>Vra(?:ag|gen))|(?P<answer>Antwoord(?:en)?(?:[ \t]+op[ \t]+vra(?:ag|gen))?))"
    rf"[ \t]+{_NUMBERS}[ \t]*[:.]?[ \t]*",
    re.IGNORECASE | re.MULTILINE,
)
# Page furniture and publication trailers that end the last answer.
_TRAILER = re.compile(
    r"^[ \t]*(?:Tweede Kamer,[ \t]+vergaderjaar|Aanhangsel[ \t]+Handelingen|ah-tk-\d|kv-tk-\d|ISSN\b)",
    re.MULTILINE | re.IGNORECASE,
)


def numbers(text: str) -> list[int]:
    """'2 en 3' -> [2, 3]; '4 t/m 6' and '4-6' -> [4, 5, 6]; '1, 2' -> [1, 2]."""
    values: list[int] = []
    for match in re.finditer(r"(\d+)(?:[ \t]*(?:t/m|tot en met|-|–)[ \t]*(\d+))?", text):
        first, last = int(match.group(1)), int(match.group(2) or match.group(1))
        values.extend(range(first, last + 1) if 0 <= last - first <= 50 else [first])
    return values


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def askers(doc: Document) -> Iterator[AskerMention]:
    match = _ASKED.search(doc.text)
    if not match:
        return
    base = match.start("names")
    for asker in _ASKER.finditer(match.group("names")):
        party = asker.group("party")
        yield AskerMention(Evidence(base + asker.start(), base + asker.end(), "questions.asked-by"),
                           _clean(asker.group("name")), _clean(party) if party else None)


def dated_events(doc: Document) -> Iterator[DocumentEventMention]:
    for event, pattern in (("submitted", _SUBMITTED), ("received", _RECEIVED)):
        for match in pattern.finditer(doc.text):
            value = to_date(match)
            if value is not None:
                yield DocumentEventMention(Evidence(match.start(), match.end(), f"questions.{event}"),
                                           "submitted" if event == "submitted" else "received", value)
                break


def parts(doc: Document) -> list[QuestionAnswerMention]:
    """Numbered questions paired with the answer whose numbers include theirs; each text runs to the next part."""
    text = doc.text
    markers = list(_PART.finditer(text))
    trailer = _TRAILER.search(text, markers[-1].end()) if markers else None
    text_end = trailer.start() if trailer else len(text)
    questions: list[tuple[int, Evidence, str]] = []
    answers: dict[int, tuple[Evidence, str]] = {}
    for i, marker in enumerate(markers):
        start, end = _trim(text, marker.end(), markers[i + 1].start() if i + 1 < len(markers) else text_end)
        if start >= end:
            continue
        body = _clean(text[start:end])
        kind = "question" if marker.group("question") else "answer"
        evidence = Evidence(start, end, f"questions.{kind}")
        for number in numbers(marker.group("numbers")):
            if kind == "question":
                questions.append((number, evidence, body))
            else:
                answers.setdefault(number, (evidence, body))
    result = []
    for number, evidence, body in questions:
        answer = answers.get(number)
        result.append(QuestionAnswerMention(evidence, number, body, answer[1] if answer else None,
                                            answer[0] if answer else None))
    return result


def extract(doc: Document, found: Sequence[Mention]) -> list[Mention]:
    """For answers to Kamervragen: the askers, the dates sent in and received, and the numbered parts."""
    kind = next((m.kind for m in found if isinstance(m, HeaderMention)), "document")
    if kind != "answer":
        return []
    return [*askers(doc), *dated_events(doc), *parts(doc)]
