"""What extraction finds: mentions of facts, each with the character span it was read from and the id of its rule.

Extraction records what the text says; resolution (loaders/resolve.py) decides which entity that is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Literal

DocumentKind = Literal["letter", "motion", "amendment", "answer", "report", "document"]
EntityCategory = Literal["programme", "organisation"]


@dataclass(frozen=True)
class Evidence:
    """Where a mention was read: the span [start, end) of the matched text and the rule that matched it."""

    start: int
    end: int
    rule: str


@dataclass(frozen=True)
class Mention:
    evidence: Evidence


@dataclass(frozen=True)
class HeaderMention(Mention):
    """The document's kind and, when the header gives them, its own Kamerstuk id and title."""

    kind: DocumentKind
    own_id: str | None = None  # 'kst-31234-412'
    title: str | None = None


@dataclass(frozen=True)
class DateMention(Mention):
    """The document's own date (letter date, date proposed, date answers were received)."""

    value: date


@dataclass(frozen=True)
class SignatureMention(Mention):
    """One person signing in one office, both as written ('D.M. van Weel', 'minister van Buitenlandse Zaken')."""

    name: str
    office: str


@dataclass(frozen=True)
class CitationMention(Mention):
    """A Kamerstuk the document cites; kind and submitters when the text says it is a motion or amendment."""

    kst: str  # 'kst-29237-247'
    kind: Literal["motion", "amendment"] | None = None
    submitters: tuple[str, ...] = ()  # surnames as written: ('Van Baarle', 'Dobbe')
    #: Spellings this passage used that differ from the submitter's name: (name in submitters, as written here).
    variants: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class GarbledReferenceMention(Mention):
    """A citation that cannot be read as a valid Kamerstuk id ('Kamerstuk 2150102, nr. EW'); kept, never guessed."""

    text: str


@dataclass(frozen=True)
class CommitmentMention(Mention):
    """A toezegging, with its register number (TZ...) when given."""

    register_id: str | None
    text: str
    made_to: str | None = None  # 'uw Kamer', 'het lid Bamenga'
    made_by: str | None = None  # 'ik', 'wij', 'het kabinet', 'de minister voor BHO' (None: the text does not say)


@dataclass(frozen=True)
class EntityMention(Mention):
    """A named programme/fund/partnership or organisation: canonical name, aliases (acronym, other language)."""

    name: str
    category: EntityCategory
    aliases: tuple[str, ...] = ()
    subtype: str | None = None  # fund, partnership, international, ngo, ministry, agency, armed, party


@dataclass(frozen=True)
class CountryMention(Mention):
    iso2: str
    surface: str  # 'Soedanese'


@dataclass(frozen=True)
class RegionMention(Mention):
    name: str  # 'Darfoer'
    countries: tuple[str, ...] = ()  # ISO codes where unambiguous: ('SD',)


@dataclass(frozen=True)
class MoneyMention(Mention):
    """An amount of money with currency and, where the sentence says so, period, funder, recipient and country."""

    amount: Decimal
    currency: str  # ISO 4217
    amount_text: str
    period: str | None = None
    start_year: int | None = None
    end_year: int | None = None
    recipient: str | None = None  # name of the programme or organisation as an EntityMention names it
    funder: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-2


@dataclass(frozen=True)
class DebateMention(Mention):
    kind: str  # 'commissiedebat', 'plenair debat', ...
    subject: str | None = None
    day: date | None = None


@dataclass(frozen=True)
class ClauseMention(Mention):
    """A clause of a motion or amendment, as written: a consideration ('constaterende dat ...', an amendment's
    toelichting) or an operative clause ('verzoekt de regering ...', the change an amendment proposes)."""

    kind: Literal["consideration", "operative"]
    text: str


@dataclass(frozen=True)
class AskerMention(Mention):
    """A member of parliament who asked the written questions a document answers, with the party as written."""

    name: str  # 'Bakker', 'Van der Lee'
    party: str | None = None  # 'XYZ', 'GroenLinks-PvdA'


@dataclass(frozen=True)
class DocumentEventMention(Mention):
    """A dated step in a document's life other than its own date: questions sent in, answers received."""

    event: Literal["submitted", "received"]
    value: date


@dataclass(frozen=True)
class QuestionAnswerMention(Mention):
    """One numbered question and its answer (evidence: the question; answer_evidence: the answer)."""

    number: int
    question: str
    answer: str | None = None
    answer_evidence: Evidence | None = None
