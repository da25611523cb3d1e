"""The public, read-only SPARQL 1.1 Protocol endpoint at ``/sparql``.

Mounting (in the app factory)::

    from query_api.sparql import router as sparql_router, sparql_lifespan

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        async with sparql_lifespan(app, settings):   # starts the worker pool
            yield

    app = FastAPI(lifespan=lifespan)
    app.include_router(sparql_router)

The store is not used in this process: queries run in the worker processes of
a :class:`~query_api.guard.QueryGuard`, each of which opens the store from the
settings (``query_api.store.open_store``).  The dependency that provides it is
:func:`get_query_guard`, which reads ``app.state.query_guard`` (override it
with ``app.dependency_overrides`` if needed).

Protocol summary:

* ``GET ?query=``, ``POST`` form (``query=``), ``POST`` direct
  (``application/sparql-query``; UTF-8 only); repeatable ``default-graph-uri``
  and ``named-graph-uri`` override FROM / FROM NAMED.  ``GET`` with no query
  returns the SPARQL 1.1 Service Description (Turtle by default).
* Accept with q-values: SELECT/ASK -> SPARQL JSON (default), XML, CSV, TSV
  (SELECT only); CONSTRUCT/DESCRIBE -> Turtle (default), N-Triples, RDF/XML,
  JSON-LD.
* Errors are ``application/problem+json`` with a ``code``:
  400 malformed query (line/column), protocol errors, **update attempts**
  (``update=``, ``application/sparql-update`` or update text as a query: always
  400 ``update_refused``, never executed), SERVICE (``service_refused``);
  405 other methods; 406 no acceptable format; 413 query longer than
  ``max_query_bytes``; 415 wrong POST media type or charset; 422 result over
  ``max_result_rows`` (never a truncated 200); 503 time limit / all workers
  busy / no store; 507 memory cap.
* CORS: ``Access-Control-Allow-Origin: *`` without credentials on GET and
  POST answers (both only read), so browser tools like YASGUI work; nothing
  here writes, and update forms are refused before any evaluation.
"""

from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager
from typing import AsyncIterator, Sequence
from urllib.parse import parse_qsl

import pyoxigraph as ox
from fastapi import APIRouter, Depends, FastAPI, HTTPException, Request
from fastapi.responses import JSONResponse, Response

from query_api.guard import ERROR_KINDS, GuardError, QueryGuard, QueryJob, QueryOutcome
from query_api.guard.formats import OFFERS, negotiate
from query_api.settings import Settings

router = APIRouter(tags=["sparql"])

PATH = "/sparql"
FORM = "application/x-www-form-urlencoded"
DIRECT = "application/sparql-query"
UPDATE = "application/sparql-update"
#: Parameters that only make sense for SPARQL Update; their presence is an update attempt.
UPDATE_PARAMS = ("update", "using-graph-uri", "using-named-graph-uri")

CORS_HEADERS = {"Access-Control-Allow-Origin": "*"}
SD = "http://www.w3.org/ns/sparql-service-description#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDFS_COMMENT = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#comment")


@asynccontextmanager
async def sparql_lifespan(app: FastAPI, settings: Settings) -> AsyncIterator[QueryGuard]:
    """Start the query worker pool for ``app`` and stop it on shutdown."""
    guard = QueryGuard(settings)
    await asyncio.to_thread(guard.start)
    app.state.query_guard = guard
    try:
        yield guard
    finally:
        guard.close()


def get_query_guard(request: Request) -> QueryGuard:
    """Dependency: the app's QueryGuard (set by :func:`sparql_lifespan`)."""
    guard = getattr(request.app.state, "query_guard", None)
    if not isinstance(guard, QueryGuard):
        raise HTTPException(status_code=503, detail="the SPARQL service is not started")
    return guard


# ------------------------------------------------------------------ handlers


@router.get(PATH, summary="SPARQL 1.1 query (GET) or service description")
async def sparql_get(request: Request, guard: QueryGuard = Depends(get_query_guard)) -> Response:
    try:
        params = _parse_params(request.url.query)
        _refuse_update_params(params)
        queries = _values(params, "query")
        if not queries:
            return _service_description(request, guard.settings)
        return await _answer(request, guard, _single_query(queries), params)
    except GuardError as exc:
        return problem(exc)


@router.post(PATH, summary="SPARQL 1.1 query (POST form or direct)")
async def sparql_post(request: Request, guard: QueryGuard = Depends(get_query_guard)) -> Response:
    try:
        media, charset = _content_type(request.headers.get("content-type"))
        url_params = _parse_params(request.url.query)
        _refuse_update_params(url_params)
        max_bytes = guard.settings.max_query_bytes
        if media == UPDATE:
            raise GuardError("update_refused", "SPARQL Update is not accepted at this endpoint")
        if media == FORM:
            body = await _read_body(request, 3 * max_bytes + 8192)
            params = url_params + _parse_params(_decode(body, "form body"))
            _refuse_update_params(params)
            query = _single_query(_values(params, "query"))
            return await _answer(request, guard, query, params)
        if media == DIRECT:
            if charset not in (None, "utf-8", "utf8"):
                raise GuardError("unsupported_media_type",
                                 f"queries must be UTF-8, not {charset}")
            if _values(url_params, "query"):
                raise GuardError("bad_request", "a direct POST must not also carry ?query=")
            body = await _read_body(request, max_bytes)
            return await _answer(request, guard, _decode(body, "query"), url_params)
        raise GuardError("unsupported_media_type",
                         f"POST needs Content-Type {FORM} or {DIRECT}, not {media or 'none'}")
    except GuardError as exc:
        return problem(exc)


@router.options(PATH, include_in_schema=False)
async def sparql_options() -> Response:
    """CORS pre-flight: reads only, no credentials."""
    return Response(status_code=204, headers={
        **CORS_HEADERS,
        "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
        "Access-Control-Allow-Headers": "Accept, Content-Type",
        "Access-Control-Max-Age": "86400",
        "Allow": "GET, POST, OPTIONS",
    })


@router.api_route(PATH, methods=["PUT", "DELETE", "PATCH"], include_in_schema=False)
async def sparql_other_methods(request: Request) -> Response:
    """The query operation is GET or POST only (a 4xx is what the protocol tests expect)."""
    resp = problem(GuardError("method_not_allowed",
                              f"{request.method} is not supported; use GET or POST"))
    resp.headers["Allow"] = "GET, POST, OPTIONS"
    return resp


# ------------------------------------------------------------------ pieces


async def _answer(request: Request, guard: QueryGuard, query: str,
                  params: Sequence[tuple[str, str]]) -> Response:
    if not query.strip():
        raise GuardError("bad_request", "the query is empty")
    size = len(query.encode("utf-8"))
    if size > guard.settings.max_query_bytes:
        raise GuardError("query_too_long", f"the query has {size} bytes; the limit is "
                         f"{guard.settings.max_query_bytes}")
    default = _graph_iris(_values(params, "default-graph-uri"))
    named = _graph_iris(_values(params, "named-graph-uri"))
    dataset_given = bool(default or named)
    job = QueryJob(query=query, accept=request.headers.get("accept"),
                   default_graphs=tuple(default) if dataset_given else None,
                   named_graphs=tuple(named) if dataset_given else None)
    outcome = await guard.aexecute(job, request.is_disconnected)
    return _result_response(outcome)


def _result_response(outcome: QueryOutcome) -> Response:
    return Response(content=outcome.body, headers={
        "Content-Type": outcome.content_type,
        "Vary": "Accept",
        "Cabildo-Store-Generation": outcome.generation,
        **CORS_HEADERS,
    })


def problem(exc: GuardError) -> Response:
    """RFC 9457 problem document for a GuardError."""
    kind = exc.kind
    resp = _problem_response(kind.status, kind.code, kind.title, exc.detail)
    if kind.code == "overloaded":
        resp.headers["Retry-After"] = "2"
    return resp


def _problem_response(status: int, code: str, title: str, detail: str) -> Response:
    return JSONResponse(
        {"type": "about:blank", "title": title, "status": status, "detail": detail, "code": code},
        status_code=status, media_type="application/problem+json", headers=dict(CORS_HEADERS))


def _parse_params(raw: str) -> list[tuple[str, str]]:
    try:
        return parse_qsl(raw, keep_blank_values=True, encoding="utf-8", errors="strict",
                         max_num_fields=1000)
    except (UnicodeDecodeError, ValueError) as exc:
        raise GuardError("bad_request", f"unreadable parameters: {exc}") from None


def _values(params: Sequence[tuple[str, str]], name: str) -> list[str]:
    return [v for k, v in params if k == name]


def _single_query(queries: list[str]) -> str:
    if len(queries) != 1:
        raise GuardError("bad_request", "exactly one 'query' parameter is required, "
                         f"got {len(queries)}")
    return queries[0]


def _refuse_update_params(params: Sequence[tuple[str, str]]) -> None:
    for name, _ in params:
        if name in UPDATE_PARAMS:
            raise GuardError("update_refused",
                             f"'{name}' is a SPARQL Update parameter; this endpoint is read-only")


def _graph_iris(values: list[str]) -> list[str]:
    for iri in values:
        try:
            ox.NamedNode(iri)
        except ValueError as exc:
            raise GuardError("bad_request", f"invalid graph IRI {iri!r}: {exc}") from None
    return values


def _content_type(header: str | None) -> tuple[str, str | None]:
    """(media type, charset) of a Content-Type header, lower-cased."""
    if not header:
        return "", None
    media, *params = [p.strip() for p in header.split(";")]
    charset = None
    for p in params:
        name, _, value = p.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip('"').lower()
    return media.lower(), charset


async def _read_body(request: Request, limit: int) -> bytes:
    """Read at most ``limit`` bytes; 413 as soon as the body is known to be longer."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise GuardError("query_too_long", f"request body over {limit} bytes")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise GuardError("query_too_long", f"request body over {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _decode(body: bytes, what: str) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise GuardError("bad_request", f"the {what} is not valid UTF-8: {exc}") from None


def _service_description(request: Request, settings: Settings) -> Response:
    """SPARQL 1.1 Service Description of this endpoint, built as triples (no string templating)."""
    fmt = negotiate(request.headers.get("accept"), OFFERS["CONSTRUCT"])
    if fmt is None or fmt.rdf is None:
        raise GuardError("not_acceptable", "the service description is available as "
                         "text/turtle, application/n-triples, application/rdf+xml, "
                         "application/ld+json")
    try:
        endpoint = ox.NamedNode(str(request.url.replace(query="", fragment="")))
    except ValueError:
        raise GuardError("bad_request", "the request URL is not a valid IRI") from None
    service = ox.BlankNode()

    def sd(local: str) -> ox.NamedNode:
        return ox.NamedNode(SD + local)

    triples = [
        ox.Triple(service, RDF_TYPE, sd("Service")),
        ox.Triple(service, sd("endpoint"), endpoint),
        ox.Triple(service, sd("supportedLanguage"), sd("SPARQL11Query")),
        ox.Triple(service, sd("defaultEntailmentRegime"),
                  ox.NamedNode("http://www.w3.org/ns/entailment/Simple")),
        ox.Triple(service, RDFS_COMMENT, ox.Literal(
            "Read-only SPARQL 1.1 query endpoint; SPARQL Update and SERVICE are refused. "
            f"Limits: {settings.query_timeout_s:g} s per query, {settings.max_result_rows} "
            f"result rows, {settings.max_query_bytes} bytes of query text.", language="en")),
    ]
    iris = {f.results.iri for offers in OFFERS.values() for _, f in offers if f.results}
    iris |= {f.rdf.iri for offers in OFFERS.values() for _, f in offers if f.rdf}
    triples += [ox.Triple(service, sd("resultFormat"), ox.NamedNode(i)) for i in sorted(iris)]
    return Response(content=ox.serialize(triples, format=fmt.rdf),
                    headers={"Content-Type": fmt.content_type, "Vary": "Accept",
                             **CORS_HEADERS})


__all__ = ["router", "sparql_lifespan", "get_query_guard", "problem", "ERROR_KINDS"]
