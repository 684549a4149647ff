"""Where the store lives: --store DIR, else $KAMERGRAPH_STORE, else the user's data folder; and opening it."""

from __future__ import annotations

import os
from pathlib import Path

from store.embedded import EmbeddedStore

STORE_ENV = "KAMERGRAPH_STORE"


def default_store_path() -> Path:
    """$KAMERGRAPH_STORE, else $XDG_DATA_HOME/kamergraph/store (~/.local/share/kamergraph/store)."""
    if os.environ.get(STORE_ENV):
        return Path(os.environ[STORE_ENV])
    data_home = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return data_home / "kamergraph" / "store"


def open_store(path: Path | None = None, *, read_only: bool = False) -> EmbeddedStore:
    """Open the embedded store at `path` (default_store_path() when None), creating it when needed."""
    return EmbeddedStore(path or default_store_path(), read_only=read_only)
