"""Helpers for the API tests (the store fixtures live in tests/conftest.py)."""

from __future__ import annotations

from fastapi.testclient import TestClient


def work_id(client: TestClient, *, contains: str, type: str = "ordenanza") -> str:
    works = client.get("/api/works", params={"type": type}).json()
    found = [w["id"] for w in works if contains in w["id"]]
    assert len(found) == 1, found
    return found[0]
