"""One knowledge base built from the seed corpus, shared by the API, CLI and web tests."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest
from fastapi.testclient import TestClient

from extract.build import build
from query_api.app import create_app
from query_api.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
BASE = "https://cabildo.example/"


@pytest.fixture(scope="session")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("kb")
    summary = build([ROOT / "corpus"], store_dir=path, base=BASE)
    assert not summary.refused
    return path


@pytest.fixture(scope="session")
def client(store_dir: Path) -> Iterator[TestClient]:
    app = create_app(Settings(store_dir=str(store_dir), base_iri=BASE, workers=1))
    with TestClient(app) as c:
        yield c
