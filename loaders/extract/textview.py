"""Normalised views of a document's text (line breaks, hyphenation undone) mapping each character to its offset."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache

# A word split over two lines with a hyphen: "Democra-\ntische", "ontheem-\n  ding" (PDF and official publications).
_LINE_BREAK_HYPHEN = re.compile(r"(?<=[a-zà-ÿ])-[ \t]*\r?\n\s*(?=[a-zà-ÿ])")
# A hyphen left inside a word after the line break was lost: "Democra-tische", "migratie-samenwerking".
_INLINE_HYPHEN = re.compile(r"(?<=[a-zà-ÿ])-(?=[a-zà-ÿ])")
# A hyphen at a line end keeps the hyphen but loses the break: "Midden-\nOosten" -> "Midden-Oosten",
# "PROSPECTS-\npartnerschap" -> "PROSPECTS-partnerschap" (the joined view also drops it between small letters).
_HYPHEN_AT_LINE_END = re.compile(r"(?<=\w)-[ \t]*\r?\n\s*(?=\w)")
# Word-export noise that sits between words: "[footnoteRef:6]", "[bookmark: _Hlk225341884]".
_MARKERS = re.compile(r"\[(?:footnoteRef:\d+|bookmark: [^\]]*)\]")
# Whitespace the flat and joined views collapse to one space: a run of two or more, or one that is not a space
# (a lone space already is what `\s+` -> " " would make of it, so it is left alone, which saves a match per word).
_WHITESPACE = re.compile(r"\s{2,}|[^\S ]")


@dataclass(frozen=True)
class TextView:
    """A rewritten copy of a text; `offsets[i]` is the offset in the original of character i of `text`."""

    text: str
    offsets: tuple[int, ...]
    source_length: int

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original [start, end) of the view's [start, end)."""
        first = self.offsets[start]
        last = self.offsets[end - 1] + 1 if end > start else first
        return first, last

    def positions(self, originals: Iterable[int]) -> set[int]:
        """Every i whose `offsets[i]` is one of the original offsets given (offsets never decrease: bisect each)."""
        offsets = self.offsets
        found: set[int] = set()
        for original in originals:
            i = bisect.bisect_left(offsets, original)
            while i < len(offsets) and offsets[i] == original:
                found.add(i)
                i += 1
        return found


def _rewrite(text: str, rules: list[tuple[re.Pattern[str], str]]) -> TextView:
    """Apply each (pattern, replacement) in turn; replacements are short constant strings mapped to the match start."""
    chars = text
    offsets = list(range(len(text)))
    for pattern, replacement in rules:
        out: list[str] = []
        out_offsets: list[int] = []
        pos = 0
        for match in pattern.finditer(chars):
            out.append(chars[pos : match.start()])
            out_offsets.extend(offsets[pos : match.start()])
            if replacement:
                anchor = offsets[match.start()] if match.start() < len(offsets) else len(text)
                out.append(replacement)
                out_offsets.extend([anchor] * len(replacement))
            pos = match.end()
        out.append(chars[pos:])
        out_offsets.extend(offsets[pos:])
        chars = "".join(out)
        offsets = out_offsets
    return TextView(chars, tuple(offsets), len(text))


@dataclass(frozen=True)
class TextViews:
    """The views extractors search: `flat` (one line, hyphens at line ends before capitals kept) and `joined`
    (words split by a hyphen re-joined)."""

    source: str

    @cached_property
    def flat(self) -> TextView:
        return _rewrite(
            self.source,
            [(_MARKERS, " "), (_HYPHEN_AT_LINE_END, "-"), (_WHITESPACE, " ")],
        )

    @cached_property
    def joined(self) -> TextView:
        return _rewrite(
            self.source,
            [
                (_MARKERS, " "),
                (_LINE_BREAK_HYPHEN, ""),
                (_INLINE_HYPHEN, ""),
                (_HYPHEN_AT_LINE_END, "-"),
                (_WHITESPACE, " "),
            ],
        )


@lru_cache(maxsize=4)
def views(text: str) -> TextViews:
    """The (cached) views of a text; several extractors search the same document."""
    return TextViews(text)
