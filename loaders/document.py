"""The Document every reader returns: decoded text, format metadata, and the sentence spans quotes point into."""

from __future__ import annotations

import bisect
import hashlib
import re
from dataclasses import dataclass, field
from functools import cached_property

# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = re.compile(
    r"(?:\b(?:nr|nrs|o\.a|c\.s|jl|mln|mld|mrd|t\.z\.t|t\.a\.v|t\.b\.v|e\.d|m\.b\.t|i\.v\.m|z\.g|blz|art|vgl|resp|ca|max|min|incl|excl|dhr|mevr|mr|dr|prof|drs|ir|ing|St|Kamerstuk)"
    r"|\b[A-Z](?:\.[A-Z])*)\.$",
    re.IGNORECASE,
)
_BOUNDARY = re.compile(
    r"(?<=[.!?])[\"”’)]?(?:\[footnoteRef:\d+\])?\s+(?=[\"“‘(\[]?[A-Z0-9À-Ý•])"  # full stop, then a capital
    r"|\n[ \t]*\n\s*"  # blank line
    r"|(?<=\])[ \t]*\n"  # end of a bracketed footnote
    r"|\n(?=[A-Z])"  # after a heading line (checked in Document.sentences)
)


@dataclass(frozen=True)
class Span:
    """A half-open character range [start, end) in a document's text."""

    start: int
    end: int


@dataclass
class Document:
    """One source document as text; every reader (text, PDF, HTML, XML) returns this."""

    name: str
    text: str
    format: str = "text"
    metadata: dict[str, str] = field(default_factory=dict)

    @cached_property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @cached_property
    def sentences(self) -> list[Span]:
        """Sentence spans: boundaries at sentence-final punctuation followed by a capital, and at blank lines."""
        spans: list[Span] = []
        start = 0
        for match in _BOUNDARY.finditer(self.text):
            end = match.start()
            if match.group() == "\n" and self.text[end - 1 : end] not in ".!?":
                line = self.text[self.text.rfind("\n", 0, end) + 1 : end].strip()
                if not line or len(line) > 40 or line[-1] in ".!?:;,-":
                    continue
            elif "\n\n" not in re.sub(r"[ \t]", "", match.group()) and _ABBREVIATIONS.search(
                self.text[max(0, end - 12) : end]
            ):
                continue
            if self.text[start:end].strip():
                spans.append(self._trim(start, end))
            start = match.end()
        if self.text[start:].strip():
            spans.append(self._trim(start, len(self.text)))
        return spans

    def _trim(self, start: int, end: int) -> Span:
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return Span(start, end)

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [span.start for span in self.sentences]

    def sentence_at(self, offset: int) -> Span:
        """The sentence that contains `offset` (or the nearest one before it)."""
        if not self.sentences:
            return Span(0, len(self.text))
        index = max(0, bisect.bisect_right(self._sentence_starts, offset) - 1)
        span = self.sentences[index]
        if offset >= span.end and index + 1 < len(self.sentences):
            return self.sentences[index + 1] if self.sentences[index + 1].start <= offset else span
        return span

    def passage(self, start: int, end: int) -> Span:
        """The sentences that cover [start, end): a match spanning a line-broken signature block quotes it whole."""
        first = self.sentence_at(start)
        last = self.sentence_at(max(start, end - 1))
        return Span(min(first.start, start), max(last.end, end))

    def quote(self, span: Span) -> str:
        """The text of a span with its line breaks and runs of spaces collapsed to single spaces."""
        return re.sub(r"\s+", " ", self.text[span.start : span.end]).strip()
