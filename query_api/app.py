"""The FastAPI application: question API, SPARQL endpoint, linked data."""

from __future__ import annotations

from contextlib import asynccontextmanager
from typing import AsyncIterator, Sequence

from fastapi import APIRouter, FastAPI
from fastapi.middleware.cors import CORSMiddleware

from query_api import audit, sources
from query_api.routes import articles, linked, organs, search, works
from query_api.sparql import router as sparql_router
from query_api.sparql import sparql_lifespan
from query_api.settings import Settings
from query_api.store import Store, StoreQueryError, StoreUnavailable, open_store
from query_api.web import pages


def warm_indexes(store: Store) -> None:
    """Build the duty and text indexes now, not on the first question (≈0.7 s at 1×, 6 s at 10×)."""
    try:
        organs.duty_index(store)
        search.corpus_index(store)
    except (StoreUnavailable, StoreQueryError):
        pass  # an empty or unreachable store: the routes answer 503 on their own


def create_app(settings: Settings | None = None, *, extra_routers: Sequence[APIRouter] = ()) -> FastAPI:
    """Build the app; the store is opened in the lifespan and closed after."""
    settings = settings or Settings.from_env()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        try:
            app.state.store = open_store(settings)
        except StoreUnavailable:
            app.state.store = None
        else:
            warm_indexes(app.state.store)
        async with sparql_lifespan(app, settings):
            yield
        if app.state.store is not None:
            app.state.store.close()

    app = FastAPI(
        title="Cabildo",
        description="Base de conocimiento de derecho municipal: obras, artículos, órganos, competencias.",
        version="0.1.0",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET", "POST"], allow_headers=["*"])
    app.include_router(articles.router)
    app.include_router(works.router)
    app.include_router(search.router)
    app.include_router(organs.router)

    app.include_router(sparql_router)
    app.include_router(audit.router)
    app.include_router(sources.router)
    app.include_router(pages.router)
    for extra in extra_routers:
        if extra not in (audit.router, sources.router, pages.router):
            app.include_router(extra)

    @app.get("/health", tags=["meta"], summary="Estado del servicio")
    def health() -> dict[str, str]:
        store = getattr(app.state, "store", None)
        return {"status": "ok" if store is not None else "no-store",
                "generation": store.generation() if store is not None else ""}

    app.include_router(linked.router)  # last: it answers the graph's own IRIs
    return app
