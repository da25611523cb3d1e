"""Schemathesis over the OpenAPI of the real app and corpus: no input makes the API answer 5xx.

Runs a bounded number of generated requests per operation (loopback-free: ASGI in process).
Ingestion (``/api/sources``) is covered by tests/reliability with its own token setting.
"""

from __future__ import annotations

from typing import Iterator

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings

from query_api.app import create_app
from query_api.settings import Settings

from tests.conftest import BASE


@pytest.fixture(scope="module")
def live_app(store_dir) -> Iterator[FastAPI]:  # type: ignore[no-untyped-def]
    app = create_app(Settings(store_dir=str(store_dir), base_iri=BASE, workers=1, query_timeout_s=5))
    with TestClient(app):  # run the lifespan once: the store and the query workers stay open on app.state
        yield app


def test_no_input_makes_a_server_error(live_app: FastAPI) -> None:
    schema = schemathesis.openapi.from_asgi("/openapi.json", live_app)
    checked: list[str] = []
    for result in schema.get_all_operations():
        operation = result.ok()
        if operation.path.startswith("/api/sources"):
            continue

        @given(case=operation.as_strategy())
        @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def run(case: schemathesis.Case) -> None:
            response = case.call()
            assert response.status_code < 500, f"{case.method} {case.formatted_path} {case.query}: {response.status_code}"

        run()
        checked.append(f"{operation.method.upper()} {operation.path}")
    print(f"\nschemathesis: no 5xx on {len(checked)} operations, 25 generated requests each")
    assert len(checked) >= 10
