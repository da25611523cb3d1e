"""Values exchanged between the endpoint, the guard and its worker processes.

Errors carry a stable ``code``; the HTTP status for each code is decided here,
once, so the endpoint, the worker and the docs agree.  Everything is plain
data so it pickles across the process boundary.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ErrorKind:
    """One way a request can fail, with the HTTP status it maps to."""

    code: str
    status: int
    title: str


#: Every error the public endpoint can return.  Update attempts get 400 (not
#: 405: the method is fine, the operation is not offered); the row cap gets 422
#: (the client can add LIMIT); the memory cap gets 507.
ERROR_KINDS: dict[str, ErrorKind] = {
    k.code: k
    for k in (
        ErrorKind("bad_request", 400, "Bad protocol request"),
        ErrorKind("malformed_query", 400, "Malformed query"),
        ErrorKind("update_refused", 400, "SPARQL Update is not accepted: this endpoint is read-only"),
        ErrorKind("service_refused", 400, "SERVICE (federated query) is not allowed"),
        ErrorKind("query_too_complex", 400, "Query is too deeply nested"),
        ErrorKind("query_failed", 400, "The store could not evaluate the query"),
        ErrorKind("method_not_allowed", 405, "Method not allowed"),
        ErrorKind("not_acceptable", 406, "No acceptable result format"),
        ErrorKind("query_too_long", 413, "Query is too long"),
        ErrorKind("unsupported_media_type", 415, "Unsupported request media type"),
        ErrorKind("result_too_large", 422, "Result exceeds the row limit"),
        ErrorKind("worker_crashed", 500, "Query worker crashed"),
        ErrorKind("time_limit", 503, "Query exceeded the time limit"),
        ErrorKind("overloaded", 503, "All query workers are busy"),
        ErrorKind("store_unavailable", 503, "Store unavailable"),
        ErrorKind("memory_limit", 507, "Query exceeded the memory limit"),
        ErrorKind("client_gone", 499, "Client disconnected"),
    )
}


class GuardError(Exception):
    """A refused or failed query; ``code`` is a key of :data:`ERROR_KINDS`."""

    def __init__(self, code: str, detail: str) -> None:
        if code not in ERROR_KINDS:
            raise ValueError(f"unknown error code {code!r}")
        super().__init__(code, detail)
        self.code = code
        self.detail = detail

    @property
    def kind(self) -> ErrorKind:
        return ERROR_KINDS[self.code]

    @property
    def status(self) -> int:
        return ERROR_KINDS[self.code].status

    def __str__(self) -> str:
        return f"{self.code}: {self.detail}"


@dataclass(frozen=True)
class QueryJob:
    """One public query as the protocol layer understood it."""

    query: str
    accept: str | None = None
    default_graphs: tuple[str, ...] | None = None
    named_graphs: tuple[str, ...] | None = None


@dataclass(frozen=True)
class QueryOutcome:
    """A complete, serialized result (never partial)."""

    body: bytes
    content_type: str
    form: str  # SELECT | ASK | CONSTRUCT | DESCRIBE
    rows: int  # solutions or triples; 1 for ASK
    generation: str
    elapsed_s: float
