"""A set of surface forms compiled into one trie regex: longest match first, whole words only, never inside URLs."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from loaders.extract.textview import TextView, TextViews

# Web addresses: names inside them ("www.unhcr.org/sudan") are not mentions.
URL = re.compile(r"(?:https?://|www\.)\S+|\b[\w.-]+\.(?:org|int|nl|eu|com|gov)(?:/\S*)?\b")
# Word boundaries: a match must not start or end inside a word; digits may touch it ("El Fasher1", footnote
# numbers glued to words), and so may hyphens ("Soedan-resolutie", "VS-gezant").
_BEFORE = r"(?<![^\W\d_])"
_AFTER = r"(?![^\W\d_])"


class Spans:
    """Sorted, non-overlapping [start, end) ranges with a fast membership test (web addresses in a text)."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        self._spans = sorted(spans)
        self._starts = [a for a, _ in self._spans]

    @staticmethod
    def urls(text: str) -> Spans:
        """The web addresses in a text (cached: several rules search the same views of a document)."""
        return _url_spans(text)

    def __contains__(self, pos: object) -> bool:
        if not isinstance(pos, int):
            return False
        i = bisect.bisect_right(self._starts, pos) - 1
        return i >= 0 and pos < self._spans[i][1]


@lru_cache(maxsize=8)
def _url_spans(text: str) -> Spans:
    return Spans(m.span() for m in URL.finditer(text))


def keep_longest(hits: Iterable[Hit]) -> list[Hit]:
    """Of overlapping hits the longest (then the first) is kept; the result is in text order."""
    kept_starts: list[int] = []
    kept: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (-(h.end - h.start), h.start)):
        i = bisect.bisect_left(kept_starts, hit.start)
        if i > 0 and kept[i - 1].end > hit.start:
            continue
        if i < len(kept) and kept[i].start < hit.end:
            continue
        kept_starts.insert(i, hit.start)
        kept.insert(i, hit)
    return kept


def _trie_pattern(words: Iterable[str]) -> str:
    """A regex matching any of `words`; at each branch point the longer continuation is tried first."""
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:  # type: ignore[type-arg]
        ends_here = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends_here:
            return "(?:" + body + ")?"
        return body

    return build(trie)


@dataclass(frozen=True)
class Hit:
    """A surface form found in the text: original [start, end) and the form as listed."""

    start: int
    end: int
    form: str


class Lexicon:
    """Finds listed surface forms (case-sensitive) in a document's views; overlapping finds keep the longest."""

    def __init__(self, forms: Iterable[str], suffix: str = "") -> None:
        unique = sorted({f for f in forms if f})
        self._forms = frozenset(unique)
        # `suffix` is an optional glued ending that may follow a form ("Balkanregio": suffix "regio").
        after = f"(?:{_AFTER}|(?={suffix}{_AFTER}))" if suffix else _AFTER
        self._pattern = re.compile(_BEFORE + "(?:" + _trie_pattern(unique) + ")" + after) if unique else None

    def __contains__(self, form: object) -> bool:
        return form in self._forms

    def _find(self, view: TextView) -> Iterator[Hit]:
        if self._pattern is None:
            return
        urls = Spans.urls(view.text)
        for match in self._pattern.finditer(view.text):
            if not match.group() or match.start() in urls:
                continue
            start, end = view.span(match.start(), match.end())
            yield Hit(start, end, match.group())

    def find(self, texts: TextViews) -> list[Hit]:
        """Matches in the flat and the de-hyphenated view; of overlapping matches the longest wins."""
        return keep_longest([*self._find(texts.flat), *self._find(texts.joined)])
