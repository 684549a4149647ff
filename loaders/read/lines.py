"""Line-level repairs for laid-out text (PDF): page furniture, and words hyphenated at line ends."""

from __future__ import annotations

import re

# Page furniture, a whole line each: "| 7 |" (Rijksoverheid letters), "Pagina 1 van 2" / "pagina 3/12" / "Page 1 of 2",
# "- 7 -", and a bare page number.
_FURNITURE = re.compile(
    r"^\s*(?:\|\s*\d{1,4}\s*\||(?:[Pp]agina|[Pp]age|[Bb]lz\.?)\s*\d{1,4}(?:\s*(?:van|of|/)\s*\d{1,4})?"
    r"|[-–]\s*\d{1,4}\s*[-–]|\d{1,4})\s*$"
    # The running head of official publications, "Tweede Kamer, vergaderjaar 2025–2026, 29 237, nr. 238 2", and
    # their first-page foot "kst-29237-238 ISSN 0921 - 7371 's-Gravenhage 2025".
    r"|^\s*(?:Tweede|Eerste) Kamer, vergaderjaar \d{4}\s*[-–]\s*\d{4}, .{3,80}\s\d{1,4}\s*$"
    r"|^\s*kst-[\w-]+\s+ISSN\b.*$"
)
# Vowels (with diacritics): a hyphen between two of them is a spelling hyphen ("zee-egel", "auto-ongeluk").
_VOWELS = set("aeiouyáéíóúàèìòùäëïöüâêîôû")
# Words after which a line-end hyphen is an elliptic compound ("asiel- en migratiebeleid", "land- of tuinbouw").
_ELLIPSIS_WORDS = {"en", "of", "tot", "noch", "en/of", "als", "dan", "and", "or"}
# The last token of a line and the first of the next, around a line-end hyphen.
_LAST_TOKEN = re.compile(r"(\S+)-$")
_FIRST_TOKEN = re.compile(r"^(\S+)")


def is_furniture(line: str) -> bool:
    """A line that is only a page number or 'Pagina N van M'."""
    return bool(_FURNITURE.match(line))


def page_pattern(line: str) -> str:
    """A line with its numbers masked, to recognise running headers and footers repeated on every page."""
    return re.sub(r"\d+", "#", re.sub(r"\s+", " ", line).strip().lower())


def join_lines(left: str, right: str) -> str:
    """Join a line wrapped by the layout with the next one, rejoining a hyphenated word only when that is safe.

    The hyphen is dropped only between two lower-case letters that are not both vowels, in a word with no other
    hyphen ("migratie-" + "samenwerking"); it is kept before a capital or digit ("Noord-" + "Afrika", "EU-" +
    "landen"), in compounds that carry hyphens anyway ("staakt-het-" + "vuren", "do-" + "no-harm") and between vowels
    ("zee-" + "egel"); before "en"/"of" ("asiel-" + "en migratie") and after a spaced dash the space stays.
    """
    left = left.rstrip()
    right = right.lstrip()
    if not left:
        return right
    if not right:
        return left
    last = _LAST_TOKEN.search(left)
    if last is None or left.endswith((" -", " –")):
        return f"{left} {right}"
    token = last.group(1)
    first_match = _FIRST_TOKEN.match(right)
    first = first_match.group(1) if first_match else ""
    if first.rstrip(",.;:") in _ELLIPSIS_WORDS:
        return f"{left} {right}"  # "asiel-" + "en migratiebeleid": the elliptic compound keeps hyphen and space
    before, after = token[-1], first[:1]
    if not before.isalpha() or not after.isalpha():
        return left + right  # "COVID-19-" + "crisis", "2024-" + "2026": keep the hyphen, no space
    if before.isupper() or after.isupper():
        return left + right  # "EU-" + "landen", "Noord-" + "Afrika"
    if "-" in token or "-" in first.rstrip("-.,;:"):
        return left + right  # "staakt-het-" + "vuren", "do-" + "no-harm"
    if before.lower() in _VOWELS and after.lower() in _VOWELS:
        return left + right  # "zee-" + "egel": a spelling hyphen
    return left[:-1] + right
