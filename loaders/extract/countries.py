"""Extraction of countries (placeholder until the rules land)."""

from __future__ import annotations

from collections.abc import Sequence

from loaders.document import Document
from loaders.mentions import Mention


def extract(doc: Document, found: Sequence[Mention]) -> list[Mention]:
    return []
