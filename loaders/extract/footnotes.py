"""Footnotes in every text layout: the markers in the running text and the bodies they point to, with exact spans."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache

# Word export: an inline marker "[footnoteRef:6]".
_WORD_MARKER = re.compile(r"\[footnoteRef:\s*(\d{1,3})\]")
# Word export: the start of a footnote body "[6:  Kamerstuk 29 237, nr. 247]" (the body runs to the matching "]").
_WORD_BODY = re.compile(r"\[(\d{1,3}):[ \t]*")

# PDF / web text: a footnote line at a page bottom, "15 Kamerstuk 27925 nr. 906" or glued "1Zie voor ...".
_PLAIN_BODY = re.compile(r"^[ \t]*([1-9]\d{0,2})(?:[ \t]+(?=\S)|(?=[A-ZÀ-Ý“‘\"']))", re.MULTILINE)
# ... that is not a chart axis or an amount ("20 mln", "40 %").
_NOT_A_BODY = re.compile(r"(?:mln|mld|mrd|miljoen|miljard|%|procent|euro|EUR|USD|x)\b\s*$|\d", re.IGNORECASE)
# PDF / web text: a footnote number glued to the word or punctuation before it: "El Fasher1", "motie15 Piri",
# "1946.1 In", "Afghanistan”16".
_PLAIN_MARKER = re.compile(r"(?<=[^\W\d_]|[.,;:!?)\]”’\"'])([1-9]\d{0,2})(?=[\s.,;:!?)\]”’\"'(\[]|$)")
# ... but not a number that belongs to what precedes it: "nr.11", "art.5", or a decimal "5,5" / "3.5" (a year
# before the full stop, "in 2024.2", is a sentence end followed by a marker).
_NUMBER_PREFIX = re.compile(r"(?:\b(?:nr|nrs|art|p|pp|pag|blz|lid|no)\.|\d[,]|(?<!\d{4})(?<=\d)\.)$", re.IGNORECASE)
# A line that starts like a note or a numbered heading: a number, then a capital.
_NUMBERED_LINE = re.compile(r"[ \t]*[1-9]\d{0,2}[ \t]*[A-ZÀ-Ý]")
# A heading, not a note: a few words without punctuation or digits ("2 Beleidsinzet", "1 Migratie context").
_HEADING = re.compile(r"[ \t]*(?:[^\W\d_]+[ \t]*){1,4}")
# Superscript digits, as some converters keep footnote numbers: "El Fasher¹", "¹ Kamerstuk 29 237, nr. 236".
SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_SUPERSCRIPT_MARKER = re.compile(r"(?<=\S)(?<![⁰¹²³⁴⁵⁶⁷⁸⁹])([¹²³⁴⁵⁶⁷⁸⁹][⁰¹²³⁴⁵⁶⁷⁸⁹]{0,2})")
_SUPERSCRIPT_BODY = re.compile(r"^[ \t]*([¹²³⁴⁵⁶⁷⁸⁹][⁰¹²³⁴⁵⁶⁷⁸⁹]{0,2})[ \t]*(?=\S)", re.MULTILINE)
# Running text resumed after a footnote block: PDF converters indent the first line of a new page or column.
_RESUMED_TEXT = re.compile(r"[ \t]+\S")

#: A footnote body is at most this many lines (longer runs are running text, not a note).
MAX_BODY_LINES = 10
#: Footnote numbers may skip at most this many in a row (a note lost in conversion) and still be one sequence.
MAX_NUMBER_GAP = 3


@dataclass(frozen=True)
class Footnote:
    """A footnote body: its number, the span [start, end) of its text in the document, and that text collapsed."""

    number: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Marker:
    """A footnote marker in the running text: its number and the span of the marker itself."""

    number: int
    start: int
    end: int


@dataclass(frozen=True)
class Footnotes:
    """All footnotes of a text: bodies by number, markers in text order."""

    bodies: dict[int, Footnote] = field(default_factory=dict)
    markers: tuple[Marker, ...] = ()

    def body_at(self, offset: int) -> Footnote | None:
        """The footnote body that contains `offset`, if any."""
        return next((f for f in self.bodies.values() if f.start <= offset < f.end), None)

    def marker_at(self, offset: int) -> Marker | None:
        """The marker that starts at `offset` or at most two characters (spaces) after it, if any."""
        i = bisect.bisect_left([m.start for m in self.markers], offset)
        if i < len(self.markers) and self.markers[i].start - offset <= 2:
            return self.markers[i]
        return None


def _collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _word_export(text: str) -> Footnotes:
    bodies: dict[int, Footnote] = {}
    for match in _WORD_BODY.finditer(text):
        depth, i = 1, match.end()
        while i < len(text) and depth:
            depth += {"[": 1, "]": -1}.get(text[i], 0)
            i += 1
        start, end = _trimmed(text, match.end(), i - 1 if depth == 0 else i)
        number = int(match.group(1))
        bodies.setdefault(number, Footnote(number, start, end, _collapse(text[start:end])))
    markers = tuple(Marker(int(m.group(1)), m.start(), m.end()) for m in _WORD_MARKER.finditer(text))
    return Footnotes(bodies, markers)


def _plain_markers(text: str) -> dict[int, list[int]]:
    """Candidate glued markers by number -> their start offsets."""
    found: dict[int, list[int]] = {}
    for match in _PLAIN_MARKER.finditer(text):
        if _NUMBER_PREFIX.search(text[max(0, match.start() - 5):match.start()]):
            continue
        found.setdefault(int(match.group(1)), []).append(match.start())
    return found


def _body_sequence(candidates: list[tuple[int, int]], supported: set[int]) -> list[tuple[int, int]]:
    """The best run of footnote lines numbered in order (1, 2, 3 ... with small gaps) among (offset, number)."""
    if not candidates:
        return []
    score: list[float] = []
    previous: list[int] = []
    for i, (_, number) in enumerate(candidates):
        weight = 1.0 + (1.0 if number in supported else 0.0)
        best, best_j = weight - (0.5 if number > 1 else 0.0), -1
        for j in range(i):
            gap = number - candidates[j][1]
            if 1 <= gap <= MAX_NUMBER_GAP:
                value = score[j] + weight - 0.5 * (gap - 1)
                if value >= best:
                    best, best_j = value, j
        score.append(best)
        previous.append(best_j)
    i = max(range(len(candidates)), key=score.__getitem__)
    chain: list[tuple[int, int]] = []
    while i >= 0:
        chain.append(candidates[i])
        i = previous[i]
    return chain[::-1]


def _plain_text(text: str) -> Footnotes:
    line_starts = [0] + [m.end() for m in re.finditer(r"\n", text)]
    marker_candidates = _plain_markers(text)
    candidates = []
    for match in _PLAIN_BODY.finditer(text):
        stop = text.find("\n", match.end())
        rest = text[match.end():len(text) if stop < 0 else stop]
        if _NOT_A_BODY.match(rest):
            continue
        if int(match.group(1)) not in marker_candidates and _HEADING.fullmatch(rest):
            continue  # a chapter heading, unless a marker with its number exists
        candidates.append((match.start(), int(match.group(1))))
    chain = _body_sequence(candidates, set(marker_candidates))
    chain_starts = {offset for offset, _ in chain}
    bodies: dict[int, Footnote] = {}
    for offset, number in chain:
        body_line = _PLAIN_BODY.match(text, offset)
        assert body_line is not None
        line = bisect.bisect_right(line_starts, offset) - 1
        indented = text[offset] in " \t"
        end = text.find("\n", offset)
        end = len(text) if end < 0 else end
        for following in range(line + 1, min(line + MAX_BODY_LINES, len(line_starts))):
            start = line_starts[following]
            stop = text.find("\n", start)
            line_text = text[start:len(text) if stop < 0 else stop]
            if not line_text.strip() or start in chain_starts or (_RESUMED_TEXT.match(line_text) and not indented):
                break
            if _NUMBERED_LINE.match(line_text):
                break  # another numbered line ("15 Kamerstuk ...", "2 Beleidsinzet"), not "24 november jl."
            end = start + len(line_text)
        body_start, body_end = _trimmed(text, body_line.end(), end)
        bodies.setdefault(number, Footnote(number, body_start, body_end, _collapse(text[body_start:body_end])))
    markers = []
    for number, body in bodies.items():
        options = [p for p in marker_candidates.get(number, [])
                   if not any(b.start <= p < b.end for b in bodies.values())]
        if options:
            start = min(options, key=lambda p: abs(p - body.start))
            markers.append(Marker(number, start, start + len(str(number))))
    return Footnotes(bodies, tuple(sorted(markers, key=lambda m: m.start)))


def _superscript(text: str) -> Footnotes:
    """Superscript numbers: unambiguous markers wherever glued, bodies at line starts."""
    bodies: dict[int, Footnote] = {}
    starts = list(_SUPERSCRIPT_BODY.finditer(text))
    for i, match in enumerate(starts):
        number = int(match.group(1).translate(SUPERSCRIPTS))
        limit = starts[i + 1].start() if i + 1 < len(starts) else len(text)
        blank = re.search(r"\n[ \t]*\n", text[match.end():limit])
        start, end = _trimmed(text, match.end(), match.end() + blank.start() if blank else limit)
        bodies.setdefault(number, Footnote(number, start, end, _collapse(text[start:end])))
    # A marker is glued to what precedes it; a body's number starts its line, so it is never taken for one.
    markers = tuple(
        Marker(int(m.group(1).translate(SUPERSCRIPTS)), m.start(), m.end()) for m in _SUPERSCRIPT_MARKER.finditer(text)
    )
    return Footnotes(bodies, markers)


@lru_cache(maxsize=16)
def find_footnotes(text: str) -> Footnotes:
    """Footnote bodies and markers: Word-export brackets when present, superscript numbers when the converter kept
    them, else numbered lines at page bottoms."""
    word = _word_export(text)
    if word.bodies:
        return word
    superscript = _superscript(text)
    if superscript.bodies:
        return superscript
    return _plain_text(text)
