"""Extraction of money amounts ("EUR 800 mln.", "39,9 miljoen euro", "USD 5 miljoen") with currency, period, funder
and recipient; counts of people, chart axes without a currency and ratios ("3–8 dollar") are not money."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from functools import cache

import pycountry

from loaders.document import Document
from loaders.extract import funding_context
from loaders.extract.textview import views
from loaders.mentions import Evidence, Mention, MoneyMention

# A number as Dutch letters write it: thousands with dots ("750.000"), decimals with a comma ("39,9"); an English
# decimal point with one or two digits ("5.5") is read as a decimal.
_NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?(?![.,]?\d)|\d+\.\d{1,2}(?![.,]?\d)|\d+(?:,\d+)?(?![.,]?\d)"
# Scale words: "mln.", "miljoen", "mld", "miljard", "mrd", "million", "bn", "duizend".
_SCALE = r"miljard|miljoen|duizend|mln\.?|mld\.?|mrd\.?|mio\.?|billion|million|thousand|bn"
# A number that is one end of a range ("3–8 dollar", "EUR 3-5 miljoen") is no single amount.
_NOT_RANGE_BEFORE = r"(?<![\d.,]\s[–-]\s)(?<![\d.,][–-])(?<![\d.,]\s[–-])(?<![\d.,][–-]\s)"
_NOT_RANGE_AFTER = r"(?!\s?[–-]\s?\d)"
# Currency first: "EUR 800 mln.", "USD 5 miljoen", "€ 2 mln", "EUR 750.000", "US$ 3 million".
_CURRENCY_FIRST = re.compile(
    rf"(?<![\w.,])(?P<cur>[A-Z]{{3}}|US\$|€|\$|£)\s?{_NOT_RANGE_BEFORE}(?P<num>{_NUMBER}){_NOT_RANGE_AFTER}"
    rf"(?:\s?(?P<scale>{_SCALE}))?(?![\w])"
)
# Currency last: "39,9 miljoen euro", "118 miljoen euro", "750.000 euro", "5 miljoen US-dollar", "15 mln EUR".
_CURRENCY_LAST = re.compile(
    rf"(?<![\w.,]){_NOT_RANGE_BEFORE}(?P<num>{_NUMBER}){_NOT_RANGE_AFTER}(?:\s?(?P<scale>{_SCALE}))?\s"
    r"(?P<cur>euro(?:[’']s)?|US-dollars?|Amerikaanse dollars?|dollars?|pond sterling|Britse pond|EUR|USD|GBP)(?![\w])"
)
# Amendments and budget tables give amounts in thousands: "verhoogd met 5.000 (x € 1.000)" is EUR 5 million.
_IN_THOUSANDS = re.compile(rf"(?<![\w.,])(?P<num>{_NUMBER})\s?\(\s?x\s?(?P<cur>€|EUR)\s?1\.000\s?\)")
# The unit itself ("Bedragen x € 1.000", "(x € 1.000)") is no amount.
_UNIT = re.compile(r"\bx\s?(?:€|EUR)\s?1\.000\b")
_SCALES = {
    "miljard": 9,
    "mld": 9,
    "mrd": 9,
    "billion": 9,
    "bn": 9,
    "miljoen": 6,
    "mln": 6,
    "mio": 6,
    "million": 6,
    "duizend": 3,
    "thousand": 3,
}
_CURRENCY_WORDS = {
    "€": "EUR",
    "euro": "EUR",
    "$": "USD",
    "us$": "USD",
    "dollar": "USD",
    "us-dollar": "USD",
    "amerikaanse dollar": "USD",
    "£": "GBP",
    "pond sterling": "GBP",
    "britse pond": "GBP",
}
#: Without a scale word, an amount after a currency word must be at least this much ("3 dollar" is a ratio or price).
MIN_BARE_AMOUNT = 1000


@cache
def iso_currencies() -> frozenset[str]:
    """ISO 4217 alphabetic codes (pycountry)."""
    return frozenset(c.alpha_3 for c in pycountry.currencies)


def currency(text: str) -> str | None:
    """ISO 4217 code of a currency as written: 'EUR', '€', 'euro's', 'US-dollars' -> 'EUR' / 'USD'; None if unknown."""
    if re.fullmatch(r"[A-Z]{3}", text):
        return text if text in iso_currencies() else None
    word = re.sub(r"[’']s$|s$", "", text.casefold()) if text not in ("€", "$", "£") else text
    return _CURRENCY_WORDS.get(word) or _CURRENCY_WORDS.get(text.casefold())


def number(text: str) -> Decimal:
    """'750.000' -> 750000, '39,9' -> 39.9, '7,4' -> 7.4, '5.5' -> 5.5."""
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", text):
        return Decimal(text.replace(".", "").replace(",", "."))
    return Decimal(text.replace(",", "."))


def amount(num: str, scale: str | None) -> Decimal:
    value = number(num)
    if scale:
        value = value.scaleb(_SCALES[scale.rstrip(".").casefold()])
    # Plain notation (no exponent): the graph stores it as an xsd:decimal.
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else Decimal(format(value, "f"))


def extract(doc: Document, found: Sequence[Mention]) -> list[Mention]:
    """One MoneyMention per amount with a currency; recipient, funder, country and period from its sentence."""
    view = views(doc.text).flat
    units = [m.span() for m in _UNIT.finditer(view.text)]
    spans: list[tuple[int, int, Decimal, str, str]] = []
    for match in _IN_THOUSANDS.finditer(view.text):
        start, end = view.span(*match.span())
        spans.append((start, end, amount(match.group("num"), "duizend"), "EUR", "money.in-thousands"))
    for pattern, rule in ((_CURRENCY_FIRST, "money.currency-first"), (_CURRENCY_LAST, "money.currency-last")):
        for match in pattern.finditer(view.text):
            code = currency(match.group("cur"))
            if code is None or any(a <= match.start() < b for a, b in units):
                continue
            value = amount(match.group("num"), match.group("scale"))
            if not match.group("scale") and value < MIN_BARE_AMOUNT:
                continue
            start, end = view.span(*match.span())
            if any(s < end and start < e for s, e, *_ in spans):
                continue
            spans.append((start, end, value, code, rule))
    mentions: list[Mention] = []
    for start, end, value, code, rule in sorted(spans):
        context = funding_context.read(doc, start, end, found, [(s, e) for s, e, *_ in spans])
        mentions.append(
            MoneyMention(
                Evidence(start, end, rule),
                amount=value,
                currency=code,
                amount_text=re.sub(r"\s+", " ", doc.text[start:end]),
                period=context.period,
                start_year=context.start_year,
                end_year=context.end_year,
                recipient=context.recipient,
                funder=context.funder,
                country=context.country,
            )
        )
    return mentions
