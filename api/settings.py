"""API settings, read from the environment: where the store is and how many results a list may return."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from store.config import STORE_ENV, default_store_path

DEFAULT_LIMIT_ENV = "KAMERGRAPH_API_DEFAULT_LIMIT"
MAX_LIMIT_ENV = "KAMERGRAPH_API_MAX_LIMIT"

#: Items a list returns when the request gives no limit, and the largest limit a request may ask for.
DEFAULT_LIMIT = 50
MAX_LIMIT = 1000


class SettingsError(ValueError):
    """An environment variable holds a value the API cannot use; the message names the variable."""


def _positive_int(environ: Mapping[str, str], name: str, default: int) -> int:
    text = environ.get(name, "").strip()
    if not text:
        return default
    try:
        value = int(text)
    except ValueError:
        raise SettingsError(f"{name} must be a positive whole number, not {text!r}") from None
    if value < 1:
        raise SettingsError(f"{name} must be a positive whole number, not {text!r}")
    return value


@dataclass(frozen=True)
class Settings:
    """What the API needs to know; every field not given is read from the environment.

    KAMERGRAPH_STORE              the store folder (default ~/.local/share/kamergraph/store, see store/config.py);
                                  unused when KAMERGRAPH_SPARQL_URL names a SPARQL server to serve instead
    KAMERGRAPH_API_DEFAULT_LIMIT  items per page when a request gives no ?limit= (default 50)
    KAMERGRAPH_API_MAX_LIMIT      the largest ?limit= a request may ask for (default 1000)
    """

    store_path: Path = field(default_factory=default_store_path)
    default_limit: int = field(default_factory=lambda: _positive_int(os.environ, DEFAULT_LIMIT_ENV, DEFAULT_LIMIT))
    max_limit: int = field(default_factory=lambda: _positive_int(os.environ, MAX_LIMIT_ENV, MAX_LIMIT))

    def __post_init__(self) -> None:
        if self.default_limit < 1 or self.max_limit < 1:
            raise SettingsError("the default and maximum limits must be positive")
        if self.default_limit > self.max_limit:
            raise SettingsError(
                f"the default limit ({self.default_limit}, {DEFAULT_LIMIT_ENV}) is above the maximum limit "
                f"({self.max_limit}, {MAX_LIMIT_ENV})"
            )

    @classmethod
    def from_environment(cls, environ: Mapping[str, str]) -> Settings:
        """Settings from an explicit environment mapping (tests), with the same defaults as Settings()."""
        store = environ.get(STORE_ENV)
        return cls(
            store_path=Path(store) if store else default_store_path(),
            default_limit=_positive_int(environ, DEFAULT_LIMIT_ENV, DEFAULT_LIMIT),
            max_limit=_positive_int(environ, MAX_LIMIT_ENV, MAX_LIMIT),
        )
