"""The same question API over a remote SPARQL 1.1 server (Oxigraph, started by the test).

The remote-store setting points Cabildo at any SPARQL server; here a real ``oxigraph
serve-read-only`` serves the generation the build wrote, on 127.0.0.1, and the answers
must equal those of the embedded store.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Iterator

import httpx
import pytest
from fastapi.testclient import TestClient

from query_api.app import create_app
from query_api.settings import Settings
from query_api.store import RemoteStore
from tests.api.conftest import work_id
from tests.conftest import BASE

OXIGRAPH = Path(sys.executable).with_name("oxigraph")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def remote(store_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    if not OXIGRAPH.exists():
        pytest.skip("the oxigraph CLI (PyPI 'oxigraph') is not installed in this environment")
    copy = tmp_path_factory.mktemp("remote") / "store"
    shutil.copytree((store_dir / "current").resolve(), copy)  # its own copy: no two readers of one RocksDB dir
    port = _free_port()
    proc = subprocess.Popen([str(OXIGRAPH), "serve-read-only", "--location", str(copy), "--bind",
                             f"127.0.0.1:{port}", "--union-default-graph"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/query"
    try:
        for _ in range(100):
            try:
                if httpx.get(url, params={"query": "ASK {}"}, timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        else:
            pytest.fail("oxigraph server did not start")
        settings = Settings(store_dir=str(store_dir), base_iri=BASE, workers=1, remote_query_url=url)
        with TestClient(create_app(settings)) as client:
            assert isinstance(client.app.state.store, RemoteStore)  # type: ignore[attr-defined]
            yield client
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.mark.parametrize("path", [
    "/api/works",
    "/api/works?jurisdiction=ec",
    "/api/responsible?q=custodia+del+archivo+hist%C3%B3rico",
    "/api/search?q=recaudar+ingresos",
    "/api/discrepancies",
])
def test_remote_answers_equal_embedded(client: TestClient, remote: TestClient, path: str) -> None:
    local, far = client.get(path), remote.get(path)
    assert local.status_code == far.status_code == 200
    assert local.json() == far.json()


@pytest.mark.parametrize("number,at", [("10", None), ("31", None), ("50", "2006-06-01"), ("10", "2006-06-01")])
def test_remote_article_answers_equal_embedded(client: TestClient, remote: TestClient, number: str,
                                               at: str | None) -> None:
    wid = work_id(client, contains="regimen-administrativo")
    params = {"at": at} if at else {}
    local = client.get(f"/api/works/{wid}/articles/{number}", params=params).json()
    far = remote.get(f"/api/works/{wid}/articles/{number}", params=params).json()
    assert local == far and local["status"] in ("in_force", "repealed", "not_yet_in_force", "unknown")
