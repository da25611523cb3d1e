"""Session fixtures: one fixture store, a TestClient app and a live uvicorn server over it."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import httpx
import pytest
from fastapi.testclient import TestClient

from query_api.settings import Settings

from .helpers import TEST_TIMEOUT_S, LiveServer, build_generation, fixture_quads, make_app, w3c_quads


@pytest.fixture(scope="session")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("store")
    build_generation(root, fixture_quads() + w3c_quads())
    return root


@pytest.fixture(scope="session")
def settings(store_dir: Path) -> Settings:
    return Settings(store_dir=str(store_dir), query_timeout_s=TEST_TIMEOUT_S, workers=2)


@pytest.fixture(scope="session")
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(make_app(settings)) as c:
        yield c


@pytest.fixture(scope="session")
def live(settings: Settings) -> Iterator[LiveServer]:
    with LiveServer(make_app(settings)) as server:
        yield server


@pytest.fixture()
def http(live: LiveServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=live.url, timeout=30) as c:
        yield c
