"""Extraction test fixtures: the invented fixture documents under tests/fixtures/extract/."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from loaders.document import Document

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "extract"


@pytest.fixture
def fixture_doc() -> Callable[[str], Document]:
    """Load a fixture document by file name."""

    def load(name: str) -> Document:
        return Document(name, (FIXTURES / name).read_text(encoding="utf-8"))

    return load
