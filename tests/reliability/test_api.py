"""The /api/sources contract: AKN uploads, listing, metadata, deletion, recovery after a crash."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from lxml import etree

import query_api.ingest as ingest
from extract.akn import to_akn
from extract.instruments import parse_source
from extract.model import Instrument
from extract.text import load_source, source_from_bytes
from query_api.settings import Settings
from query_api.store import current_generation

from .helpers import AUTH, BASE, TEXT, ingest_settings, seeds, small_seeds, wait_built
from .test_weakened import router_app


def numbers(ins: Instrument) -> list[str]:
    return [a.number or "?" for a in ins.articles()]


@pytest.fixture(scope="module")
def akn_case() -> tuple[bytes, list[str]]:
    """The AKN export of the seed instrument with the most articles under 150 (a fast build)."""
    best: tuple[int, bytes, list[str]] | None = None
    for path in seeds():
        parsed = parse_source(load_source(path))
        for ins in parsed.instruments:
            n = len(numbers(ins))
            if n < 150 and (best is None or n > best[0]):
                xml = etree.tostring(to_akn(parsed, ins, base=BASE), xml_declaration=True, encoding="UTF-8")
                best = (n, xml, numbers(ins))
    assert best is not None and best[0] > 10
    return best[1], best[2]


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[FastAPI, TestClient, Settings]]:
    settings = ingest_settings(tmp_path_factory.mktemp("api"))
    application = router_app(settings)
    with TestClient(application) as client:
        yield application, client, settings


def test_akn_upload_is_read_as_its_articles(app: tuple[FastAPI, TestClient, Settings],
                                            akn_case: tuple[bytes, list[str]]) -> None:
    application, client, settings = app
    xml, expected = akn_case
    r = client.post("/api/sources", content=xml, headers={**AUTH, "Content-Type": "application/akn+xml"})
    assert r.status_code == 202, r.text
    out = r.json()["source"]
    assert out["media_type"] == "application/akn+xml" and out["raw_sha256"] == hashlib.sha256(xml).hexdigest()
    assert any(w.startswith("AKN:") for w in out["warnings"])
    stored = (ingest.sources_dir_of(settings) / f"{out['id']}.txt").read_bytes()
    parsed = parse_source(source_from_bytes(stored, name="akn.txt"))
    got = [n for ins in parsed.instruments for n in numbers(ins)]
    recovered = sum(1 for n in expected if n in got)
    assert recovered >= 0.9 * len(expected), (expected, got)
    assert b"<" not in stored.split(b"\n", 1)[0] and b"FRBR" not in stored, "markup or <meta> leaked into the text"
    same = client.post("/api/sources", headers=AUTH, files={"file": ("ley.xml", xml, "application/octet-stream")})
    assert same.status_code == 200 and same.json()["source"]["id"] == out["id"]
    wait_built(application)
    assert client.get(f"/api/sources/{out['id']}", headers=AUTH).json()["status"] == "ready"


def test_listing_says_hash_size_status_and_generation(app: tuple[FastAPI, TestClient, Settings]) -> None:
    application, client, settings = app
    r = client.post("/api/sources", content=small_seeds()[0].read_bytes(), headers={**AUTH, **TEXT},
                    params={"jurisdiction": "xx-prueba", "title": "Título de prueba"})
    assert r.status_code == 202 and r.headers["location"] == f"/api/sources/{r.json()['source']['id']}"
    wait_built(application)
    listing = client.get("/api/sources", headers=AUTH).json()
    assert listing["generation"] == current_generation(Path(settings.store_dir)) == listing["build"]["generation"]
    assert listing["build"]["state"] == "idle" and listing["build"]["triples"] > 0
    sdir = ingest.sources_dir_of(settings)
    for s in listing["sources"]:
        data = (sdir / f"{s['id']}.txt").read_bytes()
        assert s["sha256"] == hashlib.sha256(data).hexdigest() and s["size"] == len(data)
        assert s["status"] == "ready" and s["error"] is None and s["generation"]
    meta = json.loads((sdir / f"{r.json()['source']['id']}.meta.json").read_text(encoding="utf-8"))
    assert meta == {"jurisdiction": "xx-prueba", "title": "Título de prueba"}


def test_metadata_is_validated_and_a_change_requeues(app: tuple[FastAPI, TestClient, Settings]) -> None:
    application, client, _ = app
    body = small_seeds()[0].read_bytes()
    for bad in ({"jurisdiction": "'} #"}, {"country": "VEN"}, {"title": "x" * 600}):
        assert client.post("/api/sources", content=body, headers={**AUTH, **TEXT}, params=bad).status_code == 422
    same = client.post("/api/sources", content=body, headers={**AUTH, **TEXT},
                       params={"jurisdiction": "xx-prueba", "title": "Título de prueba"})
    assert same.status_code == 200
    changed = client.post("/api/sources", content=body, headers={**AUTH, **TEXT}, params={"jurisdiction": "xx-otra"})
    assert changed.status_code == 202 and changed.json()["source"]["meta"] == {"jurisdiction": "xx-otra"}
    wait_built(application)


def test_unknown_ids_are_404(app: tuple[FastAPI, TestClient, Settings]) -> None:
    _, client, _ = app
    for method in ("get", "delete"):
        r = getattr(client, method)("/api/sources/0123456789abcdef01234567", headers=AUTH)
        assert r.status_code == 404 and r.json()["detail"]["code"] == "not_found"
    assert client.delete("/api/sources/..%2F..%2Fmanifest", headers=AUTH).status_code == 404


def test_acknowledged_uploads_are_built_after_a_crash(tmp_path: Path) -> None:
    """A server that died mid-build left 'building' on disk: the next start builds it."""
    settings = ingest_settings(tmp_path)
    first = ingest.IngestManager(settings)
    prepared = ingest.prepare_upload(small_seeds()[0].read_bytes(), "text", max_bytes=1 << 20)
    first.close()  # stop the worker first, so the upload below is only acknowledged
    record, queued = first.add(prepared)
    assert queued
    path = ingest.sources_dir_of(settings) / ingest.MANIFEST
    data = json.loads(path.read_text(encoding="utf-8"))
    data["sources"][record.id]["status"] = "building"
    data["build"]["state"] = "building"
    path.write_text(json.dumps(data), encoding="utf-8")
    second = ingest.IngestManager(settings)
    try:
        assert second.wait_idle(120)
        assert second.get(record.id).status == "ready"  # type: ignore[union-attr]
        assert current_generation(Path(settings.store_dir)) is not None
    finally:
        second.close()


def test_default_sources_dir_is_beside_the_store(tmp_path: Path) -> None:
    s = Settings(store_dir=str(tmp_path / "var" / "store"))
    assert ingest.sources_dir_of(s) == tmp_path / "var" / "sources"
    assert ingest.sources_dir_of(s.with_overrides(sources_dir=str(tmp_path / "x"))) == tmp_path / "x"
