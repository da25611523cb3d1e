"""FastAPI dependencies as ``Annotated`` aliases (settings and store)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, HTTPException, Request

from query_api.settings import Settings
from query_api.store import Store, StoreUnavailable


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_store(request: Request) -> Store:
    store: Store | None = getattr(request.app.state, "store", None)
    if store is None:
        raise HTTPException(status_code=503, detail="la base de conocimiento no está construida (run `cabildo build`)")
    return store


SettingsDep = Annotated[Settings, Depends(get_settings)]
StoreDep = Annotated[Store, Depends(get_store)]
__all__ = ["SettingsDep", "StoreDep", "StoreUnavailable", "get_settings", "get_store"]
