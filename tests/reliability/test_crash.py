"""Crash safety and idempotency of ingestion builds.

The build runs in its own process (``python -m query_api.ingest``); here it
is SIGKILLed at random moments spread over a whole build (stratified, so
early and late phases are both hit).  After every kill the served store must
be exactly the previous one, quad for quad, and the API must answer as
before.  Then the same source is built for real, re-ingested (nothing
changes) and deleted (the store returns to the earlier quads).
"""

from __future__ import annotations

import os
import random
import signal
import time
from pathlib import Path
from typing import Any, Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from .helpers import AUTH, TEXT, ingest_settings, make_app, manager, record, small_seeds, store_fingerprint, wait_built

KILLS = int(os.environ.get("CABILDO_RELIABILITY_KILLS", "5"))
SEED = int(os.environ.get("CABILDO_RELIABILITY_SEED", str(int(time.time()) % 100_000)))


class Rig:
    def __init__(self, app: FastAPI, client: TestClient, store_dir: Path) -> None:
        self.app, self.client, self.store_dir = app, client, store_dir
        self.build_seconds = 0.0

    def answers(self) -> tuple[Any, ...]:
        works = self.client.get("/api/works")
        search = self.client.get("/api/search", params={"q": "municipal"})
        assert works.status_code == 200 and search.status_code == 200
        return works.json(), search.json()

    def post(self, path: Path) -> dict[str, Any]:
        r = self.client.post("/api/sources", content=path.read_bytes(), headers={**AUTH, **TEXT})
        assert r.status_code in (200, 202), r.text
        out: dict[str, Any] = r.json()
        return out


@pytest.fixture(scope="module")
def rig(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Rig]:
    settings = ingest_settings(tmp_path_factory.mktemp("crash"))
    app = make_app(settings)
    with TestClient(app) as client:
        rig = Rig(app, client, Path(settings.store_dir))
        started = time.monotonic()
        rig.post(small_seeds()[0])
        wait_built(app)
        rig.build_seconds = client.get("/api/sources", headers=AUTH).json()["build"]["seconds"]
        assert 0 < rig.build_seconds < time.monotonic() - started + 1
        yield rig


def test_sigkill_during_builds_leaves_the_previous_store(rig: Rig) -> None:
    before = store_fingerprint(rig.store_dir)
    answers = rig.answers()
    assert before[1] > 0
    rng = random.Random(SEED)
    target = small_seeds()[1]
    span = 0.7 * rig.build_seconds  # the child's own (cold) run time: kills land inside a build
    survived, phases = 0, []
    for k in range(KILLS):
        delay = span * (k + rng.random()) / KILLS  # one kill in each fifth of a build
        sid = rig.post(target)["source"]["id"]
        deadline = time.monotonic() + 30
        while (pid := manager(rig.app).build_pid) is None:
            assert time.monotonic() < deadline, "the build child never started"
            time.sleep(0.005)
        time.sleep(delay)
        running = manager(rig.app).build_pid is not None
        phases.append(f"{delay:.2f}s/" + ((manager(rig.app).phase or "imports") if running else "finished"))
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:  # finished before the kill: that build is allowed to be whole
            pass
        wait_built(rig.app)
        status = rig.client.get(f"/api/sources/{sid}", headers=AUTH).json()
        after = store_fingerprint(rig.store_dir)
        if status["status"] == "ready":  # the kill came after the atomic swap
            assert after[0] != before[0] and after[1] > before[1]
            rig.client.delete(f"/api/sources/{sid}", headers=AUTH)
            wait_built(rig.app)
            assert store_fingerprint(rig.store_dir)[1:] == before[1:]
            before = store_fingerprint(rig.store_dir)
            continue
        assert status["status"] == "failed" and "SIGKILL" in status["error"], status
        assert after == before, "a killed build changed the served store"
        assert rig.answers() == answers
        assert not [p for p in rig.store_dir.glob("gen-*") if p.name > (before[0] or "")], "half-built generation left"
        survived += 1
    assert survived >= KILLS - 1, "almost every kill must land inside a build"
    in_write = kill_while_writing(rig, target, before)
    if in_write:
        survived += 1
        phases.append("while writing the new generation")
    record("crash kills survived", f"{survived}/{KILLS + 1} SIGKILLs mid-build, store identical each time "
                                   f"(seed {SEED}; delay/phase: {', '.join(phases)})")


def kill_while_writing(rig: Rig, target: Path, before: tuple[str | None, int, str]) -> bool:
    """Kill the child as soon as its new generation directory appears; True if it was caught there."""
    known = {p.name for p in rig.store_dir.glob("gen-*")}
    sid = rig.post(target)["source"]["id"]
    deadline = time.monotonic() + 60
    pid = None
    while time.monotonic() < deadline:
        pid = manager(rig.app).build_pid or pid
        if any(p.name not in known for p in rig.store_dir.glob("gen-*")) and pid is not None:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            break
        time.sleep(0.001)
    wait_built(rig.app)
    status = rig.client.get(f"/api/sources/{sid}", headers=AUTH).json()
    if status["status"] == "ready":  # the write and swap were faster than the poll
        rig.client.delete(f"/api/sources/{sid}", headers=AUTH)
        wait_built(rig.app)
        assert store_fingerprint(rig.store_dir)[1:] == before[1:]
        return False
    assert store_fingerprint(rig.store_dir) == before
    assert {p.name for p in rig.store_dir.glob("gen-*")} == known, "the half-written generation was not removed"
    return True


def test_the_killed_source_builds_then_reingest_is_idempotent_and_delete_restores(rig: Rig) -> None:
    before = store_fingerprint(rig.store_dir)
    out = rig.post(small_seeds()[1])
    wait_built(rig.app)
    sid = out["source"]["id"]
    assert rig.client.get(f"/api/sources/{sid}", headers=AUTH).json()["status"] == "ready"
    added = store_fingerprint(rig.store_dir)
    assert added[1] > before[1]
    again = rig.post(small_seeds()[1])
    assert again["source"]["id"] == sid and again["queued"] is False
    assert manager(rig.app).wait_idle(0.1)
    assert store_fingerprint(rig.store_dir) == added, "re-ingesting the same bytes changed the store"
    assert rig.client.delete(f"/api/sources/{sid}", headers=AUTH).status_code == 202
    wait_built(rig.app)
    removed = store_fingerprint(rig.store_dir)
    assert removed[0] != before[0] and removed[1:] == before[1:], "delete did not restore the earlier quads"
    assert rig.client.delete(f"/api/sources/{sid}", headers=AUTH).status_code == 404
    record("idempotency", f"re-ingest: same id, {added[1]:,} quads unchanged, no rebuild; "
                          f"delete -> {removed[1]:,} quads, identical to before the add")
