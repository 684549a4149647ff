"""Named dependencies the routes ask for (the store, the settings, a page of results); tests override them.

They are `async def` because they never block: FastAPI runs a plain `def` dependency in its thread pool, a hop to
another thread and back for each one on every request (~1-2 ms of a small lookup's time)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, TypeVar

from fastapi import Depends, Query, Request

from api.errors import InvalidParameter
from api.settings import Settings
from store.base import Store, StoreError

T = TypeVar("T")


async def get_settings(request: Request) -> Settings:
    """The settings the app was created with."""
    settings: Settings = request.app.state.settings
    return settings


async def get_store(request: Request) -> Store:
    """The store the app opened once at start-up (or was given by create_app)."""
    store: Store | None = getattr(request.app.state, "store", None)
    if store is None:
        raise StoreError("the store is not open: the app has not started or has already shut down")
    return store


StoreDep = Annotated[Store, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(get_settings)]


@dataclass(frozen=True)
class Paging:
    """Which slice of a list to return: `limit` items from position `offset`."""

    limit: int
    offset: int

    def slice(self, items: list[T]) -> list[T]:
        return items[self.offset : self.offset + self.limit]


async def get_paging(
    settings: SettingsDep,
    limit: Annotated[
        int | None,
        Query(description="Number of items to return (default 50, at most 1000; both configurable).", examples=[50]),
    ] = None,
    offset: Annotated[int, Query(description="Number of items to skip, for paging (>= 0).")] = 0,
) -> Paging:
    if limit is None:
        limit = settings.default_limit
    if not 1 <= limit <= settings.max_limit:
        raise InvalidParameter(f"limit must be between 1 and {settings.max_limit}, not {limit}")
    if offset < 0:
        raise InvalidParameter(f"offset must be 0 or more, not {offset}")
    return Paging(limit=limit, offset=offset)


PagingDep = Annotated[Paging, Depends(get_paging)]
