"""Every Kamerstuk a document cites; motions and amendments with their submitters; garbled citations kept as such."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from rapidfuzz import fuzz

from loaders.document import Document
from loaders.extract.dates import MONTHS
from loaders.extract.footnotes import Footnotes, Marker, find_footnotes
from loaders.extract.names import INITIALS, SURNAME
from loaders.extract.signatures import MEMBER_OFFICE
from loaders.mentions import (
    CitationMention,
    Evidence,
    GarbledReferenceMention,
    HeaderMention,
    Mention,
    SignatureMention,
)
from ontology.identifiers import kamerstuk_id, slug, split_person_name

#: A motion/amendment word governs a citation at most this many characters after it (same sentence as well) ...
GOVERN_CHARS = 400
#: ... and at most this many when the text names no submitters anywhere near it ("middels een motie ... (Kamerstuk)").
GOVERN_CHARS_NAMELESS = 160
#: Two spellings of one submitter of the same Kamerstuk ("Van den Burg" / "Van der Burg") are this similar.
SAME_NAME_SIMILARITY = 85

_MONTH_WORD = "|".join(MONTHS)
# More document numbers after the first: "nr. 248 en nr. 249", "nrs. 12, 13 en 14" (not "nr. 236, 24 november" and
# not "nr. 247 en 36 180, nr. 168", where the next dossier starts).
_MORE_NUMBERS = (
    rf"(?:\s*(?:,|\ben\b|&)\s*(?:nrs?\.?\s*\d+|\d+(?![ \u00a0]?\d{{3}}\b)(?!\s+(?i:{_MONTH_WORD})\b)(?!\d)))*"
)
# "Kamerstuk 29 237, nr. 247", "Kamer-\nstuk 29\n237, nr. 247" (PDF line breaks), "Kamerstuk 29237, nr. 234",
# "Kamerstuk 36 247 nr.11", "Kamerstuk 36410 V, nr 49",
# "Kamerstuk 21 501-02, nr. 3281", "21 501–07", "Kamerstukken II 2023/24, 29 237, nr. 247",
# "Kamerstukken 31 234 en 35 111, nr. 87"; the dossier and number parts are read loosely here and checked in
# _parse, so that an unreadable one ("Kamerstuk 2150102, nr. EW") is reported instead of skipped.
_KAMERSTUK = re.compile(
    r"\b[Kk]amer(?:-[ \t]*\n[ \t]*)?stuk(?:ken)?(?:[ \t]+I{1,2})?(?:[ \t]+\d{4}[/–-]\d{2,4})?,?\s+"
    r"(?P<dossiers>\d(?:[0-9 \u00a0\-–‑]|\n(?=\d))*(?:[ \u00a0]*[A-Z]{1,6}\b)?"
    r"(?:\s*(?:,|\ben\b|&|/)\s*\d(?:[0-9 \u00a0\-–‑]|\n(?=\d))*(?:[ \u00a0]*[A-Z]{1,6}\b)?)*?)"
    r",?\s*(?:nrs?\b\.?|nummers?\b)\s*"
    rf"(?P<numbers>[0-9A-Za-z]+{_MORE_NUMBERS})"
)
# Without the word Kamerstuk: "(motie-Jansen/De Groot, 31 111, nr. 12)", "... en 36 180, nr. 168".
_BARE = re.compile(
    r"(?<![\w/.,–‑-])(?P<dossiers>\d{2}[ \u00a0]?\d{3}(?:[ \u00a0]?[-–‑][ \u00a0]?\d{1,3})?"
    r"(?:[ \u00a0]+(?:[IVXL]{1,6}|[A-Z])(?=,))?),?[ \t]*nrs?\.?[ \t]*"
    rf"(?P<numbers>\d+{_MORE_NUMBERS})"
)
# One dossier: "29 237", "21 501-02", "36410 V", "35 900 XVII".
_DOSSIER = re.compile(
    r"(?P<dossier>\d{2}[ \u00a0\n]?\d{3})(?:[ \u00a0]?[-–‑][ \u00a0]?(?P<sub>\d{1,3}|[IVXL]{1,6}|[A-Z]))?"
    r"(?:[ \u00a0]+(?P<roman>[IVXL]{1,6}|[A-Z]))?"
)
_DOSSIER_SEPARATOR = re.compile(r"\s*(?:,|\ben\b|&|/)\s*")
# Page furniture that carries the document's own id: "Tweede Kamer, vergaderjaar 2025–2026, 29 237, nr. 260".
_OWN_FURNITURE = re.compile(r"vergaderjaar[ \t]+\d{4}[–-]\d{4},[ \t]*$")

# A motion or amendment named in the text: "de motie", "de moties", "het amendement", "motie-Ceder", "motie15".
_TRIGGER = re.compile(r"(?i:\b(?P<word>motie|moties|amendement|amendementen))(?![^\W\d_])")
#: A surname as written in running text: "Dobbe", "Van der Lee", "Kröger", "De Groot", "Van Baarle-Jansen".
_NAME = rf"(?:{INITIALS}[ \t]*)?{SURNAME}"
_CS = r"(?:\s*c\.s\.?)"
#: A list of submitters: "Van Baarle en Dobbe", "Ceder/Kröger", "Brekelmans, Veldkamp en Tuinman", "Dobbe c.s.".
_NAMES = rf"{_NAME}(?:\s*(?:,|/|&|\ben\b)\s*{_NAME})*{_CS}?"
# The submitters right after the motion word: "motie Teunissen", "motie-Ceder", "de motie van de leden Dobbe c.s.",
# "amendement ingediend door de leden Dobbe en Ceder", "motie15 Piri en Van der Lee" (after a glued marker).
_NAMES_AFTER = re.compile(
    rf"(?:-|\s+(?:(?:van|ingediend\s+door|van\s+de\s+hand\s+van)\s+)?(?:(?:het|de)\s+(?:Kamer)?(?:lid|leden)\s+)?)"
    rf"(?P<names>{_NAMES})(?![^\W\d_]|-)"  # a glued footnote digit may follow: "Dobbe12"
)
# The submitters right before a footnote marker: "twee moties aangenomen (Dobbe c.s. [1] en Van der Werf c.s.[2])".
_NAMES_BEFORE_MARKER = re.compile(rf"(?<![\w-])(?P<names>{_NAMES})\s*\Z")
# The submitters named as the subject: "hebben de leden Dobbe c.s. ... middels een motie verzocht".
_MEMBERS = re.compile(rf"\b(?:het|de)\s+(?:Kamer)?(?:lid|leden)\s+(?P<names>{_NAMES})(?![^\W\d_]|-)")
_NAME_IN_LIST = re.compile(_NAME)
#: Capitalised words that start a clause, not a submitter's name.
_NOT_NAMES = frozenset({"De", "Het", "Een", "Dit", "Deze", "Die", "Dat", "Zie", "Kamerstuk", "Kamerstukken", "Kamer",
                        "Tweede", "Nederland", "Motie", "Moties", "Amendement", "In", "Op", "Met", "Voor"})
# Where a sentence starts: after sentence-final punctuation (and a glued footnote marker) before a capital, or after a
# blank line. Narrow PDF columns put short lines before capitals inside sentences, so line breaks alone do not count.
_SENTENCE_END = re.compile(
    r"(?<=[.!?])[\"”’)]?(?:\[footnoteRef:\d+\]|\d{1,3})?\s+(?=[\"“‘(]?[A-Z0-9À-Ý])|\n[ \t]*\n\s*"
)
# ... but not after an abbreviation or an initial: "c.s.", "nr.", "jl.", "o.a.", "J.".
_ABBREVIATION = re.compile(
    r"(?:\b(?:c\.s|nr|nrs|jl|o\.a|t\.z\.t|e\.d|resp|ca|incl|mln|bijv|m\.b\.t|i\.v\.m|t\.a\.v|d\.d|art|blz)|\b[A-Z])\.$"
)
# Between a motion word and a citation: the citation is of another document ("de motie X, zie de brief (Kamerstuk..)").
_OTHER_DOCUMENT = re.compile(
    r"\w*(?:brief|verslag|nota|rapport\w*|antwoord\w*|beantwoording|Handelingen|geïnformeerd|informeerde)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Cited:
    """One citation as read: the Kamerstuk ids it names and where."""

    ids: tuple[str, ...]
    start: int
    end: int
    rule: str


@dataclass
class Trigger:
    """A motion/amendment word with the submitters the text gives for it."""

    kind: Literal["motion", "amendment"]
    plural: bool
    start: int
    end: int
    names: tuple[str, ...]
    consumed: bool = field(default=False)


def _parse(dossiers: str, numbers: str) -> tuple[str, ...] | None:
    """The ids a citation names, or None when a dossier or number cannot be read."""
    parsed = []
    for piece in _DOSSIER_SEPARATOR.split(dossiers.strip()):
        match = _DOSSIER.fullmatch(piece.strip())
        if not match:
            return None
        parsed.append((match.group("dossier"), match.group("sub") or match.group("roman")))
    first = re.match(r"\d+(?![A-Za-z])", numbers)
    if not first:
        return None
    nrs = [first.group(), *re.findall(r"\d+", numbers[first.end():])]
    if len(parsed) > 1 and len(nrs) == len(parsed):
        pairs = list(zip(parsed, nrs, strict=True))
    elif len(parsed) > 1:
        pairs = [(d, nrs[0]) for d in parsed]  # "Kamerstukken 31 234 en 35 111, nr. 87": one joint document
    else:
        pairs = [(parsed[0], n) for n in nrs]
    return tuple(dict.fromkeys(kamerstuk_id(dossier, nr, suffix) for (dossier, suffix), nr in pairs))


def find_citations(text: str) -> tuple[list[Cited], list[GarbledReferenceMention]]:
    """All Kamerstuk citations in text order, and the ones that cannot be read."""
    cited: list[Cited] = []
    garbled: list[GarbledReferenceMention] = []
    taken: list[tuple[int, int]] = []
    for rule, pattern in (("references.kamerstuk", _KAMERSTUK), ("references.bare", _BARE)):
        for match in pattern.finditer(text):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            line_start = text.rfind("\n", 0, match.start()) + 1
            if _OWN_FURNITURE.search(text[line_start:match.start()]):
                continue
            taken.append((match.start(), match.end()))
            ids = _parse(match.group("dossiers"), match.group("numbers"))
            if ids is None:
                quote = re.sub(r"\s+", " ", match.group()).strip()
                evidence = Evidence(match.start(), match.end(), "references.garbled")
                garbled.append(GarbledReferenceMention(evidence, quote))
            else:
                cited.append(Cited(ids, match.start(), match.end(), rule))
    cited.sort(key=lambda c: c.start)
    return cited, garbled


def _names(raw: str) -> tuple[str, ...]:
    """'Van Baarle en Dobbe' -> ('Van Baarle', 'Dobbe'); 'Dobbe c.s.' -> ('Dobbe',); initials are dropped."""
    raw = re.sub(r"\s*c\.s\.?\s*$", "", raw)
    raw = re.sub(r"-[ \t]*\n[ \t]*(?=[a-zß-öø-ÿ])", "", raw)  # "Brekel-\nmans": a word hyphenated at a line end
    names = []
    for match in _NAME_IN_LIST.finditer(raw):
        name = re.sub(rf"^{INITIALS}[ \t]*", "", re.sub(r"\s+", " ", match.group())).strip()
        if name.split()[0] in _NOT_NAMES and len(name.split()) == 1:
            return ()
        names.append(name)
    return tuple(names)


def find_triggers(text: str, footnotes: Footnotes) -> list[Trigger]:
    """Every motion/amendment word, with the submitters written right after it."""
    triggers = []
    for match in _TRIGGER.finditer(text):
        word = match.group("word").lower()
        after = match.end()
        marker = footnotes.marker_at(after)
        if marker is not None and marker.start == after:
            after = marker.end  # "motie15 Piri en Van der Lee": the marker is glued to the motion word
        names_match = _NAMES_AFTER.match(text, after)
        names = _names(names_match.group("names")) if names_match else ()
        triggers.append(Trigger(
            "amendment" if word.startswith("amendement") else "motion",
            word in ("moties", "amendementen"),
            match.start(),
            names_match.end() if names_match else match.end(),
            names,
        ))
    return triggers


def sentence_start(text: str, offset: int, limit: int) -> int:
    """Where the sentence holding `offset` starts, looking back at most `limit` characters."""
    lower = max(0, offset - limit)
    start = lower
    for match in _SENTENCE_END.finditer(text, lower, offset):
        if match.group().strip() and _ABBREVIATION.search(text[max(0, match.start() - 8):match.start()]):
            continue
        start = match.end()
    return start


class Linker:
    """Finds the motion/amendment word that governs a citation or footnote marker, in text order."""

    def __init__(self, doc: Document, footnotes: Footnotes, triggers: list[Trigger]) -> None:
        self.doc = doc
        self.text = doc.text
        self.footnotes = footnotes
        self.triggers = triggers

    def governing(self, anchor: int) -> Trigger | None:
        """The nearest motion word before `anchor` in the same sentence and region, not used up by another citation."""
        region = self.footnotes.body_at(anchor)
        lower = sentence_start(self.text, anchor, GOVERN_CHARS)
        for trigger in reversed(self.triggers):
            if trigger.start >= anchor:
                continue
            if trigger.start < lower:
                return None
            if self.footnotes.body_at(trigger.start) != region:
                return None
            if trigger.consumed and not trigger.plural:
                return None
            between = self.text[trigger.end:anchor]
            if _OTHER_DOCUMENT.search(between):
                return None
            if anchor - trigger.end > GOVERN_CHARS_NAMELESS and not self.submitters(trigger, anchor):
                return None
            return trigger
        return None

    def following(self, cited: Cited) -> Trigger | None:
        """A motion word right after the citation: "Kamerstuk 29 237, nr. 247 (motie Van den Burg)"."""
        for trigger in self.triggers:
            if trigger.start >= cited.end:
                gap = self.text[cited.end:trigger.start]
                if re.fullmatch(r"[\s,;:(]*(?:de|het|een)?\s*", gap, re.IGNORECASE) and "\n\n" not in gap:
                    return trigger
                return None
        return None

    def submitters(self, trigger: Trigger, anchor: int) -> tuple[str, ...]:
        """The trigger's own names, else the names right before the marker, else "de leden X" earlier on."""
        if trigger.names:
            return trigger.names
        before = self.text[max(trigger.end, anchor - 120):anchor]
        match = _NAMES_BEFORE_MARKER.search(before)
        if match:
            names = _names(match.group("names"))
            if names:
                return names
        members = list(_MEMBERS.finditer(self.text, sentence_start(self.text, trigger.start, GOVERN_CHARS),
                                         trigger.start))
        return _names(members[-1].group("names")) if members else ()


def _reconcile(mentions: list[CitationMention]) -> list[CitationMention]:
    """One spelling per submitter of one Kamerstuk: a near-identical spelling in another mention of the same id
    ("Van der Burg" for "Van den Burg") takes the first one's form; names within one list stay distinct persons."""
    canonical: dict[str, list[str]] = {}
    result = []
    for mention in mentions:
        known = canonical.setdefault(mention.kst, [])
        used = {name for name in mention.submitters if name in known}
        names = []
        variants: list[tuple[str, str]] = []
        for name in mention.submitters:
            same = name if name in known else None
            if same is None:
                scored = [(fuzz.ratio(slug(k), slug(name)), k) for k in known if k not in used]
                best = max(scored, default=(0.0, ""))
                if best[0] >= SAME_NAME_SIMILARITY:
                    same = best[1]
            if same is None:
                known.append(name)
                same = name
            used.add(same)
            if same != name:
                variants.append((same, name))
            if same not in names:
                names.append(same)
        result.append(CitationMention(mention.evidence, mention.kst, mention.kind, tuple(names), tuple(variants)))
    return result


def _own_document(found: Sequence[Mention]) -> list[CitationMention]:
    """A motion or amendment lists itself, with all its submitters (its signatories)."""
    header = next((m for m in found if isinstance(m, HeaderMention)), None)
    if header is None or header.own_id is None or header.kind not in ("motion", "amendment"):
        return []
    submitters = tuple(
        split_person_name(m.name)[1] for m in found if isinstance(m, SignatureMention) and m.office == MEMBER_OFFICE
    )
    kind: Literal["motion", "amendment"] = "motion" if header.kind == "motion" else "amendment"
    return [CitationMention(Evidence(header.evidence.start, header.evidence.end, "references.own"), header.own_id,
                            kind, submitters)]


def extract(doc: Document, found: Sequence[Mention]) -> list[Mention]:
    """Citations in text order, with kind and submitters from the motion/amendment word that governs each."""
    text = doc.text
    footnotes = find_footnotes(text)
    cited, garbled = find_citations(text)
    linker = Linker(doc, footnotes, find_triggers(text, footnotes))
    bodies: dict[int, list[Cited]] = {}
    for c in cited:
        body = footnotes.body_at(c.start)
        if body is not None:
            bodies.setdefault(body.number, []).append(c)

    mentions: list[CitationMention] = list(_own_document(found))
    anchors: list[tuple[int, Cited | Marker]] = [(c.start, c) for c in cited]
    anchors += [(m.start, m) for m in footnotes.markers]
    for position, anchor in sorted(anchors, key=lambda a: a[0]):
        trigger = linker.governing(position)
        if isinstance(anchor, Cited):
            # A citation in the text (or inside a footnote body): "de motie Dobbe c.s. (Kamerstuk 36247 nr. 11)".
            if trigger is None:
                trigger = linker.following(anchor)
            if trigger is None:
                evidence = Evidence(anchor.start, anchor.end, anchor.rule)
                mentions.extend(CitationMention(evidence, kst) for kst in anchor.ids)
                continue
            trigger.consumed = True
            names = linker.submitters(trigger, position)
            span = Evidence(min(trigger.start, anchor.start), max(trigger.end, anchor.end), "references.motion-inline")
            mentions.extend(CitationMention(span, kst, trigger.kind, names) for kst in anchor.ids)
        elif trigger is not None:
            # A footnote marker after a motion word: the ids in the footnote are that motion (all of them for "moties").
            trigger.consumed = True
            in_body = bodies.get(anchor.number, [])
            targets = in_body if trigger.plural else in_body[:1]
            names = linker.submitters(trigger, position)
            span = Evidence(trigger.start, max(anchor.end, trigger.end), "references.motion-footnote")
            for target in targets:
                mentions.extend(CitationMention(span, kst, trigger.kind, names) for kst in target.ids)
    return [*_reconcile(mentions), *garbled]
