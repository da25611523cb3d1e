"""Readers during writes: every answer comes from one committed state, and none is a 5xx.

A real uvicorn server on loopback serves N reader threads (``/api/works`` and
``/api/search``) while sources are added and removed over HTTP.  What each
state must answer is computed independently beforehand: the same source
files are built in-process into separate stores and asked through the same
route functions.  Every live answer must equal one of those, and every state
must have been seen.
"""

from __future__ import annotations

import re
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import httpx
import pytest

from extract.build import build
from extract.text import load_source
from query_api.ingest import source_key
from query_api.routes import search as search_route
from query_api.routes import works as works_route
from query_api.store import EmbeddedStore

from .helpers import AUTH, BASE, TEXT, LiveServer, ingest_settings, make_app, record, small_seeds, wait_built

READERS = 6


def common_word(texts: list[str]) -> str:
    """A long word every text contains (what the readers search for)."""
    words = [set(re.findall(r"\b[^\W\d_]{7,}\b", t.lower())) for t in texts]
    shared = sorted(set.intersection(*words))
    assert shared, "the seeds share no word"
    return shared[0]


def expected_answers(tmp: Path, state: list[Path], word: str) -> tuple[Any, Any]:
    """(/api/works, /api/search) of a store built in-process from exactly ``state``."""
    src = tmp / "src"
    src.mkdir(parents=True)
    for path in state:
        text = load_source(path).text
        (src / f"{source_key(text)[0]}.txt").write_text(text, encoding="utf-8")
    build([src], store_dir=tmp / "store", base=BASE)
    store = EmbeddedStore(tmp / "store", base_iri=BASE)
    settings = ingest_settings(tmp)
    works = [w.model_dump(mode="json") for w in works_route.list_works(store, settings, None, None)]
    found = search_route.search(store, q=word, jurisdiction=None, limit=20).model_dump(mode="json")
    store.close()
    return works, found


def canonical(value: Any) -> str:
    import json

    return json.dumps(value, sort_keys=True, ensure_ascii=False)


@pytest.mark.timeout(240)
def test_readers_see_only_committed_states(tmp_path: Path) -> None:
    a, b = small_seeds()[:2]
    word = common_word([load_source(a).text, load_source(b).text])
    states = {"A": [a], "A+B": [a, b], "B": [b]}
    expected = {name: expected_answers(tmp_path / name, files, word) for name, files in states.items()}
    works_of = {canonical(w): name for name, (w, _) in expected.items()}
    search_of = {canonical(s): name for name, (_, s) in expected.items()}
    assert len(works_of) == len(search_of) == 3, "the three states must be told apart"

    app = make_app(ingest_settings(tmp_path / "live"))
    with LiveServer(app) as server, httpx.Client(base_url=server.url, timeout=30) as admin:
        def post(path: Path) -> str:
            r = admin.post("/api/sources", content=path.read_bytes(), headers={**AUTH, **TEXT})
            assert r.status_code == 202, r.text
            wait_built(app)
            sid: str = r.json()["source"]["id"]
            assert admin.get(f"/api/sources/{sid}", headers=AUTH).json()["status"] == "ready"
            return sid

        def delete(sid: str) -> None:
            assert admin.delete(f"/api/sources/{sid}", headers=AUTH).status_code == 202
            wait_built(app)

        id_a = post(a)
        stop = threading.Event()
        seen: Counter[str] = Counter()
        problems: list[str] = []
        latencies: list[float] = []
        lock = threading.Lock()

        def reader(k: int) -> None:
            with httpx.Client(base_url=server.url, timeout=30) as c:
                i = k
                while not stop.is_set():
                    i += 1
                    started = time.perf_counter()
                    if i % 2:
                        r, table, kind = c.get("/api/works"), works_of, "works"
                    else:
                        r, table, kind = c.get("/api/search", params={"q": word}), search_of, "search"
                    took = time.perf_counter() - started
                    with lock:
                        latencies.append(took)
                        if r.status_code != 200:
                            problems.append(f"{kind}: HTTP {r.status_code} {r.text[:200]}")
                            continue
                        state = table.get(canonical(r.json()))
                        if state is None:
                            problems.append(f"{kind}: an answer from no committed state: {r.text[:300]}")
                        else:
                            seen[f"{kind}:{state}"] += 1

        threads = [threading.Thread(target=reader, args=(k,), daemon=True) for k in range(READERS)]
        started = time.monotonic()
        for t in threads:
            t.start()
        time.sleep(0.5)
        id_b = post(b)          # A -> A+B
        time.sleep(0.5)
        delete(id_a)            # A+B -> B
        time.sleep(0.5)
        post(a)                 # B -> A+B
        time.sleep(0.5)
        delete(id_b)            # A+B -> A
        time.sleep(0.5)
        stop.set()
        for t in threads:
            t.join(30)
        elapsed = time.monotonic() - started

    served = len(latencies)
    assert not problems, f"{len(problems)} bad answers of {served}; first: {problems[:3]}"
    for kind in ("works", "search"):
        for state in states:
            assert seen[f"{kind}:{state}"] > 0, f"no reader saw state {state} on /api/{kind}: {dict(seen)}"
    latencies.sort()
    p99 = latencies[int(0.99 * (served - 1))] * 1000
    record("concurrency", f"{READERS} readers, {served:,} requests in {elapsed:.1f} s during 4 rebuilds, "
                          f"0 errors, 0 mixed states; p99 {p99:.0f} ms; per state: {dict(sorted(seen.items()))}")
