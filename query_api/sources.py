"""``/api/sources``: authenticated writers add and remove the texts the store is built from.

Mount with ``app.include_router(sources.router)`` after ``create_app``: the
router's lifespan starts the :class:`~query_api.ingest.IngestManager` (one
background builder) from ``app.state.settings`` and stops it on shutdown.

Every call needs ``Authorization: Bearer <CABILDO_INGEST_TOKEN>``; without a
configured token ingestion is off (403, saying why).  The checks run in this
order, each before the body is read further: token (401/403), Content-Type
(415), Content-Length against ``ingest_max_bytes`` (413), the streamed byte
count (413), then decoding and XML checks (422).  Errors are JSON
``{"detail": {"code": ..., "message": ...}}`` (FastAPI's ``detail`` envelope).
"""

from __future__ import annotations

import hashlib
import hmac
import threading
from contextlib import asynccontextmanager
from typing import Annotated, AsyncGenerator, AsyncIterator

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartException, MultiPartParser

from query_api.ingest import (MIN_TOKEN_CHARS, SUFFIX_KIND, BuildRecord, IngestError, IngestManager, SourceRecord,
                              media_kind, parse_media_type, prepare_upload)
from query_api.settings import Settings, env_name

META_FIELDS = ("jurisdiction", "country", "locality", "issuing_body", "title")
#: Multipart limits: one file, a few short fields (Starlette's defaults are 1000/1000/1 MiB).
MAX_FORM_FIELDS = 8
MAX_FIELD_BYTES = 4096
#: Uploads read and checked at the same time, per process.  Each may hold a few
#: copies of an ``ingest_max_bytes`` body (bytes, str, NFC), so this bounds memory;
#: one more gets 503 with Retry-After instead of waiting.
MAX_CONCURRENT_UPLOADS = 2
_uploads = threading.BoundedSemaphore(MAX_CONCURRENT_UPLOADS)


@asynccontextmanager
async def ingest_lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Start the background builder for this app; kill a running build on shutdown."""
    settings: Settings = app.state.settings
    manager = await run_in_threadpool(IngestManager, settings)
    app.state.ingest = manager
    try:
        yield
    finally:
        await run_in_threadpool(manager.close)


router = APIRouter(prefix="/api/sources", tags=["sources"], lifespan=ingest_lifespan)


class SourceOut(BaseModel):
    id: str
    sha256: str
    raw_sha256: str
    size: int
    media_type: str
    filename: str | None
    meta: dict[str, str]
    status: str
    error: str | None
    warnings: list[str]
    added: str
    generation: str | None


class BuildOut(BaseModel):
    state: str
    phase: str | None
    generation: str | None
    triples: int | None
    seconds: float | None
    finished: str | None
    error: str | None
    builds: int
    failures: int


class SourcesOut(BaseModel):
    generation: str | None
    build: BuildOut
    sources: list[SourceOut]


class AddedOut(BaseModel):
    source: SourceOut
    queued: bool
    generation: str | None


def _out(r: SourceRecord) -> SourceOut:
    return SourceOut(**r.__dict__)


def _build_out(b: BuildRecord, phase: str | None) -> BuildOut:
    return BuildOut(phase=phase, **b.__dict__)


def _problem(status: int, code: str, detail: str, headers: dict[str, str] | None = None) -> HTTPException:
    return HTTPException(status_code=status, detail={"code": code, "message": detail}, headers=headers)


def require_writer(request: Request) -> IngestManager:
    """The bearer token check (constant time); returns the manager of this app."""
    settings: Settings = request.app.state.settings
    token = settings.ingest_token
    if not token:
        raise _problem(403, "ingestion_disabled",
                       f"la ingesta está desactivada: no hay token configurado ({env_name('ingest_token')})")
    if len(token) < MIN_TOKEN_CHARS:
        raise _problem(403, "ingestion_disabled",
                       f"la ingesta está desactivada: {env_name('ingest_token')} tiene menos de "
                       f"{MIN_TOKEN_CHARS} caracteres")
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    # Compare digests: equal length, so the comparison time says nothing about the token.
    ok = hmac.compare_digest(hashlib.sha256(given.strip().encode("utf-8", "replace")).digest(),
                             hashlib.sha256(token.encode("utf-8")).digest())
    if scheme.lower() != "bearer" or not ok:
        raise _problem(401, "unauthorized", "falta un token válido (Authorization: Bearer …)",
                       headers={"WWW-Authenticate": 'Bearer realm="cabildo-ingest"'})
    if settings.remote_query_url:
        raise _problem(501, "remote_store", "la ingesta escribe el almacén embebido; con "
                       f"{env_name('remote_query_url')} el almacén remoto se carga con sus propias herramientas")
    manager: IngestManager | None = getattr(request.app.state, "ingest", None)
    if manager is None:
        raise _problem(503, "ingestion_not_started", "el servicio de ingesta no está iniciado")
    return manager


Writer = Annotated[IngestManager, Depends(require_writer)]


async def _limited(request: Request, limit: int) -> AsyncGenerator[bytes, None]:
    """The request body, stopped with 413 as soon as it exceeds ``limit`` bytes."""
    seen = 0
    async for chunk in request.stream():
        seen += len(chunk)
        if seen > limit:
            raise IngestError(413, "too_large", f"el cuerpo supera el límite de {limit:,} bytes "
                                                f"({env_name('ingest_max_bytes')})")
        yield chunk


async def _read_upload(request: Request, kind: str, limit: int) -> tuple[bytes, str, str | None]:
    """(raw bytes, kind, file name) of a direct body or of the one multipart file."""
    if kind != "multipart":
        body = bytearray()
        async for chunk in _limited(request, limit):
            body += chunk
        return bytes(body), kind, None
    parser = MultiPartParser(request.headers, _limited(request, limit), max_files=1,
                             max_fields=MAX_FORM_FIELDS, max_part_size=MAX_FIELD_BYTES)
    try:
        form = await parser.parse()
    except MultiPartException as exc:
        raise IngestError(400, "bad_multipart", f"formulario multipart no válido: {exc.message}") from exc
    try:
        unknown = sorted(set(form.keys()) - {"file"})
        if unknown:
            raise IngestError(400, "bad_multipart", f"campos no admitidos: {', '.join(unknown)} "
                                                    "(solo 'file'; los metadatos van en la URL)")
        upload = form.get("file")
        if not isinstance(upload, UploadFile):
            raise IngestError(400, "bad_multipart", "falta el archivo en el campo 'file'")
        part_kind = _part_kind(upload)
        raw = await upload.read()
        return raw, part_kind, upload.filename
    finally:
        await form.close()


def _part_kind(upload: UploadFile) -> str:
    """What a multipart file is: its declared type, or its name's ending when untyped."""
    media, _ = parse_media_type(upload.content_type or "")
    if media in ("", "application/octet-stream"):
        suffix = "." + (upload.filename or "").rsplit(".", 1)[-1].lower() if "." in (upload.filename or "") else ""
        if suffix in SUFFIX_KIND:
            return SUFFIX_KIND[suffix]
    kind = media_kind(upload.content_type)
    if kind == "multipart":
        raise IngestError(415, "media_type_refused", "un archivo multipart no puede ser multipart")
    return kind


@router.post("", status_code=202, response_model=AddedOut,
             summary="Añadir una fuente (texto UTF-8 o Akoma Ntoso) y reconstruir",
             responses={200: {"description": "ya estaba (mismos bytes y metadatos): nada cambia"},
                        401: {}, 403: {}, 413: {}, 415: {}, 422: {}})
async def add_source(
    request: Request, manager: Writer,
    jurisdiction: str | None = Query(None, pattern=r"^[a-z]{2}(-[a-z0-9-]{1,60})?$", examples=["ve-heres"]),
    country: str | None = Query(None, pattern=r"^[a-z]{2}$"),
    locality: str | None = Query(None, max_length=200),
    issuing_body: str | None = Query(None, max_length=300),
    title: str | None = Query(None, max_length=500),
) -> JSONResponse:
    limit = manager.settings.ingest_max_bytes
    try:
        kind = media_kind(request.headers.get("content-type"))
        declared = request.headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            raise IngestError(413, "too_large", f"Content-Length {int(declared):,} supera el límite de "
                                                f"{limit:,} bytes ({env_name('ingest_max_bytes')})")
        if not _uploads.acquire(blocking=False):
            raise IngestError(503, "busy", f"ya hay {MAX_CONCURRENT_UPLOADS} cargas en curso; reintente")
        try:
            raw, kind, filename = await _read_upload(request, kind, limit)
            prepared = await run_in_threadpool(prepare_upload, raw, kind, max_bytes=limit)
        finally:
            _uploads.release()
    except IngestError as exc:
        headers = {"Retry-After": "5"} if exc.status == 503 else None
        return JSONResponse({"detail": {"code": exc.code, "message": exc.message}}, status_code=exc.status,
                            headers=headers)
    meta = {k: v for k, v in zip(META_FIELDS, (jurisdiction, country, locality, issuing_body, title)) if v}
    record, queued = await run_in_threadpool(manager.add, prepared, filename=filename, meta=meta)
    _, _, generation = await run_in_threadpool(manager.snapshot)
    out = AddedOut(source=_out(record), queued=queued, generation=generation)
    return JSONResponse(out.model_dump(), status_code=202 if queued else 200,
                        headers={"Location": f"/api/sources/{record.id}"})


@router.get("", response_model=SourcesOut, summary="Fuentes, su hash y estado, y la generación servida")
def list_sources(manager: Writer) -> SourcesOut:
    records, build, generation = manager.snapshot()
    return SourcesOut(generation=generation, build=_build_out(build, manager.phase),
                      sources=[_out(r) for r in records])


@router.get("/{source_id}", response_model=SourceOut, summary="Estado de una fuente")
def get_source(source_id: str, manager: Writer) -> SourceOut:
    record = manager.get(source_id)
    if record is None:
        raise _problem(404, "not_found", f"fuente desconocida: {source_id}")
    return _out(record)


@router.delete("/{source_id}", status_code=202, response_model=SourceOut,
               summary="Quitar una fuente y reconstruir sin ella")
def delete_source(source_id: str, manager: Writer) -> SourceOut:
    record = manager.remove(source_id)
    if record is None:
        raise _problem(404, "not_found", f"fuente desconocida: {source_id}")
    record.status = "deleted"
    return _out(record)
