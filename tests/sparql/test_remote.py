"""The remote-store option: a real `oxigraph serve` on loopback behind our guarded endpoint."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path
from typing import Iterator

import httpx
import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient

from query_api.settings import Settings
from query_api.store import EmbeddedStore, RemoteStore

from .helpers import (COUNT_ALL, EX, W3C_DIR, ConnectionCounter, fixture_quads, free_port,
                      make_app, w3c_quads)
from .test_protocol import SELECT_DOCS
from .test_w3c import check
from .w3c_runner import run_manifest

OXIGRAPH = Path(sys.executable).parent / "oxigraph"
GENERATION = "gen-remote-test-1"


@pytest.fixture(scope="module")
def oxigraph_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = free_port()
    proc = subprocess.Popen([str(OXIGRAPH), "serve", "--location",
                             str(tmp_path_factory.mktemp("oxigraph")),
                             "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(url + "/query", params={"query": "ASK {}"}).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline or proc.poll() is not None:
                raise RuntimeError("oxigraph serve did not start")
            time.sleep(0.1)
        _publish(url)
        yield url
    finally:
        proc.kill()
        proc.wait(10)


def _publish(url: str) -> None:
    """Load the same fixture through the Graph Store Protocol, then mark the generation."""
    remote = RemoteStore(url + "/query", update_url=url + "/update", store_url=url + "/store")
    graphs: dict[str | None, list[ox.Triple]] = {}
    for q in fixture_quads() + w3c_quads():
        name = None if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name.value
        graphs.setdefault(name, []).append(ox.Triple(q.subject, q.predicate, q.object))
    for name, triples in graphs.items():
        data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
        assert data is not None
        remote.put_graph(name, data)
    remote.set_generation(GENERATION)
    remote.close()


@pytest.fixture(scope="module")
def remote_settings(oxigraph_url: str) -> Settings:
    return Settings(store_dir="/nonexistent", remote_query_url=oxigraph_url + "/query",
                    remote_update_url=oxigraph_url + "/update",
                    remote_store_url=oxigraph_url + "/store",
                    query_timeout_s=3, max_result_rows=50, workers=2)


@pytest.fixture(scope="module")
def rclient(remote_settings: Settings) -> Iterator[TestClient]:
    with TestClient(make_app(remote_settings)) as c:
        yield c


@pytest.fixture()
def remote(oxigraph_url: str) -> Iterator[RemoteStore]:
    store = RemoteStore(oxigraph_url + "/query", update_url=oxigraph_url + "/update",
                        store_url=oxigraph_url + "/store")
    yield store
    store.close()


def _count(store: RemoteStore) -> int:
    result = store.query(COUNT_ALL)
    assert isinstance(result, ox.QuerySolutions)
    value = next(iter(result))["n"]
    assert isinstance(value, ox.Literal)
    return int(value.value)


def test_w3c_protocol_through_a_remote_store(rclient: TestClient) -> None:
    check(run_manifest(W3C_DIR, rclient))


def test_remote_results_equal_embedded_results(rclient: TestClient, client: TestClient) -> None:
    query = SELECT_DOCS + " LIMIT 40"
    for accept in ("application/sparql-results+json", "application/sparql-results+xml",
                   "text/csv", "text/tab-separated-values"):
        a = rclient.get("/sparql", params={"query": query}, headers={"Accept": accept})
        b = client.get("/sparql", params={"query": query}, headers={"Accept": accept})
        assert a.status_code == b.status_code == 200
        assert a.content == b.content
    c = rclient.get("/sparql", params={"query": f"DESCRIBE <{EX}doc/3>"},
                    headers={"Accept": "application/n-triples"})
    assert sorted(c.text.splitlines()) == sorted(
        client.get("/sparql", params={"query": f"DESCRIBE <{EX}doc/3>"},
                   headers={"Accept": "application/n-triples"}).text.splitlines())


def test_generation_comes_from_the_marker(rclient: TestClient, remote: RemoteStore) -> None:
    assert remote.generation() == GENERATION
    resp = rclient.get("/sparql", params={"query": "ASK {}"})
    assert resp.headers["cabildo-store-generation"] == GENERATION


@pytest.mark.parametrize("how", ["get", "form", "direct", "as_query"])
def test_updates_are_refused_and_not_executed(rclient: TestClient, remote: RemoteStore,
                                              how: str) -> None:
    update = f"INSERT DATA {{ <{EX}evil> <{EX}p> 1 }}"
    before = _count(remote)
    if how == "get":
        resp = rclient.get("/sparql", params={"update": update})
    elif how == "form":
        resp = rclient.post("/sparql", data={"update": update})
    elif how == "direct":
        resp = rclient.post("/sparql", content=update.encode(),
                            headers={"Content-Type": "application/sparql-update"})
    else:
        resp = rclient.post("/sparql", data={"query": update})
    assert resp.status_code == 400 and resp.json()["code"] == "update_refused"
    assert _count(remote) == before


def test_count_check_detects_an_executed_update(oxigraph_url: str, remote: RemoteStore) -> None:
    """Control for the test above: the same form POST sent straight to oxigraph does write."""
    before = _count(remote)
    scratch = EX + "scratch"
    httpx.post(oxigraph_url + "/update",
               data={"update": f"INSERT DATA {{ GRAPH <{scratch}> {{ <{EX}evil> <{EX}p> 1 }} }}"},
               headers={"Origin": "https://attacker.example"})
    assert _count(remote) == before + 1
    remote.update(f"DROP GRAPH <{scratch}>")
    assert _count(remote) == before


def test_service_never_reaches_the_remote_server(rclient: TestClient) -> None:
    with ConnectionCounter() as listener:
        resp = rclient.get("/sparql", params={
            "query": f"SELECT * WHERE {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}"})
        time.sleep(0.2)
        assert resp.status_code == 400 and resp.json()["code"] == "service_refused"
        assert listener.count == 0


def test_row_cap_applies_to_remote_results(rclient: TestClient) -> None:
    over = rclient.get("/sparql", params={"query": SELECT_DOCS})  # 100 rows > 50
    assert over.status_code == 422 and over.json()["code"] == "result_too_large"
    ok = rclient.get("/sparql", params={"query": SELECT_DOCS + " LIMIT 50"})
    assert ok.status_code == 200 and len(ok.json()["results"]["bindings"]) == 50


def test_remote_time_limit(rclient: TestClient) -> None:
    started = time.monotonic()
    resp = rclient.get("/sparql", params={
        "query": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"})
    assert resp.status_code == 503 and resp.json()["code"] == "time_limit"
    assert time.monotonic() - started < 4.5


SUBSTITUTION_QUERIES = [
    # the substituted variable used only in a FILTER: a trailing VALUES would match nothing
    f"SELECT ?doc ?prefix WHERE {{ ?doc <{EX}title> ?t FILTER(STRSTARTS(STR(?t), ?prefix)) }}",
    f"SELECT ?doc ?prefix WHERE {{ ?doc <{EX}title> ?t BIND(STRSTARTS(STR(?t), ?prefix) AS ?ok) "
    "FILTER(?ok) }",
    f"# a comment with {{ braces }}\nSELECT ?doc ?prefix {{ ?doc <{EX}title> ?t "
    "OPTIONAL { ?doc ?p ?prefix } FILTER(CONTAINS(?t, ?prefix)) }",
]


@pytest.mark.parametrize("query", SUBSTITUTION_QUERIES)
@pytest.mark.parametrize("payload", ['"', '\\"', "} UNION { ?s ?p ?o }", "# x\n", "Documento 7",
                                     "«v1»"])
def test_remote_substitutions_match_embedded_ones(remote: RemoteStore, store_dir: Path,
                                                  query: str, payload: str) -> None:
    """Remote VALUES binding gives the same rows as pyoxigraph's native substitution."""
    subs = {"prefix": ox.Literal(payload)}
    remote_rows = remote.query(query, substitutions=subs)
    local_rows = EmbeddedStore(store_dir).query(query, substitutions=subs)
    assert isinstance(remote_rows, ox.QuerySolutions)
    assert isinstance(local_rows, ox.QuerySolutions)
    got = sorted(str(r["doc"]) for r in remote_rows)
    assert got == sorted(str(r["doc"]) for r in local_rows)
    if payload == "Documento 7" and "STRSTARTS" in query:
        assert len(got) == 11  # doc 7 and docs 70..79


def test_remote_substitution_in_construct_template(remote: RemoteStore) -> None:
    q = f"CONSTRUCT {{ ?doc <{EX}seen> ?n }} WHERE {{ ?doc <{EX}number> ?n }}"
    result = remote.query(q, substitutions={"doc": ox.NamedNode(EX + "doc/5")})
    assert not isinstance(result, (ox.QuerySolutions, ox.QueryBoolean))
    assert [t.object for t in result] == [
        ox.Literal("5", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))]


def test_unreachable_remote_store_is_503(remote_settings: Settings) -> None:
    settings = remote_settings.with_overrides(
        remote_query_url=f"http://127.0.0.1:{free_port()}/query", workers=1)
    with TestClient(make_app(settings)) as c:
        resp = c.get("/sparql", params={"query": "ASK {}"})
        assert resp.status_code == 503 and resp.json()["code"] == "store_unavailable"


def test_remote_generation_without_marker_never_repeats(remote: RemoteStore,
                                                        oxigraph_url: str) -> None:
    other = RemoteStore(oxigraph_url + "/query", base_iri="https://elsewhere.example/")
    assert other.generation() != other.generation()
    other.close()
