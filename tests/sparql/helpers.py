"""Shared test plumbing: a small synthetic store, an app around the router, a live server.

The fixture data is synthetic (example.org IRIs), not legal text: these tests
exercise the protocol and the limits, not the extraction.
"""

from __future__ import annotations

import socket
import threading
import time
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, AsyncIterator, Callable, Iterator

import pyoxigraph as ox
import uvicorn
from fastapi import FastAPI
from rdflib import Graph, Namespace, RDFS

from query_api.settings import Settings
from query_api.sparql import router, sparql_lifespan
from query_api.store import activate_generation, new_generation_dir

EX = "http://example.org/kb/"
W3C_DIR = Path(__file__).parent / "w3c"
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
#: Time limit used by the shared apps: short enough to keep the suite fast.
TEST_TIMEOUT_S = 3.0
#: Default-graph triples in the fixture; cross products are sized from it.
DEFAULT_TRIPLES = 300
NAMED_GRAPH = EX + "graph/extra"
COUNT_ALL = ("SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION "
             "{ GRAPH ?g { ?s ?p ?o } } }")


def fixture_quads(tag: str = "v1") -> list[ox.Quad]:
    """300 default-graph triples about synthetic documents, plus one small named graph."""
    quads = []
    for i in range(DEFAULT_TRIPLES // 3):
        doc = ox.NamedNode(f"{EX}doc/{i}")
        quads.append(ox.Quad(doc, ox.NamedNode(EX + "number"), ox.Literal(str(i), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))))
        quads.append(ox.Quad(doc, ox.NamedNode(EX + "title"), ox.Literal(f"Documento {i} «{tag}»", language="es")))
        quads.append(ox.Quad(doc, ox.NamedNode(EX + "kind"), ox.NamedNode(f"{EX}kind/{i % 5}")))
    for i in range(10):
        quads.append(ox.Quad(ox.NamedNode(f"{EX}kind/{i % 5}"), ox.NamedNode(EX + "label"),
                             ox.Literal(f"tipo {i}\ttab \"quoted\"\nline"), ox.NamedNode(NAMED_GRAPH)))
    return quads


def w3c_graph_data() -> list[tuple[str, Path]]:
    """(graph IRI, file) pairs declared with ut:graphData in the W3C protocol manifest."""
    g = Graph().parse(W3C_DIR / "manifest.ttl", format="turtle")
    pairs = set()
    for node in g.objects(None, UT.graphData):
        label, graph = g.value(node, RDFS.label), g.value(node, UT.graph)
        pairs.add((str(label), W3C_DIR / Path(str(graph)).name))
    return sorted(pairs)


def w3c_quads() -> list[ox.Quad]:
    quads = []
    for graph, path in w3c_graph_data():
        for q in ox.parse(path.read_bytes(), format=ox.RdfFormat.N_TRIPLES):
            quads.append(ox.Quad(q.subject, q.predicate, q.object, ox.NamedNode(graph)))
    return quads


def build_generation(store_dir: Path, quads: list[ox.Quad]) -> str:
    """Write a new generation directory and swap ``current`` to it."""
    store_dir.mkdir(parents=True, exist_ok=True)
    gen_dir = new_generation_dir(store_dir)
    store = ox.Store(str(gen_dir))
    store.extend(quads)
    store.flush()
    del store
    return activate_generation(store_dir, gen_dir)


def make_app(settings: Settings) -> FastAPI:
    """A minimal app mounting the SPARQL router the documented way."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with sparql_lifespan(app, settings):
            yield

    app = FastAPI(lifespan=lifespan)
    app.include_router(router)
    return app


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LiveServer:
    """uvicorn serving ``app`` on a free loopback port, in a thread."""

    def __init__(self, app: FastAPI, *, backlog: int = 2048) -> None:
        self.app = app
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port,
                                                     log_level="warning", lifespan="on", backlog=backlog))
        self._thread = threading.Thread(target=self._server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        self._thread.start()
        deadline = time.monotonic() + 60
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.should_exit = True
        self._thread.join(30)


class ConnectionCounter:
    """A loopback TCP listener that only counts the connections it receives."""

    def __init__(self) -> None:
        self._sock = socket.socket()
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(16)
        self._sock.settimeout(0.1)
        self.port = int(self._sock.getsockname()[1])
        self.url = f"http://127.0.0.1:{self.port}/"
        self.count = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._sock.accept()
            except OSError:
                continue
            self.count += 1
            conn.close()

    def __enter__(self) -> ConnectionCounter:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(5)
        self._sock.close()


def wait_until(predicate: Callable[[], bool], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return predicate()


def pid_alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split()[2] != "Z"
    except FileNotFoundError:
        return False


def iter_json_values(doc: dict[str, Any], var: str) -> Iterator[str]:
    for b in doc["results"]["bindings"]:
        if var in b:
            yield b[var]["value"]
