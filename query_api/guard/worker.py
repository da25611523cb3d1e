"""Body of a query worker process: check, run and serialize one query at a time.

Runs in a process started with the 'spawn' method so it shares nothing with
the server.  Its address space is capped with RLIMIT_AS, so a runaway
ORDER BY or CONSTRUCT dies here (allocation failure aborts the process)
instead of taking the API down; the parent enforces the wall-clock limit by
killing the whole process.
"""

from __future__ import annotations

import os
import resource
import signal
import sys
import threading
import time
from multiprocessing.connection import Connection
from typing import Any

from query_api.guard.formats import OFFERS, acceptable_types, negotiate, serialize_result
from query_api.guard.model import GuardError, QueryJob
from query_api.guard.policy import inspect_query
from query_api.settings import Settings
from query_api.store import Store, StoreQueryError, StoreUnavailable, open_store

#: Python frames allowed for the policy parser; deeper queries get 400.
RECURSION_LIMIT = 20000


def worker_main(conn: Connection, settings: Settings) -> None:
    """Serve jobs from ``conn`` until it closes; every reply is a dict."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    limit = settings.query_memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    sys.setrecursionlimit(RECURSION_LIMIT)
    _watch_parent()
    store = open_store(settings)
    try:
        store.generation()  # open now: a store that cannot open fails at start, not mid-query
    except StoreUnavailable:
        pass  # nothing built yet; each query will report it until a build appears
    inspect_query("ASK { ?s ?p ?o }")  # warm the parser so the first query is not slower
    conn.send({"status": "ready", "pid": os.getpid()})
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            break
        if job is None:
            break
        reply = run_job(job, store, settings)
        try:
            conn.send(reply)
        except (BrokenPipeError, OSError):
            break
        if reply.get("retire"):
            break
    store.close()


def run_job(job: QueryJob, store: Store, settings: Settings) -> dict[str, Any]:
    """Check, execute and serialize; errors become ``{"status": "error", ...}``."""
    started = time.monotonic()
    try:
        form = inspect_query(job.query)
        fmt = negotiate(job.accept, OFFERS[form])
        if fmt is None:
            raise GuardError("not_acceptable", f"{form} results are available as "
                             + ", ".join(acceptable_types(form)))
        generation = store.generation()
        result = store.query(job.query, default_graph=job.default_graphs,
                             named_graphs=job.named_graphs)
        body, rows = serialize_result(result, fmt, settings.max_result_rows)
    except GuardError as exc:
        return {"status": "error", "code": exc.code, "detail": exc.detail}
    except SyntaxError as exc:  # pyoxigraph's parser disagreed with the policy parser
        return {"status": "error", "code": "malformed_query", "detail": str(exc).splitlines()[0]}
    except StoreUnavailable as exc:
        return {"status": "error", "code": "store_unavailable", "detail": str(exc)}
    except (StoreQueryError, ValueError) as exc:
        return {"status": "error", "code": "query_failed", "detail": str(exc)[:1000]}
    except MemoryError:
        return {"status": "error", "code": "memory_limit", "retire": True,
                "detail": f"the query needed more than {settings.query_memory_mb} MiB"}
    except RecursionError:
        return {"status": "error", "code": "query_too_complex",
                "detail": "the query is nested too deeply"}
    except OSError as exc:
        return {"status": "error", "code": "store_unavailable", "detail": str(exc)[:500]}
    return {"status": "ok", "body": body, "content_type": fmt.content_type, "form": form,
            "rows": rows, "generation": generation, "elapsed_s": time.monotonic() - started}


def _watch_parent() -> None:
    """Exit when the parent dies, so orphaned workers never keep a core busy."""
    parent = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(1.0)
            if os.getppid() != parent:
                os._exit(0)

    threading.stack_size(256 * 1024)
    threading.Thread(target=watch, name="parent-watch", daemon=True).start()
    threading.stack_size(0)
