"""Motions and amendments as text: the considerations ("constaterende dat ...") and what is asked ("verzoekt ...")."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

from loaders.document import Document
from loaders.mentions import ClauseMention, Evidence, HeaderMention, Mention, SignatureMention

# Where a clause may start: at a line start, or after the ";" that ends the clause before it or the opening formula
# (flattened text); what is asked also after the "," that ends the last consideration.
_LINE_OR_SEMICOLON = r"(?:^|(?<=;)|(?<=beraadslaging,))[ \t]*"
_LINE_OR_COMMA = r"(?:^|(?<=[;,]))[ \t]*"
# Considerations of a motion: participles and phrases that state facts or views, optionally after "tevens"/"voorts".
_CONSIDERATION = (
    r"(?:(?:tevens|voorts|ook|mede|verder|eveneens|nog)[ \t]+)?"
    r"(?:constaterende|overwegende|van[ \t]+mening[ \t]+zijnde|van[ \t]+oordeel[ \t]+zijnde|erkennende|"
    r"vaststellende|concluderende|wijzende[ \t]+op|gelet[ \t]+op|gezien|benadrukkende|onderstrepende|"
    r"betreurende|verwelkomende|constaterend|overwegend|ervan[ \t]+uitgaande|in[ \t]+aanmerking[ \t]+nemende|"
    r"zich[ \t]+realiserende|opmerkende|memorerende|herinnerende[ \t]+aan)\b"
)
# What the motion asks or declares: "verzoekt de regering", "roept het kabinet op", "spreekt uit dat".
_OPERATIVE = (
    r"(?:(?:en|tevens|voorts)[ \t]+)?"
    r"(?:verzoekt|roept|draagt|spreekt|vraagt|dringt|besluit|wijst|verzoeken|roepen|spreken)\b"
    r"(?=[^\n;]{0,80}?\b(?:regering|kabinet|minister|staatssecretaris|uit|op|aan|af|Kamer|Voorzitter|presidium)\b)"
)
_CLAUSE = re.compile(
    rf"{_LINE_OR_SEMICOLON}(?P<consideration>{_CONSIDERATION})|{_LINE_OR_COMMA}(?P<operative>{_OPERATIVE})",
    re.IGNORECASE | re.MULTILINE,
)
# The motion's opening and closing formulas.
_OPENING = re.compile(r"\bgehoord[ \t\n]+de[ \t\n]+beraadslaging[ \t]*,?", re.IGNORECASE)
_CLOSING = re.compile(r"\ben\s+gaat\s+over\s+tot\s+de\s+orde\s+van\s+de\s+dag\b", re.IGNORECASE)
# An amendment: the proposal follows "stellen het volgende amendement voor:", its explanation "Toelichting".
_PROPOSAL = re.compile(r"\bstel(?:t|len)[ \t\n]+(?:het[ \t\n]+)?volgende[ \t\n]+amendement[ \t\n]+voor[ \t]*:?",
                       re.IGNORECASE)
_EXPLANATION = re.compile(r"^[ \t]*Toelichting[ \t]*:?[ \t]*$", re.MULTILINE)
# Page furniture that ends a document's body: "Tweede Kamer, vergaderjaar ...", "kst-...", "ISSN ...".
_FURNITURE = re.compile(r"^[ \t]*(?:Tweede Kamer,[ \t]+vergaderjaar|kst-\d|ISSN\b)", re.MULTILINE)


def _trimmed(doc: Document, start: int, end: int) -> tuple[int, int, str] | None:
    """The span without surrounding blanks and the trailing ';' or ',', and its text with whitespace collapsed."""
    text = doc.text
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ";,"):
        end -= 1
    clean = re.sub(r"\s+", " ", text[start:end]).strip()
    return (start, end, clean) if clean else None


def _body_end(doc: Document, start: int, found: Sequence[Mention]) -> int:
    """Where the body after `start` ends: page furniture or the submitters listed at the end."""
    ends = [m.evidence.start for m in found if isinstance(m, SignatureMention) and m.evidence.start > start]
    furniture = _FURNITURE.search(doc.text, start)
    if furniture:
        ends.append(furniture.start())
    return min(ends, default=len(doc.text))


def motion_clauses(doc: Document, found: Sequence[Mention]) -> list[ClauseMention]:
    """Each consideration and operative clause between "gehoord de beraadslaging" and "en gaat over tot de orde
    van de dag" (to the end of the body when the document is cut off)."""
    opening = _OPENING.search(doc.text)
    start = opening.end() if opening else 0
    closing = _CLOSING.search(doc.text, start)
    end = closing.start() if closing else _body_end(doc, start, found)
    starts = list(_CLAUSE.finditer(doc.text, start, end))
    result: list[ClauseMention] = []
    for i, match in enumerate(starts):
        clause_end = starts[i + 1].start() if i + 1 < len(starts) else end
        trimmed = _trimmed(doc, match.start(), clause_end)
        if trimmed is None:
            continue
        kind: Literal["consideration", "operative"] = "consideration" if match.group("consideration") else "operative"
        result.append(ClauseMention(Evidence(trimmed[0], trimmed[1], f"clauses.{kind}"), kind, trimmed[2]))
    return result


def amendment_clauses(doc: Document, found: Sequence[Mention]) -> list[ClauseMention]:
    """The change an amendment proposes (operative) and its toelichting (consideration)."""
    proposal = _PROPOSAL.search(doc.text)
    explanation = _EXPLANATION.search(doc.text, proposal.end() if proposal else 0)
    result: list[ClauseMention] = []
    if proposal:
        end = explanation.start() if explanation else _body_end(doc, proposal.end(), found)
        trimmed = _trimmed(doc, proposal.end(), end)
        if trimmed:
            result.append(ClauseMention(Evidence(trimmed[0], trimmed[1], "clauses.amendment-proposal"),
                                        "operative", trimmed[2]))
    if explanation:
        trimmed = _trimmed(doc, explanation.end(), _body_end(doc, explanation.end(), found))
        if trimmed:
            result.append(ClauseMention(Evidence(trimmed[0], trimmed[1], "clauses.amendment-explanation"),
                                        "consideration", trimmed[2]))
    return result


def extract(doc: Document, found: Sequence[Mention]) -> list[Mention]:
    """Clause mentions of a motion or amendment document; nothing for other kinds."""
    kind = next((m.kind for m in found if isinstance(m, HeaderMention)), "document")
    if kind == "motion":
        return list(motion_clauses(doc, found))
    if kind == "amendment":
        return list(amendment_clauses(doc, found))
    return []
