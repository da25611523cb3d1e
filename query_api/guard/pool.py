"""Parent side of the guard: a small pool of killable query worker processes.

Why processes: pyoxigraph has no query timeout or cancellation in Python and
some queries (ORDER BY over a cross product) ignore server timeouts anyway;
only killing the process is certain.  A killed or crashed worker is replaced
in the background, so the other workers keep answering meanwhile.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import queue
import signal
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any, Awaitable, Callable

from query_api.guard.model import GuardError, QueryJob, QueryOutcome
from query_api.guard.worker import worker_main
from query_api.settings import Settings

#: Seconds a new worker may take to import, open the store and say "ready".
STARTUP_TIMEOUT_S = 60.0
#: glibc malloc arenas in a worker.  Each arena reserves 64 MiB of address space,
#: which RLIMIT_AS counts: with the default (8 x cores) an idle worker already
#: "uses" ~470 MiB; with 2 it uses ~210 MiB, leaving the cap for queries.
WORKER_MALLOC_ARENAS = "2"
_ENV_LOCK = threading.Lock()
#: How often a waiting request checks for cancellation (client gone).
CANCEL_POLL_S = 0.05


@dataclass(eq=False)
class _Worker:
    proc: BaseProcess
    conn: Connection


@dataclass
class GuardStats:
    """Counters for monitoring and tests."""

    served: int = 0
    errors: int = 0
    timeouts: int = 0
    crashes: int = 0
    respawns: int = 0
    last_kill_s: float | None = None  # seconds from deadline to worker reaped


class QueryGuard:
    """Runs public queries in ``settings.workers`` capped processes.

    ``execute`` (blocking) and ``aexecute`` (async) return a complete
    :class:`QueryOutcome` or raise :class:`GuardError`.
    """

    def __init__(self, settings: Settings, *, max_waiting: int = 32) -> None:
        self.settings = settings
        self.stats = GuardStats()
        self._ctx = multiprocessing.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._lock = threading.Lock()
        self._waiting = 0
        self._max_waiting = max_waiting
        self._closed = False
        self._all: set[_Worker] = set()
        self._executor = ThreadPoolExecutor(max_workers=settings.workers + max_waiting,
                                            thread_name_prefix="query-guard")

    # ---------------------------------------------------------------- lifecycle

    def start(self) -> QueryGuard:
        """Start all workers in parallel; raise if any cannot start (bad settings).

        Start-up failures are not retried here, so impossible settings (a memory
        cap below what a worker needs to open the store) fail loudly.
        """
        errors: list[BaseException] = []

        def one() -> None:
            try:
                worker = self._spawn()
            except (RuntimeError, OSError) as exc:
                errors.append(exc)
                return
            with self._lock:
                self._all.add(worker)
            self._idle.put(worker)

        threads = [threading.Thread(target=one, daemon=True) for _ in range(self.settings.workers)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        if errors:
            self.close()
            raise RuntimeError(f"query workers failed to start: {errors[0]}")
        return self

    def close(self) -> None:
        """Stop all workers (kill: queries in flight are abandoned)."""
        with self._lock:
            self._closed = True
            workers = list(self._all)
        for w in workers:
            self._reap(w)
        self._executor.shutdown(wait=False, cancel_futures=True)

    def __enter__(self) -> QueryGuard:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()

    def worker_pids(self) -> list[int]:
        with self._lock:
            return sorted(w.proc.pid for w in self._all if w.proc.pid is not None)

    def _spawn(self) -> _Worker:
        parent_conn, child_conn = self._ctx.Pipe(duplex=True)
        proc = self._ctx.Process(target=worker_main, args=(child_conn, self.settings),
                                 name="cabildo-query-worker", daemon=True)
        with _ENV_LOCK:  # the child inherits the environment at exec time
            previous = os.environ.get("MALLOC_ARENA_MAX")
            os.environ.setdefault("MALLOC_ARENA_MAX", WORKER_MALLOC_ARENAS)
            try:
                proc.start()
            finally:
                if previous is None:
                    os.environ.pop("MALLOC_ARENA_MAX", None)
        child_conn.close()
        worker = _Worker(proc, parent_conn)
        if not parent_conn.poll(STARTUP_TIMEOUT_S):
            self._reap(worker)
            raise RuntimeError("query worker did not start in time")
        try:
            hello = parent_conn.recv()
        except EOFError:
            self._reap(worker)
            raise RuntimeError(f"query worker died at start (exit {proc.exitcode})") from None
        if hello.get("status") != "ready":
            self._reap(worker)
            raise RuntimeError(f"query worker failed to start: {hello}")
        return worker

    def _spawn_into_pool(self) -> None:
        """Replace a worker in the background; retry with backoff until closed."""
        delay = 0.5
        while not self._closed:
            try:
                worker = self._spawn()
            except (RuntimeError, OSError):
                time.sleep(delay)
                delay = min(delay * 2, 10.0)
                continue
            with self._lock:
                if self._closed:
                    self._reap(worker)
                    return
                self._all.add(worker)
            self._idle.put(worker)
            return

    def _replace(self, worker: _Worker) -> None:
        """Kill ``worker`` now and start a replacement in the background."""
        self._reap(worker)
        with self._lock:
            self._all.discard(worker)
            if self._closed:
                return
        self.stats.respawns += 1
        threading.Thread(target=self._spawn_into_pool, daemon=True).start()

    @staticmethod
    def _reap(worker: _Worker) -> None:
        if worker.proc.is_alive():
            worker.proc.kill()
        worker.proc.join(5)
        worker.conn.close()

    # ---------------------------------------------------------------- running

    def execute(self, job: QueryJob, cancel: threading.Event | None = None) -> QueryOutcome:
        """Run one job to completion within the limits, or raise GuardError."""
        with self._lock:
            if self._closed:
                raise GuardError("store_unavailable", "the query service is shutting down")
            if self._waiting >= self._max_waiting:
                raise GuardError("overloaded", "too many queries are waiting; retry later")
            self._waiting += 1
        try:
            worker = self._acquire(cancel)
        finally:
            with self._lock:
                self._waiting -= 1
        return self._run_on(worker, job, cancel)

    async def aexecute(self, job: QueryJob,
                       is_disconnected: Callable[[], Awaitable[bool]] | None = None
                       ) -> QueryOutcome:
        """Async wrapper: runs :meth:`execute` in a thread and kills the query if the
        client goes away (checked every 0.25 s through ``is_disconnected``)."""
        cancel = threading.Event()
        loop = asyncio.get_running_loop()
        try:
            future = loop.run_in_executor(self._executor, self.execute, job, cancel)
        except RuntimeError:  # executor shut down: the guard was closed
            raise GuardError("store_unavailable", "the query service is shutting down") from None
        try:
            while True:
                done, _ = await asyncio.wait({future}, timeout=0.25)
                if done:
                    return future.result()
                if is_disconnected is not None and await is_disconnected():
                    cancel.set()
        except asyncio.CancelledError:
            cancel.set()
            raise

    def _acquire(self, cancel: threading.Event | None) -> _Worker:
        deadline = time.monotonic() + self.settings.query_timeout_s
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise GuardError("overloaded", "all query workers stayed busy; retry later")
            try:
                worker = self._idle.get(timeout=min(remaining, 0.1))
            except queue.Empty:
                if cancel is not None and cancel.is_set():
                    raise GuardError("client_gone", "client disconnected while waiting") from None
                continue
            if worker.proc.is_alive():
                return worker
            self.stats.crashes += 1
            self._replace(worker)  # died while idle: replace and keep looking

    def _run_on(self, worker: _Worker, job: QueryJob,
                cancel: threading.Event | None) -> QueryOutcome:
        started = time.monotonic()
        deadline = started + self.settings.query_timeout_s
        try:
            worker.conn.send(job)
        except (BrokenPipeError, OSError):
            self.stats.crashes += 1
            self._replace(worker)
            raise GuardError("worker_crashed", "the query worker was unavailable; retry") from None
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                self.stats.timeouts += 1
                self._replace(worker)
                self.stats.last_kill_s = time.monotonic() - deadline
                raise GuardError("time_limit", "the query was stopped after "
                                 f"{self.settings.query_timeout_s:g} s")
            if cancel is not None and cancel.is_set():
                self._replace(worker)
                raise GuardError("client_gone", "client disconnected; query stopped")
            wait = min(remaining, CANCEL_POLL_S) if cancel is not None else remaining
            try:
                if worker.conn.poll(wait):
                    break
            except (EOFError, OSError):  # connection closed under us (shutdown)
                raise self._death(worker) from None
        try:
            reply: dict[str, Any] = worker.conn.recv()
        except (EOFError, OSError):
            raise self._death(worker) from None
        if reply.get("retire"):
            self._replace(worker)
        else:
            self._idle.put(worker)
        if reply["status"] != "ok":
            self.stats.errors += 1
            raise GuardError(reply["code"], reply["detail"])
        self.stats.served += 1
        return QueryOutcome(body=reply["body"], content_type=reply["content_type"],
                            form=reply["form"], rows=reply["rows"],
                            generation=reply["generation"],
                            elapsed_s=time.monotonic() - started)

    def _death(self, worker: _Worker) -> GuardError:
        """Classify a worker that died mid-query, and replace it."""
        worker.proc.join(5)
        code = worker.proc.exitcode
        self.stats.crashes += 1
        self._replace(worker)
        # Allocation failure under RLIMIT_AS aborts (SIGABRT); the kernel OOM killer
        # sends SIGKILL (we only kill after replying time_limit, so it was not us).
        if code in (-signal.SIGABRT, -signal.SIGKILL):
            return GuardError("memory_limit", "the query needed more than "
                              f"{self.settings.query_memory_mb} MiB and was stopped")
        return GuardError("worker_crashed", f"the query worker died (exit status {code})")
