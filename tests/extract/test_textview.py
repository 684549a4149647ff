"""The text views' shortcuts give what the plain definitions give: a lone space is left as it is, and view positions
of original offsets are found by bisection."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from loaders.extract import textview
from loaders.extract.textview import TextView, views

LETTERS = sorted((Path(__file__).resolve().parents[2] / "data" / "letters").glob("*.txt"))
TRICKY = "Een  tekst\tmet\r\n regels -\nen af-\n  gebroken woor-\nden, [footnoteRef:3] Midden-\nOosten \n\n einde "


def _texts() -> list[str]:
    return [TRICKY, " ", "\n", "a b", *(path.read_text(encoding="utf-8") for path in LETTERS)]


def _plain_rules(rules: list[tuple[re.Pattern[str], str]]) -> list[tuple[re.Pattern[str], str]]:
    """The same rules with whitespace collapsed by the plain definition, every run of `\\s+` -> one space."""
    plain = re.compile(r"\s+")
    return [(plain if pattern is textview._WHITESPACE else pattern, replacement) for pattern, replacement in rules]


@pytest.mark.parametrize("view", ["flat", "joined"])
def test_views_equal_those_made_with_every_whitespace_run_rewritten(view: str) -> None:
    """Skipping lone spaces changes neither a view's text nor its offsets (the fixture letters and edge cases)."""
    rules = {
        "flat": [(textview._MARKERS, " "), (textview._HYPHEN_AT_LINE_END, "-"), (textview._WHITESPACE, " ")],
        "joined": [
            (textview._MARKERS, " "),
            (textview._LINE_BREAK_HYPHEN, ""),
            (textview._INLINE_HYPHEN, ""),
            (textview._HYPHEN_AT_LINE_END, "-"),
            (textview._WHITESPACE, " "),
        ],
    }[view]
    for text in _texts():
        made: TextView = getattr(views(text), view)
        assert made == textview._rewrite(text, rules)  # what the views use
        assert made == textview._rewrite(text, _plain_rules(rules)), text[:60]


def test_positions_are_every_index_whose_offset_is_given() -> None:
    """positions() (bisection) equals a pass over every character, for sentence starts and arbitrary offsets."""
    for text in _texts():
        for view in (views(text).flat, views(text).joined):
            wanted = set(range(0, len(text) + 2, 7)) | {0, len(text) - 1, len(text)}
            expected = {i for i, offset in enumerate(view.offsets) if offset in wanted}
            assert view.positions(wanted) == expected
    assert views(TRICKY).flat.positions(set()) == set()
