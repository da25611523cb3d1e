"""Every ingestion limit, shown to bite: the same request passes with the default setting and
fails with a deliberately weakened (or unset) one, so the checks elsewhere can fail.

The public SPARQL endpoint's limits have the same kind of tests in
tests/sparql/test_limits.py (``test_weak_row_cap_*``, ``test_weak_timeout_*``,
``test_weak_query_byte_limit``, ``test_memory_cap``); they are not repeated here.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from lxml import etree

import query_api.ingest as ingest
from query_api import sources
from query_api.settings import Settings

from .helpers import AUTH, TEXT, TOKEN, ingest_settings, small_seeds, store_fingerprint, wait_built
from .test_inputs import xxe


def router_app(settings: Settings) -> FastAPI:
    """Just the sources router (a unit under test), without the query service around it."""
    app = FastAPI()
    app.state.settings = settings
    app.include_router(sources.router)
    return app


@pytest.fixture()
def seed() -> bytes:
    return small_seeds()[0].read_bytes()


def post(client: TestClient, body: bytes, **headers: str) -> Any:
    return client.post("/api/sources", content=body, headers={**AUTH, **TEXT, **headers})


def test_upload_limit(tmp_path: Path, seed: bytes) -> None:
    with TestClient(router_app(ingest_settings(tmp_path / "default"))) as c:
        assert post(c, seed).status_code == 202
    with TestClient(router_app(ingest_settings(tmp_path / "weak", ingest_max_bytes=10))) as c:
        r = post(c, seed)
        assert r.status_code == 413 and r.json()["detail"]["code"] == "too_large"


@pytest.mark.parametrize("token,status,code", [
    (None, 403, "ingestion_disabled"),
    ("", 403, "ingestion_disabled"),
    ("short-token", 403, "ingestion_disabled"),
])
def test_ingestion_is_off_without_a_good_token(tmp_path: Path, seed: bytes, token: str | None, status: int,
                                               code: str) -> None:
    settings = ingest_settings(tmp_path, ingest_token=token)
    with TestClient(router_app(settings)) as c:
        for r in (post(c, seed), c.get("/api/sources", headers=AUTH), c.delete("/api/sources/x", headers=AUTH)):
            assert r.status_code == status, r.text
            assert r.json()["detail"]["code"] == code
            assert "CABILDO_INGEST_TOKEN" in r.json()["detail"]["message"]
        assert not any(ingest.sources_dir_of(settings).glob("*.txt"))


@pytest.mark.parametrize("headers", [
    {}, {"Authorization": "Bearer wrong-token-of-some-length"}, {"Authorization": f"Basic {TOKEN}"},
    {"Authorization": TOKEN}, {"Authorization": f"Bearer {TOKEN}x"}, {"Authorization": f"Bearer {TOKEN[:-1]}"},
])
def test_wrong_credentials_are_401(tmp_path: Path, seed: bytes, headers: dict[str, str]) -> None:
    with TestClient(router_app(ingest_settings(tmp_path))) as c:
        r = c.post("/api/sources", content=seed, headers={**TEXT, **headers})
        assert r.status_code == 401, r.text
        assert r.headers["www-authenticate"].startswith("Bearer")
        assert c.get("/api/sources", headers=headers).status_code == 401
        assert c.get("/api/sources", headers=AUTH).json()["sources"] == []


def test_build_timeout(tmp_path: Path, seed: bytes) -> None:
    weak = ingest_settings(tmp_path, ingest_build_timeout_s=0.3)
    app = router_app(weak)
    with TestClient(app) as c:
        sid = post(c, seed).json()["source"]["id"]
        wait_built(app)
        listing = c.get("/api/sources", headers=AUTH).json()
        assert listing["sources"][0]["status"] == "failed"
        assert "CABILDO_INGEST_BUILD_TIMEOUT_S" in listing["sources"][0]["error"]
        assert listing["build"]["state"] == "failed" and listing["generation"] is None
    store_dir = Path(weak.store_dir)
    assert store_fingerprint(store_dir)[0] is None
    assert not any(store_dir.glob("gen-*")), "the killed build's directory must be removed"
    app = router_app(weak.with_overrides(ingest_build_timeout_s=Settings().ingest_build_timeout_s))
    with TestClient(app) as c:
        assert post(c, seed).status_code == 202  # failed -> queued again
        wait_built(app)
        assert c.get(f"/api/sources/{sid}", headers=AUTH).json()["status"] == "ready"
    assert store_fingerprint(store_dir)[1] > 0


# ------------------------------------------------- XML guards, one layer at a time


@pytest.fixture()
def secret(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    marker = "MARCADOR-" + os.urandom(6).hex()
    path = tmp_path / "secret.txt"
    path.write_text(marker, encoding="utf-8")
    yield path, marker


def resolving_parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=True, no_network=True, load_dtd=True)


def test_xxe_probe_detects_a_leak_when_both_guards_are_off(secret: tuple[Path, str],
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    path, marker = secret
    with pytest.raises(ingest.IngestError) as refused:
        ingest.prepare_upload(xxe(path.as_uri()), "xml", max_bytes=1 << 20)
    assert refused.value.code == "dtd_refused"
    monkeypatch.setattr(ingest, "refuse_dtd", lambda text: None)
    try:  # DTD check off, parser still safe: the entity is not read
        text, _ = ingest.akn_to_text(xxe(path.as_uri()), max_bytes=1 << 20)
        assert marker not in text
    except ingest.IngestError as exc:
        assert exc.code in ("xml_invalid", "akn_empty")
    monkeypatch.setattr(ingest, "safe_parser", resolving_parser)
    text, _ = ingest.akn_to_text(xxe(path.as_uri()), max_bytes=1 << 20)
    assert marker in text  # the assertion test_inputs makes would fail: the probe can see a leak


def test_entity_expansion_is_visible_when_both_guards_are_off(monkeypatch: pytest.MonkeyPatch) -> None:
    laughs = (b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY l "ja"><!ENTITY l2 "&l;&l;&l;&l;&l;&l;&l;&l;&l;&l;">'
              b'<!ENTITY l3 "&l2;&l2;&l2;&l2;&l2;&l2;&l2;&l2;&l2;&l2;">]>'
              b'<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><act><body><p>&l3;</p>'
              b'</body></act></akomaNtoso>')
    with pytest.raises(ingest.IngestError):
        ingest.akn_to_text(laughs, max_bytes=1 << 20)
    monkeypatch.setattr(ingest, "refuse_dtd", lambda text: None)
    monkeypatch.setattr(ingest, "safe_parser", resolving_parser)
    text, _ = ingest.akn_to_text(laughs, max_bytes=1 << 20)
    assert text.count("ja") == 100


def test_the_default_limits_are_what_security_md_says() -> None:
    s = Settings()
    assert s.ingest_token is None and s.ingest_max_bytes == 10 * 1024 * 1024
    assert s.ingest_build_timeout_s == 900 and s.sources_dir is None and s.ingest_base_dir is None
    text = (Path(__file__).resolve().parents[2] / "SECURITY.md").read_text(encoding="utf-8")
    for name in ("CABILDO_INGEST_TOKEN", "CABILDO_INGEST_MAX_BYTES", "CABILDO_INGEST_BUILD_TIMEOUT_S",
                 "CABILDO_SOURCES_DIR", "CABILDO_INGEST_BASE_DIR", "CABILDO_QUERY_TIMEOUT_S",
                 "CABILDO_QUERY_MEMORY_MB", "CABILDO_MAX_RESULT_ROWS", "CABILDO_MAX_QUERY_BYTES"):
        assert name in text, f"SECURITY.md does not document {name}"


def test_manager_refuses_nonsense_limits(tmp_path: Path) -> None:
    for bad in ({"ingest_max_bytes": 0}, {"ingest_build_timeout_s": -1.0}):
        with pytest.raises(ValueError):
            ingest.IngestManager(ingest_settings(tmp_path, **bad))
    ingest.IngestManager(ingest_settings(tmp_path)).close()


def test_ingestion_refuses_a_remote_store(tmp_path: Path, seed: bytes) -> None:
    remote = ingest_settings(tmp_path, remote_query_url="http://127.0.0.1:9/query")
    with TestClient(router_app(remote)) as c:
        r = post(c, seed)
        assert r.status_code == 501 and r.json()["detail"]["code"] == "remote_store"


def test_concurrent_uploads_are_bounded(tmp_path: Path, seed: bytes) -> None:
    with TestClient(router_app(ingest_settings(tmp_path))) as c:
        held = [sources._uploads.acquire(blocking=False) for _ in range(sources.MAX_CONCURRENT_UPLOADS)]
        try:
            assert all(held)
            r = post(c, seed)
            assert r.status_code == 503 and r.json()["detail"]["code"] == "busy" and r.headers["retry-after"]
        finally:
            for _ in held:
                sources._uploads.release()
        assert post(c, seed).status_code == 202
