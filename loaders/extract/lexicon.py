"""A set of surface forms compiled into one trie regex: longest match first, whole words only, never inside URLs."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from loaders.extract.textview import TextView, TextViews

# Web addresses: names inside them ("www.unhcr.org/sudan") are not mentions.
URL = re.compile(r"(?:https?://|www\.)\S+|\b[\w.-]+\.(?:org|int|nl|eu|com|gov)(?:/\S*)?\b")
# Word boundaries: a match must not start or end inside a word; digits may touch it ("El Fasher1", footnote
# numbers glued to words), and so may hyphens ("Soedan-resolutie", "VS-gezant").
_BEFORE = r"(?<![^\W\d_])"
_AFTER = r"(?![^\W\d_])"


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
        urls = [m.span() for m in URL.finditer(view.text)]
        for match in self._pattern.finditer(view.text):
            if not match.group() or any(a <= match.start() < b for a, b in urls):
                continue
            start, end = view.span(match.start(), match.end())
            yield Hit(start, end, match.group())

    def find(self, texts: TextViews) -> list[Hit]:
        """Matches in the flat and the de-hyphenated view; of overlapping matches the longest wins."""
        hits = list(self._find(texts.flat)) + list(self._find(texts.joined))
        hits.sort(key=lambda h: (-(h.end - h.start), h.start))
        kept: list[Hit] = []
        for hit in hits:
            if all(hit.end <= k.start or hit.start >= k.end for k in kept):
                kept.append(hit)
        kept.sort(key=lambda h: h.start)
        return kept
