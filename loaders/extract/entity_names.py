"""The shape of programme and organisation names: capitalised word runs, head words, and acronyms that fit a name."""

from __future__ import annotations

import re
from collections.abc import Container, Iterator, Sequence, Set
from dataclasses import dataclass
from functools import cache

# A word in a name: capitalised ("Fund", "Orient-Occident", "IFC-UNHCR"), an acronym ("GCFF", "DT&V"), or a
# lower-case prefix glued to a capitalised part ("anti-Trafficking"); apostrophes for "Children’s", "ERR’s".
TOKEN = re.compile(r"[A-Za-zÀ-ÿ0-9][A-Za-zÀ-ÿ0-9’'&]*(?:-[A-Za-zÀ-ÿ0-9’'&]+)*")
# Footnote numbers glued to a word end a name: "Fund1", "Agenda2" (but not "NAP1325", "D66", "M23").
_FOOTNOTE_TAIL = re.compile(r"(?<=[a-zà-ÿ])\d{1,2}$")


def word_set(text: str) -> frozenset[str]:
    """A word list written as one whitespace-separated string."""
    return frozenset(text.split())


#: Lower-case words that may stand inside a name ("Save the Children", "Liga van Arabische Staten").
CONNECTORS = word_set(
    """of for the and on to in from against at by with de van voor het en der des du la le et op tegen & y"""
)
#: Capitalised words that start sentences but never names ("Het Global ...", "Zo is ...").
LEADING_NOISE = word_set(
    """De Het Een The A An Dit Deze Die Dat Zo Ook Via Naast Met Voor Door Bij Om Op Uit Aan Als Zoals Onder Tot Na
    Sinds Tijdens Binnen Vanuit Namens Daarnaast Tevens Bovendien Hierbij Hiermee Hierdoor Daardoor Daarmee
    Volgens Daarom Hiervoor Ondanks Conform Mede Waar Wanneer Indien Nu Toen Ik Wij We Zij Hij U Uw Ons Onze
    Nederland En Maar Of Want In Eind Begin Medio Verder Voorts Tenslotte Ten Slotte Dankzij Zie Vgl Bron
    Kamerstuk Kamerbrief Brief Rapport Motie Amendement Minister Staatssecretaris Inzet Steun Financiering"""
)

#: Head words that make a capitalised run a named programme: word -> subtype.
PROGRAMME_HEADS: dict[str, str] = {
    **dict.fromkeys(["Fund", "Fonds", "Trustfund", "Trust-Fund", "Facility", "Faciliteit"], "fund"),
    **dict.fromkeys(["Partnership", "Partnerschap", "Alliance", "Alliantie", "Coalition", "Coalitie"], "partnership"),
    **dict.fromkeys(["Programme", "Program", "Programma", "Project"], "programme"),
    **dict.fromkeys(["Initiative", "Initiatief", "Platform", "Forum", "Compact"], "initiative"),
}
#: Head words that make a capitalised run a named organisation: word -> subtype.
ORGANISATION_HEADS: dict[str, str] = {
    **dict.fromkeys(
        [
            "Mission",
            "Missie",
            "Organisation",
            "Organization",
            "Organisatie",
            "Authority",
            "Office",
            "Union",
            "Unie",
            "Bank",
            "Court",
            "Hof",
            "Strafhof",
            "Tribunal",
            "Tribunaal",
            "Council",
            "Committee",
            "Comité",
            "Commission",
            "Network",
            "Netwerk",
            "Centre",
            "Center",
            "Centrum",
            "Liga",
            "League",
        ],
        "international",
    ),
    **dict.fromkeys(["Agency", "Agentschap", "Service", "Dienst", "Institute", "Instituut", "Politie"], "agency"),
    **dict.fromkeys(["Forces", "Army", "Front", "Brigade", "Militia"], "armed"),
    **dict.fromkeys(
        [
            "Foundation",
            "Stichting",
            "Fondation",
            "Trust",
            "Federation",
            "Federatie",
            "Association",
            "Vereniging",
            "Society",
            "Movement",
            "Beweging",
            "Radio",
        ],
        "ngo",
    ),
}
#: Heads that name a body only as the first word ("Radio Dabanga", "Stichting Vluchteling", "Dienst X").
FIRST_ONLY_HEADS = frozenset({"Radio", "Stichting", "Fondation", "Dienst", "Bureau"})
#: Dutch compounds ending in a programme head are heads too ("Trustfund", "Subsidieprogramma").
_COMPOUND_HEAD = re.compile(r"^[A-ZÀ-Ý][a-zà-ÿ]{2,}(fonds|fund|programma|partnerschap|faciliteit|initiatief)$")


@dataclass(frozen=True)
class Token:
    """A word of the flat view: view offsets, text without a glued footnote number, and whether it ends a run."""

    start: int
    end: int
    text: str
    footnote: bool = False

    @property
    def capitalised(self) -> bool:
        return any(part[:1].isupper() for part in self.text.split("-")) and self.text[:1].isalpha()

    @property
    def connector(self) -> bool:
        return self.text in CONNECTORS


def tokens(text: str) -> list[Token]:
    found: list[Token] = []
    for match in TOKEN.finditer(text):
        word = match.group()
        tail = _FOOTNOTE_TAIL.search(word)
        if tail:
            found.append(Token(match.start(), match.start() + tail.start(), word[: tail.start()], True))
        else:
            found.append(Token(match.start(), match.end(), word))
    return found


def head_of(words: Sequence[str]) -> tuple[str, str] | None:
    """(category, subtype) from the last head word of a name, or None when it has none. A head counts where a
    name's core ends (last word, or before 'for'/'van' ...: 'Challenge Fund for Youth Employment') or as the first
    word ('Fonds Bijzondere Noden', 'Radio Dabanga'); 'Minimal Initial Service Package' has no head."""
    for i in range(len(words) - 1, -1, -1):
        word = words[i]
        if word in FIRST_ONLY_HEADS and i > 0:
            continue
        if 0 < i < len(words) - 1 and words[i + 1] not in CONNECTORS:
            continue
        if word in PROGRAMME_HEADS:
            return "programme", PROGRAMME_HEADS[word]
        if word in ORGANISATION_HEADS:
            return "organisation", ORGANISATION_HEADS[word]
        compound = _COMPOUND_HEAD.match(word)
        if compound:
            suffix = compound.group(1)
            subtype = {
                "fonds": "fund",
                "fund": "fund",
                "faciliteit": "fund",
                "partnerschap": "partnership",
                "programma": "programme",
                "initiatief": "initiative",
            }[suffix]
            return "programme", subtype
    return None


def is_acronym(word: str) -> bool:
    """'GCFF', 'DT&V', 'NAP1325-IV', 'ERR’s': at least two capitals and no lower-case letter but a plural 's'."""
    core = re.sub(r"[’']s$", "", word)
    return len(re.findall(r"[A-Z]", core)) >= 2 and not re.search(r"[a-z]", core)


def _letters(word: str) -> str:
    """The letters a word can give an acronym: its initial and every capital after it ('Fact-Finding' -> 'FF');
    a lower-case prefix gives none ('anti-Trafficking' -> 'T')."""
    parts = [p for p in word.split("-") if p]
    if len(parts) > 1 and any(p[0].isupper() for p in parts):
        parts = parts[next(i for i, p in enumerate(parts) if p[0].isupper()) :]
    return "".join(p[0].upper() + "".join(c for c in p[1:] if c.isupper()) for p in parts)


#: At least this share of a name's content words must give the acronym a letter.
MIN_ACRONYM_COVER = 1 / 3


def acronym_fits(acronym: str, words: Sequence[str]) -> bool:
    """Whether the acronym's letters can be read, in order, from the words' initials and inner capitals ('COMPASS'
    from 'Cooperation on Migration and Partnerships to Achieve Sustainable Solutions', 'FFM' from 'Independent
    International Fact-Finding Mission for the Sudan', 'IPC' from 'Integrated Food Security Phase Classification');
    a word gives its initial first, and at least a third of the content words give a letter."""
    target = re.sub(r"[^A-Z]", "", re.sub(r"[’']s$", "", acronym).upper())
    if len(target) < 2:
        return False
    options = [_letters(w) for w in words]
    content = sum(1 for w in words if w not in CONNECTORS)

    @cache
    def best(i: int, j: int) -> int:
        """Most content words that can give letters while reading target[i:] from words[j:]; -1 if impossible."""
        if i == len(target):
            return 0
        if j == len(options):
            return -1
        result = best(i, j + 1)  # this word gives nothing
        letters = options[j]
        if letters and letters[0] == target[i]:
            gain = 0 if words[j] in CONNECTORS else 1
            k = i + 1
            for extra in ("", *letters[1:]):
                if extra:
                    if k < len(target) and extra == target[k]:
                        k += 1
                    else:
                        continue
                rest = best(k, j + 1)
                if rest >= 0:
                    result = max(result, rest + gain)
        return result

    covered = best(0, 0)
    return covered > 0 and covered >= MIN_ACRONYM_COVER * content


@dataclass(frozen=True)
class Run:
    """Consecutive capitalised words (with connectors between them) inside one sentence."""

    words: tuple[Token, ...]

    @property
    def start(self) -> int:
        return self.words[0].start

    @property
    def end(self) -> int:
        return self.words[-1].end

    @property
    def texts(self) -> tuple[str, ...]:
        return tuple(w.text for w in self.words)

    def text(self, source: str) -> str:
        return source[self.start : self.end]


def is_head(word: str) -> bool:
    return word in PROGRAMME_HEADS or word in ORGANISATION_HEADS or bool(_COMPOUND_HEAD.match(word))


def runs(
    text: str, words: Sequence[Token], breaks: Set[int], soft_breaks: Set[int], starters: Container[str]
) -> Iterator[Run]:
    """Maximal runs of capitalised words separated by single spaces; connectors only between capitalised words.
    A run never crosses a sentence start in `breaks` nor a glued footnote number. At a line start that may begin a
    new sentence after a heading (`soft_breaks`) it stops only when the run already ends in a head word or the next
    word starts sentences (`starters`: 'Het', country names): "Global Concessional Financing Facility / Het ...",
    but "Amani Youth / Fund" is one name wrapped over two lines."""
    current: list[Token] = []

    def flush() -> Iterator[Run]:
        while current and current[-1].connector:
            current.pop()
        if current:
            yield Run(tuple(current))
        current.clear()

    for i, word in enumerate(words):
        joined = bool(current) and text[current[-1].end : word.start] == " " and word.start not in breaks
        if joined and word.start in soft_breaks and (is_head(current[-1].text) or word.text in starters):
            joined = False
        if current and (not joined or current[-1].footnote):
            yield from flush()
        following = words[i + 1].text if i + 1 < len(words) else ""
        if word.capitalised and not word.connector:
            current.append(word)
        elif word.connector and current and _connects(current[-1].text, word.text, following):
            # Keep a connector only when a capitalised word follows it ("Liga van Arabische Staten").
            nxt = next((w for w in words[i + 1 :] if not w.connector), None)
            if nxt is not None and nxt.capitalised:
                current.append(word)
            else:
                yield from flush()
        else:
            yield from flush()
    yield from flush()


#: Dutch articles stand inside a name only after a preposition ("Hof van de Arbitrage", not "X de Oegandese").
_ARTICLES = frozenset({"de", "het", "der"})
_PREPOSITIONS = frozenset({"van", "voor", "op", "tegen", "in", "aan", "uit", "bij", "over", "onder", "of", "for"})


def _connects(previous: str, connector: str, following: str) -> bool:
    """Whether a connector joins two parts of one name. A second name starts at 'en de' / 'and the', after a
    complete name ('... Fund en Dutch Relief Alliance') and before a head that opens a name ('... en Stichting X')."""
    if connector in _ARTICLES and previous not in _PREPOSITIONS:
        return False
    if connector in ("en", "and"):
        return following not in (*_ARTICLES, "the") and not is_head(previous) and following not in FIRST_ONLY_HEADS
    return True


def trim_leading(words: Sequence[Token]) -> tuple[Token, ...]:
    """Drop the sentence words and connectors a run can start with ('Het', 'Zo', 'Daarnaast')."""
    i = 0
    while i < len(words) - 1 and (words[i].text in LEADING_NOISE or words[i].connector):
        i += 1
    return tuple(words[i:])
