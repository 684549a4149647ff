"""Extraction of named programmes/funds/partnerships and organisations: gazetteer, acronym definitions, head words,
context words, recurring acronyms; merged per document so one entity always carries one canonical name."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from loaders.document import Document
from loaders.extract import countries, gazetteer
from loaders.extract.entity_names import (
    LEADING_NOISE,
    Run,
    Token,
    acronym_fits,
    head_of,
    is_acronym,
    runs,
    tokens,
    trim_leading,
    word_set,
)
from loaders.extract.gazetteer import Body
from loaders.extract.lexicon import Lexicon, Spans
from loaders.extract.money import iso_currencies
from loaders.extract.textview import TextView, views
from loaders.mentions import EntityCategory, EntityMention, Evidence, Mention
from ontology.identifiers import slug

# "Global Concessional Financing Facility (GCFF)", "Emergency Response Rooms (ERR’s)", "(REAN)26 programma":
# an acronym in brackets right after a name.
_DEFINED = re.compile(r"\(\s*(?P<acr>[A-Z][A-Za-z0-9&]*[A-Z0-9](?:-[A-Z0-9]+)*(?:[’']s)?)\s*\)")
# "RSF (Rapid Support Forces)": an acronym followed by its name in brackets.
_DEFINED_REVERSED = re.compile(r"(?<![\w-])(?P<acr>[A-Z][A-Z0-9&]+(?:[’']s)?)\s*\(\s*(?=[A-Z])")
# A programme head right after the bracketed acronym: "(SSAR) platform", "(REAN)26 programma".
_HEAD_AFTER = re.compile(r"\)\d{0,3}[- ]?(?:programma|partnerschap|project|platform|initiatief|fonds|faciliteit)\b")
# "organisaties als Save the Children", "via de organisatie Justice Rapid Response", "organisaties, waaronder de X",
# "gemeenschapsorganisaties zoals de Emergency Response Rooms": a named organisation after a generic one.
_ORGANISATION_CONTEXT = re.compile(
    r"\b(?:\w*organisaties?|ngo[’']?s?|NGO[’']?s?),?\s+(?:zoals\s+|als\s+|genaamd\s+|waaronder\s+)?(?:de\s+|het\s+)?"
    r"(?=[A-Z])"
)
# "programma’s als COMPASS", "het programma COMPASS", "subsidiebeleidskader FemFocus", "project genaamd STEAP".
_PROGRAMME_CONTEXT = re.compile(
    r"\b(?:programma(?:[’']s)?|project(?:en)?|fonds|initiatief|partnerschap|\w*kader|subsidieregeling)"
    r"\s+(?:zoals\s+|als\s+|genaamd\s+)?(?:de\s+|het\s+)?(?=[A-Z])"
)
# "PROSPECTS partnerschap", "Prospects partnerschap", "het PROMIS-project", "REAN programma": a name before a head.
_PROGRAMME_BEFORE_HEAD = re.compile(
    r"(?<![\w-])(?P<name>[A-Z][A-Za-z]+|[A-Z][A-Z0-9]{2,})[- ]"
    r"(?:programma|partnerschap|project|platform|initiatief|fonds|faciliteit)(?![\w-])"
)
# "COMPASSpartnerschap": an acronym glued to the head when a line-break hyphen was lost.
_ACRONYM_GLUED_HEAD = re.compile(r"(?<![\w-])(?P<name>[A-Z]{3,})(?:partnerschap|programma|project)\b")
# A capitalised word ending like a Dutch adjective is no name ("Europese programma", "Nationale partnerschap").
_ADJECTIVE_ENDING = re.compile(r"(?:ese|sche|ale|ele|ijke|ige|aire|ieve|ere|ste|ische)$")
# Organisation acronyms written before a name ("VN-Sudan Humanitarian Fund", "VN Fact-Finding Mission").
_ORGANISATION_PREFIX = re.compile(r"^(?:VN|UN|EU)[- ](?=[A-Z])")
# Checked for every word of a letter (compiled here, not looked up in re's cache each time): a possessive "'s", an
# all-capital word, a capital.
_POSSESSIVE = re.compile(r"[’']s$")
_ACRONYM_WORD = re.compile(r"[A-Z][A-Z0-9&]{2,}")
_CAPITAL = re.compile("[A-Z]")
#: Acronyms that recur in letters but name no body.
NOT_BODIES = word_set(
    """IDP IDPS GBV SGBV PSEA CRSV WPS MHPSS SRGR SRHR WASH HDP HGIS BHOS BHO MFK BNC COP LNOB GNI KPI NAP AVG WOO
    NGO NGOS ODA HIV AIDS SDG SDGS BNI BBP GDP CEO ICT PDF URL COVID ISO CET LHBTI LHBTIQ LGBTI MKB ZZP BTW TZ"""
)
#: Frequent Dutch words: a lower-case continuation of an English name stops at them.
DUTCH_WORDS = word_set(
    """de het een en van in is dat op te zijn voor met die niet aan er om ook als bij of door heeft wordt worden
    werd kan zal naar over tot uit nog maar dan wel al hun zich deze dit waar wat gelanceerd"""
)
#: A recurring acronym is taken as a name from this many stand-alone uses.
MIN_ACRONYM_USES = 3


@dataclass
class Candidate:
    """A name found by one rule at one place (original offsets), before the document's names are merged."""

    start: int
    end: int
    name: str
    rule: str
    aliases: tuple[str, ...] = ()
    category: EntityCategory | None = None
    subtype: str | None = None
    body: Body | None = None
    defines: bool = False  # the full name of an acronym definition


@dataclass
class Scan:
    """What the rules share about one document: its flat view, its words and capitalised runs, its web addresses."""

    doc: Document
    view: TextView
    words: list[Token]
    runs: list[Run]
    urls: Spans
    by_end: dict[int, Run] = field(default_factory=dict)
    by_start: dict[int, Run] = field(default_factory=dict)

    def span(self, start: int, end: int) -> tuple[int, int]:
        return self.view.span(start, end)

    def in_url(self, pos: int) -> bool:
        return pos in self.urls


def _sentence_starts(doc: Document) -> tuple[set[int], set[int]]:
    """Sentence starts after a full stop, colon, bracket or blank line (hard), and line starts after a line with no
    closing punctuation, which may be a heading or a hard-wrapped line (soft)."""
    hard: set[int] = set()
    soft: set[int] = set()
    for span in doc.sentences:
        before = doc.text[max(0, span.start - 200) : span.start]
        stripped = before.rstrip()
        gap = before[len(stripped) :]
        if not stripped or gap.count("\n") >= 2 or stripped[-1] in '.!?:;)]”"’':
            hard.add(span.start)
        else:
            soft.add(span.start)
    return hard, soft


def _scan(doc: Document) -> Scan:
    view = views(doc.text).flat
    hard, soft = _sentence_starts(doc)
    breaks = view.positions(hard)
    soft_breaks = view.positions(soft)
    words = tokens(view.text)
    urls = Spans.urls(view.text)
    words = [w for w in words if w.start not in urls]
    starters = _SentenceStarters()
    scan = Scan(doc, view, words, list(runs(view.text, words, breaks, soft_breaks, starters)), urls)
    for run in scan.runs:
        scan.by_end[run.end] = run
        scan.by_start[run.start] = run
    return scan


class _SentenceStarters:
    """Words that begin a sentence rather than continue a name: sentence words and country names."""

    def __contains__(self, word: object) -> bool:
        return word in LEADING_NOISE or word in countries.surfaces()


def _not_a_name(text: str) -> bool:
    """Countries, regions, cities and adjectives, sentence words: never a programme or organisation by themselves."""
    return text in countries.surfaces() or text.split()[0] in LEADING_NOISE


def _category(kind: tuple[str, str | None] | None) -> tuple[EntityCategory | None, str | None]:
    """(category, subtype) as the mention model types them, from a head word's or a context's reading."""
    if kind is None:
        return None, None
    return ("programme" if kind[0] == "programme" else "organisation"), kind[1]


def _candidate(
    scan: Scan,
    words: Sequence[Token],
    rule: str,
    *,
    aliases: tuple[str, ...] = (),
    kind: tuple[str, str | None] | None = None,
    body: Body | None = None,
    defines: bool = False,
) -> Candidate:
    """A candidate for the words of the flat view, with their original offsets; `kind` is (category, subtype)."""
    start, end = scan.span(words[0].start, words[-1].end)
    name = scan.view.text[words[0].start : words[-1].end]
    category, subtype = _category(kind)
    return Candidate(start, end, name, rule, aliases, category, subtype, body, defines)


def _gazetteer(scan: Scan) -> list[Candidate]:
    """Well-known bodies by any listed form; an acronym used as a prefix ('VN-organisaties', 'EU-sancties') is not
    a mention of the body."""
    found = []
    text = scan.doc.text
    for hit in gazetteer.lexicon().find(views(text)):
        if is_acronym(hit.form) and re.match(r"-\w", text[hit.end : hit.end + 2]):
            continue
        body = gazetteer.lookup(hit.form)
        if body is not None:
            found.append(Candidate(hit.start, hit.end, hit.form, "entities.gazetteer", body=body))
    return found


def _split_possessor(words: tuple[Token, ...]) -> tuple[Token, ...]:
    """'MHPSS Referentie Groep van de Inter Agency Standing Committee' -> the body after 'van de' when only it has
    a head; 'Soedan Humanitaire Fonds van de VN' -> the part before when the rest names a known body."""
    texts = [w.text for w in words]
    if "van" not in texts:
        return words
    i = texts.index("van")
    before, after = words[:i], words[i + 1 :]
    while after and after[0].connector:
        after = after[1:]
    if not before or not after:
        return words
    if head_of([w.text for w in before]) is None and head_of([w.text for w in after]) is not None:
        return _split_possessor(after)
    rest = " ".join(w.text for w in after)
    if head_of([w.text for w in before]) is not None and gazetteer.lookup(rest) is not None:
        return before
    return words


def _sentence_case_tail(scan: Scan, words: tuple[Token, ...]) -> tuple[Token, ...]:
    """'Global Alliance to Counter migrant smuggling': a name ending in 'to' + verb goes on in lower case up to the
    next Dutch word or punctuation."""
    if len(words) < 2 or words[-2].text != "to":
        return words
    text = scan.view.text
    index = {w.start: i for i, w in enumerate(scan.words)}
    i = index[words[-1].start] + 1
    tail: list[Token] = []
    while i < len(scan.words) and len(tail) < 4:
        word = scan.words[i]
        if text[(tail[-1] if tail else words[-1]).end : word.start] != " " or not word.text.islower():
            break
        if word.text in DUTCH_WORDS:
            break
        tail.append(word)
        i += 1
    return words + tuple(tail)


def _head_words(scan: Scan) -> list[Candidate]:
    """Capitalised runs with a head word: 'Elsie Initiative Fund', 'Challenge Fund for Youth Employment',
    'International Development Law Organisation', 'Radio Dabanga', 'Fondation Orient-Occident'."""
    found = []
    for run in scan.runs:
        words = _sentence_case_tail(scan, _split_possessor(trim_leading(run.words)))
        content = [w for w in words if not w.connector]
        if len(content) < 2:
            continue
        head = head_of([w.text for w in words])
        if head is None:
            continue
        found.append(_candidate(scan, words, "entities.head-word", kind=head))
    return found


@dataclass
class Definition:
    """An acronym defined next to a name in this document."""

    acronym: str
    acronym_span: tuple[int, int]  # original offsets
    name_words: tuple[Token, ...]
    head_after: bool


def _definitions(scan: Scan) -> tuple[list[Definition], set[str]]:
    """Acronym definitions in both orders, and the acronyms defined for lower-case concepts ('mentale en
    psychosociale ondersteuning (MHPSS)'), which name no body."""
    text = scan.view.text
    found: list[Definition] = []
    concepts: set[str] = set()
    for match in _DEFINED.finditer(text):
        if scan.in_url(match.start()):
            continue
        acronym = match.group("acr")
        before = match.start() - 1 if text[match.start() - 1 : match.start()] == " " else match.start()
        run = scan.by_end.get(before)
        if run is None:
            previous = text[max(0, match.start() - 30) : match.start()].split()
            if previous and previous[-1][:1].islower():
                concepts.add(re.sub(r"[’']s$", "", acronym))
            continue
        head_after = bool(_HEAD_AFTER.match(text, match.end() - 1))
        found.append(Definition(acronym, scan.span(*match.span("acr")), trim_leading(run.words), head_after))
    for match in _DEFINED_REVERSED.finditer(text):
        run = scan.by_start.get(match.end())
        if run is None or text[run.end : run.end + 1] != ")" or scan.in_url(match.start()):
            continue
        found.append(Definition(match.group("acr"), scan.span(*match.span("acr")), run.words, False))
    return found, concepts


def _accept_definitions(scan: Scan, definitions: list[Definition], accepted: set[str]) -> list[Candidate]:
    """A definition names a body when the gazetteer knows it, or its name has a head word (or one follows the
    brackets), or another rule already took the name or the acronym; the acronym must fit the name's initials."""
    found = []
    for d in definitions:
        words = d.name_words
        name = scan.view.text[words[0].start : words[-1].end]
        acronym = re.sub(r"[’']s$", "", d.acronym)
        body = gazetteer.lookup(acronym) or gazetteer.lookup(name)
        fits = acronym_fits(acronym, [w.text for w in words])
        if body is not None:
            if gazetteer.lookup(name) is not body and not fits:
                continue  # "Abdelrahim Hamdan Dagalo (RSF)": a person named beside a body's acronym
        elif not fits:
            continue
        head = head_of([w.text for w in words])
        if body is None and head is None and not d.head_after and not ({slug(name), slug(acronym)} & accepted):
            continue
        kind: tuple[str, str | None] | None = head or (("programme", "programme") if d.head_after else None)
        rule = "entities.acronym-definition"
        found.append(_candidate(scan, words, rule, aliases=(acronym,), kind=kind, body=body, defines=True))
        category, subtype = _category(kind)
        found.append(Candidate(*d.acronym_span, acronym, rule, (name,), category, subtype, body))
    return found


def _context_name(scan: Scan, start: int) -> tuple[Token, ...] | None:
    """The capitalised run that starts at `start`, cut before a Dutch 'en' (a list of names)."""
    run = scan.by_start.get(start)
    if run is None:
        return None
    words = run.words
    texts = [w.text for w in words]
    if "en" in texts:
        words = words[: texts.index("en")]
    name = " ".join(w.text for w in words)
    if not words or _not_a_name(name) or gazetteer.lookup(name) is not None:
        return None
    return words


def _proper_noun(scan: Scan, word: str) -> bool:
    """A capitalised word is a name when the text never writes it in lower case (outside web addresses) and
    capitalises it at least once inside a sentence ('Prospects' yes; 'Opvang programma’s' at a sentence start no)."""
    lowered = word.lower()
    if any(w.text == lowered for w in scan.words):  # scan.words leaves out web addresses
        return False
    text = scan.view.text
    return any(w.text == word and re.search(r"[a-zà-ÿ,]\s$", text[max(0, w.start - 2) : w.start]) for w in scan.words)


def _contexts(scan: Scan) -> list[Candidate]:
    """Names right after a generic word for an organisation or a programme, or right before a programme head."""
    text = scan.view.text
    found = []
    for pattern, category in ((_ORGANISATION_CONTEXT, "organisation"), (_PROGRAMME_CONTEXT, "programme")):
        for match in pattern.finditer(text):
            words = _context_name(scan, match.end())
            if words:
                found.append(_candidate(scan, words, "entities.context", kind=(category, None)))
    for pattern in (_PROGRAMME_BEFORE_HEAD, _ACRONYM_GLUED_HEAD):
        for match in pattern.finditer(text):
            name = match.group("name")
            if scan.in_url(match.start()) or _not_a_name(name) or gazetteer.lookup(name) is not None:
                continue
            if not name.isupper() and (_ADJECTIVE_ENDING.search(name) or not _proper_noun(scan, name)):
                continue
            start, end = scan.span(*match.span("name"))
            found.append(Candidate(start, end, name, "entities.context", category="programme"))
    return found


def _recurring_acronyms(scan: Scan, concepts: set[str]) -> list[Candidate]:
    """All-capital acronyms used stand-alone at least MIN_ACRONYM_USES times that name nothing else (no country,
    currency, lower-case concept, heading word or common abbreviation)."""
    text = scan.view.text
    uses: dict[str, list[Token]] = {}
    words = scan.words
    for i, word in enumerate(words):
        core = _POSSESSIVE.sub("", word.text)
        if not _ACRONYM_WORD.fullmatch(core) or len(_CAPITAL.findall(core)) < 3:
            continue
        if text[word.start - 1 : word.start] == "-" or re.match(r"-[a-z]", text[word.end : word.end + 2]):
            continue
        neighbours = [words[j] for j in (i - 1, i + 1) if 0 <= j < len(words)]
        if any(
            n.text.isupper() and len(n.text) > 1 and text[min(n.end, word.end) : max(n.start, word.start)] == " "
            for n in neighbours
        ):
            continue  # a word of a line in capitals ("BRIEF VAN DE MINISTER")
        uses.setdefault(core, []).append(word)
    found = []
    for acronym, occurrences in uses.items():
        if (
            len(occurrences) < MIN_ACRONYM_USES
            or acronym in NOT_BODIES
            or acronym in concepts
            or acronym in iso_currencies()
            or acronym in countries.surfaces()
            or gazetteer.lookup(acronym) is not None
            or re.fullmatch(r"[IVXLC]+", acronym)
        ):
            continue
        for word in occurrences:
            start, end = scan.span(word.start, word.start + len(acronym))
            found.append(Candidate(start, end, acronym, "entities.recurring-acronym"))
    return found


def _repeats(scan: Scan, forms: Iterable[str], taken: list[Candidate]) -> list[Candidate]:
    """Every further use of a name or acronym the rules accepted ('de GCFF', 'Prospects' for 'PROSPECTS')."""
    variants: dict[str, str] = {}
    for form in sorted(forms):  # sorted: which form a variant maps to must not depend on set order
        if len(form) < 3 or gazetteer.lookup(form) is not None:
            continue
        variants[form] = form
    for form in sorted(variants):
        if is_acronym(form) and len(form) >= 4:
            variants.setdefault(form.capitalize(), form)
    found = []
    text = scan.doc.text
    for hit in Lexicon(variants).find(views(text)):
        if any(c.start < hit.end and hit.start < c.end for c in taken):
            continue
        if is_acronym(hit.form) and re.match(r"-[a-z]", text[hit.end : hit.end + 2]):
            continue
        found.append(Candidate(hit.start, hit.end, variants[hit.form], "entities.repeat"))
    return found


def _resolve_overlaps(candidates: list[Candidate]) -> list[Candidate]:
    """One candidate per span: of two that start together the longer wins; a body's acronym inside a longer name
    elsewhere ('UNHCR' in 'IFC-UNHCR Joint Initiative') stays."""
    order = {"entities.gazetteer": 0, "entities.acronym-definition": 1, "entities.head-word": 2}
    candidates = sorted(candidates, key=lambda c: (c.start, -(c.end - c.start), order.get(c.rule, 3)))
    kept: list[Candidate] = []
    longest = max((c.end - c.start for c in candidates), default=0)
    for c in candidates:
        # Kept candidates are in text order; only those starting less than `longest` before c can reach it.
        nearby = []
        for k in reversed(kept):
            if k.start <= c.start - longest:
                break
            nearby.append(k)
        clash = next((k for k in reversed(nearby) if k.start < c.end and c.start < k.end), None)
        if clash is None:
            kept.append(c)
        elif clash.start == c.start and clash.end == c.end:
            if c.body and not clash.body:
                clash.body = c.body
            clash.category = clash.category or c.category
            clash.subtype = clash.subtype or c.subtype
            clash.aliases = tuple(dict.fromkeys(clash.aliases + c.aliases))
            clash.defines = clash.defines or c.defines
        elif c.body is not None and c.start > clash.start and c.end <= clash.end:
            kept.append(c)
    return sorted(kept, key=lambda c: c.start)


def label_key(label: str) -> str:
    """Case-, accent-, dash- and space-insensitive form of a label ('&' stays: 'DT&V' is not 'DTenV')."""
    text = unicodedata.normalize("NFKD", label)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold().replace("’", "'")
    return " ".join(re.sub(r"[-‐‑–—/_.,:;()\"“”]", " ", text).split())


def _keys(c: Candidate) -> set[str]:
    keys = {slug(c.name), *(slug(a) for a in c.aliases)}
    stripped = _ORGANISATION_PREFIX.sub("", c.name)
    if stripped != c.name and len(stripped.split()) >= 2:
        keys.add(slug(stripped))
    if c.body is not None:
        keys.add("body:" + c.body.name)
    return {k for k in keys if k}


def _groups(candidates: list[Candidate]) -> list[list[Candidate]]:
    """Candidates that share a name, an acronym or a gazetteer entry, merged (union-find over their keys)."""
    parent: dict[str, str] = {}

    def root(key: str) -> str:
        while parent.setdefault(key, key) != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for c in candidates:
        first, *rest = sorted(_keys(c))
        for key in rest:
            parent[root(key)] = root(first)
    groups: dict[str, list[Candidate]] = {}
    for c in candidates:
        groups.setdefault(root(sorted(_keys(c))[0]), []).append(c)
    return list(groups.values())


def _canonical(group: list[Candidate]) -> tuple[str, EntityCategory, str | None]:
    """The gazetteer's name; else the defined full name; else the most used form without an organisation prefix."""
    body = next((c.body for c in group if c.body), None)
    if body is not None:
        return body.name, body.category, body.subtype
    defined = [c.name for c in group if c.defines]
    if defined:
        name = defined[0]
    else:
        counts = Counter(c.name for c in group)
        name = max(counts, key=lambda n: (not _ORGANISATION_PREFIX.match(n), counts[n], -len(n)))
    category, subtype = _category(head_of(name.split()))
    if category is not None:
        return name, category, subtype
    read_as: EntityCategory = next((c.category for c in group if c.category), "organisation")
    return name, read_as, next((c.subtype for c in group if c.subtype), None)


def extract(doc: Document, found: Sequence[Mention]) -> list[Mention]:
    """One EntityMention per use of a named programme or organisation, all uses of one entity under one name."""
    scan = _scan(doc)
    candidates = _gazetteer(scan) + _head_words(scan) + _contexts(scan)
    definitions, concepts = _definitions(scan)
    accepted = {k for c in candidates for k in _keys(c)}
    # An acronym defined by a capitalised name without a head ('Meerjarig Financieel Kader (MFK)') names a body only
    # when another rule says so; its frequency alone does not.
    headless = {
        d.acronym
        for d in definitions
        if gazetteer.lookup(d.acronym) is None
        and head_of([w.text for w in d.name_words]) is None
        and not d.head_after
        and slug(d.acronym) not in accepted
    }
    recurring = _recurring_acronyms(scan, concepts | headless)
    accepted |= {slug(c.name) for c in recurring}
    candidates += _accept_definitions(scan, definitions, accepted)
    candidates += recurring
    candidates = _resolve_overlaps(candidates)
    forms = {c.name for c in candidates} | {a for c in candidates for a in c.aliases}
    candidates = _resolve_overlaps(candidates + _repeats(scan, forms, candidates))

    mentions: list[Mention] = []
    for group in _groups(candidates):
        name, category, subtype = _canonical(group)
        seen: dict[str, str] = {label_key(name): name}
        for c in group:
            for label in (c.name, *c.aliases):
                seen.setdefault(label_key(label), label)
        aliases = tuple(sorted(label for key, label in seen.items() if key != label_key(name)))
        for c in group:
            mentions.append(EntityMention(Evidence(c.start, c.end, c.rule), name, category, aliases, subtype))
    mentions.sort(key=lambda m: m.evidence.start)
    return mentions
