"""Fixtures of the web tests: the pages and the audit over the seed store built once per session.

``store_dir`` (the seed corpus built into a temporary directory) comes from tests/conftest.py.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient
from lxml import html as lxml_html

from ontology import ONTOLOGY_PATH
from query_api import audit
from query_api.app import create_app
from query_api.settings import Settings
from query_api.store import EmbeddedStore
from query_api.web import pages

ROOT = Path(__file__).resolve().parents[2]
BASE = "https://cabildo.example/"
GOLDEN = ROOT / "tests" / "golden" / "sample.trig"


def web_app(store_dir: Path) -> TestClient:
    app = create_app(Settings(store_dir=str(store_dir), base_iri=BASE, workers=1),
                     extra_routers=[pages.router, audit.router])
    return TestClient(app)


@pytest.fixture(scope="session")
def web(store_dir: Path) -> Iterator[TestClient]:
    with web_app(store_dir) as client:
        yield client


@pytest.fixture(scope="session")
def seed_store(store_dir: Path) -> EmbeddedStore:
    return EmbeddedStore(store_dir, base_iri=BASE)


@pytest.fixture(scope="session")
def findings(seed_store: EmbeddedStore) -> list[audit.Finding]:
    return audit.cached_audit(seed_store, BASE)


def load_store(path: Path, *trig: bytes) -> Path:
    """A store directory holding the code lists and the given TriG documents."""
    store = ox.Store(str(path))
    store.load(ONTOLOGY_PATH.read_bytes(), ox.RdfFormat.TURTLE, to_graph=ox.NamedNode("https://w3id.org/cabildo/ontology"))
    for doc in trig:
        store.load(doc, ox.RdfFormat.TRIG)
    store.flush()
    del store
    return path


@pytest.fixture(scope="session")
def golden_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The golden sample (an invented ordinance with a reformed article) as a store."""
    return load_store(tmp_path_factory.mktemp("golden"), GOLDEN.read_bytes())


def parse(response_text: str) -> lxml_html.HtmlElement:
    return lxml_html.fromstring(response_text)
