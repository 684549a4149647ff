"""Fixtures of the crash tests: one seeded batch of synthetic letters, prepared once per session."""

from __future__ import annotations

import pytest

from tests.crash.batch import Batch, make_batch


@pytest.fixture(scope="session")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Batch:
    return make_batch(tmp_path_factory.mktemp("letters"))
