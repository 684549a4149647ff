"""Who signs: ministers' signature blocks, the answering minister, and the submitters of motions and amendments."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from loaders.document import Document
from loaders.extract.footnotes import Footnotes, find_footnotes
from loaders.extract.names import INITIALS, SURNAME, TITLES, WORD
from loaders.mentions import Evidence, HeaderMention, Mention, SignatureMention
from ontology.identifiers import slug, split_person_name

MEMBER_OFFICE = "lid van de Tweede Kamer"

#: Lines looked at between an office line and its name (blank lines and page furniture are skipped).
NAME_WITHIN_LINES = 12
#: An office split over lines spans at most this many lines.
OFFICE_MAX_LINES = 3

#: Ministries (departments): "minister van <ministry>"; any other portfolio is "minister voor <portfolio>".
MINISTRIES = frozenset({
    "algemene zaken", "binnenlandse zaken en koninkrijksrelaties", "buitenlandse zaken", "defensie",
    "economische zaken", "economische zaken en klimaat", "financiën", "infrastructuur en waterstaat",
    "justitie en veiligheid", "landbouw, natuur en voedselkwaliteit", "landbouw, visserij, voedselzekerheid en natuur",
    "onderwijs, cultuur en wetenschap", "sociale zaken en werkgelegenheid", "volksgezondheid, welzijn en sport",
    "asiel en migratie", "klimaat en groene groei", "volkshuisvesting en ruimtelijke ordening",
})

#: A signed name: "D.M. van Weel", "T.B.W. Berendsen", "Aukje de Vries", "mr. J.K. de Boer", "Hanke Bruins Slot".
_SIGNED_NAME = rf"{TITLES}(?:{INITIALS}[ \t]*{SURNAME}|{WORD}(?:[ \t]+{WORD})*[ \t]+{SURNAME})"
_NAME_LINE = re.compile(rf"[ \t]*(?P<name>{_SIGNED_NAME})[ \t]*")
#: Two signed names on one line (side-by-side blocks flattened): "T.B.W. Berendsen S.W. Sjoerdsma".
_NAMES_LINE = re.compile(rf"[ \t]*(?P<name>{_SIGNED_NAME}(?:[ \t]+{_SIGNED_NAME})+)[ \t]*")
#: A submitter's name at the end of a motion or amendment: "Dobbe", "Van der Lee", "C. Jansen".
_MEMBER_LINE = re.compile(rf"[ \t]*(?P<name>(?:{INITIALS}[ \t]*)?{SURNAME})[ \t]*")

_ROLE = r"(?:[Mm]inister(?:-[Pp]resident)?|[Ss]taatssecretaris|MINISTER(?:-PRESIDENT)?|STAATSSECRETARIS)"
# Block layout: an office line that ends in a comma, "De minister van Buitenlandse Zaken,".
_OFFICE_LINE = re.compile(rf"[ \t]*(?P<office>(?:[Dd][Ee][ \t]+)?{_ROLE}\b[^\n]*?)[ \t]*,[ \t]*")
# Block layout: the first line of an office split over lines, "Staatssecretaris Buitenlandse Handel en".
_OFFICE_START = re.compile(rf"[ \t]*(?:[Dd][Ee][ \t]+)?{_ROLE}\b[^\n,.;:]*")
# One-line layout (official publication, flattened letterhead): "De Minister van Justitie en Veiligheid, J.K. de Boer".
_ONE_LINE = re.compile(rf"(?:^|(?<=[ \t]))(?P<office>(?:De[ \t]+|de[ \t]+)?{_ROLE}\b[^\n]{{0,120}}?),[ \t]+"
                       rf"(?P<name>{_SIGNED_NAME})[ \t]*$", re.MULTILINE)
# Side-by-side blocks flattened to one line: "De minister van X, De minister voor Y," over "A.B. Name C.D. Name".
_SIDE_BY_SIDE = re.compile(r",[ \t]+(?=(?:De[ \t]+)?(?:Minister|minister|Staatssecretaris|staatssecretaris)\b)")
# ... where the second name starts at its initials.
_NEXT_INITIALS = re.compile(rf"(?<=\S)[ \t]+(?={INITIALS})")
# One person holding two offices in one signature: "minister van Buitenlandse Zaken en van Asiel en Migratie".
# ... or "minister-president, minister van Algemene Zaken".
_SECOND_OFFICE = re.compile(r",?[ \t]+(?:tevens|en)[ \t]+(?=(?:de[ \t]+)?(?:minister|staatssecretaris|van|voor)\b)"
                            r"|,[ \t]+(?=(?:de[ \t]+)?(?:minister|staatssecretaris)\b)", re.IGNORECASE)
# Not a signature: "mede namens de minister van ...".
_ON_BEHALF = re.compile(r"\bnamens\b", re.IGNORECASE)
# Page furniture between an office and its name: "| 7 |", "Pagina 2 van 3", "- 3 -", a page number.
_FURNITURE = re.compile(
    r"[ \t]*(?:\|?[ \t]*\d{1,3}[ \t]*\|?|-[ \t]*\d{1,3}[ \t]*-|Pagina[ \t]+\d+[ \t]+van[ \t]+\d+"
    r"|Tweede Kamer,[ \t]+vergaderjaar[^\n]*|Datum[^\n]*|Kenmerk[^\n]*|Onze referentie[^\n]*"
    r"|kst-[\w-]+|ISSN[^\n]*|['’]s-Gravenhage[ \t]+\d{4})?[ \t]*",
    re.IGNORECASE,
)
# Answers to Kamervragen: "Antwoord van minister De Boer (Buitenlandse Zaken) (ontvangen 30 mei 2022)".
_ANSWER_BY = re.compile(
    rf"\bAntwoord(?:en)?[ \t]+van[ \t]+(?:de[ \t]+)?(?P<role>minister|staatssecretaris)[ \t]+(?P<name>{SURNAME})"
    r"[ \t]*\((?P<ministry>[^)\n]+)\)",
    re.IGNORECASE,
)
# Motion/amendment header: "MOTIE VAN HET LID JANSEN C.S.", "AMENDEMENT VAN DE LEDEN DOBBE EN CEDER TER VERVANGING".
_SUBMITTER_HEADER = re.compile(
    r"^[ \t]*(?:Nr\.[ \t]*\d+[ \t]+)?(?:GEWIJZIGDE?[ \t]+)?(?:MOTIE|AMENDEMENT)[ \t]+VAN[ \t]+"
    r"(?:HET[ \t]+LID|DE[ \t]+LEDEN)"
    r"[ \t]+(?P<names>[^\n]+?)(?=[ \t]+C\.S\.?|[ \t]+(?:TER[ \t]+VERVANGING|OVER|INZAKE|OM)\b|[ \t]*[.,]?[ \t]*$)",
    re.IGNORECASE | re.MULTILINE,
)
# ... whose names are separated by commas and "EN".
_NAME_SEPARATOR = re.compile(r"[ \t]*,[ \t]*|[ \t]+en[ \t]+", re.IGNORECASE)
# The closing formula of a motion, after which the submitters are listed.
_MOTION_END = re.compile(r"en gaat over tot de orde van de dag\.?", re.IGNORECASE)
#: Surname particles written in lower case inside a name ("Van der Lee").
_PARTICLES = frozenset({"van", "de", "der", "den", "ter", "ten", "te", "het", "'t", "in", "op", "la", "le", "du"})
#: Words written in lower case inside an office ("minister van Justitie en Veiligheid").
_LOWER_WORDS = frozenset({"van", "voor", "en", "de", "het", "der"})


def _recase(office: str) -> str:
    """'MINISTER VAN JUSTITIE EN VEILIGHEID' -> 'minister van Justitie en Veiligheid'."""
    words = office.lower().split(" ")
    return " ".join(w if i == 0 or w in _LOWER_WORDS else w[:1].upper() + w[1:] for i, w in enumerate(words))


def normalise_office(office: str) -> str:
    """'De minister van Buitenlandse Zaken,' -> 'minister van Buitenlandse Zaken'; upper-case offices recased."""
    office = re.sub(r"\s+", " ", office).strip().rstrip(",").strip()
    if office.isupper():
        office = _recase(office)
    office = re.sub(r"^de\s+", "", office, flags=re.IGNORECASE)
    return office[:1].lower() + office[1:]


def split_offices(office: str) -> list[str]:
    """One signer, several offices: 'minister van X en van Y' -> ['minister van X', 'minister van Y']."""
    office = normalise_office(office)
    parts = _SECOND_OFFICE.split(office)
    if len(parts) == 1:
        return [office]
    role = re.match(r"\S+", office)
    offices = [parts[0]]
    for part in parts[1:]:
        part = normalise_office(part)
        if re.match(r"(?:van|voor)\b", part) and role:
            part = f"{role.group()} {part}"
        elif not re.match(r"(?:minister|staatssecretaris)", part, re.IGNORECASE):
            return [office]  # "Asiel en Migratie": the 'en' belongs to the ministry's name
        offices.append(part)
    return offices


def _lines(text: str) -> list[tuple[int, str]]:
    """(offset, line) for every line of the text."""
    result, offset = [], 0
    for line in text.split("\n"):
        result.append((offset, line))
        offset += len(line) + 1
    return result


def _name_after(
    lines: list[tuple[int, str]], index: int, several: bool, notes: Footnotes, blanks_only: bool = False
) -> tuple[int, re.Match[str]] | None:
    """The signed name on the first meaningful line after `index` (skipping blanks, page furniture, footnotes at
    the page bottom, 'mede namens'; only blanks with `blanks_only`); `several`: side-by-side names share the line."""
    for offset, line in lines[index + 1:index + 1 + NAME_WITHIN_LINES]:
        if blanks_only and line.strip():
            match = _NAME_LINE.fullmatch(line)
            return (offset, match) if match else None
        if _FURNITURE.fullmatch(line) or (_ON_BEHALF.search(line) and line.rstrip().endswith(",")):
            continue
        if line.strip() and notes.body_at(offset + len(line) - len(line.lstrip()) + 1) is not None:
            continue
        match = _NAME_LINE.fullmatch(line) or (_NAMES_LINE.fullmatch(line) if several else None)
        return (offset, match) if match else None
    return None


def _block_signatures(text: str) -> Iterator[SignatureMention]:
    lines = _lines(text)
    notes = find_footnotes(text)
    i = 0
    while i < len(lines):
        offset, line = lines[i]
        office_end, office_text = i, None
        match = _OFFICE_LINE.fullmatch(line)
        if match and not _ON_BEHALF.search(line):
            office_text = match.group("office")
        elif _OFFICE_START.fullmatch(line) and len(line) < 90 and _name_after(lines, i, False, notes, blanks_only=True):
            office_text = line  # an office without its comma right above the name (an XML <functie> without it)
        elif _OFFICE_START.fullmatch(line) and len(line) < 90:
            # An office split over lines: continue until a line that ends in a comma.
            parts = [line]
            for j in range(i + 1, min(i + OFFICE_MAX_LINES, len(lines))):
                following = lines[j][1]
                if not following.strip() or len(following) > 90:
                    break
                parts.append(following)
                if following.rstrip().endswith(","):
                    office_text, office_end = " ".join(parts).rstrip().rstrip(","), j
                    break
        if office_text is None:
            i += 1
            continue
        offices = _SIDE_BY_SIDE.split(office_text)
        named = _name_after(lines, office_end, len(offices) > 1, notes)
        if named is None:
            i += 1
            continue
        name_offset, name = named
        names = _NEXT_INITIALS.split(name.group("name")) if len(offices) > 1 else [name.group("name")]
        if len(offices) != len(names):
            if not _NAME_LINE.fullmatch(name.group()):
                i = office_end + 1
                continue  # several names that cannot be paired with the offices: no guess
            offices, names = [office_text], [name.group("name")]
        evidence = Evidence(offset, name_offset + name.end("name"), "signatures.block")
        for office, person in zip(offices, names, strict=True):
            for single in split_offices(office):
                yield SignatureMention(evidence, person.strip(), single)
        i = office_end + 1


def _one_line_signatures(text: str) -> Iterator[SignatureMention]:
    for match in _ONE_LINE.finditer(text):
        office = match.group("office")
        # Several role words on the line (flattened letterhead): the signature starts at the last one.
        starts = [m.start() for m in re.finditer(rf"(?:De[ \t]+|de[ \t]+)?{_ROLE}\b", office)]
        office = office[starts[-1]:] if starts else office
        line_start = text.rfind("\n", 0, match.start()) + 1
        before = text[line_start:match.start("office") + (starts[-1] if starts else 0)]
        if _ON_BEHALF.search(before[-30:] + office):
            continue
        if before.strip() and not office.startswith(("De ", "Minister", "Staatssecretaris")):
            continue  # mid-line only in the letterhead's capitalised form
        following = text[match.end():].lstrip()
        if following[:1].islower():
            continue  # a sentence that goes on: not a signature
        start = match.start("office") + (starts[-1] if starts else 0)
        evidence = Evidence(start, match.end("name"), "signatures.one-line")
        for single in split_offices(office):
            yield SignatureMention(evidence, match.group("name").strip(), single)


def _answer_office(role: str, ministry: str) -> str:
    ministry = re.sub(r"\s+", " ", ministry).strip()
    if role.lower() == "minister" and ministry.lower() not in MINISTRIES:
        return f"minister voor {ministry}"
    return f"{role.lower()} van {ministry}"


def _answer_signatures(text: str) -> Iterator[SignatureMention]:
    for match in _ANSWER_BY.finditer(text):
        office = _answer_office(match.group("role"), match.group("ministry"))
        yield SignatureMention(Evidence(match.start(), match.end(), "signatures.answer"), match.group("name"), office)


def proper_case(name: str) -> str:
    """'VAN DER LEE' -> 'Van der Lee', 'KRÖGER' -> 'Kröger'; names already in mixed case are kept."""
    if not name.isupper():
        return name
    words = re.split(r"([ \t]+|-)", name.strip().lower())
    out = []
    for i, word in enumerate(words):
        if i > 0 and word in _PARTICLES and i + 1 < len(words):
            out.append(word)
        else:
            out.append(word[:1].upper() + word[1:])
    return "".join(out)


def _submitters(text: str, kind: str) -> list[SignatureMention]:
    """Motion/amendment submitters: the surnames listed at the end, completed by the names in the header line."""
    lines = _lines(text)
    listed: list[tuple[int, re.Match[str]]] = []
    end = _MOTION_END.search(text) if kind == "motion" else None
    if end:
        # A motion lists its submitters after the closing formula, one per line (page furniture may follow).
        first = next(i for i, (offset, line) in enumerate(lines) if offset + len(line) >= end.end()) + 1
        for offset, line in lines[first:]:
            if not line.strip() or _FURNITURE.fullmatch(line):
                continue
            match = _MEMBER_LINE.fullmatch(line)
            if not match or len(match.group("name").split()) > 5:
                break
            listed.append((offset, match))
    else:
        # An amendment (or a motion without the formula) ends with them: read back from the end.
        for offset, line in reversed(lines):
            if not line.strip() or _FURNITURE.fullmatch(line):
                continue
            match = _MEMBER_LINE.fullmatch(line)
            if not match or len(match.group("name").split()) > 5:
                break
            listed.insert(0, (offset, match))
    mentions = [
        SignatureMention(Evidence(offset + m.start("name"), offset + m.end("name"), "signatures.submitter-list"),
                         m.group("name"), MEMBER_OFFICE)
        for offset, m in listed
    ]
    known = {slug(split_person_name(m.name)[1]) for m in mentions}
    header = _SUBMITTER_HEADER.search(text)
    if header:
        names_start = header.start("names")
        position = 0
        header_mentions = []
        for raw in _NAME_SEPARATOR.split(header.group("names")):
            index = header.group("names").find(raw, position)
            position = index + len(raw)
            name = proper_case(raw.strip())
            if not name or slug(split_person_name(name)[1]) in known:
                continue
            start = names_start + index
            header_mentions.append(
                SignatureMention(Evidence(start, start + len(raw), "signatures.submitter-header"), name, MEMBER_OFFICE)
            )
            known.add(slug(split_person_name(name)[1]))
        mentions = header_mentions + mentions
    return mentions


def extract(doc: Document, found: Sequence[Mention]) -> list[Mention]:
    """Signature mentions in text order; motions and amendments are signed by their submitters."""
    kind = next((m.kind for m in found if isinstance(m, HeaderMention)), "document")
    if kind in ("motion", "amendment"):
        return list(_submitters(doc.text, kind))
    blocks = list(_block_signatures(doc.text))
    covered = {(m.evidence.start, m.evidence.end) for m in blocks}
    one_line = [m for m in _one_line_signatures(doc.text)
                if not any(s <= m.evidence.start < e for s, e in covered)]
    signatures: list[Mention] = sorted([*blocks, *one_line], key=lambda m: m.evidence.start)
    if not signatures and kind == "answer":
        signatures = list(_answer_signatures(doc.text))
    return signatures
