"""Shared plumbing for the reliability suite: apps with the sources router, a live server,
store fingerprints, and the numbers the suite prints at the end."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from fastapi import FastAPI

from query_api.app import create_app
from query_api.ingest import IngestManager
from query_api.settings import Settings
from query_api.store import CURRENT_LINK, current_generation

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
BASE = "https://cabildo.example/"
TOKEN = "reliability-" + os.urandom(8).hex()
AUTH = {"Authorization": f"Bearer {TOKEN}"}
TEXT = {"Content-Type": "text/plain; charset=utf-8"}
#: How long a test waits for one background rebuild.
BUILD_WAIT_S = 120.0

#: name -> value, printed by conftest's terminal summary ("the numbers").
NUMBERS: dict[str, str] = {}


def record(name: str, value: Any) -> None:
    NUMBERS[name] = str(value)
    print(f"[reliability] {name}: {value}")


def seeds() -> list[Path]:
    return sorted(CORPUS.glob("*.txt"))


def small_seeds(limit: int = 20_000) -> list[Path]:
    """Seed texts small enough to rebuild in about a second (chosen by size, not by name)."""
    return [p for p in seeds() if p.stat().st_size < limit]


def ingest_settings(tmp: Path, **changes: Any) -> Settings:
    values: dict[str, Any] = dict(store_dir=str(tmp / "store"), base_iri=BASE, ingest_token=TOKEN, workers=1)
    values.update(changes)
    return Settings(**values)


def make_app(settings: Settings) -> FastAPI:
    """The real application (create_app mounts the sources router)."""
    app = create_app(settings)
    # (create_app mounts sources.router)
    return app


def manager(app: FastAPI) -> IngestManager:
    m: IngestManager = app.state.ingest
    return m


def wait_built(app: FastAPI, timeout: float = BUILD_WAIT_S) -> None:
    assert manager(app).wait_idle(timeout), f"no rebuild finished within {timeout} s"


def store_fingerprint(store_dir: Path) -> tuple[str | None, int, str]:
    """(generation, quad count, sha256 of the sorted N-Quads) of the generation served now."""
    generation = current_generation(store_dir)
    if generation is None:
        return None, 0, ""
    store = ox.Store.read_only(str(store_dir / CURRENT_LINK))
    lines = sorted(str(q) for q in store)
    del store
    return generation, len(lines), hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


# one loopback server helper for every suite (tests/sparql/helpers.py)
from tests.sparql.helpers import LiveServer, free_port  # noqa: E402,F401
