"""Hostile and odd uploads: each is refused with a clear 4xx and leaves the store as it was,
or is accepted and stored as the NFC text it means."""

from __future__ import annotations

import os
import resource
import threading
import time
import unicodedata
from pathlib import Path
from typing import Any, Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

import query_api.ingest as ingest

from .helpers import AUTH, TEXT, ingest_settings, make_app, manager, record, small_seeds, store_fingerprint, wait_built


class World:
    """One app with one source already built, and what the store looked like then."""

    def __init__(self, app: FastAPI, client: TestClient, store_dir: Path, sources_dir: Path) -> None:
        self.app, self.client, self.store_dir, self.sources_dir = app, client, store_dir, sources_dir

    def state(self) -> tuple[Any, ...]:
        listing = self.client.get("/api/sources", headers=AUTH).json()
        files = sorted(p.name for p in self.sources_dir.iterdir())
        return store_fingerprint(self.store_dir), [(s["id"], s["status"]) for s in listing["sources"]], files

    def refused(self, status: int, code: str, **post: Any) -> dict[str, Any]:
        """POST, expect ``status``/``code``, and check that nothing changed or was queued."""
        before = self.state()
        r = self.client.post("/api/sources", **post)
        assert r.status_code == status, (r.status_code, r.text[:500])
        body = r.json()
        assert body["detail"]["code"] == code, body
        assert body["detail"]["message"], body
        assert manager(self.app).wait_idle(0.1), "a refused upload must not start a build"
        assert self.state() == before
        return dict(body["detail"])


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    tmp = tmp_path_factory.mktemp("inputs")
    settings = ingest_settings(tmp)
    app = make_app(settings)
    with TestClient(app) as client:
        r = client.post("/api/sources", content=small_seeds()[0].read_bytes(), headers={**AUTH, **TEXT})
        assert r.status_code == 202, r.text
        wait_built(app)
        w = World(app, client, Path(settings.store_dir), ingest.sources_dir_of(settings))
        assert w.state()[0][1] > 0
        yield w


def seed_text() -> str:
    return small_seeds()[0].read_text(encoding="utf-8")


# ----------------------------------------------------------------- text inputs


@pytest.mark.parametrize("raw", [b"", b"   \n\t ", b"\xef\xbb\xbf", b"\xff\xfe"])
def test_empty_body(world: World, raw: bytes) -> None:
    detail = world.refused(422, "undecodable", content=raw, headers={**AUTH, **TEXT})
    assert "vacío" in detail["message"] or "empty" in detail["message"]


def test_truncated_utf16_after_bom(world: World) -> None:
    world.refused(422, "undecodable", content=b"\xfe\xff\x00", headers={**AUTH, **TEXT})


def test_binary_body(world: World) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + os.urandom(2048)
    world.refused(422, "undecodable", content=png, headers={**AUTH, **TEXT})


def test_utf16_without_bom(world: World) -> None:
    detail = world.refused(422, "undecodable", content=seed_text().encode("utf-16-le"), headers={**AUTH, **TEXT})
    assert "UTF-16" in detail["message"]


def test_latin1_declared_as_utf8(world: World) -> None:
    raw = seed_text().encode("latin-1", errors="replace")
    assert any(b > 0x7F for b in raw), "the seed must contain non-ASCII letters for this test"
    detail = world.refused(422, "undecodable", content=raw, headers={**AUTH, **TEXT})
    assert "UTF-8" in detail["message"]


def test_nfd_and_crlf_are_the_same_source_stored_nfc(world: World) -> None:
    text = seed_text()
    nfd = unicodedata.normalize("NFD", text)
    assert nfd != text
    first = world.client.get("/api/sources", headers=AUTH).json()["sources"][0]
    for variant, warn in ((nfd, "NFC"), (text.replace("\n", "\r\n"), None)):
        r = world.client.post("/api/sources", content=variant.encode("utf-8"), headers={**AUTH, **TEXT})
        assert r.status_code == 200, r.text  # same text after NFC + newline folding: nothing to rebuild
        out = r.json()
        assert out["source"]["id"] == first["id"] and out["queued"] is False
    stored = (world.sources_dir / f"{first['id']}.txt").read_text(encoding="utf-8")
    assert unicodedata.is_normalized("NFC", stored) and "\r" not in stored


def test_new_nfd_source_is_accepted_and_stored_nfc(world: World) -> None:
    other = small_seeds()[1].read_text(encoding="utf-8")
    nfd = unicodedata.normalize("NFD", other)
    r = world.client.post("/api/sources", content=nfd.replace("\n", "\r\n").encode("utf-8"),
                          headers={**AUTH, **TEXT})
    assert r.status_code == 202, r.text
    out = r.json()["source"]
    assert any("NFC" in w for w in out["warnings"])
    wait_built(world.app)
    listing = world.client.get(f"/api/sources/{out['id']}", headers=AUTH).json()
    assert listing["status"] == "ready", listing
    stored = (world.sources_dir / f"{out['id']}.txt").read_text(encoding="utf-8")
    assert stored == unicodedata.normalize("NFC", other)
    again = world.client.post("/api/sources", content=other.encode("utf-8"), headers={**AUTH, **TEXT})
    assert again.status_code == 200 and again.json()["source"]["id"] == out["id"]


def test_mojibake_is_accepted_and_reported(world: World) -> None:
    garbled = seed_text().encode("utf-8").decode("latin-1").encode("utf-8")
    r = world.client.post("/api/sources", content=garbled, headers={**AUTH, **TEXT})
    assert r.status_code == 202, r.text
    assert any("mojibake" in w for w in r.json()["source"]["warnings"])
    assert world.client.delete(f"/api/sources/{r.json()['source']['id']}", headers=AUTH).status_code == 202
    wait_built(world.app)


# ---------------------------------------------------------------- wrong types


@pytest.mark.parametrize("content_type", [
    "application/json", "application/octet-stream", "text/html", "application/x-www-form-urlencoded",
    "text/plain; charset=iso-8859-1", "image/png", "application/rdf+xml", "multipart/form-data",
])
def test_wrong_content_type_is_415(world: World, content_type: str) -> None:
    code = "charset_refused" if "charset" in content_type else "media_type_refused"
    world.refused(415, code, content=seed_text().encode("utf-8"), headers={**AUTH, "Content-Type": content_type})


def test_missing_content_type_is_415(world: World) -> None:
    world.refused(415, "media_type_refused", content=seed_text().encode("utf-8"),
                  headers={**AUTH, "Content-Type": ""})


def test_multipart_file_of_a_wrong_type_is_415(world: World) -> None:
    world.refused(415, "media_type_refused", files={"file": ("x.png", b"\x89PNG....", "image/png")}, headers=AUTH)


def test_multipart_with_two_files_or_extra_fields_is_400(world: World) -> None:
    body = seed_text().encode("utf-8")
    world.refused(400, "bad_multipart", headers=AUTH,
                  files=[("file", ("a.txt", body, "text/plain")), ("file", ("b.txt", body, "text/plain"))])
    world.refused(400, "bad_multipart", headers=AUTH, data={"other": "x"},
                  files={"file": ("a.txt", body, "text/plain")})
    world.refused(400, "bad_multipart", headers=AUTH, files={"document": ("a.txt", body, "text/plain")})


def test_multipart_txt_upload_without_a_type_is_read_by_its_name(world: World) -> None:
    r = world.client.post("/api/sources", headers=AUTH,
                          files={"file": ("fuente.txt", seed_text().encode("utf-8"), "application/octet-stream")})
    assert r.status_code == 200, r.text  # the seed is already there: same id, nothing queued
    assert r.json()["queued"] is False


# ---------------------------------------------------------------- size limits


FIFTY_MB = 50 * 1024 * 1024


def fifty_megabytes() -> bytes:
    chunk = seed_text().encode("utf-8")
    return (chunk * (FIFTY_MB // len(chunk) + 1))[:FIFTY_MB].rsplit(b"\n", 1)[0] + b"\n"


def test_fifty_megabytes_is_413_with_the_default_limit(world: World) -> None:
    raw = fifty_megabytes()
    limit = world.app.state.settings.ingest_max_bytes
    assert len(raw) > limit
    started = time.perf_counter()
    detail = world.refused(413, "too_large", content=raw, headers={**AUTH, **TEXT})
    assert "CABILDO_INGEST_MAX_BYTES" in detail["message"]

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted while streaming
        for i in range(0, len(raw), 1 << 20):
            yield raw[i : i + (1 << 20)]

    world.refused(413, "too_large", content=chunks(), headers={**AUTH, **TEXT})
    record("50 MB upload with default limit", f"413 in {time.perf_counter() - started:.2f} s "
                                               f"(limit {limit:,} bytes)")


def test_fifty_megabytes_is_accepted_within_a_raised_limit(tmp_path: Path) -> None:
    settings = ingest_settings(tmp_path, ingest_max_bytes=64 * 1024 * 1024)
    raw = fifty_megabytes()
    app = make_app(settings)
    with TestClient(app) as client:
        started = time.perf_counter()
        r = client.post("/api/sources", content=raw, headers={**AUTH, **TEXT})
        took = time.perf_counter() - started
        assert r.status_code == 202, r.text[:300]
        out = r.json()["source"]
        stored = ingest.sources_dir_of(settings) / f"{out['id']}.txt"
        assert stored.stat().st_size == len(raw) == out["size"]
        # A 50 MB rebuild takes minutes: stop it here; the app's shutdown kills the build child.
    assert store_fingerprint(Path(settings.store_dir))[0] is None, "a killed build must not be activated"
    record("50 MB upload with limit 64 MiB", f"202 accepted and stored in {took:.2f} s")


# ------------------------------------------------------------------ XML attacks


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><act><body><p>&lol9;</p></body></act></akomaNtoso>
"""


def xxe(system_id: str) -> bytes:
    return (f'<?xml version="1.0"?>\n<!DOCTYPE akomaNtoso [ <!ENTITY secreto SYSTEM "{system_id}"> ]>\n'
            '<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><act><body>'
            '<article><num>1</num><content><p>&secreto;</p></content></article></body></act></akomaNtoso>'
            ).encode("utf-8")


class ParserSpy:
    """Counts every document handed to lxml by the ingestion module."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls = 0
        real = ingest.etree.fromstring

        def spy(*args: Any, **kwargs: Any) -> Any:
            self.calls += 1
            return real(*args, **kwargs)

        monkeypatch.setattr(ingest.etree, "fromstring", spy)


def test_billion_laughs_is_refused_before_parsing(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    spy = ParserSpy(monkeypatch)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    for content_type in ("application/akn+xml", "application/xml"):
        world.refused(422, "dtd_refused", content=BILLION_LAUGHS, headers={**AUTH, "Content-Type": content_type})
    world.refused(422, "dtd_refused", headers=AUTH, files={"file": ("ley.xml", BILLION_LAUGHS, "application/xml")})
    took = time.perf_counter() - started
    grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before) // 1024
    assert spy.calls == 0, "the XML parser must never see a document with a DTD"
    assert took < 5 and grown < 50
    record("billion laughs", f"refused 3x in {took * 1000:.0f} ms, parser calls {spy.calls}, "
                             f"max RSS growth {grown} MiB")


def test_external_entity_file_is_refused_and_never_opened(world: World, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """The entity points at a FIFO: opening it for reading would be seen by the writer thread."""
    spy = ParserSpy(monkeypatch)
    fifo = tmp_path / "secreto"
    os.mkfifo(fifo)
    opened = threading.Event()

    def writer() -> None:
        fd = os.open(fifo, os.O_WRONLY)  # blocks until somebody opens the FIFO for reading
        opened.set()
        os.close(fd)

    t = threading.Thread(target=writer, daemon=True)
    t.start()
    secret = tmp_path / "secret.txt"
    marker = "MARCADOR-" + os.urandom(6).hex()
    secret.write_text(marker, encoding="utf-8")
    for target in (fifo.as_uri(), secret.as_uri(), str(secret)):
        world.refused(422, "dtd_refused", content=xxe(target), headers={**AUTH, "Content-Type": "application/akn+xml"})
    time.sleep(0.2)
    assert not opened.is_set(), "something opened the entity's file"
    assert spy.calls == 0
    assert all(marker not in p.read_text(encoding="utf-8", errors="replace")
               for p in world.sources_dir.glob("*.txt"))
    os.close(os.open(fifo, os.O_RDONLY | os.O_NONBLOCK))  # release the writer thread
    t.join(2)


def test_external_entity_url_makes_no_request(world: World) -> None:
    hits = []
    import socket

    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(4)
    srv.settimeout(0.05)
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = srv.accept()
            except OSError:
                continue
            hits.append(1)
            conn.close()

    t = threading.Thread(target=accept, daemon=True)
    t.start()
    try:
        url = f"http://127.0.0.1:{srv.getsockname()[1]}/secreto"
        world.refused(422, "dtd_refused", content=xxe(url), headers={**AUTH, "Content-Type": "application/xml"})
        time.sleep(0.3)
    finally:
        stop.set()
        t.join(2)
        srv.close()
    assert hits == []


@pytest.mark.parametrize("raw,code", [
    (b'<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><act><body><p>&x;</p></body></act>'
     b"</akomaNtoso>", "xml_invalid"),
    (b"<a>" * 300 + b"texto" + b"</a>" * 300, "xml_invalid"),
    (b"<html><body><p>hola</p></body></html>", "not_akn"),
    (b'<?xml version="1.0" encoding="ISO-8859-1"?><akomaNtoso/>', "xml_not_utf8"),
    ('<akomaNtoso/>'.encode("utf-16"), "xml_not_utf8"),
    (b"<akomaNtoso><act><body><p>sin cerrar</body></act>", "xml_invalid"),
    (b'<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><act><meta/></act></akomaNtoso>',
     "akn_empty"),
])
def test_bad_xml_is_422(world: World, raw: bytes, code: str) -> None:
    world.refused(422, code, content=raw, headers={**AUTH, "Content-Type": "application/akn+xml"})
