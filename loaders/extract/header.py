"""The document's kind (letter, motion, amendment, answer, report), its own Kamerstuk id and title, from its header."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from loaders.document import Document
from loaders.mentions import DocumentKind, Evidence, HeaderMention, Mention
from ontology.identifiers import kamerstuk_id, parse_kamerstuk_id

#: The header is looked for in this many characters at the start of the document.
HEAD_CHARS = 3000
#: The "Nr. 412" line follows the dossier line within this many lines.
NR_WITHIN_LINES = 6

# A kind line starts a line, or follows "Nr. 412" (on the same line, or in a header flattened to one line).
_LINE_START = r"(?:^[ \t]*|\bNr\.[ \t]*\d+[ \t]+)"

# Kind lines, in the order they are tried; each (kind, rule id, pattern).
_KIND_RULES: list[tuple[DocumentKind, str, re.Pattern[str]]] = [
    # Motion: "MOTIE VAN HET LID JANSEN C.S." / "GEWIJZIGDE MOTIE VAN DE LEDEN X EN Y".
    ("motion", "header.motion", re.compile(
        _LINE_START + r"(?:GEWIJZIGDE[ \t]+)?MOTIE[ \t]+VAN[ \t]+(?:HET[ \t]+LID|DE[ \t]+LEDEN)\b",
        re.IGNORECASE | re.MULTILINE)),
    # Motion without its header line: the fixed opening "De Kamer, gehoord de beraadslaging".
    ("motion", "header.motion-body", re.compile(r"^[ \t]*De Kamer,\s+gehoord de beraadslaging", re.MULTILINE)),
    # Amendment: "AMENDEMENT VAN HET LID DOBBE" / "GEWIJZIGD AMENDEMENT VAN DE LEDEN ...".
    ("amendment", "header.amendment", re.compile(
        _LINE_START + r"(?:GEWIJZIGD[ \t]+)?AMENDEMENT[ \t]+VAN[ \t]+(?:HET[ \t]+LID|DE[ \t]+LEDEN)\b",
        re.IGNORECASE | re.MULTILINE)),
    # Answers to Kamervragen: "Vragen van het lid Jansen (XYZ) aan de minister ..." / "Antwoord van minister ...".
    ("answer", "header.answer", re.compile(
        r"^[ \t]*(?:Vragen[ \t]+van[ \t]+(?:het[ \t]+lid|de[ \t]+leden)\b[^\n]*\baan[ \t]+de[ \t]"
        r"|Antwoord(?:en)?[ \t]+(?:van[ \t]+(?:de[ \t]+)?(?:minister|staatssecretaris)\b"
        r"|op[ \t]+(?:de[ \t]+)?(?:Kamer)?vragen\b))",
        re.IGNORECASE | re.MULTILINE)),
    # Kamerbrief: "BRIEF VAN DE MINISTER ..." (also after "Nr. 238" on one line), "Aan de Voorzitter ...",
    # "Geachte voorzitter,".
    ("letter", "header.letter", re.compile(
        _LINE_START + r"BRIEF[ \t]+VAN[ \t]+DE[ \t]+(?:MINISTER|STAATSSECRETARIS)"
        r"|\bAan[ \t]+de[ \t]+Voorzitter[ \t]+van[ \t]+de[ \t]+Tweede[ \t]+Kamer"
        r"|^[ \t]*Geachte[ \t]+(?:voorzitter|heer[ \t]+voorzitter|mevrouw[ \t]+de[ \t]+voorzitter)\b",
        re.IGNORECASE | re.MULTILINE)),
    # Report: "Voor u ligt de eerste editie van de migratierapportage", "Hoofdstuk 1".
    ("report", "header.report", re.compile(
        r"Voor[ \t]+u[ \t]+ligt[^.]{0,120}?(?:rapport|verslag|nota\b|monitor|evaluatie)"
        r"|^[ \t]*Hoofdstuk[ \t]+1\b",
        re.IGNORECASE | re.MULTILINE)),
]

# A letter without its header refers to itself: "Met deze brief informeren wij", "Middels deze brief".
_SELF_REFERENCE = re.compile(r"\b(?:Met|In|Middels|Via|Bij)[ \t\n]+deze[ \t\n]+brief\b", re.IGNORECASE)

_DOSSIER = r"\d{2}[ \u00a0]?\d{3}"
_SUFFIX = r"(?:[-–‑](?P<{name}sub>\d{{1,3}}))?(?:[ \t]+(?P<{name}roman>[IVXL]{{1,6}}|[A-Z])(?=[ \t,]|$))?"
# Official publication header: "31 234 Titel van het dossier", "35 900 XVII Vaststelling ...",
# "31 234 / 35 111, Nr. 88" (two dossiers share the document: the first one is its id).
_DOSSIER_LINE = re.compile(
    rf"^[ \t]*(?P<dossier>{_DOSSIER}){_SUFFIX.format(name='')}"
    rf"(?P<more>(?:[ \t]*(?:/|,|en)[ \t]*{_DOSSIER}(?:[-–‑]\d{{1,3}})?(?:[ \t]+(?:[IVXL]{{1,6}}|[A-Z])(?=[ \t,]|$))?)*)"
    r"(?:[ \t]*,?[ \t]*Nr\.[ \t]*(?P<nr>\d+)\b)?"
    r"(?P<title>[ \t]+\S[^\n]*)?$",
    re.MULTILINE,
)
# Official publication header: the document number line "Nr. 412" (may carry the kind line after it).
_NR_LINE = re.compile(r"^[ \t]*Nr\.[ \t]*(?P<nr>\d+)\b", re.MULTILINE)
# ... or on the dossier line itself when the header is flattened to one line.
_NR_IN_TITLE = re.compile(r"(?:^|[ \t])Nr\.[ \t]*(?P<nr>\d+)\b")
# Page furniture of an official publication: "Tweede Kamer, vergaderjaar 2025–2026, 29 237, nr. 260".
_FURNITURE = re.compile(
    rf"Tweede Kamer,[ \t]+vergaderjaar[ \t]+\d{{4}}[–-]\d{{4}},[ \t]+(?P<dossier>{_DOSSIER})"
    rf"{_SUFFIX.format(name='')},[ \t]+nr\.[ \t]*(?P<nr>\d+)"
)
# Rijksoverheid letterhead: "Betreft Reactie op ..." gives a title when there is no dossier line.
_BETREFT = re.compile(r"\bBetreft[ \t]*:?[ \t]+(?P<title>[^\n]+?)(?=[ \t]+(?:Onze|Uw)[ \t]+[Rr]eferentie|[ \t]*$)",
                      re.MULTILINE)


@dataclass(frozen=True)
class OwnId:
    kst: str
    title: str | None
    start: int
    end: int
    rule: str


def _suffix(match: re.Match[str]) -> str | None:
    return match.group("sub") or match.group("roman")


def _official_id(text: str) -> OwnId | None:
    """The id from a dossier line followed by "Nr. N" (or both on one line); never from a bare "Nr. N"."""
    head = text[:HEAD_CHARS]
    for match in _DOSSIER_LINE.finditer(head):
        title = (match.group("title") or "").strip()
        flattened = _NR_IN_TITLE.search(title)
        if flattened and not match.group("nr"):
            # The whole header on one line: "29 237 Situatie in Soedan Nr. 260 BRIEF VAN DE MINISTER ...".
            return OwnId(kamerstuk_id(match.group("dossier"), flattened.group("nr"), _suffix(match)),
                         title[:flattened.start()].strip() or None, match.start(),
                         match.start("title") + len(match.group("title")) - len(match.group("title").lstrip())
                         + flattened.end(), "header.official")
        if match.group("nr"):
            return OwnId(kamerstuk_id(match.group("dossier"), match.group("nr"), _suffix(match)), title or None,
                         match.start(), match.end(), "header.official")
        following = head[match.end():].split("\n")[1:NR_WITHIN_LINES + 1]
        extra: list[str] = []
        offset = match.end() + 1
        for line in following:
            nr = _NR_LINE.match(line)
            if nr:
                full_title = " ".join([title, *extra]).strip()
                return OwnId(kamerstuk_id(match.group("dossier"), nr.group("nr"), _suffix(match)),
                             full_title or None, match.start(), offset + nr.end(), "header.official")
            if line.strip():
                extra.append(line.strip())
            offset += len(line) + 1
    furniture = _FURNITURE.search(text)
    if furniture:
        kst = kamerstuk_id(furniture.group("dossier"), furniture.group("nr"), _suffix(furniture))
        return OwnId(kst, None, furniture.start(), furniture.end(), "header.furniture")
    return None


def _kind(text: str) -> tuple[DocumentKind, Evidence] | None:
    head = text[:HEAD_CHARS]
    for kind, rule, pattern in _KIND_RULES:
        match = pattern.search(text if rule == "header.motion-body" else head)
        if match:
            return kind, Evidence(match.start(), match.end(), rule)
    match = _SELF_REFERENCE.search(text)
    if match:
        return "letter", Evidence(match.start(), match.end(), "header.self-reference")
    return None


def _metadata_id(doc: Document) -> OwnId | None:
    """The id the publication's metadata gives (XML/HTML readers: doc.metadata['identifier'], 'kst-29237-238')."""
    kst = doc.metadata.get("identifier", "")
    try:
        parse_kamerstuk_id(kst)
    except ValueError:
        return None
    return OwnId(kst, doc.metadata.get("title") or None, 0, 0, "header.metadata")


def extract(doc: Document, found: Sequence[Mention]) -> list[Mention]:
    """One HeaderMention when the document shows its kind or its own id; nothing when it shows neither."""
    kind = _kind(doc.text)
    own = _official_id(doc.text) or _metadata_id(doc)
    if kind is None and own is None:
        return []
    title = own.title if own else None
    if title is None:
        betreft = _BETREFT.search(doc.text[:HEAD_CHARS])
        title = betreft.group("title").strip() if betreft else None
    evidence = Evidence(own.start, own.end, own.rule) if own else kind[1] if kind else Evidence(0, 0, "header")
    return [HeaderMention(evidence, kind[0] if kind else "document", own.kst if own else None, title)]
